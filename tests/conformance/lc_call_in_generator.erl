%% Regression: a comprehension whose generator list holds a local call
%% (`[N || N <- [f(x), abc]]`) built the list in x1 and then made the
%% comprehension's fun in x1 over it, so the fun got itself as the list
%% ({bad_generator, #Fun<...>}): a register hint chosen before the
%% earlier arguments were computed was used after one of them took it.
-module(lc_call_in_generator).
-export([main/1]).

f(X) -> {X}.

main(_) ->
    io:format("~p~n", [[N || N <- [f(x), abc]]]),
    io:format("~p~n", [[{N, M} || N <- [f(1), f(2)], M <- [f(N), z]]]),
    G = fun(A, B) -> {A, B()} end,
    io:format("~p~n", [G([f(a), b], fun() -> c end)]),
    io:format("~p~n", [(fun(L) -> length(L) end)([f(1), 2, 3])]).
