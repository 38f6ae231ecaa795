%% expect: wrong_module_name.erl:4:1
%% expect: does not match file name 'wrong_module_name'
%% -module names a module other than the file's.
-module(right_module_name).
-export([main/1]).

main(_) ->
    ok.
