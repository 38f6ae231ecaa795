%% sets: version 1 (the default in OTP 25, a hash table whose printed
%% form and element order come from erlang:phash/2) and version 2 (maps),
%% operations mixing the two, growing and shrinking, and the errors.
-module(sets_test).
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
    V1 = sets:new(),
    V2 = sets:new([{version, 2}]),
    io:format("~p~n~p~n", [V1, V2]),
    io:format("~p ~p~n", [sets:new([{version, 1}]) =:= V1, sets:new([]) =:= V1]),
    io:format("~p ~p ~p ~p~n", [sets:size(V1), sets:size(V2), sets:is_empty(V1), sets:is_empty(V2)]),
    Elems = [a, b, c, 1, 2, 3, 1.0, "s", {t}, [], {}, b, a],
    A1 = sets:from_list(Elems),
    A2 = sets:from_list(Elems, [{version, 2}]),
    io:format("~p~n~p~n", [A1, A2]),
    io:format("~p~n~p~n", [sets:to_list(A1), sets:to_list(A2)]),
    io:format("~p ~p~n", [sets:size(A1), sets:size(A2)]),
    io:format("~p~n", [[{sets:is_element(E, A1), sets:is_element(E, A2)} || E <- [a, 1, 1.0, 2.0, "s", z]]]),
    io:format("~p~n", [[sets:is_set(X) || X <- [V1, V2, A1, #{a => 1}, {set}, [], foo]]]),
    B1 = sets:add_element(d, sets:del_element(a, A1)),
    B2 = sets:add_element(d, sets:del_element(a, A2)),
    io:format("~p~n~p~n", [B1, B2]),
    io:format("~p~n", [sets:del_element(nope, A1) =:= A1]),
    S1 = sets:from_list([1, 2, 3, 4, 5]),
    S2 = sets:from_list([4, 5, 6, 7]),
    T1 = sets:from_list([1, 2, 3, 4, 5], [{version, 2}]),
    T2 = sets:from_list([4, 5, 6, 7], [{version, 2}]),
    Pairs = [{S1, S2}, {S2, S1}, {T1, T2}, {S1, T2}, {T2, S1}, {T1, S2}],
    lists:foreach(
      fun({X, Y}) ->
              io:format("~p~n ~p~n ~p~n", [sets:union(X, Y), sets:intersection(X, Y), sets:subtract(X, Y)]),
              io:format(" ~p ~p ~p~n", [sets:is_subset(X, Y), sets:is_disjoint(X, Y),
                                        sets:is_subset(sets:intersection(X, Y), X)])
      end, Pairs),
    io:format("~p~n", [sets:union([S1, S2, sets:from_list([x])])]),
    io:format("~p~n", [sets:union([T1])]),
    io:format("~p~n", [sets:union([])]),
    io:format("~p~n", [sets:intersection([S1, S2, sets:from_list([5, 4])])]),
    io:format("~p~n", [sets:is_disjoint(S1, sets:from_list([9]))]),
    io:format("~p~n", [sets:fold(fun(E, Acc) -> [E | Acc] end, [], A1)]),
    io:format("~p~n", [sets:fold(fun(E, Acc) -> [E | Acc] end, [], A2)]),
    io:format("~p~n", [sets:filter(fun is_atom/1, A1)]),
    io:format("~p~n", [sets:filter(fun is_atom/1, A2)]),
    %% Growing past 80 elements and shrinking back.
    Nums = [R rem 100000 || R <- randoms(9, 150, [])],
    Big = sets:from_list(Nums),
    io:format("~p~n", [Big]),
    io:format("~p~n", [sets:to_list(Big)]),
    Shrunk = lists:foldl(fun sets:del_element/2, Big, lists:sublist(Nums, 110)),
    io:format("~p~n", [Shrunk]),
    io:format("~p~n", [sets:filter(fun(X) -> X rem 3 =:= 0 end, Big)]),
    io:format("~p~n", [sets:subtract(Big, sets:from_list(lists:sublist(Nums, 100)))]),
    io:format("~p~n", [sets:union(Big, sets:from_list([a, b, c]))]),
    %% Errors.
    io:format("~p~n", [[try_it(F) || F <- [fun() -> sets:new([{version, 3}]) end,
                                           fun() -> sets:from_list([a], [{version, 3}]) end,
                                           fun() -> sets:intersection([]) end,
                                           fun() -> sets:size(foo) end,
                                           fun() -> sets:to_list(foo) end,
                                           fun() -> sets:is_element(a, foo) end,
                                           fun() -> sets:add_element(a, foo) end,
                                           fun() -> sets:fold(foo, 0, A1) end,
                                           fun() -> sets:filter(foo, A1) end,
                                           fun() -> sets:fold(foo, 0, A2) end,
                                           fun() -> sets:filter(foo, A2) end,
                                           fun() -> sets:from_list(foo) end]]]).
