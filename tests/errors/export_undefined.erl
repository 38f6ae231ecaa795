%% expect: export_undefined.erl:5:18
%% expect: function missing/2 undefined
%% An export of a function the module does not define.
-module(export_undefined).
-export([main/1, missing/2]).

main(_) ->
    ok.
