-module(float_to_list).
-export([main/1]).

main(_) ->
    Fs = [0.1, 1.0, -2.5, 123.456, 1.0e20, 1.0e-5, 0.0, 3.14159, 2.675, 1.005, 1.0e15],
    [io:format("~s~n", [float_to_list(F)]) || F <- Fs],
    [io:format("~p ~s ~s ~s~n", [F, float_to_list(F, [{decimals, 0}]),
                                float_to_list(F, [{decimals, 2}]),
                                float_to_list(F, [{decimals, 6}])]) || F <- Fs],
    [io:format("~p ~s ~s~n", [F, float_to_list(F, [{scientific, 3}]),
                             float_to_list(F, [{scientific, 10}])]) || F <- Fs],
    [io:format("~p ~s ~s~n", [F, float_to_list(F, [{decimals, 4}, compact]),
                             float_to_list(F, [short])]) || F <- Fs],
    io:format("~s~n", [float_to_list(1.0e100, [{decimals, 2}])]),
    io:format("~p~n", [list_to_float("1.5e3")]),
    io:format("~p~n", [list_to_float("-0.001")]),
    io:format("~p~n", [catch element(1, element(2, catch list_to_float("1")))]),
    io:format("~p~n", [[list_to_float(S) || S <- ["0.1", "2.0e-3", "12.5E2", "1.0e+2"]]]),
    ok.
