%% expect: undefined_macro.erl:8:24
%% expect: undefined macro 'TIMEOUT'
%% A macro used without -define.
-module(undefined_macro).
-export([main/1]).

main(_) ->
    io:format("~p~n", [?TIMEOUT]).
