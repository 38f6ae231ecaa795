-module(proc_exit).
-export([main/1]).

%% exit/1 and exit/2: reasons as links and monitors see them, kill
%% becoming killed, kill that cannot be trapped, normal signals that do
%% not kill, exit signals to yourself, and catching exit/1.
main(_) ->
    quiet(),
    process_flag(trap_exit, true),
    Self = self(),
    %% exit/1 with various reasons, seen through a link.
    [begin
         P = spawn_link(fun() -> exit(R) end),
         receive {'EXIT', P, Got} -> io:format("exit(~p) -> ~p~n", [R, Got]) end
     end || R <- [normal, shutdown, {shutdown, why}, "string", 42, {a, [b, c]}]],
    %% exit/1 can be caught like any exception.
    io:format("caught: ~p~n", [catch exit(caught_reason)]),
    io:format("try: ~p~n", [try exit(tried) catch exit:E -> {exit, E} end]),
    %% returning from the spawned fun is normal.
    PN = spawn_link(fun() -> done end),
    receive {'EXIT', PN, RN} -> io:format("return: ~p~n", [RN]) end,
    %% exit/2 kill on a process that traps: killed, not trappable.
    K = spawn_link(fun() -> process_flag(trap_exit, true), Self ! ready, receive never -> ok end end),
    receive ready -> ok end,
    exit(K, kill),
    receive {'EXIT', K, RK} -> io:format("kill trapper: ~p~n", [RK]) end,
    %% exit/2 with another reason on a trapper: a message, it lives on.
    T = spawn_link(fun() ->
                           process_flag(trap_exit, true),
                           Self ! ready,
                           receive {'EXIT', F, W} -> Self ! {trapped, F =:= Self, W} end,
                           receive {'EXIT', F2, W2} -> Self ! {trapped, F2 =:= Self, W2} end,
                           receive stop -> ok end
                   end),
    receive ready -> ok end,
    exit(T, soft),
    receive {trapped, FromMe, WT} -> io:format("trapped: ~p ~p~n", [FromMe, WT]) end,
    exit(T, normal),
    receive {trapped, FromMe2, WT2} -> io:format("trapped normal: ~p ~p~n", [FromMe2, WT2]) end,
    T ! stop,
    receive {'EXIT', T, RT} -> io:format("trapper ended: ~p~n", [RT]) end,
    %% exit(P, normal) does not kill a process that does not trap.
    NT = spawn(fun() -> receive ping -> Self ! pong end end),
    exit(NT, normal),
    NT ! ping,
    receive pong -> io:format("normal signal ignored~n") end,
    %% ... but any other reason does, and a monitor sees it.
    NT2 = spawn(fun() -> receive never -> ok end end),
    M2 = monitor(process, NT2),
    exit(NT2, other),
    receive {'DOWN', M2, process, NT2, R2} -> io:format("other signal: ~p~n", [R2]) end,
    %% kill: the monitor sees killed.
    NT3 = spawn(fun() -> receive never -> ok end end),
    M3 = monitor(process, NT3),
    exit(NT3, kill),
    receive {'DOWN', M3, process, NT3, R3} -> io:format("kill via monitor: ~p~n", [R3]) end,
    %% A process that exits with reason kill itself: links see kill, not
    %% killed (only exit/2 kill is turned into killed).
    SK = spawn_link(fun() -> exit(kill) end),
    receive {'EXIT', SK, RSK} -> io:format("exit(kill) itself: ~p~n", [RSK]) end,
    %% killed propagates along a link as killed and kills non-trappers.
    Outer = spawn_link(fun() ->
                               Inner = spawn_link(fun() -> receive never -> ok end end),
                               Self ! {inner, Inner},
                               receive never -> ok end
                       end),
    receive {inner, Inner} -> ok end,
    exit(Inner, kill),
    receive {'EXIT', Outer, RO} -> io:format("killed propagates: ~p~n", [RO]) end,
    %% exit(self(), Reason) while trapping: a message to yourself.
    exit(self(), to_myself),
    receive {'EXIT', Me, RM} -> io:format("self signal: ~p ~p~n", [Me =:= self(), RM]) end,
    exit(self(), normal),
    receive {'EXIT', Me2, RM2} -> io:format("self normal: ~p ~p~n", [Me2 =:= self(), RM2]) end,
    %% exit(self(), normal) in a non-trapping process ends it (a normal
    %% signal from anyone else would not); a non-normal reason too.
    {S1, M1} = spawn_monitor(fun() -> exit(self(), normal), Self ! not_reached, receive never -> ok end end),
    receive {'DOWN', M1, process, S1, R1} -> io:format("self normal, not trapping: ~p~n", [R1]) end,
    {S2, M4} = spawn_monitor(fun() -> exit(self(), goodbye), Self ! not_reached end),
    receive {'DOWN', M4, process, S2, R4} -> io:format("self signal kills: ~p~n", [R4]) end,
    %% exit(self(), kill) kills even a trapping process.
    {S3, M5} = spawn_monitor(fun() -> process_flag(trap_exit, true), exit(self(), kill), receive _ -> ok end end),
    receive {'DOWN', M5, process, S3, R5} -> io:format("self kill: ~p~n", [R5]) end,
    %% An exit signal is not an exception in its receiver: try and catch
    %% around a receive do not see it.
    [begin
         {C, MC} = spawn_monitor(fun() ->
                                         try receive never -> ok end
                                         catch Cl:Re -> Self ! {caught, Cl, Re}
                                         end
                                 end),
         exit(C, Sig),
         receive {'DOWN', MC, process, C, RC} -> io:format("signal ~p not caught: ~p~n", [Sig, RC]) end
     end || Sig <- [kill, reason]],
    {C2, MC2} = spawn_monitor(fun() -> catch exit(self(), by_myself), Self ! not_reached end),
    receive {'DOWN', MC2, process, C2, RC2} -> io:format("self signal not caught: ~p~n", [RC2]) end,
    %% exit/2 to a dead process is fine; to a non-pid is badarg.
    io:format("exit dead: ~p~n", [exit(S3, kill)]),
    io:format("exit badarg: ~p~n", [err(fun() -> exit(not_a_pid, kill) end)]),
    %% Runtime errors in a process: {Reason, Stack}.
    [begin
         {P, M} = spawn_monitor(F),
         receive {'DOWN', M, process, P, {Why, Stack}} -> io:format("error: ~p ~p~n", [Why, is_list(Stack)]) end
     end || F <- [fun() -> 1 = id(2) end,
                  fun() -> id(a) + 1 end,
                  fun() -> case id(x) of y -> ok end end,
                  fun() -> element(5, id({})) end,
                  fun() -> erlang:error({custom, 1}) end]],
    %% Exit signals do not arrive after unlink.
    U = spawn_link(fun() -> receive go -> exit(unseen) end end),
    unlink(U),
    MU = monitor(process, U),
    U ! go,
    receive {'DOWN', MU, process, U, RU} -> io:format("unlinked: ~p, exits: ~p~n", [RU, flush()]) end,
    io:format("not_reached never sent: ~p~n", [flush()]),
    ok.

id(X) -> X.

flush() ->
    receive M -> [M | flush()] after 0 -> [] end.

err(F) ->
    try F() of V -> {ok, V} catch C:R -> {C, R} end.

quiet() ->
    catch logger:set_handler_config(default, config, #{type => standard_error}),
    ok.
