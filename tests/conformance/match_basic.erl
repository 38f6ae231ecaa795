-module(match_basic).
-export([main/1]).

id(X) -> X.

first([H | _]) -> H.
swap({A, B}) -> {B, A}.
same(X, X) -> same;
same(_, _) -> different.
classify([]) -> empty;
classify([_]) -> one;
classify([_, _]) -> two;
classify([_, _ | _]) -> many.
prefix("http://" ++ Rest) -> {http, Rest};
prefix("ftp://" ++ Rest) -> {ftp, Rest};
prefix(Other) -> {unknown, Other}.
deep({a, [_, {b, X} | _], #{k := Y}}) -> {X, Y};
deep(_) -> nomatch.

main(_) ->
    {A, B, C} = id({1, two, "three"}),
    io:format("~p ~p ~p~n", [A, B, C]),
    [H | T] = id([1, 2, 3]),
    io:format("~p ~p~n", [H, T]),
    [X, Y | Z] = id("hello"),
    io:format("~p ~p ~p~n", [X, Y, Z]),
    {P, {Q, [R]}} = id({1, {2, [3]}}),
    io:format("~p~n", [P + Q + R]),
    W = {V1, V2} = id({left, right}),
    io:format("~p ~p ~p~n", [W, V1, V2]),
    {K, K} = id({same, same}),
    io:format("~p~n", [K]),
    io:format("~p ~p~n", [first([a, b]), swap({1, 2})]),
    io:format("~p ~p ~p~n", [same(1, 1), same(1, 1.0), same(a, b)]),
    io:format("~p~n", [[classify(L) || L <- [[], [a], [a, b], [a, b, c]]]]),
    io:format("~p~n", [[prefix(S) || S <- ["http://x.org", "ftp://y", "mailto:z"]]]),
    io:format("~p~n", [deep({a, [0, {b, 42}, 9], #{k => v, j => w}})]),
    io:format("~p~n", [deep({a, [0, {c, 42}], #{k => v}})]),
    io:format("~p~n", [case id({ok, [1, 2]}) of {ok, [_, Second]} -> Second; _ -> none end]),
    io:format("~p~n", [case id(3) of N when N > 2 -> big; _ -> small end]),
    io:format("~p~n", [case id("abc") of [$a | Rest] -> Rest end]),
    io:format("~p~n", [case id({1, 1.0}) of {M, M} -> eq; {_, _} -> neq end]),
    Tuple = id({1, 2, 3, 4, 5}),
    {_, _, Mid, _, _} = Tuple,
    io:format("~p~n", [Mid]),
    [_, {Key, Val} | _] = id([{a, 1}, {b, 2}, {c, 3}]),
    io:format("~p ~p~n", [Key, Val]),
    F = fun({x, N}) -> N * 2; (_) -> none end,
    io:format("~p ~p~n", [F({x, 21}), F(y)]),
    io:format("~p~n", [[E || {E, true} <- [{1, true}, {2, false}, {3, true}]]]),
    S = "abc",
    "a" ++ Tail = S,
    io:format("~p~n", [Tail]),
    ok.
