-module(arith_float).
-export([main/1]).

id(X) -> X.

main(_) ->
    io:format("~p ~p ~p~n", [id(7) / 2, id(6) / 3, id(1) / 3]),
    io:format("~p ~p ~p~n", [1.5 + 2, 2.5 * 4, 10.0 - 0.5]),
    io:format("~p ~p~n", [0.1 + 0.2, 0.1 + 0.2 == 0.3]),
    io:format("~p ~p ~p~n", [1 == 1.0, 1 =:= 1.0, 1 /= 1.0]),
    io:format("~p ~p~n", [1 =/= 1.0, 2.0 > 1]),
    io:format("~p ~p ~p~n", [-2.5 * -2, 3.0 / -2, -0.0 + 0]),
    io:format("~p ~p~n", [is_float(id(4) / 2), is_integer(id(4) div 2)]),
    io:format("~p~n", [1.0e10 * 1.0e10]),
    io:format("~p~n", [1.0e300 * 1.0e-300]),
    io:format("~p~n", [123.456 - 0.456]),
    io:format("~p ~p~n", [max(1, 1.0), min(1, 1.0)]),
    io:format("~p ~p~n", [max(1.0, 1), min(1.0, 1)]),
    io:format("~p~n", [lists:sum([0.1 || _ <- lists:seq(1, 10)])]),
    io:format("~p~n", [[X / 4 || X <- lists:seq(1, 8)]]),
    io:format("~p~n", [5.0e-324 > 0]),
    io:format("~p ~p~n", [1.7976931348623157e308, -1.7976931348623157e308]),
    io:format("~p~n", [2.0 * 0.5 =:= 1.0]),
    io:format("~p~n", [(1 bsl 53) + 1.0]),
    io:format("~p~n", [float(1 bsl 53) == (1 bsl 53)]),
    io:format("~p~n", [9007199254740993 == 9007199254740992.0]),
    io:format("~p ~p~n", [3 * 1.0, 0.0 * -1]),
    io:format("~p~n", [lists:sort([3, 2.5, 1, 2.0, -1.5, 0])]),
    ok.
