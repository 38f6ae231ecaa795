%% gb_trees: the whole API, the tree shapes that insert (with its
%% rebalancing), delete and balance produce, and the errors.
-module(gb_trees_test).
-export([main/1]).

%% A small deterministic pseudo-random sequence (no rand module needed).
lcg(X) -> (X * 1103515245 + 12345) rem 2147483648.

randoms(_, 0, Acc) -> lists:reverse(Acc);
randoms(X, N, Acc) -> X1 = lcg(X), randoms(X1, N - 1, [X1 | Acc]).

try_it(F) ->
    try F() of
        V -> V
    catch
        C:R -> {C, R}
    end.

main(_) ->
    E = gb_trees:empty(),
    io:format("~p ~p ~p~n", [E, gb_trees:is_empty(E), gb_trees:size(E)]),
    T1 = lists:foldl(fun(K, T) -> gb_trees:insert(K, K * 10, T) end, E, lists:seq(1, 20)),
    io:format("~p~n", [T1]),
    io:format("~p~n", [gb_trees:balance(T1)]),
    T2 = lists:foldl(fun(K, T) -> gb_trees:insert(K, v, T) end, E, lists:seq(30, 1, -1)),
    io:format("~p~n", [T2]),
    Keys = [R rem 1000 || R <- randoms(42, 60, [])],
    T3 = lists:foldl(fun(K, T) -> gb_trees:enter(K, {val, K}, T) end, E, Keys),
    io:format("~p~n", [T3]),
    io:format("size ~p keys ~p~n", [gb_trees:size(T3), gb_trees:keys(T3)]),
    io:format("values ~p~n", [lists:sublist(gb_trees:values(T3), 5)]),
    io:format("to_list ~p~n", [lists:sublist(gb_trees:to_list(T3), 5)]),
    T4 = lists:foldl(fun(K, T) -> gb_trees:delete_any(K, T) end, T3,
                     lists:sublist(Keys, 1, 40) ++ [-1, 5000]),
    io:format("after deletes ~p~n", [T4]),
    T5 = lists:foldl(fun(K, T) -> gb_trees:delete(K, T) end, T1, [10, 1, 20, 5, 15]),
    io:format("~p~n", [T5]),
    %% Big sequential inserts: only a digest of the shape.
    Big = lists:foldl(fun(K, T) -> gb_trees:insert(K, K, T) end, E, lists:seq(1, 2000)),
    io:format("big ~p ~p ~p~n", [gb_trees:size(Big), depth(element(2, Big)),
                                 erlang:phash(Big, 1000000)]),
    Rnd = lists:foldl(fun(K, T) -> gb_trees:enter(K, x, T) end, E,
                      [R rem 100000 || R <- randoms(7, 3000, [])]),
    io:format("random ~p ~p ~p~n", [gb_trees:size(Rnd), depth(element(2, Rnd)),
                                    erlang:phash(Rnd, 1000000)]),
    %% Lookups.
    io:format("~p~n", [[{gb_trees:lookup(K, T1), gb_trees:is_defined(K, T1)} || K <- [0, 1, 7, 7.0, 20, 21]]]),
    io:format("~p ~p~n", [gb_trees:get(3, T1), gb_trees:get(3.0, T1)]),
    io:format("~p ~p~n", [gb_trees:smallest(T3), gb_trees:largest(T3)]),
    {SK, SV, T6} = gb_trees:take_smallest(T1),
    {LK, LV, T7} = gb_trees:take_largest(T6),
    io:format("~p ~p ~p ~p~n~p~n", [SK, SV, LK, LV, T7]),
    io:format("~p~n", [gb_trees:take(5, T1)]),
    io:format("~p ~p~n", [gb_trees:take_any(5, gb_trees:from_orddict([{5, a}])), gb_trees:take_any(6, T1)]),
    io:format("~p~n", [gb_trees:update(4, new, gb_trees:from_orddict([{1, a}, {4, b}, {9, c}]))]),
    io:format("~p~n", [gb_trees:enter(4, new, gb_trees:from_orddict([{1, a}, {4, b}, {9, c}]))]),
    io:format("~p~n", [gb_trees:map(fun(K, V) -> {K, V} end, gb_trees:from_orddict([{1, a}, {4, b}, {9, c}]))]),
    io:format("~p~n", [[gb_trees:from_orddict([{I, I} || I <- lists:seq(1, N)]) || N <- lists:seq(0, 7)]]),
    %% Keys that compare equal: 1 and 1.0 are the same key.
    io:format("~p~n", [gb_trees:enter(1.0, float, gb_trees:from_orddict([{1, int}]))]),
    %% Iterators.
    It = gb_trees:iterator(T5),
    io:format("~p~n", [It]),
    io:format("~p~n", [walk(It)]),
    io:format("~p~n", [walk(gb_trees:iterator_from(8, T5))]),
    io:format("~p~n", [walk(gb_trees:iterator_from(100, T5))]),
    io:format("~p~n", [walk(gb_trees:iterator(E))]),
    %% Errors.
    io:format("~p~n", [[try_it(F) || F <- [fun() -> gb_trees:insert(3, x, T1) end,
                                           fun() -> gb_trees:get(99, T1) end,
                                           fun() -> gb_trees:update(99, x, T1) end,
                                           fun() -> gb_trees:delete(99, T1) end,
                                           fun() -> gb_trees:take(99, T1) end,
                                           fun() -> gb_trees:smallest(E) end,
                                           fun() -> gb_trees:largest(E) end,
                                           fun() -> gb_trees:take_smallest(E) end,
                                           fun() -> gb_trees:take_largest(E) end,
                                           fun() -> gb_trees:size(foo) end,
                                           fun() -> gb_trees:lookup(1, foo) end,
                                           fun() -> gb_trees:next(foo) end,
                                           fun() -> gb_trees:map(foo, T1) end,
                                           fun() -> gb_trees:from_orddict(foo) end,
                                           fun() -> gb_trees:is_empty(foo) end]]]).

walk(It) ->
    case gb_trees:next(It) of
        none -> [];
        {K, V, It1} -> [{K, V} | walk(It1)]
    end.

depth(nil) -> 0;
depth({_, _, S, B}) -> 1 + max(depth(S), depth(B)).
