-module(proc_signals).
-export([main/1]).

%% Exit signals, trap_exit, kill/killed, monitors of dead processes,
%% after 0 polling, message order between two processes.
main(_) ->
    process_flag(trap_exit, true),
    %% A linked process that exits normally: trapped as {'EXIT', P, normal}.
    P1 = spawn_link(fun() -> ok end),
    receive {'EXIT', P1, R1} -> io:format("normal exit: ~p~n", [R1]) end,
    %% kill becomes killed for the linked process.
    P2 = spawn_link(fun() -> receive never -> ok end end),
    exit(P2, kill),
    receive {'EXIT', P2, R2} -> io:format("killed: ~p~n", [R2]) end,
    %% exit/2 with a custom reason.
    P3 = spawn_link(fun() -> receive never -> ok end end),
    exit(P3, shutdown),
    receive {'EXIT', P3, R3} -> io:format("shutdown: ~p~n", [R3]) end,
    %% A chain: middle does not trap, so the crash of the last kills it.
    Self = self(),
    Mid = spawn_link(fun() ->
                             spawn_link(fun() -> exit(chain_reason) end),
                             receive never -> Self ! not_reached end
                     end),
    receive {'EXIT', Mid, R4} -> io:format("chain: ~p~n", [R4]) end,
    %% normal exit signal does not kill a non-trapping process.
    P5 = spawn(fun() -> receive go -> Self ! {alive, self()} end end),
    exit(P5, normal),
    P5 ! go,
    receive {alive, P5} -> io:format("survived normal exit signal~n") end,
    %% Monitor of a dead process gives noproc.
    Dead = spawn(fun() -> ok end),
    timer:sleep(10),
    Ref = monitor(process, Dead),
    receive {'DOWN', Ref, process, Dead, R6} -> io:format("down: ~p~n", [R6]) end,
    %% Polling with after 0.
    io:format("poll empty: ~p~n", [receive X -> X after 0 -> empty end]),
    self() ! one,
    io:format("poll one: ~p~n", [receive Y -> Y after 0 -> empty end]),
    %% Order between a pair of processes is kept.
    Sender = spawn(fun() -> [Self ! {n, I} || I <- lists:seq(1, 5)] end),
    Got = [receive {n, I} -> I end || _ <- lists:seq(1, 5)],
    io:format("order: ~p~n", [Got]),
    _ = Sender,
    %% Registered names and badarg on sending to an unknown name.
    io:format("unknown name: ~p~n", [catch element(1, catch nobody ! hi)]),
    register(reg_test, self()),
    reg_test ! via_name,
    receive via_name -> io:format("via name~n") end,
    unregister(reg_test),
    io:format("whereis after unregister: ~p~n", [whereis(reg_test)]),
    ok.
