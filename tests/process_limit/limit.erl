%% Run with a process limit of 1024 (`+P 1024`): spawning past it raises
%% system_limit in the spawner, the VM goes on, and once processes exit
%% spawning works again.
-module(limit).
-export([main/1]).

main(_) ->
    io:format("~p~n", [erlang:system_info(process_limit)]),
    {Pids, Error} = fill([]),
    io:format("~p~n", [Error]),
    N = length(Pids),
    io:format("filled: ~p~n", [N > 900 andalso N =< 1024]),
    io:format("~p~n", [erlang:system_info(process_count) =:= erlang:system_info(process_limit)]),
    [exit(P, kill) || P <- Pids],
    wait_count(N),
    P2 = spawn(fun() -> ok end),
    io:format("spawn again: ~p~n", [is_pid(P2)]).

fill(Acc) ->
    try spawn(fun() -> receive after infinity -> ok end end) of
        P -> fill([P | Acc])
    catch
        C:R -> {Acc, {C, R}}
    end.

wait_count(N) ->
    case erlang:system_info(process_count) < 100 of
        true -> ok;
        false -> timer:sleep(10), wait_count(N)
    end.
