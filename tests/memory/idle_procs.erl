%% Spawn N processes that block in receive and stay there, let them all
%% reach the receive, then return. Run with N and with 0 and compare peak
%% RSS: (rss(N) - rss(0)) / N is what one idle process costs
%% (see tests/memory/README.md).
-module(idle_procs).
-export([main/1]).

main([N]) -> run(list_to_integer(N));
main([]) -> run(100000).

run(N) ->
    spawn_n(N),
    %% Let every process run up to its receive.
    receive after 200 -> ok end,
    io:format("~w idle~n", [N]).

spawn_n(0) -> ok;
spawn_n(K) ->
    spawn(fun idle/0),
    spawn_n(K - 1).

idle() ->
    receive stop -> ok end.
