%% proplists, orddict, ordsets, queue
-module(check_small).
-export([main/0]).
-import(check_common, [cmp/3, cmp/4, rand_list/2, rand_term/1]).

key() -> lists:nth(rand:uniform(5), [a, b, 1, 1.0, c]).
entry() ->
    case rand:uniform(6) of
        1 -> key();
        2 -> {key(), rand:uniform(3)};
        3 -> {key(), [x, rand:uniform(3)]};
        4 -> {key()};
        5 -> {key(), 1, 2};
        6 -> lists:nth(rand:uniform(3), [[], "s", 3])
    end.
qnorm(Q) ->
    case queue:is_queue(Q) of
        true -> {queue, queue:to_list(Q)};
        false -> case Q of
                     {A, B} -> {qnorm(A), qnorm(B)};
                     {value, _} -> Q;
                     _ -> Q
                 end
    end.

main() ->
    check_common:init(),
    F2 = fun(K, V) -> {K, V} end,
    [begin
         L = rand_list(8, fun entry/0),
         K = key(),
         [cmp(proplists, F, [K, L]) || F <- [get_value, get_bool, lookup, lookup_all,
                                             is_defined, delete, append_values,
                                             get_all_values]],
         cmp(proplists, get_value, [K, L, def]),
         [cmp(proplists, F, [L]) || F <- [get_keys, compact, unfold]],
         cmp(proplists, split, [L, [a, 1]]),
         cmp(proplists, substitute_aliases, [[{a, b}, {1, c}], L]),
         cmp(proplists, substitute_negations, [[{a, b}, {1, c}], L]),
         cmp(proplists, normalize, [L, [{aliases, [{a, z}]}, {negations, [{b, nb}]}]]),
         [cmp(proplists, to_map, [L]) || lists:all(fun(E) -> is_atom(E) orelse tuple_size(E) == 2 end,
                                                   [E || E <- L, is_tuple(E) orelse is_atom(E)])],
         cmp(proplists, property, [K, lists:nth(rand:uniform(2), [true, 5])]),
         [cmp(proplists, property, [E]) || E <- L],
         Pairs = [{key(), rand:uniform(5)} || _ <- lists:seq(1, rand:uniform(6) - 1)],
         D = orddict:from_list(Pairs), D2 = orddict:from_list([{key(), 9} || _ <- [1, 2, 3]]),
         cmp(orddict, from_list, [Pairs]),
         [cmp(orddict, F, [K, D]) || F <- [is_key, fetch, find, erase, take]],
         [cmp(orddict, F, [K, 7, D]) || F <- [store, append, update_counter]],
         cmp(orddict, append_list, [K, [7, 8], D]),
         cmp(orddict, update, [K, fun(X) -> X * 10 end, D]),
         cmp(orddict, update, [K, fun(X) -> X * 10 end, 0, D]),
         cmp(orddict, fold, [fun(A, B, C) -> [{A, B} | C] end, [], D]),
         cmp(orddict, map, [F2, D]),
         cmp(orddict, filter, [fun(_, V) -> V > 2 end, D]),
         cmp(orddict, merge, [fun(KK, A, B) -> {KK, A, B} end, D, D2]),
         [cmp(orddict, F, [D]) || F <- [size, is_empty, fetch_keys, to_list]],
         S1 = rand_list(6, fun key/0), S2 = rand_list(6, fun key/0),
         O1 = ordsets:from_list(S1), O2 = ordsets:from_list(S2),
         cmp(ordsets, from_list, [S1]),
         [cmp(ordsets, F, [X]) || F <- [is_set, size, is_empty], X <- [S1, O1]],
         [cmp(ordsets, F, [K, O1]) || F <- [is_element, add_element, del_element]],
         [cmp(ordsets, F, [O1, O2]) || F <- [union, intersection, is_disjoint, subtract, is_subset]],
         [cmp(ordsets, F, [[O1, O2, O1]]) || F <- [union, intersection]],
         cmp(ordsets, map, [fun(X) -> {X} end, O1]),
         cmp(ordsets, filter, [fun is_atom/1, O1]),
         cmp(ordsets, fold, [fun(X, A) -> [X | A] end, [], O1]),
         %% queue: exact representation
         QL = lists:seq(1, rand:uniform(8) - 1),
         Q = lists:foldl(fun({in, X}, A) -> queue:in(X, A); ({in_r, X}, A) -> queue:in_r(X, A);
                            (out, A) -> element(2, queue:out(A)); (out_r, A) -> element(2, queue:out_r(A))
                         end, queue:new(),
                         [lists:nth(rand:uniform(4), [{in, X}, {in_r, X}, out, out_r]) || X <- QL ++ QL]),
         Q2 = queue:from_list(QL),
         [cmp(queue, F, [X]) || F <- [from_list], X <- [QL]],
         [cmp(queue, F, [X]) || F <- [len, to_list, is_empty, is_queue, out, out_r, reverse,
                                      get, get_r, peek, peek_r, drop, drop_r, head, tail,
                                      daeh, last, liat, lait, init], X <- [Q, Q2]],
         [cmp(queue, F, [X, Y]) || F <- [in, in_r, member, delete, delete_r], X <- [3, 9], Y <- [Q, Q2]],
         [cmp(queue, F, [Y, X]) || F <- [cons], X <- [3], Y <- [Q]],
         cmp(queue, snoc, [Q, 3]),
         cmp(queue, join, [Q, Q2]),
         [cmp(queue, split, [N, Q2], fun qnorm/1) || N <- [0, 1, 2, 5]],
         cmp(queue, filter, [fun(X) -> X rem 2 == 0 end, Q]),
         cmp(queue, filter, [fun(X) -> X rem 2 == 0 end, Q2]),
         cmp(queue, filter, [fun(X) -> [X, X] end, Q2]),
         cmp(queue, filtermap, [fun(X) -> X rem 2 == 0 end, Q2], fun qnorm/1),
         cmp(queue, fold, [fun(X, A) -> [X | A] end, [], Q]),
         cmp(queue, any, [fun(X) -> X > 3 end, Q]),
         cmp(queue, all, [fun(X) -> X > 3 end, Q]),
         cmp(queue, delete_with, [fun(X) -> X > 3 end, Q2], fun qnorm/1),
         cmp(queue, delete_with_r, [fun(X) -> X > 3 end, Q2], fun qnorm/1)
     end || _ <- lists:seq(1, 2000)],
    [cmp(queue, F, [a]) || F <- [len, to_list, out, get, peek, drop, reverse]],
    check_common:report(small).
