-module(proc_basics).
-export([main/1, echo/0]).
main(_) ->
    Self = self(),
    P = spawn(fun() -> pong(Self) end),
    P ! {ping, 3},
    loop(),
    E = spawn(?MODULE, echo, []),
    E ! {self(), hello},
    receive {E, Msg} -> io:format("echo: ~p~n", [Msg]) end,
    receive after 10 -> io:format("timeout~n") end,
    self() ! a, self() ! b, self() ! c,
    receive b -> io:format("got b first~n") end,
    receive X -> io:format("then ~p~n", [X]) end,
    receive Y -> io:format("then ~p~n", [Y]) end,
    R = receive z -> z after 0 -> none end,
    io:format("~p~n", [R]),
    process_flag(trap_exit, true),
    L = spawn_link(fun() -> exit(boom) end),
    receive {'EXIT', L, Why} -> io:format("exit ~p~n", [Why]) end,
    {Pid, Ref} = {spawn(fun() -> ok end), erlang:make_ref()},
    M = monitor(process, Pid),
    receive {'DOWN', M, process, Pid, Reason} -> io:format("down ~p~n", [Reason]) end,
    _ = Ref,
    register(me, self()),
    me ! hi,
    receive hi -> io:format("registered ok ~p~n", [whereis(me) =:= self()]) end,
    timer:sleep(5),
    io:format("alive ~p~n", [is_process_alive(Pid)]),
    ok.
pong(Parent) ->
    receive
        {ping, 0} -> Parent ! done;
        {ping, N} -> io:format("ping ~p~n", [N]), self() ! {ping, N - 1}, pong(Parent)
    end.
loop() -> receive done -> io:format("done~n") end.
echo() -> receive {From, M} -> From ! {self(), M} end.
