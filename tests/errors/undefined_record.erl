%% expect: undefined_record.erl:8:9
%% expect: record point undefined
%% A record used without a -record declaration.
-module(undefined_record).
-export([main/1]).

main(_) ->
    P = #point{x = 1},
    P.
