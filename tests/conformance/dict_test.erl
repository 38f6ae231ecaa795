%% dict: the whole API; the printed hash table (bucket order comes from
%% erlang:phash/2), growing past 80 entries and shrinking back, the
%% order of to_list/fold, and the errors.
-module(dict_test).
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
    D0 = dict:new(),
    io:format("~p ~p ~p~n", [D0, dict:size(D0), dict:is_empty(D0)]),
    D1 = dict:from_list([{a, 1}, {b, 2}, {c, 3}, {"str", 4}, {{t, 1}, 5}, {1.5, 6}, {a, 7}]),
    io:format("~p~n", [D1]),
    io:format("~p~n", [dict:to_list(D1)]),
    io:format("~p~n", [dict:fetch_keys(D1)]),
    io:format("~p ~p ~p ~p~n", [dict:fetch(a, D1), dict:find(b, D1), dict:find(zz, D1), dict:is_key(c, D1)]),
    io:format("~p~n", [dict:to_list(dict:erase(b, D1))]),
    io:format("~p~n", [dict:take(c, D1)]),
    io:format("~p~n", [dict:take(nope, D1)]),
    io:format("~p~n", [dict:to_list(dict:append(a, x, dict:append(q, y, dict:from_list([{a, [w]}]))))]),
    io:format("~p~n", [dict:to_list(dict:append_list(a, [x, y], dict:append_list(q, [z], dict:from_list([{a, [w]}]))))]),
    io:format("~p~n", [dict:to_list(dict:update(a, fun(V) -> V * 100 end, D1))]),
    io:format("~p~n", [dict:to_list(dict:update(new, fun(V) -> V * 100 end, init, D1))]),
    io:format("~p~n", [dict:to_list(dict:update_counter(a, 5, dict:update_counter(n, 2, D1)))]),
    io:format("~p~n", [dict:fold(fun(K, V, Acc) -> [{V, K} | Acc] end, [], D1)]),
    io:format("~p~n", [dict:to_list(dict:map(fun(K, V) -> {K, V} end, D1))]),
    io:format("~p~n", [dict:to_list(dict:filter(fun(_, V) -> V > 3 end, D1))]),
    M1 = dict:from_list([{K, l} || K <- [1, 2, 3, 4]]),
    M2 = dict:from_list([{K, r} || K <- [3, 4, 5]]),
    io:format("~p~n", [dict:to_list(dict:merge(fun(K, L, R) -> {K, L, R} end, M1, M2))]),
    io:format("~p~n", [dict:to_list(dict:merge(fun(K, L, R) -> {K, L, R} end, M2, M1))]),
    %% Exact keys: 1 and 1.0 are different keys.
    io:format("~p~n", [dict:to_list(dict:store(1.0, float, dict:from_list([{1, int}])))]),
    %% Growing: 200 keys, then shrinking back with erase and filter.
    Keys = [R rem 100000 || R <- randoms(5, 200, [])],
    Big = lists:foldl(fun(K, D) -> dict:store(K, K, D) end, D0, Keys),
    io:format("~p~n", [Big]),
    io:format("~p~n", [dict:to_list(Big)]),
    Shrunk = lists:foldl(fun dict:erase/2, Big, lists:sublist(Keys, 150)),
    io:format("~p~n", [Shrunk]),
    Filtered = dict:filter(fun(K, _) -> K rem 4 =:= 0 end, Big),
    io:format("~p~n", [Filtered]),
    Counted = lists:foldl(fun(K, D) -> dict:update_counter(K rem 97, 1, D) end, D0, Keys),
    io:format("~p~n", [lists:sort(dict:to_list(Counted))]),
    io:format("~p~n", [dict:size(Counted)]),
    %% Errors.
    io:format("~p~n", [[try_it(F) || F <- [fun() -> dict:fetch(nope, D1) end,
                                           fun() -> dict:update(nope, fun(V) -> V end, D1) end,
                                           fun() -> dict:update_counter(a, x, D1) end,
                                           fun() -> dict:size(foo) end,
                                           fun() -> dict:from_list([a]) end,
                                           fun() -> dict:from_list(foo) end,
                                           fun() -> dict:map(foo, D1) end,
                                           fun() -> dict:fold(foo, 0, D1) end,
                                           fun() -> dict:filter(foo, D1) end,
                                           fun() -> dict:map(foo, D0) end]]]).
