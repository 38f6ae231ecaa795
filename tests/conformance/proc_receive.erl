-module(proc_receive).
-export([main/1]).

%% receive: patterns, guards, bound variables, selective receive that
%% keeps the other messages in order, after 0 / N / infinity, a timeout
%% from a variable, a bad timeout value, and receive inside a loop.
main(_) ->
    Self = self(),
    %% Patterns on structure; selective receive leaves the rest queued.
    [Self ! M || M <- [{a, 1}, {b, 2}, [x, y], {a, 3}, 42, "str", {c, {d, 4}}]],
    receive {b, B} -> io:format("b: ~p~n", [B]) end,
    receive {c, {d, D}} -> io:format("nested d: ~p~n", [D]) end,
    receive [_, Y] -> io:format("list second: ~p~n", [Y]) end,
    receive N when is_integer(N), N > 40 -> io:format("guarded int: ~p~n", [N]) end,
    receive [C | _] = S when is_integer(C) -> io:format("string: ~s~n", [S]) end,
    io:format("left: ~p~n", [flush()]),
    %% Guards that fail skip the message, in order.
    [Self ! {n, I} || I <- lists:seq(1, 6)],
    Evens = [receive {n, I} when I rem 2 =:= 0 -> I end || _ <- [1, 2, 3]],
    io:format("evens: ~p, left: ~p~n", [Evens, flush()]),
    %% A guard that raises is false, not an error.
    Self ! {t, atom},
    Self ! {t, 5},
    receive {t, X} when X + 1 > 0 -> io:format("raising guard skipped to: ~p~n", [X]) end,
    io:format("left: ~p~n", [flush()]),
    %% A variable bound before the receive must match.
    Want = key2,
    [Self ! {K, v} || K <- [key1, key2, key3]],
    receive {Want, V} -> io:format("bound match: ~p ~p~n", [Want, V]) end,
    io:format("left: ~p~n", [flush()]),
    %% Several clauses: the first message that matches any clause wins,
    %% in mailbox order, not clause order.
    Self ! second, Self ! first,
    R1 = receive first -> first; second -> second end,
    io:format("mailbox order wins: ~p~n", [R1]),
    flush(),
    %% after 0 polls.
    io:format("poll empty: ~p~n", [receive Any -> Any after 0 -> timeout end]),
    Self ! here,
    io:format("poll full: ~p~n", [receive Any2 -> Any2 after 0 -> timeout end]),
    Self ! other,
    io:format("poll miss: ~p~n", [receive nope -> nope after 0 -> timeout end]),
    io:format("still there: ~p~n", [flush()]),
    %% after N times out when nothing matches; the message stays.
    Self ! unrelated,
    io:format("after 20: ~p~n", [receive wanted -> wanted after 20 -> timeout end]),
    io:format("kept: ~p~n", [flush()]),
    %% A timeout from a variable, and infinity with a message sent later.
    T = 15,
    io:format("after var: ~p~n", [receive wanted -> wanted after T -> timeout end]),
    Inf = infinity,
    spawn(fun() -> timer:sleep(10), Self ! late end),
    io:format("after infinity: ~p~n", [receive late -> late after Inf -> timeout end]),
    %% A message that arrives while waiting with a timeout is taken.
    spawn(fun() -> Self ! {reply, 7} end),
    io:format("arrives in time: ~p~n", [receive {reply, R} -> R after 5000 -> timeout end]),
    %% after with no clauses: a plain sleep.
    receive after 5 -> io:format("slept~n") end,
    %% Bad timeout values raise timeout_value.
    io:format("bad timeout: ~p~n", [catch_timeout(-1)]),
    io:format("bad timeout: ~p~n", [catch_timeout(foo)]),
    io:format("bad timeout: ~p~n", [catch_timeout(1.5)]),
    %% The value of a receive is the value of its clause body; the after
    %% body too.
    Self ! {sum, 2, 3},
    Sum = receive {sum, P, Q} -> P + Q end,
    After = receive never -> 0 after 0 -> 1, 2, 3 end,
    io:format("values: ~p ~p~n", [Sum, After]),
    %% Variables bound in every clause are usable after the receive.
    Self ! {one, 1},
    receive {one, Z} -> ok; {two, Z} -> ok end,
    io:format("exported var: ~p~n", [Z]),
    %% A loop collecting until a stop marker.
    [Self ! {item, I} || I <- lists:seq(1, 5)],
    Self ! stop,
    io:format("collected: ~p~n", [collect([])]),
    %% Big messages and many of them.
    Big = lists:seq(1, 1000),
    [Self ! {big, I, Big} || I <- lists:seq(1, 100)],
    Sums = [receive {big, I, L} -> I + lists:sum(L) end || I <- lists:seq(1, 100)],
    io:format("big: ~p~n", [lists:sum(Sums)]),
    ok.

catch_timeout(T) ->
    try receive never -> never after T -> timeout end
    catch C:E -> {C, E}
    end.

collect(Acc) ->
    receive
        {item, I} -> collect([I | Acc]);
        stop -> lists:reverse(Acc)
    end.

flush() ->
    receive M -> [M | flush()] after 0 -> [] end.
