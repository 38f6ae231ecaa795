-module(maps_module).
-export([main/1]).

drain(I) ->
    case maps:next(I) of
        none -> [];
        {K, V, I2} -> [{K, V} | drain(I2)]
    end.

main(_) ->
    M = #{a => 1, b => 2, c => 3, d => 4},
    io:format("~p~n", [maps:map(fun(_, V) -> V * 10 end, M)]),
    io:format("~p~n", [maps:filter(fun(_, V) -> V rem 2 =:= 0 end, M)]),
    io:format("~p~n", [maps:filtermap(fun(a, _) -> false; (_, V) when V > 2 -> {true, -V}; (_, _) -> true end, M)]),
    io:format("~p~n", [maps:fold(fun(K, V, Acc) -> [{K, V} | Acc] end, [], M)]),
    io:format("~p~n", [maps:fold(fun(_, V, Acc) -> V + Acc end, 0, M)]),
    io:format("~p~n", [maps:with([a, c, z], M)]),
    io:format("~p~n", [maps:without([a, c, z], M)]),
    io:format("~p~n", [maps:merge(M, #{a => 100, e => 5})]),
    io:format("~p~n", [maps:merge_with(fun(_, V1, V2) -> V1 + V2 end, M, #{a => 100, e => 5})]),
    io:format("~p~n", [maps:intersect(M, #{a => x, z => y})]),
    io:format("~p~n", [maps:intersect_with(fun(K, V1, V2) -> {K, V1, V2} end, M, #{b => x})]),
    io:format("~p~n", [maps:from_keys([x, y, z], 0)]),
    io:format("~p~n", [maps:groups_from_list(fun(X) -> X rem 3 end, lists:seq(1, 10))]),
    io:format("~p~n", [maps:groups_from_list(fun erlang:length/1, fun lists:reverse/1, ["ab", "cd", "e", "fgh"])]),
    io:format("~p~n", [maps:update_with(a, fun(V) -> V + 1 end, M)]),
    io:format("~p~n", [maps:update_with(z, fun(V) -> V + 1 end, 0, M)]),
    io:format("~p~n", [maps:get(z, M, default)]),
    io:format("~p~n", [drain(maps:iterator(M))]),
    io:format("~p~n", [drain(maps:iterator(#{}))]),
    io:format("~p~n", [maps:next(maps:iterator(#{only => 1})) =/= none]),
    {K1, V1, _} = maps:next(maps:iterator(#{only => 1})),
    io:format("~p ~p~n", [K1, V1]),
    io:format("~p~n", [maps:to_list(maps:map(fun(K, V) -> {K, V} end, maps:iterator(M)))]),
    io:format("~p~n", [maps:size(M)]),
    io:format("~p~n", [maps:find(c, M)]),
    maps:foreach(fun(K, V) -> io:format("~p=~p ", [K, V]) end, M),
    io:format("~n"),
    io:format("~p~n", [maps:values(maps:from_list([{N, N} || N <- lists:seq(10, 1, -1)]))]),
    ok.
