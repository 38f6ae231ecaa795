-module(float_format).
-export([main/1]).

fmt(Format, Args) ->
    try lists:flatten(io_lib:format(Format, Args))
    catch error:Reason -> {error, Reason}
    end.

main(_) ->
    Fs = [3.14159, -2.5, 0.0, 1.0e10, 1.0e-10, 123456.789, 0.5, 2.675, 100.0],
    [io:format("[~f] [~.3f] [~.1f] [~10.2f] [~-10.2f] [~e] [~.3e] [~g] [~.3g]~n",
               [F, F, F, F, F, F, F, F, F]) || F <- Fs],
    io:format("~p~n", [fmt("~f", [1])]),
    io:format("~p~n", [fmt("~.0f", [1.5])]),
    io:format("~p~n", [fmt("~.1e", [1.5])]),
    io:format("[~12.4e]~n", [12345.6789]),
    io:format("[~10.1f|~-10.1f]~n", [-3.14, -3.14]),
    io:format("[~*.*f]~n", [12, 3, 2.71828]),
    io:format("[~.*f]~n", [1, 2.71828]),
    io:format("[~.10f]~n", [1/3]),
    io:format("[~15.10e]~n", [1/3]),
    io:format("[~g] [~g] [~g] [~g]~n", [0.0001, 1.0e6, 123.0, 0.1]),
    io:format("~s~n", [io_lib:format("~.2f", [99.995])]),
    io:format("~s~n", [io_lib:format("~.2f", [0.125])]),
    io:format("[~3.1f]~n", [123.456]),
    ok.
