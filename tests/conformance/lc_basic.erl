-module(lc_basic).
-export([main/1]).

main(_) ->
    io:format("~p~n", [[X * 2 || X <- [1, 2, 3]]]),
    io:format("~p~n", [[{X, Y} || X <- [1, 2, 3], Y <- [a, b]]]),
    io:format("~p~n", [[X || X <- lists:seq(1, 20), X rem 3 =:= 0]]),
    io:format("~p~n", [[X || {ok, X} <- [{ok, 1}, error, {ok, 2}, {error, 3}, {ok, 3}]]]),
    io:format("~p~n", [[{X, Y} || X <- lists:seq(1, 4), Y <- lists:seq(X, 4), X + Y =:= 5]]),
    io:format("~p~n", [[[Y || Y <- lists:seq(1, X)] || X <- lists:seq(1, 4)]]),
    io:format("~p~n", [[X || [X | _] <- [[1, 2], [], [3], "ab"]]]),
    Pyth = [{A, B, C} || C <- lists:seq(1, 30), B <- lists:seq(1, C), A <- lists:seq(1, B),
                         A * A + B * B =:= C * C],
    io:format("~p~n", [Pyth]),
    io:format("~p~n", [[X || X <- [], X > 1]]),
    io:format("~p~n", [[ok || _ <- [a, b, c]]]),
    io:format("~p~n", [[X + Y || X <- [1, 2], Y <- [10, 20], X < 2 orelse Y > 10]]),
    Qs = fun Qs([]) -> []; Qs([P | T]) -> Qs([X || X <- T, X < P]) ++ [P] ++ Qs([X || X <- T, X >= P]) end,
    io:format("~p~n", [Qs([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5])]),
    io:format("~p~n", [[{K, V} || {K, V} <- maps:to_list(#{a => 1, b => 2, c => 3}), V > 1]]),
    io:format("~s~n", [[C - 32 || C <- "hello", C =/= $l]]),
    X = 5,
    io:format("~p~n", [[X || X <- [1, 2, 3]]]),
    io:format("~p~n", [[Y || {Y, Y} <- [{1, 1}, {1, 2}, {3, 3}]]]),
    io:format("~p~n", [[X || true]]),
    io:format("~p~n", [[X || false]]),
    Perms = fun P([]) -> [[]]; P(L) -> [[H | T] || H <- L, T <- P(L -- [H])] end,
    io:format("~p~n", [Perms([1, 2, 3])]),
    ok.
