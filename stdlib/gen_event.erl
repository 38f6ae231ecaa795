%% gen_event: an event manager holding any number of handlers, each a
%% callback module (or {Module, Id}) with its own state. Events go to every
%% handler, newest first; a handler that crashes or returns something
%% unexpected is removed (its terminate/2 called with {error, ...}) and
%% the others carry on.
%%
%% Messages to the manager: {notify, Event}, {'$gen_call', From, Request}
%% for the synchronous operations, anything else goes to handle_info/2.
-module(gen_event).
-export([start/0, start/1, start/2, start_link/0, start_link/1, start_link/2,
         add_handler/3, add_sup_handler/3, delete_handler/3, swap_handler/3,
         notify/2, sync_notify/2, call/3, call/4, which_handlers/1, stop/1, stop/3]).
-export([init_it/6]).

start() -> girder_gen:start(?MODULE, start, self, ?MODULE, [], []).
start(Name) when is_tuple(Name) -> girder_gen:start(?MODULE, start, Name, ?MODULE, [], []);
start(Opts) when is_list(Opts) -> girder_gen:start(?MODULE, start, self, ?MODULE, [], Opts).
start(Name, Opts) -> girder_gen:start(?MODULE, start, Name, ?MODULE, [], Opts).
start_link() -> girder_gen:start(?MODULE, start_link, self, ?MODULE, [], []).
start_link(Name) when is_tuple(Name) -> girder_gen:start(?MODULE, start_link, Name, ?MODULE, [], []);
start_link(Opts) when is_list(Opts) -> girder_gen:start(?MODULE, start_link, self, ?MODULE, [], Opts).
start_link(Name, Opts) -> girder_gen:start(?MODULE, start_link, Name, ?MODULE, [], Opts).

%% Sending to a name that is not registered fails with badarg, as a send.
notify(Mgr, Event) when is_atom(Mgr); is_pid(Mgr) ->
    Mgr ! {notify, Event},
    ok;
notify(Mgr, Event) -> girder_gen:send(Mgr, {notify, Event}).

sync_notify(Mgr, Event) -> rpc(Mgr, {sync_notify, Event}, infinity).
add_handler(Mgr, Handler, Args) -> rpc(Mgr, {add_handler, Handler, Args}, infinity).
%% Supervised handlers are added as plain ones (no link to the caller).
add_sup_handler(Mgr, Handler, Args) -> add_handler(Mgr, Handler, Args).
delete_handler(Mgr, Handler, Args) -> rpc(Mgr, {delete_handler, Handler, Args}, infinity).
swap_handler(Mgr, {H1, A1}, {H2, A2}) -> rpc(Mgr, {swap_handler, H1, A1, H2, A2}, infinity).
which_handlers(Mgr) -> rpc(Mgr, which_handlers, infinity).
call(Mgr, Handler, Request) -> call(Mgr, Handler, Request, 5000).
call(Mgr, Handler, Request, Timeout) -> rpc(Mgr, {call, Handler, Request}, Timeout).

stop(Mgr) -> stop(Mgr, normal, infinity).
stop(Mgr, Reason, Timeout) ->
    case where_or_exit(Mgr) of
        Pid ->
            Ref = erlang:monitor(process, Pid),
            Pid ! {'$gen_call', {self(), Ref}, {stop, Reason}},
            receive
                {'DOWN', Ref, process, _, _} -> ok
            after Timeout ->
                    erlang:demonitor(Ref, [flush]),
                    exit(timeout)
            end
    end.

where_or_exit(Mgr) ->
    case girder_gen:where(Mgr) of
        undefined -> exit(noproc);
        Pid -> Pid
    end.

rpc(Mgr, Request, Timeout) ->
    case catch girder_gen:call(Mgr, '$gen_call', Request, Timeout) of
        {ok, Reply} -> Reply;
        {'EXIT', Reason} -> exit({Reason, {?MODULE, element(1, Request), [Mgr]}})
    end.

%% ---- The manager process ------------------------------------------------------

init_it(Starter, self, Name, Mod, Args, Opts) ->
    init_it(Starter, self(), Name, Mod, Args, Opts);
init_it(Starter, _Parent, Name0, _Mod, _Args, _Opts) ->
    Registered = case Name0 of
                     self -> true;
                     _ -> girder_gen:register_name(Name0)
                 end,
    case Registered of
        {false, Pid} ->
            proc_lib:init_ack(Starter, {error, {already_started, Pid}}),
            exit(normal);
        _ ->
            process_flag(trap_exit, true),
            proc_lib:init_ack(Starter, {ok, self()}),
            loop(Name0, [])
    end.

%% Handlers: [{Id, Module, State}], newest first.
loop(Name, Hs) ->
    receive
        {notify, Event} ->
            loop(Name, dispatch(Name, handle_event, Event, Hs));
        {'$gen_call', From, {sync_notify, Event}} ->
            Hs1 = dispatch(Name, handle_event, Event, Hs),
            girder_gen:reply(From, ok),
            loop(Name, Hs1);
        {'$gen_call', From, {add_handler, H, Args}} ->
            {Reply, Hs1} = add(H, Args, Hs),
            girder_gen:reply(From, Reply),
            loop(Name, Hs1);
        {'$gen_call', From, {delete_handler, H, Args}} ->
            {Reply, Hs1} = delete(H, Args, Hs),
            girder_gen:reply(From, Reply),
            loop(Name, Hs1);
        {'$gen_call', From, {swap_handler, H1, A1, H2, A2}} ->
            {Reply, Hs1} = swap(H1, A1, H2, A2, Hs),
            girder_gen:reply(From, Reply),
            loop(Name, Hs1);
        {'$gen_call', From, which_handlers} ->
            girder_gen:reply(From, [Id || {Id, _, _} <- Hs]),
            loop(Name, Hs);
        {'$gen_call', From, {call, H, Request}} ->
            {Reply, Hs1} = call_handler(Name, H, Request, Hs),
            girder_gen:reply(From, Reply),
            loop(Name, Hs1);
        {'$gen_call', _From, {stop, Reason}} ->
            [catch M:terminate(stop, S) || {_, M, S} <- Hs],
            girder_gen:unregister_name(Name),
            exit(Reason);
        {'EXIT', _, shutdown} = Info ->
            [catch M:terminate(stop, S) || {_, M, S} <- Hs],
            exit(element(3, Info));
        Info ->
            loop(Name, dispatch(Name, handle_info, Info, Hs))
    end.

module_of({M, _}) -> M;
module_of(M) -> M.

%% As on OTP, a handler id already installed may be added again.
add(H, Args, Hs) ->
    M = module_of(H),
    try M:init(Args) of
        {ok, S} -> {ok, [{H, M, S} | Hs]};
        {ok, S, hibernate} -> {ok, [{H, M, S} | Hs]};
        Other -> {Other, Hs}
    catch
        throw:Thrown -> {Thrown, Hs};
        error:R:St -> {{'EXIT', {R, St}}, Hs};
        exit:R -> {{'EXIT', R}, Hs}
    end.

delete(H, Args, Hs) ->
    case lists:keytake(H, 1, Hs) of
        {value, {_, M, S}, Rest} -> {terminate(M, Args, S), Rest};
        false -> {{error, module_not_found}, Hs}
    end.

terminate(M, Arg, S) ->
    case erlang:function_exported(M, terminate, 2) orelse code_has(M, terminate, 2) of
        true -> (catch M:terminate(Arg, S));
        false -> ok
    end.

code_has(M, F, A) ->
    _ = (catch M:module_info()),
    erlang:function_exported(M, F, A).

swap(H1, A1, H2, A2, Hs) ->
    {Res, Rest} = delete(H1, A1, Hs),
    Res1 = case Res of
               {error, module_not_found} -> error;
               _ -> Res
           end,
    add(H2, {A2, Res1}, Rest).

%% Runs Fun on every handler; a crash or a bad return removes it.
dispatch(Name, Fun, Msg, Hs) ->
    lists:reverse(dispatch_rev(Name, Fun, Msg, Hs)).

%% The handlers in order, newest first; the result comes back reversed.
dispatch_rev(Name, Fun, Msg, Hs) ->
    lists:foldl(fun(H, Acc) ->
                        case run(Name, Fun, Msg, H) of
                            {keep, H1} -> [H1 | Acc];
                            {swap, H1, {H2, A2}} ->
                                %% The new handler takes the place of the
                                %% old (if its init/1 accepts).
                                {_, Acc1} = swap_in(H1, H2, A2, Acc),
                                Acc1;
                            remove -> Acc
                        end
                end, [], Hs).

swap_in({_, M1, {A1, S1}} = _Old, H2, A2, Acc) ->
    Res = terminate(M1, A1, S1),
    add(H2, {A2, Res}, Acc).

run(Name, handle_info, Msg, {_, M, _} = H) ->
    %% A handler without handle_info/2 lets other messages pass.
    case code_has(M, handle_info, 2) of
        true -> run_callback(Name, handle_info, Msg, H);
        false -> {keep, H}
    end;
run(Name, Fun, Msg, H) ->
    run_callback(Name, Fun, Msg, H).

run_callback(Name, Fun, Msg, {Id, M, S} = H) ->
    try M:Fun(Msg, S) of
        {ok, S1} -> {keep, {Id, M, S1}};
        {ok, S1, hibernate} -> {keep, {Id, M, S1}};
        {swap_handler, A1, S1, H2, A2} -> {swap, {Id, M, {A1, S1}}, {H2, A2}};
        remove_handler ->
            terminate(M, remove_handler, S),
            remove;
        Other ->
            crashed(Name, H, Msg, {bad_return_value, Other}),
            remove
    catch
        throw:Thrown ->
            crashed(Name, H, Msg, {bad_return_value, Thrown}),
            remove;
        _:Reason:Stack ->
            crashed(Name, H, Msg, {Reason, Stack}),
            remove
    end.

crashed(Name, {Id, M, S}, Msg, Why) ->
    io:format(standard_error, "** gen_event handler ~p crashed.~n** Was installed in ~p~n"
              "** Last event was: ~p~n** When handler state == ~p~n** Reason == ~p~n",
              [Id, girder_gen:format_server(case Name of self -> self(); _ -> Name end), Msg, S, Why]),
    terminate(M, {error, {'EXIT', Why}}, S).

call_handler(Name, H, Request, Hs) ->
    case lists:keyfind(H, 1, Hs) of
        false -> {{error, bad_module}, Hs};
        {Id, M, S} = Entry ->
            try M:handle_call(Request, S) of
                {ok, Reply, S1} -> {Reply, lists:keyreplace(Id, 1, Hs, {Id, M, S1})};
                {ok, Reply, S1, hibernate} -> {Reply, lists:keyreplace(Id, 1, Hs, {Id, M, S1})};
                {remove_handler, Reply} ->
                    terminate(M, remove_handler, S),
                    {Reply, lists:keydelete(Id, 1, Hs)};
                {swap_handler, Reply, A1, S1, H2, A2} ->
                    Res = terminate(M, A1, S1),
                    {_, Hs1} = add(H2, {A2, Res}, lists:keydelete(Id, 1, Hs)),
                    {Reply, Hs1};
                Other ->
                    crashed(Name, Entry, Request, {bad_return_value, Other}),
                    {{error, {bad_return_value, Other}}, lists:keydelete(Id, 1, Hs)}
            catch
                _:Reason:Stack ->
                    crashed(Name, Entry, Request, {Reason, Stack}),
                    {{error, {'EXIT', {Reason, Stack}}}, lists:keydelete(Id, 1, Hs)}
            end
    end.
