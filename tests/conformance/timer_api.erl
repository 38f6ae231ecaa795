%% timer: send_after/apply_after/intervals deliver in deadline order,
%% cancel stops them, bad arguments give {error, badarg}; the unit
%% helpers, now_diff and tc. No timing is asserted beyond ordering.
-module(timer_api).
-export([main/1, tell/2]).

main(_) ->
    Self = self(),
    {ok, _} = timer:send_after(250, Self, late),
    {ok, _} = timer:send_after(10, early),
    {ok, _} = timer:apply_after(100, ?MODULE, tell, [Self, applied]),
    io:format("~p~n", [collect(3)]),
    %% A cancelled one-shot never arrives.
    {ok, T1} = timer:send_after(30, Self, cancelled),
    {ok, T2} = timer:apply_after(30, ?MODULE, tell, [Self, cancelled_apply]),
    io:format("~p ~p~n", [timer:cancel(T1), timer:cancel(T2)]),
    {ok, _} = timer:send_after(80, Self, marker),
    io:format("~p~n", [collect(1)]),
    %% Intervals tick until cancelled.
    {ok, I1} = timer:send_interval(5, tick),
    Ticks = [receive tick -> tick end || _ <- lists:seq(1, 4)],
    io:format("~p ~p~n", [Ticks, timer:cancel(I1)]),
    flush(tick),
    receive tick -> io:format("tick after cancel~n") after 50 -> io:format("quiet~n") end,
    {ok, I2} = timer:apply_interval(5, ?MODULE, tell, [Self, beat]),
    Beats = [receive beat -> beat end || _ <- lists:seq(1, 3)],
    io:format("~p ~p~n", [Beats, timer:cancel(I2)]),
    %% A beat applied just before the cancel may still be on its way (each
    %% apply runs in a process of its own): let those land first.
    receive after 50 -> ok end,
    flush(beat),
    receive beat -> io:format("beat after cancel~n") after 50 -> io:format("quiet~n") end,
    %% An interval to a process stops when that process exits.
    Sink = spawn(fun() -> receive stop -> ok end end),
    {ok, I3} = timer:send_interval(5, Sink, ping),
    Sink ! stop,
    receive after 30 -> ok end,
    io:format("~p~n", [timer:cancel(I3)]),
    %% Cancelling twice, or something that is not a timer.
    io:format("~p ~p~n", [timer:cancel(T1), timer:cancel(not_a_timer)]),
    %% exit_after / kill_after.
    process_flag(trap_exit, true),
    Victim = spawn_link(fun() -> receive after infinity -> ok end end),
    {ok, _} = timer:exit_after(10, Victim, bye),
    receive {'EXIT', Victim, Why} -> io:format("exit ~p~n", [Why]) end,
    Victim2 = spawn_link(fun() -> receive after infinity -> ok end end),
    {ok, _} = timer:kill_after(10, Victim2),
    receive {'EXIT', Victim2, Why2} -> io:format("exit ~p~n", [Why2]) end,
    %% Errors.
    io:format("~p~n", [[timer:send_after(-1, Self, x), timer:send_after(1.5, x),
                        timer:send_after(10, "pid", x), timer:apply_after(a, m, f, []),
                        timer:apply_after(10, m, f, notalist), timer:send_interval(-5, x),
                        timer:apply_interval(10, "m", f, [])]]),
    %% Helpers.
    io:format("~p~n", [[timer:seconds(3), timer:minutes(2), timer:hours(1),
                        timer:hms(1, 2, 3), timer:seconds(1.5)]]),
    io:format("~p~n", [timer:now_diff({1, 2, 3}, {0, 999999, 999999})]),
    io:format("~p~n", [timer:now_diff({0, 0, 0}, {0, 0, 10})]),
    {Us, V} = timer:tc(fun() -> lists:sum(lists:seq(1, 1000)) end),
    {Us2, V2} = timer:tc(lists, seq, [1, 3]),
    {Us3, V3} = timer:tc(fun erlang:'+'/2, [1, 2]),
    io:format("~p ~p ~p ~p~n", [V, V2, V3, lists:all(fun(U) -> is_integer(U) andalso U >= 0 end, [Us, Us2, Us3])]),
    {Slept, ok} = timer:tc(timer, sleep, [20]),
    io:format("~p~n", [Slept >= 20000]),
    io:format("~p~n", [catch_reason(fun() -> timer:sleep(-1) end)]).

tell(Pid, Msg) -> Pid ! Msg.

collect(0) -> [];
collect(N) -> receive M -> [M | collect(N - 1)] end.

flush(M) -> receive M -> flush(M) after 0 -> ok end.

catch_reason(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.
