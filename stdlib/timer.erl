%% timer: OTP's timer API without a timer server. One-shot messages use
%% the VM's timers (erlang:send_after/3); a delayed apply and the interval
%% timers are each a small process that waits with `receive after`, which
%% a cancel kills. Like OTP's, an interval timer stops when the process it
%% serves (the target of send_interval, the caller of apply_interval)
%% exits.
%%
%% Timer references: {send_after, Ref} (a VM timer), {apply, Pid} (a
%% waiting process). Their form is girder's own; only cancel/1 reads them.
-module(timer).
-export([sleep/1, tc/1, tc/2, tc/3, seconds/1, minutes/1, hours/1, hms/3,
         send_after/2, send_after/3, apply_after/4, exit_after/2, exit_after/3,
         kill_after/1, kill_after/2, send_interval/2, send_interval/3,
         apply_interval/4, cancel/1, now_diff/2]).

%% A bad time fails in the receive, with timeout_value, as on OTP.
sleep(T) ->
    receive after T -> ok end.

tc(F) ->
    T0 = erlang:monotonic_time(microsecond),
    V = F(),
    {erlang:monotonic_time(microsecond) - T0, V}.

tc(F, A) ->
    T0 = erlang:monotonic_time(microsecond),
    V = apply(F, A),
    {erlang:monotonic_time(microsecond) - T0, V}.

tc(M, F, A) ->
    T0 = erlang:monotonic_time(microsecond),
    V = apply(M, F, A),
    {erlang:monotonic_time(microsecond) - T0, V}.

seconds(S) -> 1000 * S.
minutes(M) -> 60000 * M.
hours(H) -> 3600000 * H.
hms(H, M, S) -> hours(H) + minutes(M) + seconds(S).

%% Microseconds from T1 to T2, both erlang:timestamp() triples.
now_diff({A2, B2, C2}, {A1, B1, C1}) ->
    ((A2 - A1) * 1000000 + B2 - B1) * 1000000 + C2 - C1.

-define(VALID_TIME(T), (is_integer(T) andalso T >= 0 andalso T < (1 bsl 32) * 1000)).
-define(VALID_DEST(D), (is_pid(D) orelse is_atom(D))).

send_after(Time, Msg) -> send_after(Time, self(), Msg).

send_after(Time, Dest, Msg) when ?VALID_TIME(Time), ?VALID_DEST(Dest) ->
    {ok, {send_after, erlang:send_after(Time, Dest, Msg)}};
send_after(Time, {Name, Node} = Dest, Msg) when ?VALID_TIME(Time), is_atom(Name), is_atom(Node) ->
    apply_after(Time, erlang, send, [Dest, Msg]);
send_after(_, _, _) ->
    {error, badarg}.

apply_after(Time, M, F, A) when ?VALID_TIME(Time), is_atom(M), is_atom(F), is_list(A) ->
    Pid = spawn(fun() ->
                        receive
                            cancel -> ok
                        after Time ->
                                spawn(M, F, A)
                        end
                end),
    {ok, {apply, Pid}};
apply_after(_, _, _, _) ->
    {error, badarg}.

exit_after(Time, Reason) -> exit_after(Time, self(), Reason).
exit_after(Time, Pid, Reason) -> apply_after(Time, erlang, exit, [Pid, Reason]).
kill_after(Time) -> exit_after(Time, self(), kill).
kill_after(Time, Pid) -> exit_after(Time, Pid, kill).

send_interval(Time, Msg) -> send_interval(Time, self(), Msg).

send_interval(Time, Dest, Msg) when ?VALID_TIME(Time), ?VALID_DEST(Dest) ->
    Watched = case is_pid(Dest) of
                  true -> Dest;
                  false -> whereis(Dest)
              end,
    interval(Time, Watched, fun() -> catch erlang:send(Dest, Msg) end);
send_interval(_, _, _) ->
    {error, badarg}.

apply_interval(Time, M, F, A) when ?VALID_TIME(Time), is_atom(M), is_atom(F), is_list(A) ->
    interval(Time, self(), fun() -> spawn(M, F, A) end);
apply_interval(_, _, _, _) ->
    {error, badarg}.

%% A process that runs Action every Time milliseconds (deadlines measured
%% from the start, so that the ticks do not drift) until cancelled or until
%% Watched exits.
interval(Time, Watched, Action) ->
    Pid = spawn(fun() ->
                        Mon = case Watched of
                                  undefined -> none;
                                  _ -> erlang:monitor(process, Watched)
                              end,
                        Start = erlang:monotonic_time(millisecond),
                        tick(Time, Mon, Action, Start + Time)
                end),
    {ok, {apply, Pid}}.

tick(Time, Mon, Action, Deadline) ->
    Wait = max(0, Deadline - erlang:monotonic_time(millisecond)),
    receive
        cancel -> ok;
        {'DOWN', Mon, process, _, _} -> ok
    after Wait ->
            Action(),
            tick(Time, Mon, Action, Deadline + Time)
    end.

cancel({send_after, Ref}) when is_reference(Ref) ->
    _ = erlang:cancel_timer(Ref),
    {ok, cancel};
cancel({apply, Pid}) when is_pid(Pid) ->
    %% Wait until the timer process has gone, so that nothing fires after
    %% cancel/1 returns.
    Mon = erlang:monitor(process, Pid),
    Pid ! cancel,
    receive {'DOWN', Mon, process, _, _} -> ok end,
    {ok, cancel};
cancel(_) ->
    {error, badarg}.
