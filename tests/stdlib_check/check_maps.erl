-module(check_maps).
-export([main/0]).
-import(check_common, [cmp/3, cmp/4, rand_list/2, rand_term/1]).

rmap() -> maps:from_list([{rand_term(1), rand:uniform(9)} || _ <- lists:seq(1, rand:uniform(12) - 1)]).
%% Run an iterator to a list (to compare iterators of both implementations).
drain(M, I) -> case M:next(I) of none -> []; {K, V, I2} -> [{K, V} | drain(M, I2)] end.

main() ->
    check_common:init(),
    F1 = fun(X) -> {X} end,
    F2 = fun(K, V) -> {K, V} end,
    F3 = fun(K, A, B) -> {K, A, B} end,
    P2 = fun(_, V) -> V > 4 end,
    FM = fun(_, V) when V > 6 -> {true, -V}; (_, V) -> V > 3 end,
    Odd = [a, [], 1, [a|b], {}, #{}, #{a => 1, 1 => a}],
    [cmp(maps, F, [A, B]) || F <- [with, without, intersect, from_keys, groups_from_list,
                                   map, filter, filtermap, foreach],
                             A <- Odd ++ [F1, F2, [a, 1, x]], B <- Odd],
    [cmp(maps, F, [A, B, C]) || F <- [get, update_with, merge_with, intersect_with, fold,
                                      groups_from_list],
                                A <- Odd ++ [F1, F2, F3, k],
                                B <- Odd ++ [F1, F2, F3],
                                C <- Odd ++ [[1, 2, 3]]],
    [cmp(maps, update_with, [K, F, I, M]) || K <- [a, b], F <- [F1, x], I <- [0],
                                             M <- [#{a => 1}, a]],
    [begin
         M1 = rmap(), M2 = rmap(),
         Ks = rand_list(6, fun() -> rand_term(1) end),
         cmp(maps, with, [Ks, M1]),
         cmp(maps, without, [Ks, M1]),
         cmp(maps, from_keys, [Ks, x]),
         cmp(maps, intersect, [M1, M2]),
         cmp(maps, intersect_with, [F3, M1, M2]),
         cmp(maps, merge_with, [F3, M1, M2]),
         cmp(maps, map, [F2, M1]),
         cmp(maps, filter, [P2, M1]),
         cmp(maps, filtermap, [FM, M1]),
         cmp(maps, fold, [fun(K, V, A) -> [{K, V} | A] end, [], M1]),
         cmp(maps, groups_from_list, [fun(X) -> X rem 3 end, lists:seq(1, rand:uniform(10))]),
         cmp(maps, groups_from_list, [fun(X) -> X rem 3 end, fun(X) -> X * X end,
                                      lists:seq(1, rand:uniform(10))]),
         [cmp(maps, get, [K, M1, def]) || K <- Ks],
         [cmp(maps, update_with, [K, F1, M1]) || K <- Ks],
         [cmp(maps, update_with, [K, F1, init, M1]) || K <- Ks],
         put(checks, get(checks) + 1),
         case drain(maps, maps:iterator(M1)) =:= drain(girder_maps, girder_maps:iterator(M1)) of
             true -> ok;
             false -> put(failures, get(failures) + 1), io:format("ITERATOR MISMATCH ~p~n", [M1])
         end
     end || _ <- lists:seq(1, 2000)],
    %% next/1 and iterators given to the higher-order functions
    cmp(maps, next, [none]),
    cmp(maps, next, [a]),
    cmp(maps, iterator, [a]),
    check_common:report(maps).
