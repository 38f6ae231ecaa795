-module(bifs_tuples).
-export([main/1]).

id(X) -> X.

r(F) -> try F() catch C:E -> {C, E} end.

main(_) ->
    T = id({a, b, c}),
    io:format("~p ~p ~p~n", [element(1, T), element(3, T), tuple_size(T)]),
    io:format("~p~n", [setelement(2, T, x)]),
    io:format("~p~n", [tuple_to_list(T)]),
    io:format("~p~n", [list_to_tuple([1, [2], {3}])]),
    io:format("~p~n", [erlang:make_tuple(3, z)]),
    io:format("~p~n", [erlang:make_tuple(5, 0, [{2, two}, {4, four}])]),
    io:format("~p~n", [erlang:append_element(T, d)]),
    io:format("~p~n", [erlang:insert_element(1, T, first)]),
    io:format("~p~n", [erlang:insert_element(4, T, last)]),
    io:format("~p~n", [erlang:delete_element(2, T)]),
    io:format("~p ~p~n", [size(T), size({})]),
    io:format("~p~n", [r(fun() -> element(0, T) end)]),
    io:format("~p~n", [r(fun() -> element(4, T) end)]),
    io:format("~p~n", [r(fun() -> element(1, id([a])) end)]),
    io:format("~p~n", [r(fun() -> setelement(9, T, x) end)]),
    io:format("~p~n", [r(fun() -> tuple_size(id([])) end)]),
    io:format("~p~n", [r(fun() -> list_to_tuple(id(a)) end)]),
    io:format("~p~n", [r(fun() -> tuple_to_list(id(a)) end)]),
    io:format("~p~n", [r(fun() -> erlang:make_tuple(-1, a) end)]),
    io:format("~p~n", [r(fun() -> erlang:insert_element(5, T, x) end)]),
    io:format("~p~n", [r(fun() -> erlang:delete_element(4, T) end)]),
    io:format("~p~n", [r(fun() -> element(1.0, T) end)]),
    io:format("~p~n", [erlang:make_tuple(0, x)]),
    io:format("~p~n", [list_to_tuple([])]),
    ok.
