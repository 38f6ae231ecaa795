-module(maps_errors).
-export([main/1]).

id(X) -> X.

t(Label, F) ->
    R = try F() of V -> {ok, V} catch C:E -> {C, E} end,
    io:format("~s: ~p~n", [Label, R]).

main(_) ->
    M = id(#{a => 1}),
    t("update missing", fun() -> M#{b := 2} end),
    t("update non-map", fun() -> (id(x))#{a => 1} end),
    t("get missing", fun() -> maps:get(b, M) end),
    t("get non-map", fun() -> maps:get(a, id([])) end),
    t("get/3 non-map", fun() -> maps:get(k, id(1), d) end),
    t("get/3 default", fun() -> maps:get(b, M, default) end),
    t("find", fun() -> {maps:find(a, M), maps:find(b, M)} end),
    t("update/3 missing", fun() -> maps:update(b, 1, M) end),
    t("update_with missing", fun() -> maps:update_with(k, fun(X) -> X end, #{}) end),
    t("update_with/4", fun() -> maps:update_with(k, fun(X) -> X end, 0, #{}) end),
    t("remove", fun() -> maps:remove(a, M) end),
    t("remove non-map", fun() -> maps:remove(a, id(foo)) end),
    t("put non-map", fun() -> maps:put(a, 1, id(foo)) end),
    t("take", fun() -> {maps:take(a, M), maps:take(z, M)} end),
    t("size non-map", fun() -> map_size(id(foo)) end),
    t("keys non-map", fun() -> maps:keys(id(foo)) end),
    t("match", fun() -> #{b := _} = M end),
    t("is_key", fun() -> {maps:is_key(a, M), maps:is_key(b, M)} end),
    t("from_list bad", fun() -> maps:from_list(id([a])) end),
    t("merge non-map", fun() -> maps:merge(M, id(x)) end),
    ok.
