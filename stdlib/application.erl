%% application: load, start and stop applications, and their environment.
%%
%% An application is described as on OTP, by {application, Name, Props}
%% with the keys description, vsn, applications (those that must run
%% first), mod ({Module, StartArgs}, whose Module:start(normal, StartArgs)
%% returns {ok, Pid} or {ok, Pid, State}) and env. girder finds the
%% description in NAME.app on the code path (which holds the script's
%% directory), or takes it from load/1 given the tuple itself.
%%
%% One controller process (registered as application_controller, started
%% on first use) keeps what is loaded and running and the environments.
%% Each running application with a mod has a master process: it calls
%% Module:start/2, is linked to the top supervisor that returns, and on
%% stop calls prep_stop/1 (if exported), shuts the supervisor down and
%% calls Module:stop/1. kernel and stdlib are always loaded and running.
%%
%% Left out: start types beyond recording them (a permanent application
%% that stops does not stop the node), get_application/0,1, start phases,
%% included applications, distribution.
-module(application).
-export([load/1, unload/1, start/1, start/2, stop/1,
         ensure_started/1, ensure_started/2,
         ensure_all_started/1, ensure_all_started/2,
         get_env/2, get_env/3, set_env/3, set_env/4, unset_env/2, unset_env/3,
         get_all_env/1, get_key/2, get_all_key/1,
         which_applications/0, loaded_applications/0]).

-define(CTRL, application_controller).

%% ---- Loading ----------------------------------------------------------------

load({application, Name, Props} = Spec) when is_atom(Name), is_list(Props) ->
    call({load, Name, Props, Spec});
load(Name) when is_atom(Name) ->
    case is_loaded(Name) of
        true -> {error, {already_loaded, Name}};
        false ->
            case read_app_file(Name) of
                {ok, {application, Name, Props}} -> call({load, Name, Props, Name});
                {ok, _} -> {error, {bad_application, Name}};
                {error, _} = E -> E
            end
    end.

unload(Name) when is_atom(Name) -> call({unload, Name}).

read_app_file(Name) ->
    File = atom_to_list(Name) ++ ".app",
    case [filename_join(D, File) || D <- code:get_path(), is_file(filename_join(D, File))] of
        [Path | _] ->
            case file:consult(Path) of
                {ok, [Spec]} -> {ok, Spec};
                {ok, _} -> {error, {bad_application, Name}};
                {error, Why} -> {error, {Why, File}}
            end;
        [] -> {error, {"no such file or directory", File}}
    end.

filename_join(Dir, File) -> Dir ++ "/" ++ File.

is_file(Path) ->
    case file:consult(Path) of
        {error, enoent} -> false;
        _ -> true
    end.

is_loaded(Name) -> lists:keymember(Name, 1, loaded_applications()).

%% ---- Starting and stopping --------------------------------------------------

start(Name) -> start(Name, temporary).

start(Name, Type) when is_atom(Name) ->
    case ensure_loaded(Name) of
        ok ->
            case call({prepare_start, Name}) of
                {ok, Mod} -> run_start(Name, Type, Mod);
                {error, _} = E -> E
            end;
        {error, _} = E -> E
    end.

ensure_loaded(Name) ->
    case load(Name) of
        ok -> ok;
        {error, {already_loaded, _}} -> ok;
        {error, _} = E -> E
    end.

run_start(Name, Type, undefined) ->
    call({started, Name, Type, none});
run_start(Name, Type, {M, Args}) ->
    Caller = self(),
    Master = spawn(fun() -> master(Caller, Name, M, Args) end),
    Mon = erlang:monitor(process, Master),
    receive
        {Master, {ok, _}} ->
            erlang:demonitor(Mon, [flush]),
            call({started, Name, Type, Master});
        {Master, {error, Reason}} ->
            erlang:demonitor(Mon, [flush]),
            call({start_failed, Name}),
            {error, Reason};
        {'DOWN', Mon, process, Master, Reason} ->
            call({start_failed, Name}),
            {error, Reason}
    end.

%% The application master.
master(Caller, Name, M, Args) ->
    process_flag(trap_exit, true),
    Result = try M:start(normal, Args) of
                 {ok, Pid} when is_pid(Pid) -> {ok, Pid, []};
                 {ok, Pid, State} when is_pid(Pid) -> {ok, Pid, State};
                 {error, Why} -> {error, {Why, {M, start, [normal, Args]}}};
                 Other -> {error, {bad_return, {{M, start, [normal, Args]}, Other}}}
             catch
                 C:R:S -> {error, {bad_return, {{M, start, [normal, Args]}, {'EXIT', {C, R, S}}}}}
             end,
    case Result of
        {ok, Sup, State0} ->
            Caller ! {self(), {ok, Sup}},
            master_loop(Name, M, Sup, State0);
        {error, _} = E ->
            Caller ! {self(), E}
    end.

master_loop(Name, M, Sup, State) ->
    receive
        {stop, From} ->
            State1 = case erlang:function_exported(M, prep_stop, 1) of
                         true -> M:prep_stop(State);
                         false -> State
                     end,
            exit(Sup, shutdown),
            receive {'EXIT', Sup, _} -> ok end,
            _ = M:stop(State1),
            From ! {self(), stopped};
        {'EXIT', Sup, Reason} ->
            %% The application's tree went down by itself.
            _ = catch M:stop(State),
            ?CTRL ! {exited, Name, Reason};
        {'EXIT', _, _} ->
            master_loop(Name, M, Sup, State)
    end.

stop(Name) when is_atom(Name) ->
    case call({prepare_stop, Name}) of
        {ok, none} -> call({stopped, Name});
        {ok, Master} ->
            Mon = erlang:monitor(process, Master),
            Master ! {stop, self()},
            receive
                {Master, stopped} -> ok;
                {'DOWN', Mon, process, Master, _} -> ok
            end,
            erlang:demonitor(Mon, [flush]),
            call({stopped, Name});
        {error, _} = E -> E
    end.

ensure_started(Name) -> ensure_started(Name, temporary).
ensure_started(Name, Type) ->
    case start(Name, Type) of
        ok -> ok;
        {error, {already_started, Name}} -> ok;
        {error, _} = E -> E
    end.

ensure_all_started(Name) -> ensure_all_started(Name, temporary).

%% {ok, Started}: the applications this call started, dependencies first.
ensure_all_started(Name, Type) ->
    case all_started(Name, Type, []) of
        {ok, Started} -> {ok, lists:reverse(Started)};
        {error, _} = E -> E
    end.

all_started(Name, Type, Started) ->
    case ensure_loaded(Name) of
        {error, Why} -> {error, {Name, Why}};
        ok ->
            case lists:keymember(Name, 1, which_applications()) of
                true -> {ok, Started};
                false ->
                    {ok, Deps} = get_key(Name, applications),
                    case deps_started(Deps, Type, Started) of
                        {ok, Started1} ->
                            case start(Name, Type) of
                                ok -> {ok, [Name | Started1]};
                                {error, {already_started, Name}} -> {ok, Started1};
                                {error, Why} -> {error, {Name, Why}}
                            end;
                        {error, _} = E -> E
                    end
            end
    end.

deps_started([], _, Started) -> {ok, Started};
deps_started([D | Ds], Type, Started) ->
    case all_started(D, Type, Started) of
        {ok, Started1} -> deps_started(Ds, Type, Started1);
        {error, _} = E -> E
    end.

%% ---- The environment and keys -------------------------------------------------

get_env(App, Key) -> call({get_env, App, Key}).

get_env(App, Key, Default) ->
    case get_env(App, Key) of
        {ok, V} -> V;
        undefined -> Default
    end.

set_env(App, Key, Val) -> call({set_env, App, Key, Val}).
set_env(App, Key, Val, _Opts) -> set_env(App, Key, Val).
unset_env(App, Key) -> call({unset_env, App, Key}).
unset_env(App, Key, _Opts) -> unset_env(App, Key).

get_all_env(App) -> call({get_all_env, App}).

get_key(App, Key) ->
    case call({get_all_key, App}) of
        {ok, Keys} ->
            case lists:keyfind(Key, 1, Keys) of
                {Key, V} -> {ok, V};
                false -> undefined
            end;
        undefined -> undefined
    end.

get_all_key(App) -> call({get_all_key, App}).

which_applications() -> call(which_applications).
loaded_applications() -> call(loaded_applications).

%% ---- The controller -----------------------------------------------------------

call(Req) ->
    Ctrl = controller(),
    Ref = erlang:monitor(process, Ctrl),
    Ctrl ! {call, self(), Ref, Req},
    receive
        {Ref, Reply} ->
            erlang:demonitor(Ref, [flush]),
            Reply;
        {'DOWN', Ref, process, _, Reason} ->
            exit({Reason, {application, Req}})
    end.

controller() ->
    case whereis(?CTRL) of
        undefined ->
            Me = self(),
            Pid = spawn(fun() ->
                                Ok = (catch register(?CTRL, self())) =:= true,
                                Me ! {self(), Ok},
                                case Ok of
                                    true -> ctrl_loop(initial_state());
                                    false -> ok
                                end
                        end),
            receive {Pid, _} -> ok end,
            controller();
        Pid -> Pid
    end.

%% Apps: Name => #{props, env}; Running: Name => {Master | none, Type}.
initial_state() ->
    Erts = "ERTS  CXC 138 10",
    Base = #{kernel => app_info([{description, Erts}, {vsn, "8.5.3"}, {applications, []}]),
             stdlib => app_info([{description, Erts}, {vsn, "4.2"}, {applications, [kernel]}])},
    #{apps => Base,
      running => #{kernel => {none, permanent}, stdlib => {none, permanent}},
      order => [stdlib, kernel],
      starting => []}.

app_info(Props) ->
    Env = proplists:get_value(env, Props, []),
    #{props => Props, env => maps:from_list([{K, V} || {K, V} <- Env])}.

ctrl_loop(S) ->
    receive
        {call, From, Ref, Req} ->
            {Reply, S1} = handle(Req, S),
            From ! {Ref, Reply},
            ctrl_loop(S1);
        {exited, Name, _Reason} ->
            ctrl_loop(drop_running(Name, S));
        _ ->
            ctrl_loop(S)
    end.

handle({load, Name, Props, Arg}, #{apps := Apps} = S) ->
    case Apps of
        #{Name := #{unloaded := true, env := Set}} ->
            %% set_env/3 before loading: those values stay.
            #{env := Env} = Info = app_info(Props),
            {ok, S#{apps := Apps#{Name => Info#{env := maps:merge(Env, Set)}}}};
        #{Name := _} -> {{error, {already_loaded, Arg}}, S};
        _ -> {ok, S#{apps := Apps#{Name => app_info(Props)}}}
    end;
handle({unload, Name}, #{apps := Apps, running := Run} = S) ->
    case {maps:is_key(Name, Apps), maps:is_key(Name, Run)} of
        {false, _} -> {{error, {not_loaded, Name}}, S};
        {true, true} -> {{error, {running, Name}}, S};
        {true, false} -> {ok, S#{apps := maps:remove(Name, Apps)}}
    end;
handle({prepare_start, Name}, #{apps := Apps, running := Run, starting := Starting} = S) ->
    case {maps:find(Name, Apps), maps:is_key(Name, Run) orelse lists:member(Name, Starting)} of
        {error, _} -> {{error, {not_loaded, Name}}, S};
        {{ok, #{unloaded := true}}, _} -> {{error, {not_loaded, Name}}, S};
        {{ok, _}, true} -> {{error, {already_started, Name}}, S};
        {{ok, #{props := Props}}, false} ->
            Deps = proplists:get_value(applications, Props, []),
            case [D || D <- Deps, not maps:is_key(D, Run)] of
                [Missing | _] -> {{error, {not_started, Missing}}, S};
                [] ->
                    Mod = proplists:get_value(mod, Props),
                    {{ok, Mod}, S#{starting := [Name | Starting]}}
            end
    end;
handle({started, Name, Type, Master}, #{running := Run, order := Order, starting := Starting} = S) ->
    {ok, S#{running := Run#{Name => {Master, Type}}, order := [Name | Order],
            starting := lists:delete(Name, Starting)}};
handle({start_failed, Name}, #{starting := Starting} = S) ->
    {ok, S#{starting := lists:delete(Name, Starting)}};
handle({prepare_stop, Name}, #{running := Run} = S) ->
    case maps:find(Name, Run) of
        {ok, {Master, _}} -> {{ok, Master}, S};
        error -> {{error, {not_started, Name}}, S}
    end;
handle({stopped, Name}, S) ->
    {ok, drop_running(Name, S)};
handle({get_env, App, Key}, #{apps := Apps} = S) ->
    case Apps of
        #{App := #{env := #{Key := V}}} -> {{ok, V}, S};
        _ -> {undefined, S}
    end;
handle({set_env, App, Key, Val}, #{apps := Apps} = S) ->
    Info = maps:get(App, Apps, #{props => [], env => #{}, unloaded => true}),
    Env = maps:get(env, Info),
    {ok, S#{apps := Apps#{App => Info#{env := Env#{Key => Val}}}}};
handle({unset_env, App, Key}, #{apps := Apps} = S) ->
    case Apps of
        #{App := #{env := Env} = Info} ->
            {ok, S#{apps := Apps#{App := Info#{env := maps:remove(Key, Env)}}}};
        _ -> {ok, S}
    end;
handle({get_all_env, App}, #{apps := Apps} = S) ->
    case Apps of
        #{App := #{env := Env}} -> {maps:to_list(Env), S};
        _ -> {[], S}
    end;
handle({get_all_key, App}, #{apps := Apps} = S) ->
    case Apps of
        #{App := #{props := Props}} -> {{ok, all_keys(App, Props)}, S};
        _ -> {undefined, S}
    end;
handle(which_applications, #{apps := Apps, order := Order} = S) ->
    {[describe(N, maps:get(N, Apps)) || N <- Order], S};
handle(loaded_applications, #{apps := Apps} = S) ->
    {[describe(N, I) || {N, I} <- maps:to_list(Apps), not maps:is_key(unloaded, I)], S}.

drop_running(Name, #{running := Run, order := Order} = S) ->
    S#{running := maps:remove(Name, Run), order := lists:delete(Name, Order)}.

describe(Name, #{props := Props}) ->
    {Name, proplists:get_value(description, Props, ""), proplists:get_value(vsn, Props, "")}.

all_keys(_App, Props) ->
    Defaults = [{description, ""}, {id, ""}, {vsn, ""}, {modules, []}, {maxP, infinity},
                {maxT, infinity}, {registered, []}, {included_applications, []},
                {applications, []}, {env, []}, {mod, []}, {start_phases, undefined}],
    [{K, proplists:get_value(K, Props, D)} || {K, D} <- Defaults].
