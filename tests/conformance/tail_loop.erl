-module(tail_loop).
-export([main/1]).

loop(0, Acc) -> Acc;
loop(N, Acc) -> loop(N - 1, Acc + (N band 7)).

count_down(0) -> done;
count_down(N) -> count_down(N - 1).

collatz(1, Steps) -> Steps;
collatz(N, Steps) when N rem 2 =:= 0 -> collatz(N div 2, Steps + 1);
collatz(N, Steps) -> collatz(3 * N + 1, Steps + 1).

even(0) -> true;
even(N) -> odd(N - 1).
odd(0) -> false;
odd(N) -> even(N - 1).

main(_) ->
    io:format("~p~n", [loop(10000000, 0)]),
    io:format("~p~n", [count_down(5000000)]),
    io:format("~p~n", [lists:max([collatz(N, 0) || N <- lists:seq(1, 10000)])]),
    io:format("~p ~p~n", [even(1000001), odd(1000001)]),
    F = fun Loop(0, A) -> A; Loop(N, A) -> Loop(N - 1, A * 3 rem 1000003) end,
    io:format("~p~n", [F(1000000, 1)]),
    io:format("~p~n", [lists:foldl(fun(X, A) -> (A + X) rem 999983 end, 0, lists:seq(1, 2000000))]),
    ok.
