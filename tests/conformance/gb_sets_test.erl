%% gb_sets: the whole API, the tree shapes of insert, delete, balance and
%% the set operations (which either merge lists or add one by one), which
%% element survives when two compare equal (1 and 1.0), and the errors.
-module(gb_sets_test).
-export([main/1]).

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
    E = gb_sets:empty(),
    io:format("~p ~p ~p ~p ~p~n", [E, gb_sets:new(), gb_sets:is_empty(E), gb_sets:size(E), gb_sets:singleton(x)]),
    S1 = lists:foldl(fun gb_sets:insert/2, E, lists:seq(1, 20)),
    io:format("~p~n~p~n", [S1, gb_sets:balance(S1)]),
    S2 = lists:foldl(fun gb_sets:add/2, E, [R rem 500 || R <- randoms(3, 50, [])]),
    io:format("~p~n", [S2]),
    io:format("~p~n", [gb_sets:to_list(S2)]),
    S3 = lists:foldl(fun gb_sets:del_element/2, S2, [R rem 500 || R <- randoms(3, 25, [])] ++ [-5]),
    io:format("~p~n", [S3]),
    io:format("~p~n", [gb_sets:delete(10, S1)]),
    io:format("~p~n", [[gb_sets:from_list(lists:seq(1, N)) || N <- lists:seq(0, 6)]]),
    io:format("~p~n", [gb_sets:from_list([c, a, b, a, 1, 1.0])]),
    io:format("~p~n", [gb_sets:from_ordset([1, 2, 3, 4])]),
    %% Set operations, small and large, both argument orders.
    A = gb_sets:from_list([R rem 100 || R <- randoms(11, 40, [])]),
    B = gb_sets:from_list([R rem 100 || R <- randoms(12, 15, [])]),
    Big = lists:foldl(fun gb_sets:add_element/2, E, [R rem 10000 || R <- randoms(13, 300, [])]),
    Small = gb_sets:from_list([1, 5000, 7777, 3, 9999]),
    io:format("~p~n~p~n", [gb_sets:union(A, B), gb_sets:union(B, A)]),
    io:format("~p~n~p~n", [gb_sets:intersection(A, B), gb_sets:intersection(B, A)]),
    io:format("~p~n~p~n", [gb_sets:difference(A, B), gb_sets:subtract(B, A)]),
    io:format("~p ~p ~p ~p~n", [gb_sets:is_subset(B, A), gb_sets:is_subset(gb_sets:intersection(A, B), A),
                               gb_sets:is_disjoint(A, B), gb_sets:is_disjoint(B, gb_sets:from_list([-1]))]),
    U1 = gb_sets:union(Big, Small),
    io:format("~p ~p~n", [gb_sets:size(U1), erlang:phash(U1, 1000000)]),
    io:format("~p~n", [gb_sets:union(Small, gb_sets:from_list(lists:seq(1, 30)))]),
    io:format("~p~n", [gb_sets:intersection(Big, gb_sets:union(Small, gb_sets:from_list([1381, 5506])))]),
    io:format("~p~n", [gb_sets:difference(Small, Big)]),
    io:format("~p~n", [gb_sets:union([A, B, Small])]),
    io:format("~p~n", [gb_sets:union([])]),
    io:format("~p~n", [gb_sets:intersection([A, B, gb_sets:from_list(lists:seq(50, 100))])]),
    %% 1 and 1.0 compare equal: which one stays.
    F1 = gb_sets:from_list([1.0, 2, 3.0, 4]),
    F2 = gb_sets:from_list([1, 2.0, 3, 5]),
    io:format("~p~n~p~n", [gb_sets:union(F1, F2), gb_sets:union(F2, F1)]),
    io:format("~p~n~p~n", [gb_sets:intersection(F1, F2), gb_sets:intersection(F2, F1)]),
    io:format("~p ~p~n", [gb_sets:is_member(1, F1), gb_sets:is_element(5.0, F2)]),
    io:format("~p~n", [gb_sets:add(1, F1)]),
    %% Folds, filters, ends.
    io:format("~p~n", [gb_sets:fold(fun(X, Acc) -> [X | Acc] end, [], A)]),
    io:format("~p~n", [gb_sets:filter(fun(X) -> X rem 3 =:= 0 end, A)]),
    io:format("~p ~p~n", [gb_sets:smallest(A), gb_sets:largest(A)]),
    {Min, A1} = gb_sets:take_smallest(A),
    {Max, A2} = gb_sets:take_largest(A1),
    io:format("~p ~p~n~p~n", [Min, Max, A2]),
    io:format("~p~n", [[gb_sets:is_set(X) || X <- [E, A, {1, {a, nil, nil}}, {0, x}, foo, {-1, {a, nil, nil}}]]]),
    It = gb_sets:iterator(B),
    io:format("~p~n~p~n", [It, walk(It)]),
    io:format("~p~n", [walk(gb_sets:iterator_from(50, B))]),
    %% Errors.
    io:format("~p~n", [[try_it(F) || F <- [fun() -> gb_sets:insert(3, S1) end,
                                           fun() -> gb_sets:delete(99, S1) end,
                                           fun() -> gb_sets:smallest(E) end,
                                           fun() -> gb_sets:largest(E) end,
                                           fun() -> gb_sets:take_smallest(E) end,
                                           fun() -> gb_sets:take_largest(E) end,
                                           fun() -> gb_sets:intersection([]) end,
                                           fun() -> gb_sets:size(foo) end,
                                           fun() -> gb_sets:fold(foo, 0, S1) end,
                                           fun() -> gb_sets:from_list(foo) end,
                                           fun() -> gb_sets:is_member(1, foo) end]]]).

walk(It) ->
    case gb_sets:next(It) of
        none -> [];
        {K, It1} -> [K | walk(It1)]
    end.
