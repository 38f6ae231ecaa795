-module(proc_ordering).
-export([main/1]).

%% What OTP guarantees about order: signals from one process to another
%% arrive in the order sent (messages, exit signals, 'DOWN's alike);
%% nothing is promised between different senders, so the program only
%% compares per-sender sequences.
main(_) ->
    process_flag(trap_exit, true),
    Self = self(),
    %% Many messages from one sender keep their order.
    spawn(fun() -> [Self ! {seq, I} || I <- lists:seq(1, 1000)] end),
    Seq = [receive {seq, I} -> I end || _ <- lists:seq(1, 1000)],
    io:format("1000 in order: ~p~n", [Seq =:= lists:seq(1, 1000)]),
    %% Several senders: each one's messages in order, interleaving free.
    Senders = [spawn(fun() -> [Self ! {s, K, I} || I <- lists:seq(1, 200)] end) || K <- lists:seq(1, 5)],
    All = [receive {s, _, _} = M -> M end || _ <- lists:seq(1, 1000)],
    PerSender = [[I || {s, K2, I} <- All, K2 =:= K] || K <- lists:seq(1, 5)],
    io:format("per sender in order: ~p~n", [lists:all(fun(L) -> L =:= lists:seq(1, 200) end, PerSender)]),
    _ = Senders,
    %% Messages sent before an exit arrive before the 'EXIT'.
    L = spawn_link(fun() -> Self ! {last, words}, exit(gone) end),
    First = receive X -> X end,
    Second = receive Y -> Y end,
    io:format("message then exit: ~p ~p~n", [First, element(3, Second) =:= gone andalso element(2, Second) =:= L]),
    %% ... and before the 'DOWN'.
    {P, R} = spawn_monitor(fun() -> [Self ! {m, I} || I <- [1, 2, 3]] end),
    Msgs = [receive Z -> Z end || _ <- [1, 2, 3, 4]],
    io:format("messages then down: ~p ~p~n",
              [lists:sublist(Msgs, 3), lists:nth(4, Msgs) =:= {'DOWN', R, process, P, normal}]),
    %% Relaying through a chain keeps order.
    Tail = lists:foldl(fun(_, Next) -> spawn(fun() -> relay(Next) end) end, Self, lists:seq(1, 10)),
    [Tail ! {relay, I} || I <- lists:seq(1, 50)],
    Relayed = [receive {relay, I} -> I end || _ <- lists:seq(1, 50)],
    io:format("relayed in order: ~p~n", [Relayed =:= lists:seq(1, 50)]),
    %% A round trip: a reply comes after the request was handled.
    Counter = spawn(fun() -> counter(0) end),
    [Counter ! incr || _ <- lists:seq(1, 100)],
    Counter ! {get, Self},
    receive {count, C} -> io:format("count after 100 incr: ~p~n", [C]) end,
    %% Messages to yourself are in order too.
    [Self ! {me, I} || I <- lists:seq(1, 10)],
    io:format("self order: ~p~n", [[receive {me, I} -> I end || _ <- lists:seq(1, 10)]]),
    %% Selective receive takes the oldest matching message first.
    [Self ! {tag, I rem 3, I} || I <- lists:seq(1, 9)],
    Twos = [receive {tag, 2, I} -> I end || _ <- [1, 2, 3]],
    Rest = [receive {tag, _, I} -> I end || _ <- lists:seq(1, 6)],
    io:format("selective: ~p ~p~n", [Twos, Rest]),
    %% A ping-pong of 10,000 round trips.
    Pong = spawn(fun() -> pong() end),
    io:format("ping-pong: ~p~n", [ping(Pong, 10000, 0)]),
    ok.

relay(Next) ->
    receive M -> Next ! M, relay(Next) end.

counter(N) ->
    receive
        incr -> counter(N + 1);
        {get, From} -> From ! {count, N}, counter(N)
    end.

pong() ->
    receive
        {ping, From, N} -> From ! {pong, N + 1}, pong();
        stop -> ok
    end.

ping(Pong, 0, Acc) -> Pong ! stop, Acc;
ping(Pong, K, Acc) ->
    Pong ! {ping, self(), Acc},
    receive {pong, N} -> ping(Pong, K - 1, N) end.
