%% Integer arithmetic on values of up to 128 bits, which girder computes
%% without general bignums: results on both sides of the small-integer,
%% 64-bit and 128-bit boundaries, signs of div and rem, bitwise operators
%% on negative numbers, and a linear congruential generator's products.
-module(arith_i128).
-export([main/1]).

main(_) ->
    Edges = [0, 1, -1, 7, -7, (1 bsl 59) - 1, 1 bsl 59, -(1 bsl 59), -(1 bsl 59) - 1,
             (1 bsl 63) - 1, 1 bsl 63, -(1 bsl 63), (1 bsl 64) - 1, 1 bsl 64, -(1 bsl 64),
             (1 bsl 126) + 3, (1 bsl 127) - 1, 1 bsl 127, -(1 bsl 127), -(1 bsl 127) - 1,
             1 bsl 128, 123456789012345678901234567890],
    Ops = [{'+', fun(A, B) -> A + B end}, {'-', fun(A, B) -> A - B end},
           {'*', fun(A, B) -> A * B end}, {'div', fun(A, B) -> A div B end},
           {'rem', fun(A, B) -> A rem B end}, {'band', fun(A, B) -> A band B end},
           {'bor', fun(A, B) -> A bor B end}, {'bxor', fun(A, B) -> A bxor B end}],
    lists:foreach(
      fun({Name, F}) ->
              R = [try F(A, B) catch error:E -> E end || A <- Edges, B <- Edges],
              io:format("~p ~p~n", [Name, digest(R)]),
              io:format("~p~n", [lists:sublist(R, 40, 12)])
      end, Ops),
    io:format("~p~n", [lcg(1000, 42, 0)]),
    io:format("~p~n", [[X * X || X <- Edges]]),
    io:format("~p~n", [{(1 bsl 127) - 1 + 1, -(1 bsl 127) - 1, (1 bsl 64) * (1 bsl 63)}]),
    ok.

%% A checksum of all results (an error counts as 0).
digest(R) ->
    {_, D} = lists:foldl(fun(V, {I, Acc}) when is_integer(V) -> {I + 1, (Acc * 31 + I * V) rem 1000000007};
                            (_, {I, Acc}) -> {I + 1, Acc * 31 rem 1000000007}
                         end, {1, 0}, R),
    D.

lcg(0, Seed, Acc) -> {Seed, Acc};
lcg(K, Seed, Acc) ->
    Next = (Seed * 1103515245 + 12345) rem 2147483648,
    lcg(K - 1, Next, (Acc + Next * Next * Next) rem 170141183460469231731687303715884105727).
