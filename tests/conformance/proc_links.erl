-module(proc_links).
-export([main/1]).

%% link/1 and unlink/1: links are two-way, idempotent, removed by unlink
%% on both sides; linking to a dead process; trap_exit chains; and
%% process_flag(trap_exit, _) returning the old value.
main(_) ->
    quiet(),
    %% OTP's -eval process starts trapping exits; start from a known state.
    process_flag(trap_exit, false),
    Self = self(),
    io:format("old trap_exit: ~p~n", [process_flag(trap_exit, true)]),
    io:format("old trap_exit: ~p~n", [process_flag(trap_exit, true)]),
    %% link/1 to a waiting process, then it exits.
    P1 = spawn(fun() -> receive go -> exit(p1_done) end end),
    io:format("link: ~p~n", [link(P1)]),
    io:format("link again: ~p~n", [link(P1)]),
    P1 ! go,
    receive {'EXIT', P1, R1} -> io:format("linked exit: ~p~n", [R1]) end,
    %% Only one EXIT even though link was called twice.
    io:format("no second exit: ~p~n", [flush()]),
    %% link to self is a no-op.
    io:format("link self: ~p~n", [link(self())]),
    %% Links are two-way: the child links to us, we exit it.
    P2 = spawn(fun() -> link(Self), Self ! linked, receive never -> ok end end),
    receive linked -> ok end,
    exit(P2, stop_it),
    receive {'EXIT', P2, R2} -> io:format("two-way: ~p~n", [R2]) end,
    %% A child that traps exits sees our exit/2 as a message.
    P3 = spawn(fun() ->
                       process_flag(trap_exit, true),
                       link(Self),
                       Self ! ready,
                       receive {'EXIT', From, Why} -> Self ! {trapped, From =:= Self, Why} end
               end),
    receive ready -> ok end,
    exit(P3, please),
    receive {trapped, FromMe, W3} -> io:format("child trapped: ~p ~p~n", [FromMe, W3]) end,
    receive {'EXIT', P3, R3} -> io:format("then it ended: ~p~n", [R3]) end,
    %% unlink: no EXIT arrives afterwards, from either side.
    P4 = spawn_link(fun() -> receive go -> exit(unlinked_reason) end end),
    io:format("unlink: ~p~n", [unlink(P4)]),
    io:format("unlink again: ~p~n", [unlink(P4)]),
    Ref4 = monitor(process, P4),
    P4 ! go,
    receive {'DOWN', Ref4, process, P4, D4} -> io:format("down after unlink: ~p~n", [D4]) end,
    io:format("no exit after unlink: ~p~n", [flush()]),
    %% unlink of a process that was never linked, or is dead, is fine.
    io:format("unlink dead: ~p~n", [unlink(P4)]),
    %% link to a dead process while trapping: an EXIT with noproc.
    io:format("link dead (trapping): ~p~n", [link(P4)]),
    receive {'EXIT', P4, R5} -> io:format("exit message: ~p~n", [R5]) end,
    %% link to a dead process while not trapping: error noproc.
    process_flag(trap_exit, false),
    io:format("link dead (not trapping): ~p~n", [err(fun() -> link(P4) end)]),
    io:format("link badarg: ~p~n", [err(fun() -> link(not_a_pid) end)]),
    io:format("unlink badarg: ~p~n", [err(fun() -> unlink(not_a_pid) end)]),
    process_flag(trap_exit, true),
    %% A chain A - B - C where B does not trap: C's crash kills B, whose
    %% exit reaches A (us) with C's reason.
    B = spawn_link(fun() ->
                           C = spawn_link(fun() -> receive go -> exit(c_reason) end end),
                           Self ! {c_is, C},
                           receive never -> ok end
                   end),
    receive {c_is, C} -> ok end,
    C ! go,
    receive {'EXIT', B, RB} -> io:format("chain: ~p, c alive: ~p~n", [RB, is_process_alive(C)]) end,
    %% A chain where the middle traps: it survives and reports.
    M = spawn_link(fun() ->
                           process_flag(trap_exit, true),
                           C2 = spawn_link(fun() -> exit(c2_reason) end),
                           receive {'EXIT', C2, Why} -> Self ! {middle_saw, Why} end,
                           receive stop -> exit(middle_done) end
                   end),
    receive {middle_saw, W} -> io:format("middle saw: ~p, alive: ~p~n", [W, is_process_alive(M)]) end,
    M ! stop,
    receive {'EXIT', M, RM} -> io:format("middle: ~p~n", [RM]) end,
    %% A long chain of non-trapping processes all die with the same reason.
    Last = spawn_link(fun() -> chain(5, Self) end),
    receive {chain_tail, T} -> ok end,
    T ! go,
    receive {'EXIT', Last, RL} -> io:format("long chain: ~p~n", [RL]) end,
    %% A normal exit does not propagate through a non-trapping middle.
    N1 = spawn_link(fun() ->
                            spawn_link(fun() -> ok end),
                            receive go -> Self ! {n1, still_alive} end
                    end),
    timer:sleep(20),
    N1 ! go,
    receive {n1, S1} -> io:format("normal link exit: ~p~n", [S1]) end,
    receive {'EXIT', N1, RN} -> io:format("n1: ~p~n", [RN]) end,
    %% An error exit carries {Reason, Stack}.
    E = spawn_link(fun() -> erlang:error(my_error) end),
    receive {'EXIT', E, {RE, Stack}} -> io:format("error exit: ~p ~p~n", [RE, is_list(Stack)]) end,
    %% A throw that is not caught: {{nocatch, V}, Stack}.
    Th = spawn_link(fun() -> throw(ball) end),
    receive {'EXIT', Th, {RT, _}} -> io:format("throw exit: ~p~n", [RT]) end,
    io:format("old trap_exit: ~p~n", [process_flag(trap_exit, false)]),
    io:format("bad flag value: ~p~n", [err(fun() -> process_flag(trap_exit, maybe) end)]),
    ok.

chain(0, Top) ->
    Top ! {chain_tail, self()},
    receive go -> exit(chain_end) end;
chain(N, Top) ->
    spawn_link(fun() -> chain(N - 1, Top) end),
    receive never -> ok end.

err(F) ->
    try F() of V -> {ok, V} catch C:R -> {C, R} end.

flush() ->
    receive M -> [M | flush()] after 0 -> [] end.

quiet() ->
    catch logger:set_handler_config(default, config, #{type => standard_error}),
    ok.
