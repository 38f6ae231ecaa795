-module(proc_monitors).
-export([main/1]).

%% monitor/2, demonitor/1,2 (flush and info), 'DOWN' messages: one per
%% monitor, noproc for a dead pid or an unregistered name, monitors by
%% registered name, monitors are one-way and do not need trap_exit.
main(_) ->
    quiet(),
    process_flag(trap_exit, false),
    Self = self(),
    %% A monitor gives one 'DOWN' with the exit reason.
    P1 = spawn(fun() -> receive go -> exit(p1_reason) end end),
    R1 = monitor(process, P1),
    io:format("ref: ~p~n", [is_reference(R1)]),
    P1 ! go,
    receive {'DOWN', R1, process, P1, W1} -> io:format("down: ~p~n", [W1]) end,
    %% Normal exit also gives 'DOWN' (unlike a link).
    P2 = spawn(fun() -> receive go -> ok end end),
    R2 = monitor(process, P2),
    P2 ! go,
    receive {'DOWN', R2, process, P2, W2} -> io:format("normal down: ~p~n", [W2]) end,
    %% Two monitors on one process: two 'DOWN's with distinct refs.
    P3 = spawn(fun() -> receive go -> exit(twice) end end),
    R3a = monitor(process, P3),
    R3b = monitor(process, P3),
    io:format("distinct refs: ~p~n", [R3a =/= R3b]),
    P3 ! go,
    receive {'DOWN', R3a, process, P3, W3a} -> io:format("first: ~p~n", [W3a]) end,
    receive {'DOWN', R3b, process, P3, W3b} -> io:format("second: ~p~n", [W3b]) end,
    %% Monitor of a dead process: 'DOWN' with noproc at once.
    R4 = monitor(process, P3),
    receive {'DOWN', R4, process, P3, W4} -> io:format("dead pid: ~p~n", [W4]) end,
    %% Monitor by registered name: the 'DOWN' names {Name, Node}.
    P5 = spawn(fun() -> receive go -> exit(named_reason) end end),
    register(mon_target, P5),
    R5 = monitor(process, mon_target),
    P5 ! go,
    receive {'DOWN', R5, process, Obj5, W5} ->
            io:format("by name: ~p ~p~n", [Obj5 =:= {mon_target, node()}, W5])
    end,
    %% A name nobody has: noproc, also naming {Name, Node}.
    R6 = monitor(process, nobody_here),
    receive {'DOWN', R6, process, Obj6, W6} ->
            io:format("unknown name: ~p ~p~n", [Obj6 =:= {nobody_here, node()}, W6])
    end,
    %% {Name, Node} form for the local node.
    P7 = spawn(fun() -> receive go -> exit(tuple_name) end end),
    register(mon_target2, P7),
    R7 = monitor(process, {mon_target2, node()}),
    P7 ! go,
    receive {'DOWN', R7, process, Obj7, W7} ->
            io:format("by {name, node}: ~p ~p~n", [Obj7 =:= {mon_target2, node()}, W7])
    end,
    %% demonitor/1 before the exit: no 'DOWN'.
    P8 = spawn(fun() -> receive go -> exit(unseen) end end),
    R8 = monitor(process, P8),
    io:format("demonitor: ~p~n", [demonitor(R8)]),
    R8b = monitor(process, P8),
    P8 ! go,
    receive {'DOWN', R8b, process, P8, W8} -> io:format("only the live monitor: ~p~n", [W8]) end,
    io:format("nothing else: ~p~n", [flush()]),
    %% demonitor/1 after the 'DOWN' arrived leaves the message.
    P9 = spawn(fun() -> ok end),
    R9 = monitor(process, P9),
    wait_dead(P9),
    timer:sleep(10),
    io:format("late demonitor: ~p~n", [demonitor(R9)]),
    io:format("message kept: ~p~n", [[W || {'DOWN', R, process, _, W} <- flush(), R =:= R9]]),
    %% demonitor/2 with flush removes the 'DOWN'.
    P10 = spawn(fun() -> ok end),
    R10 = monitor(process, P10),
    wait_dead(P10),
    timer:sleep(10),
    Self ! unrelated,
    io:format("demonitor flush: ~p~n", [demonitor(R10, [flush])]),
    io:format("flushed: ~p~n", [flush()]),
    %% info: true if the monitor was still there, false if not.
    P11 = spawn(fun() -> receive go -> ok end end),
    R11 = monitor(process, P11),
    io:format("info live: ~p~n", [demonitor(R11, [info])]),
    io:format("info again: ~p~n", [demonitor(R11, [info])]),
    P11 ! go,
    P12 = spawn(fun() -> ok end),
    R12 = monitor(process, P12),
    wait_dead(P12),
    timer:sleep(10),
    io:format("info after down: ~p~n", [demonitor(R12, [info, flush])]),
    io:format("flushed: ~p~n", [flush()]),
    io:format("demonitor []: ~p~n", [demonitor(make_ref(), [])]),
    io:format("demonitor unknown ref: ~p~n", [demonitor(make_ref())]),
    %% Bad arguments.
    io:format("monitor badtype: ~p~n", [err(fun() -> monitor(port_or_so, self()) end)]),
    io:format("monitor badarg: ~p~n", [err(fun() -> monitor(process, 42) end)]),
    io:format("demonitor badarg: ~p~n", [err(fun() -> demonitor(not_a_ref) end)]),
    io:format("demonitor badopt: ~p~n", [err(fun() -> demonitor(make_ref(), [bogus]) end)]),
    io:format("demonitor badopts: ~p~n", [err(fun() -> demonitor(make_ref(), notalist) end)]),
    %% A monitor is one-way: the watched process is not told when the
    %% watcher dies, and a non-trapping watcher survives the crash.
    Watched = spawn(fun() -> receive {report, To} -> To ! {watched, alive} end end),
    Watcher = spawn(fun() -> monitor(process, Watched), Self ! watching, exit(watcher_gone) end),
    receive watching -> ok end,
    wait_dead(Watcher),
    Watched ! {report, Self},
    receive {watched, A} -> io:format("watched after watcher died: ~p~n", [A]) end,
    %% The crash of a monitored process does not kill a non-trapping watcher.
    {Cr, RCr} = spawn_monitor(fun() -> erlang:error(crashed) end),
    receive {'DOWN', RCr, process, Cr, {Why, _}} -> io:format("crash seen, still here: ~p~n", [Why]) end,
    %% Monitoring yourself is allowed and fires never while alive.
    RS = monitor(process, self()),
    io:format("self monitor: ~p~n", [demonitor(RS, [info])]),
    ok.

wait_dead(P) ->
    R = monitor(process, P),
    receive {'DOWN', R, process, P, _} -> ok end.

err(F) ->
    try F() of V -> {ok, V} catch C:R -> {C, R} end.

flush() ->
    receive M -> [M | flush()] after 0 -> [] end.

quiet() ->
    catch logger:set_handler_config(default, config, #{type => standard_error}),
    ok.
