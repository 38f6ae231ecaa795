-module(proc_spawn).
-export([main/1, echo/1, add/3, crash/1]).

%% spawn/1,3, spawn_link/1,3, spawn_monitor/1,3 and self/0: what each
%% returns, that arguments and captured values reach the new process,
%% and the errors a bad call raises in the caller or the new process.
main(_) ->
    quiet(),
    process_flag(trap_exit, true),
    Self = self(),
    io:format("self is pid: ~p~n", [is_pid(Self)]),
    io:format("self stable: ~p~n", [Self =:= self()]),
    %% spawn/1 with a closure over a big term.
    Big = {lists:seq(1, 50), #{a => [1, 2, 3], b => "text"}, 1 bsl 100, 2.5},
    P1 = spawn(fun() -> Self ! {self(), got, Big} end),
    io:format("spawn/1 pid: ~p, not self: ~p~n", [is_pid(P1), P1 =/= Self]),
    receive {P1, got, B1} -> io:format("closure copied: ~p~n", [B1 =:= Big]) end,
    %% spawn/3 with arguments.
    P2 = spawn(?MODULE, add, [Self, 40, 2]),
    receive {P2, sum, S} -> io:format("spawn/3 sum: ~p~n", [S]) end,
    %% the new process sees its own pid as self().
    P3 = spawn(fun() -> Self ! {whoami, self()} end),
    receive {whoami, W} -> io:format("child self matches: ~p~n", [W =:= P3]) end,
    %% spawn/3 of an exported function in another role.
    E = spawn(?MODULE, echo, [Self]),
    E ! {msg, hello},
    receive {echoed, E, M} -> io:format("echo: ~p~n", [M]) end,
    %% spawn_link/1: an exit reason reaches us as a message (trapping).
    L1 = spawn_link(fun() -> exit(bye) end),
    receive {'EXIT', L1, R1} -> io:format("spawn_link/1 exit: ~p~n", [R1]) end,
    %% spawn_link/3: normal return gives normal.
    L2 = spawn_link(?MODULE, add, [Self, 1, 2]),
    receive {L2, sum, S2} -> io:format("spawn_link/3 sum: ~p~n", [S2]) end,
    receive {'EXIT', L2, R2} -> io:format("spawn_link/3 exit: ~p~n", [R2]) end,
    %% spawn_monitor/1 and /3 return {Pid, Ref}.
    {M1, Ref1} = spawn_monitor(fun() -> exit(mon_reason) end),
    io:format("spawn_monitor/1: ~p ~p~n", [is_pid(M1), is_reference(Ref1)]),
    receive {'DOWN', Ref1, process, M1, D1} -> io:format("down: ~p~n", [D1]) end,
    {M2, Ref2} = spawn_monitor(?MODULE, crash, [badarith]),
    receive {'DOWN', Ref2, process, M2, {D2, _Stack2}} -> io:format("down crash: ~p~n", [D2]) end,
    %% spawn/3 of a function that does not exist: undef in the new process.
    {M3, Ref3} = spawn_monitor(?MODULE, no_such_function, [1]),
    receive
        {'DOWN', Ref3, process, M3, {undef, [{?MODULE, no_such_function, [1], _} | _]}} ->
            io:format("undef in child~n")
    end,
    {M4, Ref4} = spawn_monitor(no_such_module_xyz, f, []),
    receive {'DOWN', Ref4, process, M4, {R4, _}} -> io:format("undef module: ~p~n", [R4]) end,
    %% bad arguments fail in the caller.
    io:format("spawn(atom): ~p~n", [err(fun() -> spawn(not_a_fun) end)]),
    io:format("spawn(M,F,notlist): ~p~n", [err(fun() -> spawn(?MODULE, add, notalist) end)]),
    io:format("spawn(M,F,improper): ~p~n", [err(fun() -> spawn(?MODULE, add, [a | b]) end)]),
    io:format("spawn(1,F,A): ~p~n", [err(fun() -> spawn(1, add, []) end)]),
    io:format("spawn_link(atom): ~p~n", [err(fun() -> spawn_link(x) end)]),
    io:format("spawn_monitor(atom): ~p~n", [err(fun() -> spawn_monitor(x) end)]),
    io:format("spawn_monitor(M,F,notlist): ~p~n", [err(fun() -> spawn_monitor(?MODULE, add, x) end)]),
    io:format("spawn_link(M,F,notlist): ~p~n", [err(fun() -> spawn_link(?MODULE, add, x) end)]),
    %% many processes report back; all distinct pids.
    Ps = [spawn(fun() -> Self ! {n, I, self()} end) || I <- lists:seq(1, 100)],
    Got = lists:sort([receive {n, I, P} -> {I, P} end || _ <- Ps]),
    io:format("100 replies: ~p, distinct: ~p~n",
              [[I || {I, _} <- Got] =:= lists:seq(1, 100), length(lists:usort(Ps)) =:= 100]),
    io:format("pids match: ~p~n", [lists:sort(Ps) =:= lists:sort([P || {_, P} <- Got])]),
    %% pids compare as pids: after numbers, atoms, refs, funs; before tuples.
    io:format("order: ~p~n", [[1 < Self, abc < Self, make_ref() < Self, fun main/1 < Self, Self < {}, Self < []]]),
    ok.

add(To, A, B) -> To ! {self(), sum, A + B}.

echo(To) -> receive {msg, M} -> To ! {echoed, self(), M} end.

crash(badarith) -> 1 + list_to_integer("0") * list_to_atom(id("a")).

id(X) -> X.

err(F) ->
    try F() of V -> {ok, V} catch C:R -> {C, R} end.

%% Crash reports of spawned processes go to standard error (OTP prints
%% them on standard output by default; girder on standard error).
quiet() ->
    catch logger:set_handler_config(default, config, #{type => standard_error}),
    ok.
