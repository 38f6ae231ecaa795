-module(lists_keys).
-export([main/1]).

main(_) ->
    L = [{a, 1}, {b, 2}, {c, 3}, {b, 4}],
    io:format("~p~n", [lists:keyfind(b, 1, L)]),
    io:format("~p~n", [lists:keyfind(9, 2, L)]),
    io:format("~p~n", [lists:keysearch(c, 1, L)]),
    io:format("~p~n", [lists:keymember(3, 2, L)]),
    io:format("~p~n", [lists:keydelete(b, 1, L)]),
    io:format("~p~n", [lists:keyreplace(b, 1, L, {b, replaced})]),
    io:format("~p~n", [lists:keyreplace(z, 1, L, {z, 0})]),
    io:format("~p~n", [lists:keystore(b, 1, L, {b, stored})]),
    io:format("~p~n", [lists:keystore(z, 1, L, {z, appended})]),
    io:format("~p~n", [lists:keytake(b, 1, L)]),
    io:format("~p~n", [lists:keytake(z, 1, L)]),
    io:format("~p~n", [lists:keymap(fun(X) -> X * 10 end, 2, L)]),
    io:format("~p~n", [lists:keysort(2, [{x, 3}, {y, 1}, {z, 2}])]),
    io:format("~p~n", [lists:keyfind(1, 1, [{1.0, float}, {1, int}])]),
    io:format("~p~n", [lists:keydelete(1, 1, [{1.0, float}, {1, int}])]),
    io:format("~p~n", [lists:keydelete(a, 2, [{a}, x, {b, a}])]),
    Db = lists:foldl(fun({K, V}, Acc) -> lists:keystore(K, 1, Acc, {K, V}) end, [],
                     [{x, 1}, {y, 2}, {x, 3}]),
    io:format("~p~n", [Db]),
    io:format("~p~n", [catch element(1, element(2, catch lists:keyfind(a, 0, L)))]),
    ok.
