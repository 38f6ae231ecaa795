-module(bifs_conv).
-export([main/1]).

id(X) -> X.

r(F) -> try F() catch C:E -> {C, E} end.

main(_) ->
    io:format("~p~n", [integer_to_list(12345)]),
    io:format("~p~n", [integer_to_list(-12345)]),
    io:format("~p~n", [[integer_to_list(255, B) || B <- [2, 8, 10, 16, 36]]]),
    io:format("~p~n", [integer_to_list(-255, 16)]),
    io:format("~p~n", [list_to_integer("  12" -- "  ")]),
    io:format("~p~n", [[list_to_integer(S) || S <- ["0", "-0", "+7", "007", "123456789012345678901234567890"]]]),
    io:format("~p~n", [[list_to_integer(S, B) || {S, B} <- [{"ff", 16}, {"FF", 16}, {"777", 8}, {"zz", 36}, {"-101", 2}]]]),
    io:format("~p~n", [r(fun() -> list_to_integer(id("12a")) end)]),
    io:format("~p~n", [r(fun() -> list_to_integer(id("")) end)]),
    io:format("~p~n", [r(fun() -> list_to_integer(id("1.0")) end)]),
    io:format("~p~n", [r(fun() -> list_to_integer(id("12"), 1) end)]),
    io:format("~p~n", [r(fun() -> list_to_integer(id("9"), 8) end)]),
    io:format("~p~n", [r(fun() -> integer_to_list(id(1.0)) end)]),
    io:format("~p~n", [r(fun() -> integer_to_list(10, 37) end)]),
    io:format("~p~n", [float_to_list(1.5)]),
    io:format("~p~n", [list_to_float("2.5e-3")]),
    io:format("~p~n", [r(fun() -> list_to_float(id("2")) end)]),
    io:format("~p~n", [r(fun() -> list_to_float(id("2.")) end)]),
    io:format("~p~n", [r(fun() -> float_to_list(id(1)) end)]),
    io:format("~p~n", [float(7)]),
    io:format("~p~n", [list_to_tuple(tuple_to_list({1, 2}))]),
    io:format("~p~n", [erlang:integer_to_list(1 bsl 100, 16)]),
    io:format("~p~n", [atom_to_list(list_to_atom(integer_to_list(42)))]),
    io:format("~p~n", [[trunc(list_to_float(S)) || S <- ["1.9", "-1.9"]]]),
    ok.
