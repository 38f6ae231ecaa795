%% A process stuck in version 1 survives the load of version 2 (soft_purge
%% refuses while it runs there) and is killed, with reason `killed`, by
%% the load of version 3.
-module(hl_stuck).
-export([main/1]).

source(V) ->
    io_lib:format(
      "-module(hl_stk).~n"
      "-export([stuck/1, v/0]).~n"
      "v() -> ~p.~n"
      "stuck(Parent) -> Parent ! ready, receive never_sent -> ok end.~n", [V]).

main(_) ->
    ok = file:write_file("hl_stk.erl", source(1)),
    io:format("v1: ~p~n", [c:c(hl_stk)]),
    {P, Ref} = spawn_monitor(hl_stk, stuck, [self()]),
    receive ready -> ok end,
    ok = file:write_file("hl_stk.erl", source(2)),
    io:format("v2: ~p ~p~n", [c:c(hl_stk), hl_stk:v()]),
    io:format("runs old: ~p, self: ~p~n",
              [erlang:check_process_code(P, hl_stk), erlang:check_process_code(self(), hl_stk)]),
    io:format("soft_purge: ~p~n", [code:soft_purge(hl_stk)]),
    io:format("alive: ~p~n", [is_process_alive(P)]),
    ok = file:write_file("hl_stk.erl", source(3)),
    io:format("v3: ~p ~p~n", [c:c(hl_stk), hl_stk:v()]),
    receive {'DOWN', Ref, process, P, Why} -> io:format("down: ~p~n", [Why]) end,
    io:format("alive: ~p~n", [is_process_alive(P)]),
    %% Version 2 is old now, and nobody runs it.
    io:format("old code: ~p~n", [erlang:check_old_code(hl_stk)]),
    io:format("purge: ~p~n", [code:purge(hl_stk)]),
    io:format("purge again: ~p~n", [code:purge(hl_stk)]),
    io:format("soft_purge: ~p~n", [code:soft_purge(hl_stk)]),
    %% code:purge/1 kills too.
    {Q, QRef} = spawn_monitor(hl_stk, stuck, [self()]),
    receive ready -> ok end,
    io:format("l: ~p~n", [c:l(hl_stk)]),
    io:format("runs old: ~p~n", [erlang:check_process_code(Q, hl_stk)]),
    io:format("purge: ~p~n", [code:purge(hl_stk)]),
    receive {'DOWN', QRef, process, Q, Why2} -> io:format("down: ~p~n", [Why2]) end,
    ok = file:delete("hl_stk.erl"),
    ok.
