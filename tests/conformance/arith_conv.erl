-module(arith_conv).
-export([main/1]).

main(_) ->
    Xs = [2.5, 3.5, -2.5, -3.5, 2.4999, 0.5, -0.5, 1.0e10, 7, -7, 0.0],
    [io:format("~p: trunc=~p round=~p floor=~p ceil=~p float=~p abs=~p~n",
               [X, trunc(X), round(X), floor(X), ceil(X), float(X), abs(X)]) || X <- Xs],
    io:format("~p~n", [round(1.0e20)]),
    io:format("~p~n", [trunc(-1.0e20)]),
    io:format("~p ~p~n", [float(1 bsl 70), trunc(float(1 bsl 70))]),
    io:format("~p~n", [[is_integer(F(1.5)) || F <- [fun trunc/1, fun round/1, fun floor/1, fun ceil/1]]]),
    io:format("~p ~p~n", [math:floor(2.7), math:ceil(2.2)]),
    io:format("~p ~p~n", [floor(-0.1), ceil(-0.9)]),
    ok.
