%% The assembler's fused and specialised instructions, on their fast and
%% slow paths: * and / (small integers, floats, mixed, overflow, errors,
%% in guards), runs of tuple element reads (including ones that overwrite
%% the tuple's register), [H | T] patterns, comparisons used as values
%% in a case, and pairs of moves to and from stack frames.
-module(fused_instrs).
-export([main/1]).

main(_) ->
    io:format("~p~n", [[mul(A, B) || A <- nums(), B <- nums()]]),
    io:format("~p~n", [[fdiv(A, B) || A <- nums(), B <- nums()]]),
    io:format("~p~n", [[guard_mul(X) || X <- [1, 2.5, -3, 1.0e300, a, "s"]]]),
    io:format("~p~n", [[guard_div(X) || X <- [1, 2.5, 0, 0.0, a]]]),
    io:format("~p~n", [chain(1.5, 2.25, 3)]),
    io:format("~p~n", [tuples()]),
    io:format("~p~n", [catch swap_tuple({1, 2, 3})]),
    io:format("~p~n", [nested({{1, 2}, {3, 4, 5}, [6]})]),
    io:format("~p~n", [conses([1, [2, 3], [], {4}, [5 | 6]])]),
    io:format("~p~n", [[classify(A, B) || A <- [1, 2.0, a, "x"], B <- [2, 1.0, b]]]),
    io:format("~p~n", [saves(1, 2, 3, 4)]),
    io:format("~p~n", [qsort([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8.0, 9.7, -1])]),
    ok.

nums() -> [0, 3, -7, 1 bsl 59, 123456789012, 2.5, -0.5, 0.0, 1.0e200].

mul(A, B) ->
    try A * B
    catch error:R -> {error, R}
    end.

fdiv(A, B) ->
    try A / B
    catch error:R -> {error, R}
    end.

guard_mul(X) when X * 2 > 4 -> {big, X};
guard_mul(X) when X * 2.0 < 4 -> {small, X};
guard_mul(X) -> {other, X}.

guard_div(X) when 10 / X > 3 -> {big, X};
guard_div(X) -> {other, X}.

%% Intermediate floats feeding further arithmetic.
chain(A, B, N) ->
    X = A * B,
    Y = X * X / B,
    Z = Y * N / (A * 2),
    {X, Y, Z, Z * N * N / 3}.

tuples() ->
    T = {a, b, c, d, e, f, g},
    {A, B, C, D, E, F, G} = T,
    {_, Q, R, _} = {1, 2, 3, 4},
    [G, F, E, D, C, B, A, Q, R].

%% The tuple's own register is among the destinations of its elements.
swap_tuple(T) ->
    {A, B, C} = T,
    {C, B, A, element(1, T)}.

nested({{A, B}, {C, D, E}, [F]}) -> A + B + C + D + E + F.

conses(L) -> [cons(X) || X <- L].

cons([H | T]) -> {cons, H, T};
cons([]) -> nil;
cons(X) -> {other, X}.

classify(A, B) ->
    case A < B of
        true -> lt;
        false ->
            case A >= B of
                true -> ge;
                false -> impossible
            end
    end.

saves(A, B, C, D) ->
    X = id(A),
    Y = id(B),
    {X, Y, A, B, C, D, id(C), id(D)}.

id(X) -> X.

qsort([]) -> [];
qsort([P | Xs]) -> qsort([X || X <- Xs, X < P]) ++ [P] ++ qsort([X || X <- Xs, X >= P]).
