%% Function clauses whose first patterns are tuples of one arity share one
%% arity test and one extraction of the elements (the compiler's tuple
%% runs); a clause that fails part-way falls to the next clause of the run,
%% then to the clauses after it. Also `Allocate` with two saves, and an
%% addition saved in the frame across a call (AllocateMoveXY2, AddMoveXY).
-module(shared_tuple_clauses).
-export([main/1]).

check({nil, nil}) -> 1;
check({L, R}) -> 1 + check(L) + check(R).

%% The first constant matches and the second does not.
half({nil, nil}) -> both;
half({nil, X}) -> {first, X};
half(_) -> neither.

make(0) -> {nil, nil};
make(D) -> {make(D - 1), make(D - 1)}.

kind({a, X}) when is_integer(X) -> {int_a, X};
kind({a, X}) -> {other_a, X};
kind({X, X}) -> {same, X};
kind({_, b}) -> second_b;
kind({X, Y, Z}) -> {triple, X, Y, Z};
kind({}) -> empty;
kind([H | _]) -> {list, H};
kind(Other) -> {other, Other}.

%% Tuple runs in the second argument are not shared; in the first with
%% more arguments they are.
pick({ok, V}, D) -> {V, D};
pick({error, _}, D) -> D;
pick({ok, _, V}, _) -> V;
pick(_, D) -> {default, D}.

%% The elements are matched deeply, and a guard fails after a bind.
deep({{A, B}, [C]}) when A < B -> {lt, A, B, C};
deep({{A, B}, [C]}) -> {ge, A, B, C};
deep({X, Y}) -> {flat, X, Y}.

only_pairs({A, B}) -> A + B;
only_pairs({A, B, C}) -> A * B * C.

reason(F) ->
    try F() catch error:R -> R end.

sum3(A, B, F) -> F(A) + F(B) + F(A + B).

main(_) ->
    io:format("~p~n", [check(make(6))]),
    io:format("~p~n", [[half(T) || T <- [{nil, nil}, {nil, 1}, {1, nil}, {nil}, nil]]]),
    io:format("~p~n", [[kind(T) || T <- [{a, 1}, {a, x}, {b, b}, {c, b}, {c, d}, {1, 2, 3}, {},
                                           [1, 2], 7, {a}, {a, 1, 2}]]]),
    io:format("~p~n", [[pick(T, d) || T <- [{ok, 1}, {error, e}, {ok, 1, 2}, {ok}, x]]]),
    io:format("~p~n", [[deep(T) || T <- [{{1, 2}, [c]}, {{2, 1}, [c]}, {{1, 2}, []}, {x, y}]]]),
    io:format("~p~n", [[only_pairs({1, 2}), only_pairs({2, 3, 4})]]),
    io:format("~p~n", [reason(fun() -> only_pairs({1}) end)]),
    io:format("~p~n", [reason(fun() -> only_pairs(x) end)]),
    io:format("~p~n", [reason(fun() -> only_pairs({a, 1}) end)]),
    %% A fun's clauses, with a free variable beside the elements.
    K = 10,
    F = fun({x, V}) -> V + K; ({y, V}) -> V * K; ({_, _}) -> K; (_) -> none end,
    io:format("~p~n", [[F(T) || T <- [{x, 1}, {y, 2}, {z, 3}, {z}, 4]]]),
    %% Additions with big and float operands, saved across calls.
    io:format("~p~n", [[sum3(A, B, Fn) || {A, B} <- [{1, 2}, {1 bsl 60, 1 bsl 61}, {1.5, 2.5}],
                                          Fn <- [fun(X) -> X * 2 end, fun(X) -> X / 2 end]]]),
    io:format("~p~n", [reason(fun() -> sum3(1, a, fun(X) -> X end) end)]).
