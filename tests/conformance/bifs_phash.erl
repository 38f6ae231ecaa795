%% erlang:phash/2 decides the bucket order of dict and sets (version 1),
%% so it must give OTP's values for every kind of term.
-module(bifs_phash).
-export([main/1]).

terms() ->
    [0, 1, -1, 7, 255, 256, -255, 1000, 65535, 65536, 16#7fffffff, 16#ffffffff,
     16#100000000, -16#100000000, 123456789012, 1 bsl 58, (1 bsl 59) - 1,
     1 bsl 59, -(1 bsl 59), -(1 bsl 59) - 1, 1 bsl 60, 1 bsl 63, 1 bsl 64,
     (1 bsl 64) - 1, -(1 bsl 64), 1 bsl 100, 123456789012345678901234567890,
     -98765432109876543210987654321,
     0.0, -0.0, 1.0, -1.5, 3.14159, 1.0e100, -2.5e-300,
     a, b, ok, hello, 'with space', 'Quoted', '', abcdefghijklmnopqrstuvwxyz,
     [], [0], [1,2,3], "hello", "a longer string with spaces", [256], [-1],
     [a, b], [1, a, 2], [1 | 2], [a | b], [[1], [2, 3]], [[]], [1.5, "x"],
     {}, {a}, {1, 2}, {a, b, c}, {{}, []}, {1, {2, {3, {4}}}}, {"k", v},
     [{a, 1}, {b, 2}], {[1, 2], [3 | 4]}].

main(_) ->
    lists:foreach(
      fun(T) ->
              io:format("~p ~p ~p ~p~n",
                        [T, erlang:phash(T, 4294967296), erlang:phash(T, 16),
                         erlang:phash(T, 1000003)])
      end, terms()),
    io:format("~p~n", [[erlang:phash(N, 32) || N <- lists:seq(1, 100)]]),
    io:format("~p~n", [[erlang:phash(list_to_atom([C]), 77) || C <- lists:seq($a, $z)]]),
    io:format("~p~n", [erlang:phash(a, 1)]),
    lists:foreach(
      fun(R) ->
              try erlang:phash(a, R) of
                  V -> io:format("~p~n", [V])
              catch C:E -> io:format("~p:~p~n", [C, E])
              end
      end, [0, -1, 4294967297, x, 1.0]).
