%% gen_server: a server process around a callback module, with OTP's
%% callback contract and messages.
%%
%% Messages the loop knows (anything else goes to handle_info/2):
%%   {'$gen_call', {Pid, Tag}, Request}  answered with Pid ! {Tag, Reply}
%%   {'$gen_cast', Msg}
%%   {system, From, Request}             handed to sys
%%   {'EXIT', Parent, Reason}            (when trapping exits) terminate
%% The loop's "timeout" is infinity, an integer (handle_info(timeout, S)
%% when nothing arrives in time), hibernate (same as infinity here) or
%% {continue, C} (handle_continue/2 runs before the next receive).
-module(gen_server).
-export([start/3, start/4, start_link/3, start_link/4,
         call/2, call/3, cast/2, reply/2, stop/1, stop/3,
         enter_loop/3, enter_loop/4, enter_loop/5]).
-export([init_it/6, system_continue/3, system_terminate/4,
         system_get_state/1, system_replace_state/2, system_code_change/4]).

start(Mod, Args, Opts) -> do_start(start, self, Mod, Args, Opts).
start(Name, Mod, Args, Opts) -> do_start(start, Name, Mod, Args, Opts).
start_link(Mod, Args, Opts) -> do_start(start_link, self, Mod, Args, Opts).
start_link(Name, Mod, Args, Opts) -> do_start(start_link, Name, Mod, Args, Opts).

do_start(How, Name, Mod, Args, Opts) ->
    girder_gen:start(?MODULE, How, Name, Mod, Args, Opts).

%% call/2 names itself with two arguments in its exit reason, as on OTP.
call(Server, Request) ->
    case catch girder_gen:call(Server, '$gen_call', Request, 5000) of
        {ok, Reply} -> Reply;
        {'EXIT', Reason} -> exit({Reason, {?MODULE, call, [Server, Request]}})
    end.

call(Server, Request, Timeout) ->
    case catch girder_gen:call(Server, '$gen_call', Request, Timeout) of
        {ok, Reply} -> Reply;
        {'EXIT', Reason} -> exit({Reason, {?MODULE, call, [Server, Request, Timeout]}})
    end.

cast(Server, Msg) ->
    catch girder_gen:send(Server, {'$gen_cast', Msg}),
    ok.

reply(From, Reply) -> girder_gen:reply(From, Reply).

stop(Server) -> stop(Server, normal, infinity).

stop(Server, Reason, Timeout) ->
    case girder_gen:where(Server) of
        undefined -> exit(noproc);
        Pid -> proc_lib:stop(Pid, Reason, Timeout)
    end.

enter_loop(Mod, Opts, State) -> enter_loop(Mod, Opts, State, self(), infinity).
enter_loop(Mod, Opts, State, Timeout) when not is_tuple(Timeout); element(1, Timeout) =:= continue ->
    enter_loop(Mod, Opts, State, self(), Timeout);
enter_loop(Mod, Opts, State, Name) -> enter_loop(Mod, Opts, State, Name, infinity).
enter_loop(Mod, _Opts, State, Name, Timeout) ->
    Parent = case get('$ancestors') of
                 [P | _] when is_pid(P) -> P;
                 [P | _] when is_atom(P) -> whereis(P);
                 _ -> self()
             end,
    loop(Parent, Name, State, Mod, Timeout).

%%% The server process

init_it(Starter, self, Name, Mod, Args, Opts) ->
    init_it(Starter, self(), Name, Mod, Args, Opts);
init_it(Starter, Parent, Name0, Mod, Args, _Opts) ->
    put('$initial_call', {Mod, init, 1}),
    case register_name(Name0) of
        {false, Pid} ->
            proc_lib:init_ack(Starter, {error, {already_started, Pid}}),
            exit(normal);
        Name ->
            case try_call(Mod, init, [Args]) of
                {ok, Ret} -> init_result(Ret, Starter, Parent, Name, Name0, Mod);
                {'EXIT', Class, Reason, Stack} ->
                    girder_gen:unregister_name(Name0),
                    proc_lib:init_ack(Starter, {error, exit_reason(Class, Reason, Stack)}),
                    erlang:raise(Class, Reason, Stack)
            end
    end.

%% What init/1 returned.
init_result({ok, State}, Starter, Parent, Name, _Name0, Mod) ->
    proc_lib:init_ack(Starter, {ok, self()}),
    loop(Parent, Name, State, Mod, infinity);
init_result({ok, State, Timeout}, Starter, Parent, Name, _Name0, Mod) ->
    proc_lib:init_ack(Starter, {ok, self()}),
    loop(Parent, Name, State, Mod, Timeout);
init_result({stop, Reason}, Starter, _Parent, _Name, Name0, _Mod) ->
    girder_gen:init_failed(Name0, Starter, {error, Reason}, Reason);
init_result(ignore, Starter, _Parent, _Name, Name0, _Mod) ->
    girder_gen:init_failed(Name0, Starter, ignore, normal);
init_result(Else, Starter, _Parent, _Name, Name0, _Mod) ->
    Error = {bad_return_value, Else},
    girder_gen:init_failed(Name0, Starter, {error, Error}, Error).

register_name(self) -> self();
register_name(Name) ->
    case girder_gen:register_name(Name) of
        true -> Name;
        Taken -> Taken
    end.

%% A throw from a callback is its return value, as on OTP.
try_call(Mod, F, Args) ->
    try {ok, erlang:apply(Mod, F, Args)}
    catch
        throw:R -> {ok, R};
        Class:R:Stack -> {'EXIT', Class, R, Stack}
    end.

exit_reason(error, Reason, Stack) -> {Reason, Stack};
exit_reason(_, Reason, _) -> Reason.

loop(Parent, Name, State, Mod, hibernate) ->
    loop(Parent, Name, State, Mod, infinity);
loop(Parent, Name, State, Mod, {continue, C} = Msg) ->
    Reply = try_call(Mod, handle_continue, [C, State]),
    handle_common_reply(Reply, Parent, Name, Msg, Mod, State);
loop(Parent, Name, State, Mod, Time) ->
    Msg = receive Input -> Input after Time -> timeout end,
    decode_msg(Msg, Parent, Name, State, Mod, Time).

decode_msg({system, From, Req}, Parent, Name, State, Mod, Time) ->
    sys:handle_system_msg(Req, From, Parent, ?MODULE, [], {Name, State, Mod, Time});
decode_msg({'EXIT', Parent, Reason} = Msg, Parent, Name, State, Mod, _Time) ->
    terminate(exit, Reason, [], Name, Msg, Mod, State);
decode_msg({'$gen_call', From, Req} = Msg, Parent, Name, State, Mod, _Time) ->
    case try_call(Mod, handle_call, [Req, From, State]) of
        {ok, Ret} -> call_result(Ret, From, Parent, Name, Msg, Mod, State);
        Error -> handle_common_reply(Error, Parent, Name, Msg, Mod, State)
    end;
decode_msg({'$gen_cast', Cast} = Msg, Parent, Name, State, Mod, _Time) ->
    handle_common_reply(try_call(Mod, handle_cast, [Cast, State]), Parent, Name, Msg, Mod, State);
decode_msg(Msg, Parent, Name, State, Mod, _Time) ->
    Reply = case exported(Mod, handle_info, 2) of
                true -> try_call(Mod, handle_info, [Msg, State]);
                false ->
                    logger:warning("** Undefined handle_info in ~p~n** Unhandled message: ~tp~n",
                                   [Mod, Msg]),
                    {ok, {noreply, State}}
            end,
    handle_common_reply(Reply, Parent, Name, Msg, Mod, State).

call_result({reply, Reply, NState}, From, Parent, Name, _Msg, Mod, _State) ->
    reply(From, Reply),
    loop(Parent, Name, NState, Mod, infinity);
call_result({reply, Reply, NState, Time1}, From, Parent, Name, _Msg, Mod, _State) ->
    reply(From, Reply),
    loop(Parent, Name, NState, Mod, Time1);
call_result({stop, Reason, Reply, NState}, From, _Parent, Name, Msg, Mod, _State) ->
    try
        terminate(exit, Reason, [], Name, Msg, Mod, NState)
    after
        reply(From, Reply)
    end;
call_result(Ret, _From, Parent, Name, Msg, Mod, State) ->
    common_result(Ret, Parent, Name, Msg, Mod, State).

handle_common_reply({ok, Ret}, Parent, Name, Msg, Mod, State) ->
    common_result(Ret, Parent, Name, Msg, Mod, State);
handle_common_reply({'EXIT', Class, Reason, Stack}, _Parent, Name, Msg, Mod, State) ->
    terminate(Class, Reason, Stack, Name, Msg, Mod, State).

common_result({noreply, NState}, Parent, Name, _Msg, Mod, _State) ->
    loop(Parent, Name, NState, Mod, infinity);
common_result({noreply, NState, Time1}, Parent, Name, _Msg, Mod, _State) ->
    loop(Parent, Name, NState, Mod, Time1);
common_result({stop, Reason, NState}, _Parent, Name, Msg, Mod, _State) ->
    terminate(exit, Reason, [], Name, Msg, Mod, NState);
common_result(Bad, _Parent, Name, Msg, Mod, State) ->
    terminate(exit, {bad_return_value, Bad}, [], Name, Msg, Mod, State).

%% Runs terminate/2 (when exported), reports an abnormal end, and exits
%% with the reason (an error's reason carries its stack, as on OTP).
terminate(Class, Reason, Stack, Name, Msg, Mod, State) ->
    ExitReason = exit_reason(Class, Reason, Stack),
    case exported(Mod, terminate, 2) of
        true ->
            case try_call(Mod, terminate, [ExitReason, State]) of
                {ok, _} -> ok;
                {'EXIT', C, R, S} ->
                    report(Name, Msg, State, exit_reason(C, R, S)),
                    erlang:raise(C, R, S)
            end;
        false -> ok
    end,
    case ExitReason of
        normal -> ok;
        shutdown -> ok;
        {shutdown, _} -> ok;
        _ -> report(Name, Msg, State, ExitReason)
    end,
    erlang:raise(Class, Reason, Stack).

report(Name, Msg, State, Reason) ->
    logger:error("** Generic server ~tp terminating \n"
                 "** Last message in was ~tp~n"
                 "** When Server state == ~tp~n"
                 "** Reason for termination ==~n** ~tp~n",
                 [girder_gen:format_server(Name), Msg, State, Reason]).

exported(Mod, F, A) ->
    case catch Mod:module_info(exports) of
        L when is_list(L) -> lists:member({F, A}, L);
        _ -> false
    end.

%%% sys callbacks

system_continue(Parent, _Debug, {Name, State, Mod, Time}) ->
    loop(Parent, Name, State, Mod, Time).

system_terminate(Reason, _Parent, _Debug, {Name, State, Mod, _Time}) ->
    terminate(exit, Reason, [], Name, [], Mod, State).

system_get_state({_Name, State, _Mod, _Time}) -> {ok, State}.

system_replace_state(Fun, {Name, State, Mod, Time}) ->
    NState = Fun(State),
    {ok, NState, {Name, NState, Mod, Time}}.

system_code_change({Name, State, Mod, Time}, _Module, OldVsn, Extra) ->
    case catch Mod:code_change(OldVsn, State, Extra) of
        {ok, NState} -> {ok, {Name, NState, Mod, Time}};
        Else -> Else
    end.
