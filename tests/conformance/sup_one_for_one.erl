-module(sup_one_for_one).
-export([main/1]).
-export([init/1, handle_call/3, handle_cast/2, start_worker/1, start_bad/1]).

%% A one_for_one supervisor of named gen_server workers: restarts by
%% restart type, the child management API, map and tuple child specs.

main(_) ->
    quiet(),
    process_flag(trap_exit, true),
    {ok, Sup} = supervisor:start_link({local, sup1}, ?MODULE, sup),
    show("which", supervisor:which_children(sup1)),
    show("count", supervisor:count_children(sup1)),
    show("ping a", gen_server:call(w_a, ping)),
    show("ancestors", gen_server:call(w_a, ancestors) =:= [sup1, self()]),
    %% permanent child is restarted after a crash
    A1 = whereis(w_a),
    crash(w_a),
    A2 = wait_new(w_a, A1),
    show("a restarted", A1 =/= A2),
    %% transient: normal exit is not restarted, crash is
    B1 = whereis(w_b),
    gen_server:cast(w_b, {stop, normal}),
    wait_gone(B1),
    timer:sleep(20),
    show("b after normal", child_pid(w_b)),
    show("restart b", ok_pid(supervisor:restart_child(sup1, w_b))),
    B2 = whereis(w_b),
    crash(w_b),
    B3 = wait_new(w_b, B2),
    show("b restarted after crash", is_pid(B3)),
    %% temporary: never restarted and forgotten
    C1 = whereis(w_c),
    crash(w_c),
    wait_gone(C1),
    timer:sleep(20),
    show("c gone", lists:keymember(w_c, 1, supervisor:which_children(sup1))),
    %% child API
    show("start_child map", ok_pid(supervisor:start_child(sup1, spec(w_d, permanent)))),
    show("start_child again", strip(supervisor:start_child(sup1, spec(w_d, permanent)))),
    show("start_child tuple",
         ok_pid(supervisor:start_child(sup1, {w_e, {?MODULE, start_worker, [w_e]},
                                              transient, brutal_kill, worker, [?MODULE]}))),
    show("terminate d", supervisor:terminate_child(sup1, w_d)),
    show("d after terminate", child_pid(w_d)),
    show("start_child present", supervisor:start_child(sup1, spec(w_d, permanent))),
    show("delete running", supervisor:delete_child(sup1, w_e)),
    show("restart running", strip(supervisor:restart_child(sup1, w_e))),
    show("restart d", ok_pid(supervisor:restart_child(sup1, w_d))),
    show("terminate d", supervisor:terminate_child(sup1, w_d)),
    show("delete d", supervisor:delete_child(sup1, w_d)),
    show("delete d again", supervisor:delete_child(sup1, w_d)),
    show("terminate unknown", supervisor:terminate_child(sup1, nope)),
    show("restart unknown", supervisor:restart_child(sup1, nope)),
    show("failing start", supervisor:start_child(sup1, #{id => bad, start => {?MODULE, start_bad, [x]}})),
    show("ignored start", supervisor:start_child(sup1, #{id => ign, start => {?MODULE, start_bad, [ignore]}})),
    show("bad spec", supervisor:start_child(sup1, #{id => bad2, start => {?MODULE, start_worker, [w_x]},
                                                    restart => sometimes})),
    show("childspec", supervisor:get_childspec(sup1, w_a)),
    show("which", [{Id, is_pid(P), T, M} || {Id, P, T, M} <- supervisor:which_children(sup1)]),
    show("count", supervisor:count_children(sup1)),
    %% stopping the supervisor stops the children
    Kids = [P || {_, P, _, _} <- supervisor:which_children(sup1), is_pid(P)],
    unlink(Sup),
    exit(Sup, shutdown),
    wait_gone(Sup),
    show("children alive", [is_process_alive(P) || P <- Kids]),
    show("names", [whereis(N) || N <- [sup1, w_a, w_b, w_e]]),
    ok.

spec(Id, Restart) ->
    #{id => Id, start => {?MODULE, start_worker, [Id]}, restart => Restart}.

show(Label, Value) -> io:format("~s: ~p~n", [Label, nopids(Value)]).

nopids(P) when is_pid(P) -> pid;
nopids(T) when is_tuple(T) -> list_to_tuple(nopids(tuple_to_list(T)));
nopids([H | T]) -> [nopids(H) | nopids(T)];
nopids(X) -> X.

strip({error, {already_started, P}}) when is_pid(P) -> {error, already_started};
strip(X) -> X.

ok_pid({ok, P}) when is_pid(P) -> ok;
ok_pid(X) -> X.

child_pid(Id) ->
    case lists:keyfind(Id, 1, supervisor:which_children(sup1)) of
        {_, P, _, _} -> P;
        false -> none
    end.

crash(Name) -> gen_server:cast(Name, crash).

wait_gone(Pid) ->
    Ref = monitor(process, Pid),
    receive {'DOWN', Ref, _, _, _} -> ok end.

wait_new(Name, Old) ->
    case whereis(Name) of
        P when is_pid(P), P =/= Old -> P;
        _ -> timer:sleep(5), wait_new(Name, Old)
    end.

quiet() ->
    catch logger:remove_handler(default),
    catch logger:add_handler(default, logger_std_h, #{config => #{type => standard_error}}),
    ok.

start_worker(Name) -> gen_server:start_link({local, Name}, ?MODULE, {worker, Name}, []).

start_bad(ignore) -> ignore;
start_bad(X) -> {error, {cannot_start, X}}.

init(sup) ->
    {ok, {#{strategy => one_for_one, intensity => 10, period => 10},
          [spec(w_a, permanent),
           spec(w_b, transient),
           {w_c, {?MODULE, start_worker, [w_c]}, temporary, 1000, worker, [?MODULE]}]}};
init({worker, Name}) -> {ok, Name}.

handle_call(ping, _From, S) -> {reply, {pong, S}, S};
handle_call(ancestors, _From, S) -> {reply, get('$ancestors'), S}.

handle_cast(crash, S) -> {noreply, S + 1};
handle_cast({stop, R}, S) -> {stop, R, S}.
