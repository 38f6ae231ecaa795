%% supervisor: starts children, watches them (it traps exits) and restarts
%% them by its strategy; a gen_server callback module underneath.
%%
%% Children are kept in start order. A restart is recorded with its time
%% (monotonic seconds); more than Intensity restarts within Period seconds
%% make the supervisor terminate its children (newest first) and exit with
%% `shutdown`. A simple_one_for_one supervisor has one spec and any number
%% of children, kept in a map Pid => Args.
-module(supervisor).
-behaviour(gen_server).
-export([start_link/2, start_link/3, start_child/2, terminate_child/2,
         restart_child/2, delete_child/2, which_children/1, count_children/1,
         get_childspec/2, check_childspecs/1]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2,
         code_change/3]).

%% Field order as OTP's, since a failed start_child reports the record.
-record(child, {pid = undefined, id, start, restart, significant = false, shutdown, type,
                modules}).
-record(state, {name, mod, args, strategy, intensity, period, restarts = [],
                children = [], dynamics = #{}}).

start_link(Mod, Args) ->
    gen_server:start_link(supervisor, {self, Mod, Args}, []).

start_link(Name, Mod, Args) ->
    gen_server:start_link(Name, supervisor, {Name, Mod, Args}, []).

start_child(Sup, Spec) -> call(Sup, {start_child, Spec}).
terminate_child(Sup, Id) -> call(Sup, {terminate_child, Id}).
restart_child(Sup, Id) -> call(Sup, {restart_child, Id}).
delete_child(Sup, Id) -> call(Sup, {delete_child, Id}).
which_children(Sup) -> call(Sup, which_children).
count_children(Sup) -> call(Sup, count_children).
get_childspec(Sup, Id) -> call(Sup, {get_childspec, Id}).

call(Sup, Req) -> gen_server:call(Sup, Req, infinity).

check_childspecs(Specs) when is_list(Specs) ->
    case check_specs(Specs, []) of
        {ok, _} -> ok;
        Error -> Error
    end;
check_childspecs(X) -> {error, {badarg, X}}.

%%% Callbacks

init({Name0, Mod, Args}) ->
    process_flag(trap_exit, true),
    Name = case Name0 of self -> {self(), Mod}; _ -> Name0 end,
    case Mod:init(Args) of
        {ok, {Flags, Specs}} ->
            case check_flags(Flags) of
                {ok, Strategy, Intensity, Period} ->
                    State = #state{name = Name, mod = Mod, args = Args, strategy = Strategy,
                                   intensity = Intensity, period = Period},
                    init_children(Strategy, Specs, State);
                Error ->
                    {stop, {supervisor_data, Error}}
            end;
        ignore -> ignore;
        Other -> {stop, {bad_return, {Mod, init, Other}}}
    end.

init_children(simple_one_for_one, [Spec], State) ->
    case check_specs([Spec], []) of
        {ok, [Child]} -> {ok, State#state{children = [Child]}};
        Error -> {stop, {start_spec, Error}}
    end;
init_children(simple_one_for_one, Specs, _State) ->
    {stop, {bad_start_spec, Specs}};
init_children(_, Specs, State) ->
    case check_specs(Specs, []) of
        {ok, Children} ->
            case start_children(Children, []) of
                {ok, Started} -> {ok, State#state{children = Started}};
                {error, Started, Reason} ->
                    terminate_children(Started),
                    {stop, {shutdown, Reason}}
            end;
        {error, Reason} ->
            {stop, {start_spec, Reason}}
    end.

start_children([], Acc) -> {ok, lists:reverse(Acc)};
start_children([C | Cs], Acc) ->
    case start_one(C) of
        {ok, Pid, _} -> start_children(Cs, [C#child{pid = Pid} | Acc]);
        {error, Reason} ->
            report(start_error, Reason, C),
            {error, lists:reverse(Acc), {failed_to_start_child, C#child.id, Reason}}
    end.

start_one(#child{start = {M, F, A}}) -> start_mfa(M, F, A).

start_mfa(M, F, A) ->
    case catch apply(M, F, A) of
        {ok, Pid} when is_pid(Pid) -> {ok, Pid, none};
        {ok, Pid, Extra} when is_pid(Pid) -> {ok, Pid, {extra, Extra}};
        ignore -> {ok, undefined, none};
        {error, Reason} -> {error, Reason};
        What -> {error, What}
    end.

reply_started({ok, Pid, none}) -> {ok, Pid};
reply_started({ok, Pid, {extra, Extra}}) -> {ok, Pid, Extra};
reply_started(Error) -> Error.

handle_call({start_child, Args}, _From, #state{strategy = simple_one_for_one} = S) ->
    [#child{start = {M, F, A}} = C] = S#state.children,
    All = A ++ Args,
    case start_mfa(M, F, All) of
        {ok, undefined, _} = R -> {reply, reply_started(R), S};
        {ok, Pid, _} = R ->
            Kept = case C#child.restart of temporary -> []; _ -> All end,
            {reply, reply_started(R), S#state{dynamics = maps:put(Pid, Kept, S#state.dynamics)}};
        Error -> {reply, Error, S}
    end;
handle_call({start_child, Spec}, _From, S) ->
    case check_specs([Spec], []) of
        {ok, [C]} ->
            case lists:keyfind(C#child.id, #child.id, S#state.children) of
                #child{pid = Pid} when is_pid(Pid) -> {reply, {error, {already_started, Pid}}, S};
                #child{} -> {reply, {error, already_present}, S};
                false ->
                    case start_one(C) of
                        {ok, undefined, _} = R when C#child.restart =:= temporary ->
                            {reply, reply_started(R), S};
                        {ok, Pid, _} = R ->
                            Cs = S#state.children ++ [C#child{pid = Pid}],
                            {reply, reply_started(R), S#state{children = Cs}};
                        {error, Reason} -> {reply, {error, {Reason, C}}, S}
                    end
            end;
        Error -> {reply, Error, S}
    end;
%% A simple_one_for_one child is named by its pid; one that is no child
%% (any more) gives ok, a non-pid {error, simple_one_for_one}, as on OTP.
handle_call({terminate_child, Pid}, _From, #state{strategy = simple_one_for_one} = S) ->
    case is_pid(Pid) andalso maps:is_key(Pid, S#state.dynamics) of
        true ->
            [C] = S#state.children,
            shutdown(Pid, C#child.shutdown),
            {reply, ok, S#state{dynamics = maps:remove(Pid, S#state.dynamics)}};
        false when is_pid(Pid) -> {reply, ok, S};
        false -> {reply, {error, simple_one_for_one}, S}
    end;
handle_call({terminate_child, Id}, _From, S) ->
    case find_child(Id, S) of
        false -> {reply, {error, not_found}, S};
        C ->
            case C#child.pid of
                Pid when is_pid(Pid) -> shutdown(Pid, C#child.shutdown);
                _ -> ok
            end,
            case C#child.restart of
                temporary -> {reply, ok, del_child(Id, S)};
                _ -> {reply, ok, set_pid(Id, undefined, S)}
            end
    end;
handle_call({restart_child, _}, _From, #state{strategy = simple_one_for_one} = S) ->
    {reply, {error, simple_one_for_one}, S};
handle_call({restart_child, Id}, _From, S) ->
    case find_child(Id, S) of
        false -> {reply, {error, not_found}, S};
        #child{pid = restarting} -> {reply, {error, restarting}, S};
        #child{pid = Pid} when is_pid(Pid) -> {reply, {error, running}, S};
        C ->
            case start_one(C) of
                {ok, Pid, _} = R -> {reply, reply_started(R), set_pid(Id, Pid, S)};
                Error -> {reply, Error, S}
            end
    end;
handle_call({delete_child, _}, _From, #state{strategy = simple_one_for_one} = S) ->
    {reply, {error, simple_one_for_one}, S};
handle_call({delete_child, Id}, _From, S) ->
    case find_child(Id, S) of
        false -> {reply, {error, not_found}, S};
        #child{pid = restarting} -> {reply, {error, restarting}, S};
        #child{pid = Pid} when is_pid(Pid) -> {reply, {error, running}, S};
        _ -> {reply, ok, del_child(Id, S)}
    end;
handle_call({get_childspec, Id}, _From, S) ->
    Found = case S#state.strategy of
                simple_one_for_one ->
                    [C] = S#state.children,
                    case is_pid(Id) andalso maps:is_key(Id, S#state.dynamics) of
                        true -> C;
                        false -> false
                    end;
                _ -> find_child(Id, S)
            end,
    case Found of
        false -> {reply, {error, not_found}, S};
        Child -> {reply, {ok, spec_map(Child)}, S}
    end;
handle_call(which_children, _From, #state{strategy = simple_one_for_one} = S) ->
    [#child{type = T, modules = Mods}] = S#state.children,
    {reply, [{undefined, Pid, T, Mods} || Pid <- maps:keys(S#state.dynamics)], S};
handle_call(which_children, _From, S) ->
    {reply, [{C#child.id, C#child.pid, C#child.type, C#child.modules}
             || C <- lists:reverse(S#state.children)], S};
handle_call(count_children, _From, #state{strategy = simple_one_for_one} = S) ->
    [#child{type = T}] = S#state.children,
    N = maps:size(S#state.dynamics),
    {Sups, Workers} = case T of supervisor -> {N, 0}; worker -> {0, N} end,
    {reply, [{specs, 1}, {active, N}, {supervisors, Sups}, {workers, Workers}], S};
handle_call(count_children, _From, S) ->
    Cs = S#state.children,
    Active = length([C || #child{pid = P} = C <- Cs, is_pid(P)]),
    Sups = length([C || #child{type = supervisor} = C <- Cs]),
    {reply, [{specs, length(Cs)}, {active, Active}, {supervisors, Sups},
             {workers, length(Cs) - Sups}], S};
handle_call(Other, _From, S) ->
    logger:error("Supervisor received unexpected message: ~tp~n", [Other]),
    {reply, ignore, S}.

%% Each new try counts against the intensity, as on OTP.
handle_cast({try_again_restart, Key}, S) ->
    case restart(Key, S) of
        {ok, S1} -> {noreply, S1};
        {shutdown, S1} -> {stop, shutdown, S1}
    end;
handle_cast(_, S) -> {noreply, S}.

handle_info({'EXIT', Pid, Reason}, S) ->
    case child_exited(Pid, Reason, S) of
        {ok, S1} -> {noreply, S1};
        {shutdown, S1} -> {stop, shutdown, S1}
    end;
handle_info(Msg, S) ->
    logger:error("Supervisor received unexpected message: ~tp~n", [Msg]),
    {noreply, S}.

terminate(_Reason, #state{strategy = simple_one_for_one, children = [C]} = S) ->
    [shutdown(Pid, C#child.shutdown) || Pid <- maps:keys(S#state.dynamics)],
    ok;
terminate(_Reason, S) ->
    terminate_children(S#state.children),
    ok.

code_change(_, S, _) -> {ok, S}.

%%% Exits and restarts

child_exited(Pid, Reason, #state{strategy = simple_one_for_one, children = [C]} = S) ->
    case maps:find(Pid, S#state.dynamics) of
        error -> {ok, S};
        {ok, Args} ->
            report(child_terminated, Reason, C#child{pid = Pid}),
            Dyn = maps:remove(Pid, S#state.dynamics),
            case restart_wanted(C#child.restart, Reason) of
                false -> {ok, S#state{dynamics = Dyn}};
                true -> restart({dyn, Args}, S#state{dynamics = Dyn})
            end
    end;
child_exited(Pid, Reason, S) ->
    case lists:keyfind(Pid, #child.pid, S#state.children) of
        false -> {ok, S};
        C ->
            report(child_terminated, Reason, C),
            Id = C#child.id,
            case restart_wanted(C#child.restart, Reason) of
                false when C#child.restart =:= temporary -> {ok, del_child(Id, S)};
                false -> {ok, set_pid(Id, undefined, S)};
                true -> restart(Id, set_pid(Id, undefined, S))
            end
    end.

restart_wanted(permanent, _) -> true;
restart_wanted(temporary, _) -> false;
restart_wanted(transient, normal) -> false;
restart_wanted(transient, shutdown) -> false;
restart_wanted(transient, {shutdown, _}) -> false;
restart_wanted(transient, _) -> true.

%% Counts the restart against the intensity, then restarts.
restart(Key, S) ->
    Now = erlang:monotonic_time(second),
    Period = S#state.period,
    Recent = [Now | [T || T <- S#state.restarts, Now - T < Period]],
    S1 = S#state{restarts = Recent},
    case length(Recent) > S#state.intensity of
        true ->
            logger:error("Supervisor: ~tp~nContext: shutdown~nReason: reached_max_restart_intensity~n",
                         [sup_name(S)]),
            {shutdown, S1};
        false -> restart_key(Key, S1)
    end.

restart_key({dyn, Args}, #state{children = [C]} = S) ->
    {M, F, _} = C#child.start,
    case start_mfa(M, F, Args) of
        {ok, Pid, _} when is_pid(Pid) ->
            {ok, S#state{dynamics = maps:put(Pid, Args, S#state.dynamics)}};
        {ok, undefined, _} -> {ok, S};
        {error, Reason} ->
            report(start_error, Reason, C),
            try_again({dyn, Args}),
            {ok, S}
    end;
restart_key(Id, S) ->
    case find_child(Id, S) of
        false -> {ok, S};
        C -> restart_by(S#state.strategy, C, S)
    end.

restart_by(one_for_one, C, S) ->
    start_or_retry([C], S);
restart_by(one_for_all, C, S) ->
    Cs = S#state.children,
    terminate_children(Cs),
    S1 = drop_temporary(Cs, S),
    start_or_retry(S1#state.children, set_pid(C#child.id, undefined, S1));
restart_by(rest_for_one, C, S) ->
    {_Before, After} = lists:splitwith(fun(X) -> X#child.id =/= C#child.id end, S#state.children),
    terminate_children(After),
    S1 = drop_temporary(After, S),
    Ids = [X#child.id || X <- After],
    start_or_retry([X || X <- S1#state.children, lists:member(X#child.id, Ids)], S1).

%% Children that are not running are started in order; on the first
%% failure the rest wait for another try (counted as a restart).
start_or_retry([], S) -> {ok, S};
start_or_retry([C | Cs], S) ->
    case find_child(C#child.id, S) of
        #child{pid = Pid} when is_pid(Pid) -> start_or_retry(Cs, S);
        false -> start_or_retry(Cs, S);
        C1 ->
            case start_one(C1) of
                {ok, Pid, _} -> start_or_retry(Cs, set_pid(C1#child.id, Pid, S));
                {error, Reason} ->
                    report(start_error, Reason, C1),
                    try_again(C1#child.id),
                    {ok, set_pid(C1#child.id, restarting, S)}
            end
    end.

try_again(Key) -> gen_server:cast(self(), {try_again_restart, Key}).

drop_temporary(Cs, S) ->
    lists:foldl(fun(#child{restart = temporary, id = Id}, Acc) -> del_child(Id, Acc);
                   (#child{id = Id}, Acc) -> set_pid(Id, undefined, Acc)
                end, S, Cs).

%% Newest first, as on OTP.
terminate_children(Cs) ->
    [shutdown(Pid, Sd) || #child{pid = Pid, shutdown = Sd} <- lists:reverse(Cs), is_pid(Pid)],
    ok.

%% Stops one child and waits until it is gone. The link is removed first;
%% an 'EXIT' already here means the child had ended by itself.
shutdown(Pid, How) ->
    Mref = erlang:monitor(process, Pid),
    unlink(Pid),
    receive
        {'EXIT', Pid, Reason} ->
            receive {'DOWN', Mref, _, _, _} -> ok end,
            {error, Reason}
    after 0 ->
        case How of
            brutal_kill ->
                exit(Pid, kill),
                wait_down(Mref);
            infinity ->
                exit(Pid, shutdown),
                wait_down(Mref);
            Time ->
                exit(Pid, shutdown),
                receive
                    {'DOWN', Mref, _, _, R} -> R
                after Time ->
                    exit(Pid, kill),
                    wait_down(Mref)
                end
        end
    end.

wait_down(Mref) -> receive {'DOWN', Mref, _, _, R} -> R end.

find_child(Id, S) -> lists:keyfind(Id, #child.id, S#state.children).

set_pid(Id, Pid, S) ->
    S#state{children = [case C#child.id of Id -> C#child{pid = Pid}; _ -> C end
                        || C <- S#state.children]}.

del_child(Id, S) ->
    S#state{children = lists:keydelete(Id, #child.id, S#state.children)}.

sup_name(#state{name = {local, N}}) -> N;
sup_name(#state{name = N}) -> N.

report(_What, normal, _C) -> ok;
report(_What, shutdown, _C) -> ok;
report(_What, {shutdown, _}, _C) -> ok;
report(What, Reason, C) ->
    logger:error("Supervisor: ~tp~nContext: ~tp~nReason: ~tp~nOffender: ~tp~n",
                 [self(), What, Reason, [{pid, C#child.pid}, {id, C#child.id}]]).

%%% Flags and child specs

check_flags(Flags) when is_map(Flags) ->
    check_flags({maps:get(strategy, Flags, one_for_one), maps:get(intensity, Flags, 1),
                 maps:get(period, Flags, 5)});
check_flags({Strategy, Intensity, Period}) ->
    case lists:member(Strategy, [one_for_one, one_for_all, rest_for_one, simple_one_for_one]) of
        false -> {invalid_strategy, Strategy};
        true when not is_integer(Intensity); Intensity < 0 -> {invalid_intensity, Intensity};
        true when not is_integer(Period); Period < 1 -> {invalid_period, Period};
        true -> {ok, Strategy, Intensity, Period}
    end;
check_flags(Other) -> {invalid_type, Other}.

check_specs([], Acc) -> {ok, lists:reverse(Acc)};
check_specs([Spec | Rest], Acc) ->
    case check_spec(Spec) of
        {ok, C} ->
            case lists:keymember(C#child.id, #child.id, Acc) of
                true -> {error, {duplicate_child_name, C#child.id}};
                false -> check_specs(Rest, [C | Acc])
            end;
        Error -> Error
    end.

check_spec(#{} = Spec) ->
    case {maps:find(id, Spec), maps:find(start, Spec)} of
        {error, _} -> {error, missing_id};
        {_, error} -> {error, missing_start};
        {{ok, Id}, {ok, Start}} ->
            Type = maps:get(type, Spec, worker),
            Default = case Type of supervisor -> infinity; _ -> 5000 end,
            Mods = case Start of {M, _, _} -> [M]; _ -> [] end,
            validate(#child{id = Id, start = Start,
                            restart = maps:get(restart, Spec, permanent),
                            shutdown = maps:get(shutdown, Spec, Default),
                            type = Type, modules = maps:get(modules, Spec, Mods)})
    end;
check_spec({Id, Start, Restart, Shutdown, Type, Mods}) ->
    validate(#child{id = Id, start = Start, restart = Restart, shutdown = Shutdown,
                    type = Type, modules = Mods});
check_spec(Other) -> {error, {invalid_child_spec, Other}}.

validate(#child{start = {M, F, A}, restart = R, shutdown = Sd, type = T, modules = Mods} = C)
  when is_atom(M), is_atom(F), is_list(A) ->
    ValidSd = Sd =:= brutal_kill orelse Sd =:= infinity orelse (is_integer(Sd) andalso Sd >= 0),
    if
        not (R =:= permanent orelse R =:= transient orelse R =:= temporary) ->
            {error, {invalid_restart_type, R}};
        not ValidSd -> {error, {invalid_shutdown, Sd}};
        not (T =:= worker orelse T =:= supervisor) -> {error, {invalid_child_type, T}};
        not (Mods =:= dynamic orelse is_list(Mods)) -> {error, {invalid_modules, Mods}};
        true -> {ok, C}
    end;
validate(C) -> {error, {invalid_mfa, C#child.start}}.

spec_map(C) ->
    #{id => C#child.id, start => C#child.start, restart => C#child.restart,
      significant => C#child.significant, shutdown => C#child.shutdown, type => C#child.type, modules => C#child.modules}.
