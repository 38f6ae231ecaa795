-module(funs_closures).
-export([main/1, double/1]).

double(X) -> 2 * X.

adder(N) -> fun(X) -> X + N end.
compose(F, G) -> fun(X) -> F(G(X)) end.
counter(N) -> {fun() -> N end, fun() -> counter(N + 1) end}.

main(_) ->
    Add5 = adder(5),
    io:format("~p~n", [Add5(10)]),
    Inc = compose(adder(1), fun double/1),
    io:format("~p~n", [Inc(20)]),
    Fs = [adder(N) || N <- [1, 2, 3]],
    io:format("~p~n", [[F(100) || F <- Fs]]),
    Fact = fun Fact(0) -> 1; Fact(N) -> N * Fact(N - 1) end,
    io:format("~p~n", [Fact(20)]),
    Fib = fun F(0) -> 0; F(1) -> 1; F(N) -> F(N - 1) + F(N - 2) end,
    io:format("~p~n", [[Fib(N) || N <- lists:seq(0, 15)]]),
    M = fun lists:map/2,
    io:format("~p~n", [M(fun double/1, [1, 2, 3])]),
    D = fun ?MODULE:double/1,
    io:format("~p~n", [D(21)]),
    L = fun erlang:length/1,
    io:format("~p~n", [L([a, b, c])]),
    {Get, Next} = counter(0),
    {Get2, _} = Next(),
    io:format("~p ~p~n", [Get(), Get2()]),
    X = 10,
    Shadow = fun(Y) -> X + Y end,
    io:format("~p~n", [Shadow(5)]),
    Curry = fun(A) -> fun(B) -> fun(C) -> A * 100 + B * 10 + C end end end,
    io:format("~p~n", [((Curry(1))(2))(3)]),
    io:format("~p~n", [[is_function(Curry), is_function(Curry, 1), is_function(Curry, 2)]]),
    io:format("~p~n", [(fun(A, B) -> A - B end)(10, 3)]),
    io:format("~p~n", [lists:foldl(fun(E, Acc) -> Acc * E end, 1, lists:seq(1, 10))]),
    Pipeline = lists:foldl(fun compose/2, fun(Z) -> Z end, [adder(1), fun double/1, adder(-3)]),
    io:format("~p~n", [Pipeline(10)]),
    io:format("~p~n", [erlang:fun_info(Add5, arity)]),
    io:format("~p~n", [erlang:fun_info(fun lists:map/2, module)]),
    ok.
