%% gen_statem: a state machine process around a callback module.
%%
%% Callback modes: state_functions (Mod:StateName(Type, Content, Data))
%% and handle_event_function (Mod:handle_event(Type, Content, State,
%% Data)), either with state_enter. Event types: {call, From}, cast, info,
%% internal, timeout, state_timeout, {timeout, Name}.
%%
%% The loop keeps a queue of events to handle before reading the mailbox
%% (next_event actions, and postponed events put back on a state change)
%% and the timers it runs. Each timer is an erlang:start_timer/3 whose
%% message names its kind; a message from a timer that was cancelled or
%% replaced in the meantime no longer matches and is dropped.
%%
%% After an event, the transition is, in order: postpone the event if
%% asked; on a state change put the postponed events first in the queue;
%% put next_event events before all of them; cancel the state timeout on a
%% state change; start the timeouts the actions ask for; call the state
%% enter callback on a state change.
-module(gen_statem).
-export([start/3, start/4, start_link/3, start_link/4, stop/1, stop/3,
         call/2, call/3, cast/2, reply/1, reply/2]).
-export([init_it/6, system_continue/3, system_terminate/4,
         system_get_state/1, system_replace_state/2, system_code_change/4]).

-record(s, {parent, name, mod, mode, enter = false, state, data,
            queue = [], postponed = [], timers = #{}}).

start(Mod, Args, Opts) -> do_start(start, self, Mod, Args, Opts).
start(Name, Mod, Args, Opts) -> do_start(start, Name, Mod, Args, Opts).
start_link(Mod, Args, Opts) -> do_start(start_link, self, Mod, Args, Opts).
start_link(Name, Mod, Args, Opts) -> do_start(start_link, Name, Mod, Args, Opts).

do_start(How, Name, Mod, Args, Opts) ->
    girder_gen:start(?MODULE, How, Name, Mod, Args, Opts).

stop(Server) -> stop(Server, normal, infinity).

stop(Server, Reason, Timeout) ->
    case girder_gen:where(Server) of
        undefined -> exit(noproc);
        Pid -> proc_lib:stop(Pid, Reason, Timeout)
    end.

call(Server, Request) -> call(Server, Request, infinity).

call(Server, Request, Timeout) ->
    case catch girder_gen:call(Server, '$gen_call', Request, Timeout) of
        {ok, Reply} -> Reply;
        {'EXIT', Reason} -> exit({Reason, {?MODULE, call, [Server, Request, Timeout]}})
    end.

cast(Server, Msg) ->
    catch girder_gen:send(Server, {'$gen_cast', Msg}),
    ok.

reply({reply, From, Reply}) -> reply(From, Reply);
reply(Replies) when is_list(Replies) -> [reply(R) || R <- Replies], ok.

reply(From, Reply) -> girder_gen:reply(From, Reply).

%%% Start

init_it(Starter, self, Name, Mod, Args, Opts) ->
    init_it(Starter, self(), Name, Mod, Args, Opts);
init_it(Starter, Parent, Name0, Mod, Args, _Opts) ->
    put('$initial_call', {Mod, init, 1}),
    Name = case Name0 of self -> self(); _ -> Name0 end,
    case Name0 =:= self orelse girder_gen:register_name(Name0) of
        {false, Pid} ->
            proc_lib:init_ack(Starter, {error, {already_started, Pid}}),
            exit(normal);
        true ->
            case try_call(Mod, init, [Args]) of
                {ok, Ret} -> init_result(Ret, Starter, Parent, Name, Name0, Mod);
                {'EXIT', Class, Reason, Stack} ->
                    girder_gen:unregister_name(Name0),
                    proc_lib:init_ack(Starter, {error, exit_reason(Class, Reason, Stack)}),
                    erlang:raise(Class, Reason, Stack)
            end
    end.

init_result({ok, State, Data}, Starter, Parent, Name, Name0, Mod) ->
    init_result({ok, State, Data, []}, Starter, Parent, Name, Name0, Mod);
init_result({ok, State, Data, Actions}, Starter, Parent, Name, Name0, Mod) ->
    case callback_mode(Mod) of
        {ok, Mode, Enter} ->
            proc_lib:init_ack(Starter, {ok, self()}),
            S = #s{parent = Parent, name = Name, mod = Mod, mode = Mode, enter = Enter,
                   state = State, data = Data},
            after_event(State, Data, listify(Actions), none, true, S);
        {error, Reason} ->
            girder_gen:unregister_name(Name0),
            proc_lib:init_ack(Starter, {error, Reason}),
            exit(Reason)
    end;
init_result({stop, Reason}, Starter, _Parent, _Name, Name0, _Mod) ->
    girder_gen:init_failed(Name0, Starter, {error, Reason}, Reason);
init_result(ignore, Starter, _Parent, _Name, Name0, _Mod) ->
    girder_gen:init_failed(Name0, Starter, ignore, normal);
init_result(Else, Starter, _Parent, _Name, Name0, _Mod) ->
    Error = {bad_return_from_init, Else},
    girder_gen:init_failed(Name0, Starter, {error, Error}, Error).

callback_mode(Mod) ->
    case catch Mod:callback_mode() of
        M when M =:= state_functions; M =:= handle_event_function -> {ok, M, false};
        L when is_list(L) ->
            Modes = [M || M <- L, M =:= state_functions orelse M =:= handle_event_function],
            case Modes of
                [M] -> {ok, M, lists:member(state_enter, L)};
                _ -> {error, {bad_callback_mode, L}}
            end;
        Other -> {error, {bad_callback_mode, Other}}
    end.

%%% The loop

loop(#s{queue = [Event | Rest]} = S) ->
    handle_event(Event, S#s{queue = Rest});
loop(S) ->
    receive Msg -> decode(Msg, S) end.

decode({system, From, Req}, S) ->
    sys:handle_system_msg(Req, From, S#s.parent, ?MODULE, [], S);
decode({'EXIT', Parent, Reason}, #s{parent = Parent} = S) ->
    terminate(exit, Reason, [], S);
decode({'$gen_call', From, Req}, S) -> handle_event({{call, From}, Req}, S);
decode({'$gen_cast', Msg}, S) -> handle_event({cast, Msg}, S);
decode({timeout, TRef, {'$girder_statem', Kind, Content}} = Msg, S) ->
    case maps:find(Kind, S#s.timers) of
        {ok, TRef} ->
            Type = case Kind of
                       event -> timeout;
                       state -> state_timeout;
                       {generic, Name} -> {timeout, Name}
                   end,
            handle_event({Type, Content}, S#s{timers = maps:remove(Kind, S#s.timers)});
        _ ->
            case is_reference(TRef) of
                true -> loop(S);
                false -> handle_event({info, Msg}, S)
            end
    end;
decode(Msg, S) -> handle_event({info, Msg}, S).

%% Any event cancels the event timeout.
handle_event({Type, Content} = Event, S0) ->
    S = cancel_timer(event, S0),
    Result = call_state(Type, Content, S#s.state, S),
    result(Result, Event, S).

call_state(Type, Content, State, #s{mod = Mod, mode = state_functions, data = Data}) ->
    try_call(Mod, State, [Type, Content, Data]);
call_state(Type, Content, State, #s{mod = Mod, data = Data}) ->
    try_call(Mod, handle_event, [Type, Content, State, Data]).

result({ok, R}, Event, S) -> result1(R, Event, S);
result({'EXIT', Class, Reason, Stack}, _Event, S) -> terminate(Class, Reason, Stack, S).

result1({next_state, NS, ND}, Ev, S) -> after_event(NS, ND, [], Ev, false, S);
result1({next_state, NS, ND, A}, Ev, S) -> after_event(NS, ND, listify(A), Ev, false, S);
result1({keep_state, ND}, Ev, S) -> after_event(S#s.state, ND, [], Ev, false, S);
result1({keep_state, ND, A}, Ev, S) -> after_event(S#s.state, ND, listify(A), Ev, false, S);
result1(keep_state_and_data, Ev, S) -> after_event(S#s.state, S#s.data, [], Ev, false, S);
result1({keep_state_and_data, A}, Ev, S) -> after_event(S#s.state, S#s.data, listify(A), Ev, false, S);
result1({repeat_state, ND}, Ev, S) -> after_event(S#s.state, ND, [], Ev, true, S);
result1({repeat_state, ND, A}, Ev, S) -> after_event(S#s.state, ND, listify(A), Ev, true, S);
result1(repeat_state_and_data, Ev, S) -> after_event(S#s.state, S#s.data, [], Ev, true, S);
result1({repeat_state_and_data, A}, Ev, S) -> after_event(S#s.state, S#s.data, listify(A), Ev, true, S);
result1({stop, Reason}, _Ev, S) -> terminate(exit, Reason, [], S);
result1({stop, Reason, ND}, _Ev, S) -> terminate(exit, Reason, [], S#s{data = ND});
result1({stop_and_reply, Reason, Replies}, _Ev, S) ->
    reply(listify(Replies)),
    terminate(exit, Reason, [], S);
result1({stop_and_reply, Reason, Replies, ND}, _Ev, S) ->
    reply(listify(Replies)),
    terminate(exit, Reason, [], S#s{data = ND});
result1(Other, _Ev, S) ->
    terminate(error, {bad_return_from_state_function, Other}, [], S).

listify(L) when is_list(L) -> L;
listify(X) -> [X].

%% The transition after an event (Ev = none at init, {enter, Old} after a
%% state enter call). Repeat makes the state enter callback run again.
after_event(NS, ND, Actions, Ev, Repeat, S0) ->
    OldState = S0#s.state,
    Changed = NS =/= OldState,
    case actions(Actions, {false, [], #{}}, S0) of
        {error, Bad} ->
            terminate(error, {bad_action_from_state_function, Bad}, [], S0#s{state = NS, data = ND});
        {Postpone, NextEvents, Timeouts} ->
            Postponed = case {Postpone, Ev} of
                            {true, {_, _}} -> S0#s.postponed ++ [Ev];
                            _ -> S0#s.postponed
                        end,
            {Queue, Postponed1} = case Changed of
                                      true -> {Postponed ++ S0#s.queue, []};
                                      false -> {S0#s.queue, Postponed}
                                  end,
            S1 = S0#s{state = NS, data = ND, queue = NextEvents ++ Queue, postponed = Postponed1},
            S2 = case Changed of
                     true -> cancel_timer(state, S1);
                     false -> S1
                 end,
            S3 = start_timeouts(Timeouts, S2),
            Enter = S3#s.enter andalso (Changed orelse Repeat orelse Ev =:= none),
            case Enter of
                true -> enter(OldState, S3);
                false -> loop(S3)
            end
    end.

%% The state enter call: may keep or repeat the state, never change it.
enter(Old, S) ->
    State = S#s.state,
    case call_state(enter, Old, State, S) of
        {'EXIT', Class, Reason, Stack} -> terminate(Class, Reason, Stack, S);
        {ok, R} ->
            case R of
                {next_state, State, ND} -> after_enter(ND, [], S);
                {next_state, State, ND, A} -> after_enter(ND, listify(A), S);
                {keep_state, ND} -> after_enter(ND, [], S);
                {keep_state, ND, A} -> after_enter(ND, listify(A), S);
                keep_state_and_data -> after_enter(S#s.data, [], S);
                {keep_state_and_data, A} -> after_enter(S#s.data, listify(A), S);
                {repeat_state, ND} -> enter(Old, S#s{data = ND});
                repeat_state_and_data -> enter(Old, S);
                {stop, Reason} -> terminate(exit, Reason, [], S);
                {stop, Reason, ND} -> terminate(exit, Reason, [], S#s{data = ND});
                Other -> terminate(error, {bad_return_from_state_enter_call, Other}, [], S)
            end
    end.

after_enter(ND, Actions, S) ->
    case actions(Actions, {false, [], #{}}, S) of
        {false, [], Timeouts} -> loop(start_timeouts(Timeouts, S#s{data = ND}));
        {error, Bad} ->
            terminate(error, {bad_action_from_state_function, Bad}, [], S#s{data = ND});
        _ -> terminate(error, {bad_state_enter_action_from_state_function, Actions}, [],
                       S#s{data = ND})
    end.

%% Collects {Postpone, NextEvents, Timeouts}; replies are sent at once.
actions([], {P, Next, T}, _S) -> {P, lists:reverse(Next), T};
actions([A | As], {P, Next, T} = Acc, S) ->
    case A of
        postpone -> actions(As, {true, Next, T}, S);
        {postpone, B} when is_boolean(B) -> actions(As, {B, Next, T}, S);
        {reply, From, Reply} -> reply(From, Reply), actions(As, Acc, S);
        hibernate -> actions(As, Acc, S);
        {hibernate, _} -> actions(As, Acc, S);
        {next_event, Type, Content} -> actions(As, {P, [{Type, Content} | Next], T}, S);
        {state_timeout, Time, Msg} -> actions(As, {P, Next, T#{state => {Time, Msg}}}, S);
        {state_timeout, Time, Msg, _Opts} -> actions(As, {P, Next, T#{state => {Time, Msg}}}, S);
        {timeout, Time, Msg} -> actions(As, {P, Next, T#{event => {Time, Msg}}}, S);
        {timeout, Time, Msg, _Opts} -> actions(As, {P, Next, T#{event => {Time, Msg}}}, S);
        {{timeout, Name}, Time, Msg} ->
            actions(As, {P, Next, T#{{generic, Name} => {Time, Msg}}}, S);
        {{timeout, Name}, Time, Msg, _Opts} ->
            actions(As, {P, Next, T#{{generic, Name} => {Time, Msg}}}, S);
        Time when is_integer(Time); Time =:= infinity ->
            actions(As, {P, Next, T#{event => {Time, Time}}}, S);
        _ -> {error, A}
    end.

%% An event timeout starts only when no event is waiting in the queue.
start_timeouts(Timeouts, S) ->
    maps:fold(fun(Kind, {Time, Msg}, Acc) ->
                      Acc1 = cancel_timer(Kind, Acc),
                      if
                          Time =:= infinity -> Acc1;
                          Kind =:= event, Acc1#s.queue =/= [] -> Acc1;
                          true ->
                              Ref = erlang:start_timer(Time, self(), {'$girder_statem', Kind, Msg}),
                              Acc1#s{timers = maps:put(Kind, Ref, Acc1#s.timers)}
                      end
              end, S, Timeouts).

cancel_timer(Kind, S) ->
    case maps:take(Kind, S#s.timers) of
        {Ref, Rest} ->
            erlang:cancel_timer(Ref),
            receive {timeout, Ref, _} -> ok after 0 -> ok end,
            S#s{timers = Rest};
        error -> S
    end.

%%% Ending

try_call(Mod, F, Args) ->
    try {ok, erlang:apply(Mod, F, Args)}
    catch
        throw:R -> {ok, R};
        Class:R:Stack -> {'EXIT', Class, R, Stack}
    end.

exit_reason(error, Reason, Stack) -> {Reason, Stack};
exit_reason(_, Reason, _) -> Reason.

terminate(Class, Reason, Stack, #s{mod = Mod, state = State, data = Data} = S) ->
    ExitReason = exit_reason(Class, Reason, Stack),
    case exported(Mod, terminate, 3) of
        true ->
            case try_call(Mod, terminate, [ExitReason, State, Data]) of
                {ok, _} -> ok;
                {'EXIT', C, R, St} ->
                    report(S, exit_reason(C, R, St)),
                    erlang:raise(C, R, St)
            end;
        false -> ok
    end,
    case ExitReason of
        normal -> ok;
        shutdown -> ok;
        {shutdown, _} -> ok;
        _ -> report(S, ExitReason)
    end,
    erlang:raise(Class, Reason, Stack).

report(S, Reason) ->
    logger:error("** State machine ~tp terminating~n** When server state  = ~tp~n"
                 "** Reason for termination = ~tp~n",
                 [girder_gen:format_server(S#s.name), {S#s.state, S#s.data}, Reason]).

exported(Mod, F, A) ->
    case catch Mod:module_info(exports) of
        L when is_list(L) -> lists:member({F, A}, L);
        _ -> false
    end.

%%% sys callbacks

system_continue(_Parent, _Debug, S) -> loop(S).

system_terminate(Reason, _Parent, _Debug, S) -> terminate(exit, Reason, [], S).

system_get_state(S) -> {ok, {S#s.state, S#s.data}}.

system_replace_state(Fun, S) ->
    {NState, NData} = New = Fun({S#s.state, S#s.data}),
    {ok, New, S#s{state = NState, data = NData}}.

system_code_change(S, _Module, OldVsn, Extra) ->
    case catch (S#s.mod):code_change(OldVsn, S#s.state, S#s.data, Extra) of
        {ok, NState, NData} -> {ok, S#s{state = NState, data = NData}};
        Else -> Else
    end.
