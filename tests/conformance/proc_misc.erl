-module(proc_misc).
-export([main/1]).

%% is_process_alive/1, make_ref/0, erlang:processes/0 and self/0 over a
%% process's life.
main(_) ->
    Self = self(),
    io:format("self alive: ~p~n", [is_process_alive(Self)]),
    P = spawn(fun() -> receive stop -> ok end end),
    io:format("waiting alive: ~p~n", [is_process_alive(P)]),
    io:format("in processes(): ~p ~p~n", [lists:member(P, processes()), lists:member(Self, processes())]),
    Ps = processes(),
    io:format("processes are pids: ~p, sorted unique: ~p~n", [lists:all(fun is_pid/1, Ps), length(lists:usort(Ps)) =:= length(Ps)]),
    M = monitor(process, P),
    P ! stop,
    receive {'DOWN', M, process, P, _} -> ok end,
    io:format("dead alive: ~p~n", [is_process_alive(P)]),
    io:format("dead in processes(): ~p~n", [lists:member(P, processes())]),
    io:format("alive badarg: ~p~n", [catch_err(fun() -> is_process_alive(not_a_pid) end)]),
    %% Spawning 50 more grows processes() by 50 while they wait.
    N0 = length(processes()),
    Kids = [spawn(fun() -> receive stop -> ok end end) || _ <- lists:seq(1, 50)],
    io:format("grew by: ~p~n", [length(processes()) - N0]),
    Ms = [monitor(process, K) || K <- Kids],
    [K ! stop || K <- Kids],
    [receive {'DOWN', R, process, _, normal} -> ok end || R <- Ms],
    io:format("back to: ~p~n", [length(processes()) - N0]),
    %% References: unique, equal to themselves, usable as tags.
    Refs = [make_ref() || _ <- lists:seq(1, 1000)],
    io:format("refs unique: ~p~n", [length(lists:usort(Refs)) =:= 1000]),
    R1 = make_ref(),
    io:format("ref equal self: ~p, is_reference: ~p~n", [R1 =:= R1, is_reference(R1)]),
    %% A reference made in another process is equal when sent back.
    Q = spawn(fun() -> receive {From, R} -> From ! {echo, R, make_ref()} end end),
    Q ! {Self, R1},
    receive {echo, R2, R3} -> io:format("ref round trip: ~p, new differs: ~p~n", [R1 =:= R2, R1 =/= R3]) end,
    %% The make_ref/receive pattern with messages already queued.
    [Self ! {noise, I} || I <- lists:seq(1, 100)],
    Tag = make_ref(),
    Server = spawn(fun() -> receive {call, From, T, X} -> From ! {T, X * 2} end end),
    Server ! {call, Self, Tag, 21},
    receive {Tag, Reply} -> io:format("call reply: ~p~n", [Reply]) end,
    io:format("noise kept: ~p~n", [length([x || {noise, _} <- flush()])]),
    ok.

flush() ->
    receive M -> [M | flush()] after 0 -> [] end.

catch_err(F) ->
    try F() of V -> {ok, V} catch C:R -> {C, R} end.
