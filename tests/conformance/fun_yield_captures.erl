%% Regression: when the register file moved out of the process, a process
%% preempted at a call to a closure kept only the call's arguments, not
%% the captured values and the fun placed after them, so the closure ran
%% with another process's registers (spawn(fun() -> Parent ! ready end)
%% sent to a fun: badarg). Preemption points depend on the budget; the
%% conformance harness also runs this with --reductions 3.
-module(fun_yield_captures).
-export([main/1]).

main(_) ->
    Parent = self(),
    Pids = [spawn(fun() -> Parent ! {ready, N, [N, N * 2]} end) || N <- lists:seq(1, 20)],
    Got = lists:sort([receive {ready, N, L} -> {N, L} end || _ <- Pids]),
    io:format("~w~n", [lists:sum([N || {N, _} <- Got])]),
    io:format("~w~n", [lists:last(Got)]),
    Tag = {tag, "captured", 3.5},
    Add = fun(X) -> {Tag, X + length(element(2, Tag))} end,
    io:format("~w~n", [lists:map(Add, lists:seq(1, 5))]),
    io:format("~w~n", [loop(Add, 200, [])]),
    Fact = fun F(0) -> 1; F(K) -> K * F(K - 1) end,
    io:format("~w~n", [Fact(25)]),
    Deep = fun G(0, Acc) -> Acc; G(K, Acc) -> G(K - 1, [{K, Tag} | Acc]) end,
    io:format("~w~n", [length(Deep(500, []))]),
    io:format("~w~n", [hd(Deep(3, []))]),
    Self = self(),
    spawn(fun() -> Self ! {sum, lists:foldl(fun(X, A) -> X + A + size(Tag) end, 0, lists:seq(1, 100))} end),
    receive {sum, S} -> io:format("~w~n", [S]) end.

loop(_, 0, Acc) -> lists:sum([X || {_, X} <- Acc]);
loop(F, N, Acc) -> loop(F, N - 1, [F(N) | Acc]).
