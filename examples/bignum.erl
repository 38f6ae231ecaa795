%% Bignums: integers grow as needed. Factorials, Fibonacci numbers, powers
%% of two, digit sums and exact integer square roots.
-module(bignum).
-export([main/1]).

main(_) ->
    io:format("20! = ~p~n", [fact(20)]),
    io:format("25! = ~p~n", [fact(25)]),
    F100 = fact(100),
    io:format("100! = ~p~n", [F100]),
    io:format("100! has ~p digits, digit sum ~p~n",
              [length(integer_to_list(F100)), digit_sum(F100)]),
    io:format("trailing zeros of 100!: ~p~n", [trailing_zeros(F100)]),
    Fib = fib(1000),
    io:format("fib(1000) = ~p~n", [Fib]),
    io:format("fib(1000) has ~p digits~n", [length(integer_to_list(Fib))]),
    io:format("2^64 = ~p~n", [pow(2, 64)]),
    io:format("2^200 - 1 = ~p~n", [pow(2, 200) - 1]),
    io:format("-(3^100) = ~p~n", [-pow(3, 100)]),
    Big = pow(10, 40) + 12345,
    io:format("~p div 7 = ~p, rem ~p~n", [Big, Big div 7, Big rem 7]),
    io:format("isqrt(2 * 10^60) = ~p~n", [isqrt(2 * pow(10, 60))]),
    io:format("gcd(30!, 2^100) = ~p~n", [gcd(fact(30), pow(2, 100))]),
    io:format("band/bsr: ~p ~p~n", [pow(2, 100) bor 255 band 15, pow(2, 100) bsr 90]),
    io:format("compare: ~p ~p~n", [pow(2, 70) > 1.0e20, pow(2, 70) == 1180591620717411303424]),
    ok.

fact(N) -> fact(N, 1).
fact(0, Acc) -> Acc;
fact(N, Acc) -> fact(N - 1, N * Acc).

fib(N) -> fib(N, 0, 1).
fib(0, A, _) -> A;
fib(N, A, B) -> fib(N - 1, B, A + B).

pow(_, 0) -> 1;
pow(B, E) when E rem 2 =:= 0 -> H = pow(B, E div 2), H * H;
pow(B, E) -> B * pow(B, E - 1).

digit_sum(N) -> lists:sum([D - $0 || D <- integer_to_list(N)]).

trailing_zeros(N) when N rem 10 =:= 0 -> 1 + trailing_zeros(N div 10);
trailing_zeros(_) -> 0.

%% Newton's method on integers.
isqrt(N) -> isqrt(N, N).
isqrt(N, X) ->
    Y = (X + N div X) div 2,
    if Y >= X -> X;
       true -> isqrt(N, Y)
    end.

gcd(A, 0) -> A;
gcd(A, B) -> gcd(B, A rem B).
