%% expect: illegal_guard.erl:7:17
%% expect: illegal guard expression
%% A call to a user function in a guard.
-module(illegal_guard).
-export([main/1]).

main(Args) when is_small(Args) ->
    ok;
main(_) ->
    error.

is_small(L) -> length(L) < 3.
