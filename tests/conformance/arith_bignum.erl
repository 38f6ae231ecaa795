-module(arith_bignum).
-export([main/1]).

id(X) -> X.

fact(0) -> 1;
fact(N) -> N * fact(N - 1).

fib(N) -> fib(N, 0, 1).
fib(0, A, _) -> A;
fib(N, A, B) -> fib(N - 1, B, A + B).

main(_) ->
    F50 = fact(50),
    io:format("50! = ~p~n", [F50]),
    io:format("~p~n", [fact(25)]),
    io:format("2 bsl 100 = ~p~n", [2 bsl 100]),
    Big = id(123456789012345678901234567890),
    io:format("~p~n", [Big * Big]),
    io:format("~p~n", [Big * -987654321]),
    io:format("~p ~p~n", [Big div 1000000007, Big rem 1000000007]),
    io:format("~p ~p~n", [-Big div 1000000007, -Big rem 1000000007]),
    io:format("~p ~p~n", [Big div -Big, Big rem (Big - 1)]),
    io:format("~p~n", [F50 div fact(48)]),
    io:format("~p~n", [F50 - F50]),
    io:format("~p~n", [(F50 + 1) - F50]),
    io:format("cmp: ~p ~p ~p ~p~n", [Big > 1, -Big < -1, Big == Big + 0, Big < Big + 1]),
    io:format("cmp float: ~p ~p~n", [Big > 1.0e29, Big < 1.0e30]),
    io:format("neg: ~p ~p~n", [-F50, abs(-F50) =:= F50]),
    io:format("fib 300: ~p~n", [fib(300)]),
    io:format("~p~n", [integer_to_list(F50, 16)]),
    io:format("~p~n", [list_to_integer("-99999999999999999999999999999")]),
    io:format("~p~n", [float(fact(20))]),
    io:format("~p~n", [fact(22) / fact(20)]),
    io:format("band: ~p~n", [(Big band 16#FFFFFFFF)]),
    io:format("bor: ~p~n", [(1 bsl 80) bor 1]),
    io:format("bxor: ~p~n", [(1 bsl 70) bxor ((1 bsl 70) - 1)]),
    io:format("bsr: ~p ~p~n", [(1 bsl 100) bsr 98, (-(1 bsl 100)) bsr 99]),
    io:format("bnot: ~p~n", [bnot (1 bsl 65)]),
    io:format("mixed: ~p ~p~n", [Big + 1, 1 - Big]),
    io:format("sum: ~p~n", [lists:sum([1 bsl N || N <- lists:seq(0, 99)])]),
    io:format("~p~n", [lists:sort([Big, -Big, 0, 1 bsl 64, -(1 bsl 64), 5])]),
    io:format("~w~n", [[X rem 7 || X <- [fact(30), -fact(30), fact(30) + 3]]]),
    ok.
