%% Word statistics and primes: list comprehensions, higher-order functions
%% (map, filter, foldl, sort with a comparison fun) and funs as values.
-module(words).
-export([main/1]).

-define(TEXT, "the quick brown fox jumps over the lazy dog and the dog "
              "sleeps while the fox runs over the hill to find the quick "
              "brown hare").

main(_) ->
    Words = string:tokens(?TEXT, " "),
    io:format("~p words, ~p distinct~n", [length(Words), length(lists:usort(Words))]),
    Counts = count(Words),
    Top = lists:sublist(lists:sort(fun by_count_then_word/2, maps:to_list(Counts)), 5),
    io:format("most frequent:~n"),
    [io:format("  ~-6s ~s~n", [W, lists:duplicate(N, $*)]) || {W, N} <- Top],
    ByLength = group(fun length/1, lists:usort(Words)),
    [io:format("length ~p: ~s~n", [L, string:join(Ws, ", ")])
     || {L, Ws} <- lists:sort(maps:to_list(ByLength))],
    Longest = lists:foldl(fun(W, Acc) when length(W) > length(Acc) -> W;
                             (_, Acc) -> Acc
                          end, "", Words),
    io:format("longest: ~s~n", [Longest]),
    Caps = [capitalize(W) || W <- Words, length(W) > 4],
    io:format("capitalized long words: ~p~n", [Caps]),
    Primes = sieve(lists:seq(2, 100)),
    io:format("primes below 100: ~w~n", [Primes]),
    Twins = [{P, P + 2} || P <- Primes, lists:member(P + 2, Primes)],
    io:format("twin primes: ~w~n", [Twins]),
    Triples = [{A, B, C} || C <- lists:seq(1, 30), B <- lists:seq(1, C),
                            A <- lists:seq(1, B), A * A + B * B =:= C * C],
    io:format("pythagorean triples: ~w~n", [Triples]),
    Compose = fun(F, G) -> fun(X) -> F(G(X)) end end,
    SquareThenInc = Compose(fun(X) -> X + 1 end, fun(X) -> X * X end),
    io:format("map (x*x+1): ~w~n", [lists:map(SquareThenInc, lists:seq(1, 10))]),
    ok.

count(Words) ->
    lists:foldl(fun(W, M) -> maps:update_with(W, fun(N) -> N + 1 end, 1, M) end,
                #{}, Words).

by_count_then_word({W1, N1}, {W2, N2}) ->
    {-N1, W1} =< {-N2, W2}.

group(KeyFun, List) ->
    lists:foldr(fun(X, M) ->
                        K = KeyFun(X),
                        M#{K => [X | maps:get(K, M, [])]}
                end, #{}, List).

capitalize([C | Rest]) when C >= $a, C =< $z -> [C - 32 | Rest];
capitalize(W) -> W.

sieve([]) -> [];
sieve([P | Xs]) -> [P | sieve([X || X <- Xs, X rem P =/= 0])].
