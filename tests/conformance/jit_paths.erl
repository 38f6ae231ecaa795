%% The paths where compiled code (the JIT) hands over to the interpreter:
%% small-integer arithmetic overflowing into bignums, comparisons and exact
%% equality of boxed terms, deep recursion growing the stack, building
%% under collection pressure, long self-recursive loops that must yield,
%% clause selection on atoms and integers, and errors raised from
%% functions that run compiled. Run with GIRDER_JIT_THRESHOLD=1 by the
%% conformance tests so that every function here is compiled.
-module(jit_paths).
-export([main/1]).

%% Self-recursion with + and - (the native call/return path).
fib(0) -> 0;
fib(1) -> 1;
fib(N) -> fib(N - 1) + fib(N - 2).

%% Sums that leave the small-integer range part way.
sum_to(0, Acc) -> Acc;
sum_to(N, Acc) -> sum_to(N - 1, Acc + N * 1000000000000).

count_down(N) when N < -1000 -> N;
count_down(N) -> count_down(N - 576460752303423000).

add_one(X) -> X + 1.
sub_one(X) -> X - 1.

%% Comparisons of small integers, floats, bignums and other terms.
cmp(A, B) when A < B -> lt;
cmp(A, B) when A >= B -> ge.

%% Exact equality: immediates, equal boxed terms at different addresses.
same(A, A) -> same;
same(_, _) -> different.

%% Deep non-tail recursion: the stack outgrows its capacity many times.
depth(0) -> [];
depth(N) -> [N | depth(N - 1)].

len([]) -> 0;
len([_ | T]) -> 1 + len(T).

%% Trees: tuple building and matching under collection pressure.
make(0) -> {nil, nil};
make(D) -> {make(D - 1), make(D - 1)}.

check({nil, nil}) -> 1;
check({L, R}) -> 1 + check(L) + check(R).

%% A long tail-recursive loop (must yield to the other process).
spin(0, Acc) -> Acc;
spin(N, Acc) -> spin(N - 1, Acc + 1).

%% Clause selection.
kind(a) -> atom_a;
kind(b) -> atom_b;
kind(1) -> one;
kind(2) -> two;
kind(X) when is_integer(X) -> integer;
kind(X) when is_tuple(X) -> tuple;
kind([]) -> nil;
kind([_ | _]) -> cons;
kind(_) -> other.

swap({A, B}) -> {B, A}.

%% Type tests on every kind of term.
types(X) ->
    [T || {T, true} <- [{integer, is_integer(X)}, {float, is_float(X)}, {number, is_number(X)},
                        {atom, is_atom(X)}, {boolean, is_boolean(X)}, {map, is_map(X)},
                        {function, is_function(X)}, {reference, is_reference(X)},
                        {tuple, is_tuple(X)}, {list, is_list(X)}]].
kind2(X) when is_map(X) -> map;
kind2(X) when is_float(X) -> float;
kind2(X) when is_integer(X) -> integer;
kind2(X) when is_function(X) -> function;
kind2(X) when is_boolean(X) -> boolean;
kind2(X) when is_reference(X) -> reference;
kind2(X) when is_number(X) -> number;
kind2(_) -> other.

%% Arithmetic on floats and mixed operands, products leaving the small
%% range, division by zero and float overflow (badarith).
add(A, B) -> A + B.
sub(A, B) -> A - B.
mul(A, B) -> A * B.
divide(A, B) -> A / B.
ops(A, B) -> [safe(fun() -> F(A, B) end) || F <- [fun add/2, fun sub/2, fun mul/2, fun divide/2]].

%% Integer operators and guard BIFs run in compiled code.
idiv(A, B) -> A div B.
irem(A, B) -> A rem B.
iband(A, B) -> A band B.
ibor(A, B) -> A bor B.
ibxor(A, B) -> A bxor B.
ibsr(A, B) -> A bsr B.
ibsl(A, B) -> A bsl B.
int_ops(A, B) ->
    [safe(fun() -> F(A, B) end)
     || F <- [fun idiv/2, fun irem/2, fun iband/2, fun ibor/2, fun ibxor/2, fun ibsr/2, fun ibsl/2]].

neg(X) -> -X.
root(X) -> math:sqrt(X).
first(L) -> hd(L).
rest(L) -> tl(L).
size_of(T) -> tuple_size(T).
nth(N, T) -> element(N, T).
adder(N) -> fun(X) -> X + N end.

%% Comparisons as values.
cmps(A, B) -> [A < B, A >= B, A == B, A /= B, A =:= B, A =/= B].

%% Errors raised in compiled functions.
bad_add(X) -> X + 1.
head([H | _]) -> H.
pair({A, B}) -> A + B.

safe(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

main(_) ->
    io:format("~p~n", [[fib(N) || N <- lists:seq(0, 20)]]),
    io:format("~p~n", [sum_to(100000, 0)]),
    io:format("~p~n", [count_down(10000000000000000000)]),
    io:format("~p~n", [[add_one(X) || X <- [1, 576460752303423487, -576460752303423489, 1.5, 100000000000000000000]]]),
    io:format("~p~n", [[sub_one(X) || X <- [1, -576460752303423488, 576460752303423488, 2.5]]]),
    io:format("~p~n", [[cmp(A, B) || {A, B} <- [{1, 2}, {2, 1}, {1.0, 1}, {1, 1.5}, {a, 1}, {1, a},
                                                 {100000000000000000000, 1}, {[], {}}, {{1}, {0}}]]]),
    io:format("~p~n", [[same(A, B) || {A, B} <- [{1, 1}, {1, 1.0}, {a, a}, {a, b}, {[], []},
                                                  {{1, 2}, {1, 2}}, {[1, 2], [1, 2]}, {1.5, 1.5},
                                                  {100000000000000000000, 100000000000000000000},
                                                  {<<"ab">>, <<"ab">>}, {{1, 2}, {1, 3}}]]]),
    L = depth(200000),
    io:format("~p ~p ~p~n", [len(L), hd(L), lists:last(L)]),
    io:format("~p~n", [[check(make(D)) || D <- lists:seq(0, 16)]]),
    Self = self(),
    Other = spawn(fun() -> Self ! {other, spin(3000000, 0)} end),
    Mine = spin(3000000, 7),
    receive {other, V} -> io:format("~p ~p ~p~n", [Mine, V, is_pid(Other)]) end,
    io:format("~p~n", [[kind(X) || X <- [a, b, c, 1, 2, 3, 100000000000000000000, {x}, [], [1], 1.0, <<>>]]]),
    io:format("~p~n", [[swap({X, Y}) || {X, Y} <- [{1, 2}, {a, [b]}]]]),
    Values = [1, -5, 100000000000000000000, -100000000000000000000, 1.5, true, false, a, [], [1], {},
              {1, 2}, #{}, #{a => 1}, fun kind2/1, fun lists:map/2, fun(Y) -> Y end, make_ref(), <<1>>, self()],
    io:format("~p~n", [[types(V) || V <- Values]]),
    io:format("~p~n", [[kind2(V) || V <- Values]]),
    io:format("~p~n", [[ops(A, B) || {A, B} <- [{1.5, 2}, {3, 0.5}, {2.0, 0.0}, {7, 2}, {6, 0},
                                                 {1.0e300, 1.0e300}, {576460752303423487, 576460752303423487},
                                                 {-3, 100000000000}, {0.1, 0.2}]]]),
    io:format("~p~n", [[int_ops(A, B) || {A, B} <- [{7, 2}, {-7, 2}, {7, -2}, {7, 0}, {-1, 3}, {255, 4},
                                                     {-255, 70}, {1, 100}, {100000000000000000000, 3},
                                                     {5, -1}, {1.5, 2}]]]),
    io:format("~p~n", [[safe(fun() -> F(X) end) || F <- [fun neg/1, fun root/1, fun first/1, fun rest/1,
                                                          fun size_of/1],
                                                    X <- [4, -576460752303423488, 2.25, -1.0, [a, b], [], {1, 2}, foo]]]),
    io:format("~p~n", [[safe(fun() -> nth(N, T) end) || N <- [0, 1, 2, 3, a, 100000000000000000000],
                                                      T <- [{x, y}, {}, [x]]]]),
    io:format("~p~n", [[(adder(N))(10) || N <- [1, 2.5, -20]]]),
    io:format("~p~n", [[cmps(A, B) || {A, B} <- [{1, 2}, {2, 1}, {1, 1.0}, {a, a}, {a, b}, {1, a},
                                                  {[], []}, {{1}, {1}}, {1.5, 1.5}, {2.5, 1}]]]),
    io:format("~p~n", [[safe(F) || F <- [fun() -> bad_add(foo) end,
                                         fun() -> head([]) end,
                                         fun() -> pair({1, x}) end,
                                         fun() -> pair({1, 2, 3}) end,
                                         fun() -> fib(foo) end]]]).
