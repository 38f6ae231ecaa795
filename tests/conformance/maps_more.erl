-module(maps_more).
-export([main/1]).

%% maps: the functions written in Erlang (fold, iterators, filtermap,
%% groups_from_list, intersect_with, merge_with, ...) with OTP's results
%% and error reasons.  Iterators are only printed fresh (OTP leaves the
%% rest of their representation unspecified).

t(Name, F) ->
    R = try F() of V -> V catch C:E -> {C, E} end,
    io:format("~s: ~p~n", [Name, R]).

walk(I) ->
    case maps:next(I) of
        none -> [];
        {K, V, I2} -> [{K, V} | walk(I2)]
    end.

main(_) ->
    M = #{a => 1, b => 2, c => 3},
    t("iterator", fun() -> maps:iterator(#{a => 1}) end),
    t("iterator_bad", fun() -> maps:iterator(x) end),
    t("walk", fun() -> walk(maps:iterator(M)) end),
    t("walk_empty", fun() -> walk(maps:iterator(#{})) end),
    t("walk_big", fun() -> length(walk(maps:iterator(maps:from_list([{X, X} || X <- lists:seq(1, 100)])))) end),
    t("next_none", fun() -> maps:next(none) end),
    t("next_bad", fun() -> maps:next(x) end),
    t("next_bad2", fun() -> maps:next([0 | x]) end),
    t("fold", fun() -> maps:fold(fun(K, V, A) -> [{K, V} | A] end, [], M) end),
    t("fold_iter", fun() -> maps:fold(fun(K, V, A) -> [{K, V} | A] end, [], maps:iterator(M)) end),
    t("fold_iter2", fun() -> {_, _, I} = maps:next(maps:iterator(M)), maps:fold(fun(K, _, A) -> [K | A] end, [], I) end),
    t("fold_none", fun() -> maps:fold(fun(K, _, A) -> [K | A] end, [], none) end),
    t("fold_badmap", fun() -> maps:fold(fun(K, _, A) -> [K | A] end, [], x) end),
    t("fold_badmap2", fun() -> maps:fold(fun(K, _, A) -> [K | A] end, [], [0 | x]) end),
    t("fold_badfun", fun() -> maps:fold(x, [], M) end),
    t("map", fun() -> maps:map(fun(K, V) -> {K, V * 2} end, M) end),
    t("map_iter", fun() -> maps:map(fun(_, V) -> V + 1 end, maps:iterator(M)) end),
    t("map_badfun", fun() -> maps:map(fun(K) -> K end, M) end),
    t("map_badmap", fun() -> maps:map(fun(_, V) -> V end, [a]) end),
    t("filter", fun() -> maps:filter(fun(_, V) -> V > 1 end, M) end),
    t("filter_notbool", fun() -> maps:filter(fun(_, _) -> x end, M) end),
    t("filtermap", fun() -> maps:filtermap(fun(a, _) -> true; (b, V) -> {true, V * 10}; (_, _) -> false end, M) end),
    t("filtermap_bad", fun() -> maps:filtermap(fun(_, _) -> x end, M) end),
    t("foreach", fun() -> put(n, 0), maps:foreach(fun(_, V) -> put(n, get(n) + V) end, M), get(n) end),
    t("foreach_bad", fun() -> maps:foreach(fun(_, _) -> ok end, x) end),
    t("get3", fun() -> {maps:get(a, M, def), maps:get(z, M, def)} end),
    t("get3_bad", fun() -> maps:get(a, x, def) end),
    t("update_with3", fun() -> maps:update_with(a, fun(V) -> V + 100 end, M) end),
    t("update_with3_badkey", fun() -> maps:update_with(z, fun(V) -> V end, M) end),
    t("update_with3_badmap", fun() -> maps:update_with(a, fun(V) -> V end, x) end),
    t("update_with3_badfun", fun() -> maps:update_with(a, x, M) end),
    t("update_with4", fun() -> {maps:update_with(a, fun(V) -> V + 1 end, 0, M), maps:update_with(z, fun(V) -> V end, 0, M)} end),
    t("update_with4_bad", fun() -> maps:update_with(a, fun(V) -> V end, 0, x) end),
    t("with", fun() -> maps:with([a, c, z], M) end),
    t("with_bad1", fun() -> maps:with(x, M) end),
    t("with_bad2", fun() -> maps:with([a], x) end),
    t("with_bad3", fun() -> maps:with([a | b], M) end),
    t("without", fun() -> maps:without([a, z], M) end),
    t("without_bad", fun() -> maps:without(x, y) end),
    t("from_keys", fun() -> maps:from_keys([a, b, a], 0) end),
    t("from_keys_bad", fun() -> maps:from_keys([a | b], 0) end),
    t("from_keys_bad2", fun() -> maps:from_keys(x, 0) end),
    t("intersect", fun() -> maps:intersect(#{a => 1, b => 2}, #{b => 3.0, c => 4}) end),
    t("intersect_numkeys", fun() -> maps:intersect(#{1 => a}, #{1.0 => b}) end),
    t("intersect_bad1", fun() -> maps:intersect(x, y) end),
    t("intersect_bad2", fun() -> maps:intersect(#{}, y) end),
    t("intersect_with", fun() -> maps:intersect_with(fun(K, A, B) -> {K, A, B} end, #{a => 1, b => 2, c => 3}, #{b => 3}) end),
    t("intersect_with_bad", fun() -> maps:intersect_with(x, #{}, y) end),
    t("merge_with", fun() -> maps:merge_with(fun(K, A, B) -> {K, A, B} end, #{a => 1, b => 2}, #{b => 3, c => 4}) end),
    t("merge_with_big_left", fun() -> maps:merge_with(fun(K, A, B) -> {K, A, B} end, #{a => 1, b => 2, c => 3}, #{b => 3}) end),
    t("merge_with_bad1", fun() -> maps:merge_with(x, y, #{}) end),
    t("merge_with_bad2", fun() -> maps:merge_with(fun(K, A, B) -> {K, A, B} end, #{}, y) end),
    t("groups2", fun() -> maps:groups_from_list(fun(X) -> X rem 3 end, lists:seq(1, 10)) end),
    t("groups3", fun() -> maps:groups_from_list(fun erlang:length/1, fun lists:reverse/1, ["ab", "cd", "e", "fgh"]) end),
    t("groups_order", fun() -> put(log, []), maps:groups_from_list(fun(X) -> put(log, [{k, X} | get(log)]), X end, fun(X) -> put(log, [{v, X} | get(log)]), X end, [1, 2, 3]), get(log) end),
    t("groups_bad1", fun() -> maps:groups_from_list(fun(X) -> X end, [a | b]) end),
    t("groups_bad2", fun() -> maps:groups_from_list(x, [1]) end),
    t("groups_empty", fun() -> maps:groups_from_list(fun(X) -> X end, []) end),
    ok.
