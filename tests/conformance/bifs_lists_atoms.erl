-module(bifs_lists_atoms).
-export([main/1]).

id(X) -> X.

r(F) -> try F() catch C:E -> {C, E} end.

main(_) ->
    L = id([3, 1, 2]),
    io:format("~p ~p ~p~n", [hd(L), tl(L), length(L)]),
    io:format("~p~n", [r(fun() -> hd(id([])) end)]),
    io:format("~p~n", [r(fun() -> tl(id([])) end)]),
    io:format("~p~n", [r(fun() -> length(id([1 | 2])) end)]),
    io:format("~p~n", [r(fun() -> length(id(a)) end)]),
    io:format("~p ~p~n", [abs(-3), abs(-2.5)]),
    io:format("~p ~p ~p ~p~n", [min(1, 2), max(a, 1), min("a", "b"), max({1}, {0, 0})]),
    io:format("~p~n", [atom_to_list(hello)]),
    io:format("~p~n", [list_to_atom("world")]),
    io:format("~p~n", [list_to_existing_atom("ok")]),
    io:format("~p~n", [r(fun() -> list_to_existing_atom("surely_no_such_atom_xyz_123") end)]),
    io:format("~p~n", [r(fun() -> atom_to_list(id("str")) end)]),
    io:format("~p~n", [r(fun() -> list_to_atom(id([a])) end)]),
    io:format("~p~n", [[1, 2] ++ [3]]),
    io:format("~p~n", [r(fun() -> id(a) ++ [1] end)]),
    io:format("~p~n", [[] ++ a]),
    io:format("~p~n", [[1] ++ a]),
    io:format("~p~n", [r(fun() -> [1, 2] -- a end)]),
    io:format("~p~n", [lists:reverse([1, 2, 3], [4, 5])]),
    io:format("~p ~p~n", [lists:member(2, L), lists:member(9, L)]),
    io:format("~p~n", [lists:keyfind(b, 1, [{a, 1}, {b, 2}])]),
    io:format("~p~n", [lists:keymember(z, 1, [{a, 1}])]),
    io:format("~p~n", [lists:keysearch(a, 1, [{a, 1}])]),
    io:format("~p~n", [r(fun() -> lists:keyfind(a, 0, [{a}]) end)]),
    io:format("~p~n", [is_atom(true) andalso is_boolean(false)]),
    io:format("~p~n", [erlang:atom_to_list('')]),
    ok.
