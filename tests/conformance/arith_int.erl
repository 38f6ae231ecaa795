-module(arith_int).
-export([main/1]).

id(X) -> X.

main(_) ->
    A = id(17), B = id(5),
    io:format("~p ~p ~p ~p~n", [A + B, A - B, A * B, -A]),
    io:format("div: ~p ~p ~p ~p~n", [A div B, (-A) div B, A div (-B), (-A) div (-B)]),
    io:format("rem: ~p ~p ~p ~p~n", [A rem B, (-A) rem B, A rem (-B), (-A) rem (-B)]),
    io:format("~p ~p~n", [id(0) div 7, id(0) rem 7]),
    io:format("unary: ~p ~p ~p~n", [+A, -(-A), - id(0)]),
    io:format("precedence: ~p ~p ~p~n", [2 + 3 * 4, (2 + 3) * 4, 10 - 4 - 3]),
    io:format("~p ~p~n", [100 div 7 * 7 + 100 rem 7, -100 div 7 * 7 + -100 rem 7]),
    io:format("cmp: ~p ~p ~p ~p ~p ~p~n", [A > B, A < B, A >= 17, A =< 16, A == 17, A /= 17]),
    io:format("max/min: ~p ~p~n", [max(A, B), min(A, B)]),
    io:format("abs: ~p ~p ~p~n", [abs(-5), abs(5), abs(0)]),
    io:format("~p~n", [[X * X || X <- lists:seq(-3, 3)]]),
    io:format("~p~n", [[{X, X div 3, X rem 3} || X <- lists:seq(-7, 7, 2)]]),
    %% base notation
    io:format("~p ~p ~p ~p~n", [16#ff, 2#1010, 8#777, 36#zz]),
    io:format("~p ~p~n", [$a + 1, $z - $a]),
    %% small/big boundary
    io:format("~p ~p~n", [id(576460752303423487) + 1, id(-576460752303423488) - 1]),
    io:format("~p ~p~n", [id(134217727) + 1, id(4294967295) * 2]),
    io:format("~p~n", [lists:sum(lists:seq(1, 1000))]),
    io:format("gcd: ~p~n", [gcd(1071, 462)]),
    io:format("pow: ~p~n", [[pow(2, N) || N <- [0, 1, 10, 20, 30, 62, 63, 64]]]),
    ok.

gcd(X, 0) -> X;
gcd(X, Y) -> gcd(Y, X rem Y).

pow(_, 0) -> 1;
pow(X, N) -> X * pow(X, N - 1).
