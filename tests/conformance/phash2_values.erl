%% erlang:phash2/1,2 gives OTP's values for atoms, small and big integers,
%% floats (and -0.0), strings, improper lists, tuples, maps (small and
%% large) and external funs; range errors are badarg.
-module(phash2_values).
-export([main/1]).

main(_) ->
    Ts = [a, foo, 'hello world', '', [], 0, 1, -1, 42, 255, 256, 134217727, 134217728,
          -134217728, -134217729, 4294967295, 4294967296, -4294967296,
          576460752303423487, 576460752303423488, -576460752303423488,
          1 bsl 64, -(1 bsl 64), (1 bsl 100) + 7, -(1 bsl 200),
          1.0, 0.0, -0.0, 3.14, -2.5e100, 1.0e-300,
          "a", "abc", "abcd", "abcde", "hello, world", [1, 2, 3], [a, b], [a | b],
          "ab" ++ [x] ++ "cd", [256, 1], [-1], [1.5 | 2], [[]], [[], []], [{}],
          {}, {a}, {a, b, 1}, {[], []}, {1, {2, {3, []}}},
          #{}, #{a => 1}, #{a => 1, b => [2]}, #{[] => {}},
          maps:from_list([{N, N * N} || N <- lists:seq(1, 40)]),
          fun lists:map/2, fun erlang:abs/1],
    lists:foreach(fun(T) ->
                          io:format("~p ~p ~p ~p~n",
                                    [erlang:phash2(T), erlang:phash2(T, 1),
                                     erlang:phash2(T, 1000), erlang:phash2(T, 1 bsl 32)])
                  end, Ts),
    %% Equal maps built in different orders hash the same.
    M1 = maps:from_list([{K, K} || K <- lists:seq(1, 50)]),
    M2 = maps:from_list([{K, K} || K <- lists:reverse(lists:seq(1, 50))]),
    io:format("~p~n", [erlang:phash2(M1) =:= erlang:phash2(M2)]),
    [io:format("~p~n", [catch_reason(fun() -> erlang:phash2(a, R) end)])
     || R <- [0, -1, (1 bsl 32) + 1, 1.0, x]],
    ok.

catch_reason(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.
