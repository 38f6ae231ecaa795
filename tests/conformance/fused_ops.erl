%% Instruction pairs the assembler fuses (test-then-return, arithmetic
%% then call, add then return) on their slow paths: floats, bignums,
%% non-numbers and errors must behave as the unfused pairs do.
-module(fused_ops).
-export([main/1]).

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).

down(N) when N < 1 -> N;
down(N) -> down(N - 1).

down2(N) when N < (1 bsl 59) - 3 -> N;
down2(N) -> down2(N - 1).

up(N) when N > -(1 bsl 59) + 3 -> N;
up(N) -> up(N + 1).

sum(0) -> 0;
sum(N) -> N + sum(N - 1).

big_sum(_, 0) -> 0;
big_sum(B, K) -> B + big_sum(B, K - 1).

bad(N) when N < 1 -> oops;
bad(N) -> bad(N - 1) + 1.

main(_) ->
    io:format("~p~n", [fib(10)]),
    io:format("~p~n", [fib(6.5)]),
    io:format("~p~n", [down(1 bsl 70 - (1 bsl 70 - 5))]),
    io:format("~p~n", [down(3.25)]),
    io:format("~p~n", [down2(1 bsl 59 + 2)]),
    io:format("~p~n", [up(-(1 bsl 59) - 2)]),
    io:format("~p~n", [sum(10)]),
    io:format("~p~n", [big_sum(1 bsl 60, 1000)]),
    [try F() catch C:R -> io:format("~p:~p~n", [C, R]) end
     || F <- [fun() -> fib(abc) end, fun() -> down([]) end, fun() -> bad(3) end]],
    ok.
