%% Regression: map keys are ordered with every integer before every float
%% (at any depth), not by numeric value; girder once sorted 1.0 between 1
%% and 2, so maps with mixed keys printed and listed differently from OTP.
-module(maps_key_order).
-export([main/1]).

main(_) ->
    M = #{1.5 => a, 2 => b, 1 => c, 0.5 => d, a => e, 1.0 => f, -3 => g, -2.5 => h},
    io:format("~p~n", [M]),
    io:format("~p~n", [maps:keys(M)]),
    io:format("~p~n", [maps:to_list(M)]),
    N = #{[1.5] => a, [2] => b, {3.0} => c, {1} => d, {2.0, x} => e, {2, y} => f},
    io:format("~p~n", [maps:keys(N)]),
    io:format("~w~n", [maps:put(1.0, x, #{1 => y, 2 => z})]),
    io:format("~p ~p~n", [maps:get(1.0, M), maps:get(1, M)]),
    io:format("~p~n", [maps:from_list([{2.0, a}, {2, b}, {1.0, c}, {3, d}])]),
    io:format("~p~n", [lists:sort([1.0, 1, 2, 0.5])]),
    io:format("~p ~p~n", [1 < 1.5, 2 > 1.5]).
