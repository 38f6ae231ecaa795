%% A counter server keeps its count across a load of version 2 that
%% changes its reply: the server's loop calls ?MODULE:loop/1 fully
%% qualified, so it moves to the newest version at its next message.
-module(hl_counter).
-export([main/1]).

source(Tag, Vsn) ->
    io_lib:format(
      "-module(hl_ctr).~n"
      "-vsn(~p).~n"
      "-export([start/0, loop/1, bump/1]).~n"
      "start() -> spawn(fun() -> loop(0) end).~n"
      "bump(P) -> P ! {bump, self()}, receive {reply, R} -> R end.~n"
      "loop(N) -> receive {bump, From} -> From ! {reply, {~p, N + 1}}, hl_ctr:loop(N + 1) end.~n",
      [Vsn, Tag]).

main(_) ->
    ok = file:write_file("hl_ctr.erl", source(one, 1)),
    io:format("compile v1: ~p~n", [c:c(hl_ctr)]),
    P = hl_ctr:start(),
    io:format("~p~n", [hl_ctr:bump(P)]),
    io:format("~p~n", [hl_ctr:bump(P)]),
    io:format("attributes: ~p~n", [hl_ctr:module_info(attributes)]),
    ok = file:write_file("hl_ctr.erl", source(two, 2)),
    io:format("compile v2: ~p~n", [c:c(hl_ctr)]),
    io:format("attributes: ~p~n", [hl_ctr:module_info(attributes)]),
    io:format("old code: ~p~n", [erlang:check_old_code(hl_ctr)]),
    %% The server waits in version 1's receive: this reply is version 1's.
    io:format("~p~n", [hl_ctr:bump(P)]),
    io:format("~p~n", [hl_ctr:bump(P)]),
    io:format("~p~n", [hl_ctr:bump(P)]),
    io:format("runs old: ~p~n", [erlang:check_process_code(P, hl_ctr)]),
    io:format("soft_purge: ~p~n", [code:soft_purge(hl_ctr)]),
    io:format("old code: ~p~n", [erlang:check_old_code(hl_ctr)]),
    io:format("alive: ~p~n", [is_process_alive(P)]),
    io:format("~p~n", [hl_ctr:bump(P)]),
    ok = file:delete("hl_ctr.erl"),
    ok.
