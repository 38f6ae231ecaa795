-module(term_equality).
-export([main/1]).

main(_) ->
    Pairs = [{1, 1.0}, {1, 1}, {[1], [1.0]}, {{1, a}, {1.0, a}}, {#{a => 1}, #{a => 1.0}},
             {#{1 => a}, #{1.0 => a}}, {a, a}, {"abc", [97, 98, 99]}, {0, -0.0}, {0.0, -0.0},
             {[], []}, {{}, {}}, {1 bsl 64, float(1 bsl 64)}, {abc, "abc"}],
    [io:format("~w: == ~p =:= ~p /= ~p =/= ~p~n", [P, A == B, A =:= B, A /= B, A =/= B])
     || {A, B} = P <- Pairs],
    io:format("~p~n", [lists:member(1.0, [1, 2])]),
    io:format("~p~n", [lists:keyfind(1.0, 1, [{1, one}])]),
    io:format("~p~n", [lists:delete(1.0, [1, 1.0])]),
    io:format("~p~n", [[1, 1.0] -- [1.0]]),
    io:format("~p~n", [case 1.0 of 1 -> int; 1.0 -> float end]),
    io:format("~p~n", [maps:get(1, #{1 => int, 1.0 => float})]),
    io:format("~p~n", [map_size(#{1 => a, 1.0 => b})]),
    ok.
