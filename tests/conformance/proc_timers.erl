-module(proc_timers).
-export([main/1]).

%% erlang:send_after/3, erlang:start_timer/3, erlang:cancel_timer/1 and
%% timer:sleep/1. Order is decided by generous gaps (10 ms against 300 ms)
%% or by causality, never by tight timing.
main(_) ->
    Self = self(),
    %% send_after delivers the plain message; start_timer wraps it.
    T1 = erlang:send_after(10, Self, plain),
    io:format("send_after ref: ~p~n", [is_reference(T1)]),
    receive plain -> io:format("got plain~n") end,
    T2 = erlang:start_timer(10, Self, wrapped),
    receive {timeout, T2, wrapped} -> io:format("got {timeout, Ref, wrapped}~n") end,
    %% Timers fire in deadline order when far apart.
    erlang:send_after(300, Self, {order, late}),
    erlang:send_after(10, Self, {order, early}),
    O1 = receive {order, A} -> A end,
    O2 = receive {order, B} -> B end,
    io:format("order: ~p ~p~n", [O1, O2]),
    %% A timer of 0 ms fires at once.
    erlang:send_after(0, Self, zero),
    receive zero -> io:format("zero timer~n") end,
    %% cancel_timer before it fires: remaining milliseconds, no message.
    T3 = erlang:send_after(5000, Self, never_sent),
    Left = erlang:cancel_timer(T3),
    io:format("cancel: ~p ~p~n", [is_integer(Left), Left > 0 andalso Left =< 5000]),
    io:format("cancel again: ~p~n", [erlang:cancel_timer(T3)]),
    T4 = erlang:start_timer(5000, Self, never_either),
    io:format("cancel start_timer: ~p~n", [is_integer(erlang:cancel_timer(T4))]),
    %% cancel after it fired: false, and the message is there.
    T5 = erlang:send_after(10, Self, fired),
    receive fired -> ok end,
    io:format("cancel fired: ~p~n", [erlang:cancel_timer(T5)]),
    %% Nothing from the cancelled timers arrives (wait past a later timer).
    erlang:send_after(50, Self, marker),
    receive marker -> ok end,
    io:format("mailbox: ~p~n", [flush()]),
    %% A timer to a registered name, resolved when it fires.
    register(timer_target, Self),
    erlang:send_after(10, timer_target, by_name),
    receive by_name -> io:format("by name~n") end,
    unregister(timer_target),
    %% A timer to a process that died meanwhile: nothing happens.
    {Dead, MR} = spawn_monitor(fun() -> ok end),
    receive {'DOWN', MR, process, Dead, _} -> ok end,
    erlang:send_after(10, Dead, lost),
    erlang:send_after(60, Self, after_lost),
    receive after_lost -> io:format("timer to dead pid: ok~n") end,
    %% Another process's timers are independent.
    spawn(fun() ->
                  erlang:send_after(10, self(), tick),
                  receive tick -> Self ! child_tick end
          end),
    receive child_tick -> io:format("child timer~n") end,
    %% A process cancels a timer set for us.
    T6 = erlang:send_after(300, Self, cancelled_by_other),
    spawn(fun() -> Self ! {other_cancel, erlang:cancel_timer(T6) =/= false} end),
    receive {other_cancel, C} -> io:format("cancel from another process: ~p~n", [C]) end,
    erlang:send_after(400, Self, marker2),
    receive marker2 -> ok end,
    io:format("mailbox: ~p~n", [flush()]),
    %% timer:sleep/1 returns ok; messages arriving meanwhile wait.
    erlang:send_after(5, Self, during_sleep),
    io:format("sleep: ~p~n", [timer:sleep(50)]),
    io:format("after sleep: ~p~n", [flush()]),
    io:format("sleep 0: ~p~n", [timer:sleep(0)]),
    %% Bad arguments.
    io:format("negative time: ~p~n", [err(fun() -> erlang:send_after(-1, Self, x) end)]),
    io:format("bad time: ~p~n", [err(fun() -> erlang:send_after(foo, Self, x) end)]),
    io:format("bad dest: ~p~n", [err(fun() -> erlang:send_after(10, 42, x) end)]),
    io:format("start_timer bad: ~p~n", [err(fun() -> erlang:start_timer(-5, Self, x) end)]),
    io:format("cancel bad: ~p~n", [err(fun() -> erlang:cancel_timer(not_a_ref) end)]),
    io:format("cancel unknown ref: ~p~n", [erlang:cancel_timer(make_ref())]),
    io:format("sleep bad: ~p~n", [element(1, err(fun() -> timer:sleep(-1) end))]),
    %% Many timers, collected by causality (all arrive, each once).
    [erlang:send_after(10 + (I rem 7), Self, {many, I}) || I <- lists:seq(1, 100)],
    Many = lists:sort([receive {many, I} -> I end || _ <- lists:seq(1, 100)]),
    io:format("many: ~p~n", [Many =:= lists:seq(1, 100)]),
    ok.

flush() ->
    receive M -> [M | flush()] after 0 -> [] end.

err(F) ->
    try F() of V -> {ok, V} catch C:R -> {C, R} end.
