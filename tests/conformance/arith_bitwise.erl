-module(arith_bitwise).
-export([main/1]).

id(X) -> X.

main(_) ->
    A = id(2#11001100), B = id(2#10101010),
    io:format("~p ~p ~p~n", [A band B, A bor B, A bxor B]),
    io:format("~.2B ~.2B ~.2B~n", [A band B, A bor B, A bxor B]),
    io:format("bnot: ~p ~p ~p~n", [bnot A, bnot 0, bnot -1]),
    io:format("bsl: ~p ~p ~p~n", [1 bsl 10, 5 bsl 3, -3 bsl 2]),
    io:format("bsr: ~p ~p ~p ~p~n", [1024 bsr 3, -1024 bsr 3, -1 bsr 10, 7 bsr 5]),
    io:format("neg shifts: ~p ~p ~p~n", [16 bsl -2, 16 bsr -2, -16 bsl -3]),
    io:format("big shifts: ~p ~p~n", [1 bsl 64, (1 bsl 64) bsr 63]),
    io:format("neg band: ~p ~p ~p~n", [-1 band 255, -256 band 1023, -5 band -3]),
    io:format("neg bor: ~p ~p~n", [-8 bor 3, -8 bor -3]),
    io:format("neg bxor: ~p ~p~n", [-8 bxor 3, -8 bxor -3]),
    io:format("~p~n", [[N band (N - 1) || N <- lists:seq(1, 16)]]),
    io:format("popcount 255: ~p~n", [popcount(255)]),
    io:format("popcount 2^70-1: ~p~n", [popcount((1 bsl 70) - 1)]),
    io:format("~p~n", [(16#DEADBEEF bsr 16) band 16#FFFF]),
    io:format("~p~n", [bnot bnot 12345]),
    io:format("~p~n", [-1 bsr 100]),
    io:format("~p~n", [1 bsr 100]),
    ok.

popcount(0) -> 0;
popcount(N) -> (N band 1) + popcount(N bsr 1).
