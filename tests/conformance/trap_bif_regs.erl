%% Regression: BIFs that may continue in Erlang code (process_info/2 of
%% another process traps to girder_proc) were compiled as if they left the
%% X registers alone: in [process_info(P, I), process_info(self(), I)] the
%% first result was lost, and a function without a stack frame lost its
%% continuation at the call and ran again and again.
-module(trap_bif_regs).
-export([main/1]).

main(_) ->
    P = spawn(fun() -> receive stop -> ok end end),
    true = register(trap_bif_other, P),
    io:format("~p~n", [[process_info(P, registered_name), process_info(self(), registered_name)]]),
    io:format("~p~n", [{process_info(P, message_queue_len), process_info(P, registered_name)}]),
    io:format("~p~n", [both(P)]),
    P ! stop,
    ok.

both(P) -> {process_info(P, registered_name), erlang:check_process_code(P, trap_bif_regs)}.
