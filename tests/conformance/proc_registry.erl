-module(proc_registry).
-export([main/1]).

%% register/2, unregister/1, whereis/1, registered/0 and sending by name:
%% the badarg cases, names freed when their process ends, one name per
%% process.
main(_) ->
    quiet(),
    process_flag(trap_exit, false),
    Self = self(),
    Mine = [reg_a, reg_b, reg_c, reg_self],
    io:format("whereis unknown: ~p~n", [whereis(reg_a)]),
    P = spawn(fun() -> loop() end),
    io:format("register: ~p~n", [register(reg_a, P)]),
    io:format("whereis: ~p~n", [whereis(reg_a) =:= P]),
    %% send by name, ! and erlang:send/2.
    reg_a ! {Self, ping},
    receive {P, pong} -> io:format("pong via !~n") end,
    erlang:send(reg_a, {Self, ping}),
    receive {P, pong} -> io:format("pong via erlang:send~n") end,
    io:format("send returns msg: ~p~n", [(reg_a ! {Self, ping}) =:= {Self, ping}]),
    receive {P, pong} -> ok end,
    %% a name is taken: badarg; a pid has at most one name.
    io:format("taken name: ~p~n", [err(fun() -> register(reg_a, self()) end)]),
    io:format("second name: ~p~n", [err(fun() -> register(reg_b, P) end)]),
    io:format("register self: ~p~n", [register(reg_self, self())]),
    io:format("registered: ~p~n", [mine(Mine)]),
    %% bad names.
    io:format("register undefined: ~p~n", [err(fun() -> register(undefined, self()) end)]),
    io:format("register non-atom: ~p~n", [err(fun() -> register("name", self()) end)]),
    io:format("register non-pid: ~p~n", [err(fun() -> register(reg_c, reg_a) end)]),
    io:format("whereis non-atom: ~p~n", [err(fun() -> whereis("name") end)]),
    io:format("unregister unknown: ~p~n", [err(fun() -> unregister(reg_c) end)]),
    io:format("unregister non-atom: ~p~n", [err(fun() -> unregister(42) end)]),
    %% sending to a name nobody has is badarg; to a bad destination too.
    io:format("send unknown name: ~p~n", [err(fun() -> reg_nobody ! hi end)]),
    io:format("erlang:send unknown: ~p~n", [err(fun() -> erlang:send(reg_nobody, hi) end)]),
    io:format("send to number: ~p~n", [err(fun() -> 42 ! hi end)]),
    io:format("send to {name, node}: ~p~n", [err(fun() -> {reg_self, node()} ! via_tuple end)]),
    receive via_tuple -> io:format("got via {name, node}~n") end,
    io:format("send to unknown {name, node}: ~p~n", [err(fun() -> {reg_nobody, node()} ! hi end)]),
    io:format("send to {name, other node}: ~p~n", [err(fun() -> {reg_self, 'other@host'} ! hi end)]),
    io:format("send to {name, string}: ~p~n", [err(fun() -> {reg_self, "node"} ! hi end)]),
    io:format("nothing arrived: ~p~n", [receive M -> M after 0 -> none end]),
    %% sending to a dead pid is not an error.
    Dead = spawn(fun() -> ok end),
    wait_dead(Dead),
    io:format("send to dead pid: ~p~n", [err(fun() -> Dead ! hi end)]),
    %% register a dead process: badarg.
    io:format("register dead: ~p~n", [err(fun() -> register(reg_c, Dead) end)]),
    %% unregister, then re-register the name elsewhere.
    io:format("unregister: ~p~n", [unregister(reg_a)]),
    io:format("whereis after: ~p~n", [whereis(reg_a)]),
    io:format("self already named: ~p~n", [err(fun() -> register(reg_a, self()) end)]),
    io:format("unregister self name: ~p~n", [unregister(reg_self)]),
    io:format("register again: ~p~n", [register(reg_a, self())]),
    io:format("unregister again: ~p~n", [unregister(reg_a)]),
    %% after unregister the process may take another name.
    io:format("new name for P: ~p~n", [register(reg_b, P)]),
    %% the name goes away when the process ends.
    reg_b ! stop,
    wait_dead(P),
    io:format("whereis dead: ~p~n", [whereis(reg_b)]),
    io:format("registered: ~p~n", [mine(Mine)]),
    %% a process that registers itself.
    Q = spawn(fun() -> register(reg_c, self()), Self ! registered, loop() end),
    receive registered -> ok end,
    io:format("self-registered: ~p~n", [whereis(reg_c) =:= Q]),
    io:format("registered: ~p~n", [mine(Mine)]),
    exit(Q, kill),
    wait_dead(Q),
    io:format("after kill: ~p~n", [whereis(reg_c)]),
    io:format("name usable again: ~p~n", [register(reg_c, self())]),
    io:format("registered: ~p~n", [mine(Mine)]),
    ok.

loop() ->
    receive
        {From, ping} -> From ! {self(), pong}, loop();
        stop -> ok
    end.

%% registered/0 lists OTP's own servers too: keep only ours, sorted.
mine(Mine) ->
    lists:sort([N || N <- registered(), lists:member(N, Mine)]).

wait_dead(P) ->
    R = monitor(process, P),
    receive {'DOWN', R, process, P, _} -> ok end.

err(F) ->
    try F() of V -> {ok, V} catch C:R -> {C, R} end.

quiet() ->
    catch logger:set_handler_config(default, config, #{type => standard_error}),
    ok.
