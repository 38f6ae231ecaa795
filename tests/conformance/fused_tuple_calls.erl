%% The assembler's fused instructions for tuple patterns and pairs:
%% IsTupleArityGetX (a tuple test that extracts the leading elements),
%% TestHeapPutTuple2 (a pair built and returned from a frame),
%% IsEqXIMoveReturn (a base case returning a constant) and MoveYXCall (an
%% argument reloaded from the frame for a call), on their taken and
%% not-taken paths, including tuples of the wrong size and non-tuples.
-module(fused_tuple_calls).
-export([main/1]).

main(_) ->
    T = make(5),
    io:format("~w~n", [check(T)]),
    io:format("~w~n", [make(2)]),
    io:format("~w~n", [[shape(X) || X <- [{a, b}, {a, b, c}, {x}, {}, [a], 7, {{1, 2}, 3}]]]),
    io:format("~w~n", [[base(N) || N <- [0, 1, 2, -1, 0.0, zero]]]),
    io:format("~w~n", [sum3({1, 2, 3}) + sum3({10, 20, 30})]),
    io:format("~w~n", [try check({nil, nil, nil}) catch error:R1 -> R1 end]),
    io:format("~w~n", [try check(nil) catch error:R2 -> R2 end]),
    io:format("~w~n", [swap_deep(make(3))]),
    io:format("~w~n", [deep(20000) rem 1000]).

make(0) -> {nil, nil};
make(D) -> {make(D - 1), make(D - 1)}.

check({nil, nil}) -> 1;
check({L, R}) -> 1 + check(L) + check(R).

shape({A, B}) -> {two, A, B};
shape({A, B, C}) -> {three, A, B, C};
shape({A}) -> {one, A};
shape(T) when is_tuple(T) -> empty;
shape(_) -> other.

base(0) -> zero;
base(1) -> one;
base(N) -> {other, N}.

sum3({A, B, C}) -> A + B + C.

swap_deep({nil, nil}) -> leaf;
swap_deep({L, R}) -> {swap_deep(R), swap_deep(L)}.

%% Deep enough that the pairs built on the way back need collections.
deep(0) -> 0;
deep(N) ->
    {A, B} = {N, deep(N - 1)},
    A + B.
