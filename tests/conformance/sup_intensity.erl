-module(sup_intensity).
-export([main/1]).
-export([init/1, handle_call/3, handle_cast/2, start_worker/1, start_sup/1]).

%% Restart intensity: restarts within the limit keep the supervisor up;
%% one more within the period makes it stop its children and exit with
%% `shutdown`. Also: a child that fails to start at supervisor start, a
%% nested supervisor, shutdown timeouts of a child that ignores shutdown.

main(_) ->
    quiet(),
    process_flag(trap_exit, true),
    {ok, Sup} = supervisor:start_link({local, isup}, ?MODULE, {sup, 3}),
    W0 = whereis(iw),
    W1 = crash_and_wait(W0),
    W2 = crash_and_wait(W1),
    W3 = crash_and_wait(W2),
    show("after 3 restarts", {is_process_alive(Sup), is_pid(W3)}),
    show("other child alive", is_pid(whereis(iw_other))),
    Other = whereis(iw_other),
    Ref = monitor(process, Sup),
    gen_server:cast(W3, crash),
    receive {'DOWN', Ref, process, Sup, R} -> show("sup down", R) end,
    receive {'EXIT', Sup, R2} -> show("sup exit", R2) end,
    show("other alive", is_process_alive(Other)),
    show("names", [whereis(N) || N <- [isup, iw, iw_other]]),
    %% intensity 0: the first crash is fatal
    {ok, Sup0} = supervisor:start_link(?MODULE, {sup, 0}),
    gen_server:cast(iw, crash),
    receive {'EXIT', Sup0, R3} -> show("intensity 0 exit", R3) end,
    %% a child that cannot start: the supervisor does not start
    show("failed start", supervisor:start_link(?MODULE, bad_child)),
    receive {'EXIT', _, R4} -> show("failed start exit", R4) after 500 -> ok end,
    show("started before the failure", whereis(iw)),
    %% bad init returns
    show("ignore", supervisor:start_link(?MODULE, ignore)),
    show("bad flags", catch supervisor:start_link(?MODULE, bad_flags)),
    flush(),
    %% nested supervisor, brutal_kill and timeout shutdown of a stubborn child
    {ok, Top} = supervisor:start_link(?MODULE, nested),
    show("top children", [{Id, T} || {Id, _, T, _} <- supervisor:which_children(Top)]),
    show("top count", supervisor:count_children(Top)),
    show("inner children", [Id || {Id, _, _, _} <- supervisor:which_children(inner_sup)]),
    Stubborn = whereis(stubborn),
    show("terminate stubborn", supervisor:terminate_child(inner_sup, stubborn)),
    show("stubborn alive", is_process_alive(Stubborn)),
    show("terminate inner", supervisor:terminate_child(Top, inner)),
    show("inner gone", whereis(inner_sup)),
    show("restart inner", element(1, supervisor:restart_child(Top, inner))),
    show("inner children", [Id || {Id, _, _, _} <- supervisor:which_children(inner_sup)]),
    unlink(Top),
    exit(Top, shutdown),
    timer:sleep(100),
    show("all gone", [whereis(N) || N <- [inner_sup, stubborn, iw]]),
    %% a child that cannot be restarted: the supervisor keeps trying, each
    %% try counting as a restart, until it gives up
    {ok, Sup5} = supervisor:start_link(?MODULE, once),
    show("once children", [{Id, is_pid(P)} || {Id, P, _, _} <- supervisor:which_children(Sup5)]),
    gen_server:cast(once, crash),
    receive {'EXIT', Sup5, R5} -> show("once sup exit", R5) after 5000 -> show("once", still_up) end,
    ok.

crash_and_wait(Old) ->
    gen_server:cast(Old, crash),
    wait_new(iw, Old).

wait_new(Name, Old) ->
    case whereis(Name) of
        P when is_pid(P), P =/= Old -> P;
        _ -> timer:sleep(5), wait_new(Name, Old)
    end.

flush() -> receive _ -> flush() after 100 -> ok end.

show(Label, Value) -> io:format("~s: ~p~n", [Label, nopids(Value)]).

nopids(P) when is_pid(P) -> pid;
nopids(T) when is_tuple(T) -> list_to_tuple(nopids(tuple_to_list(T)));
nopids([H | T]) -> [nopids(H) | nopids(T)];
nopids(X) -> X.

quiet() ->
    catch logger:remove_handler(default),
    catch logger:add_handler(default, logger_std_h, #{config => #{type => standard_error}}),
    ok.

start_worker(fail) -> {error, no_luck};
start_worker(once) ->
    %% runs in the supervisor: the first start works, later ones fail
    case get(once_started) of
        undefined -> put(once_started, true), start_worker(once_ok);
        true -> {error, only_once}
    end;
start_worker(once_ok) -> gen_server:start_link({local, once}, ?MODULE, {worker, once}, []);
start_worker(Name) -> gen_server:start_link({local, Name}, ?MODULE, {worker, Name}, []).

start_sup(Name) -> supervisor:start_link({local, Name}, ?MODULE, inner).

worker(Name) -> #{id => Name, start => {?MODULE, start_worker, [Name]}}.

init({sup, Intensity}) ->
    {ok, {{one_for_one, Intensity, 60}, [worker(iw), worker(iw_other)]}};
init(bad_child) ->
    {ok, {#{}, [worker(iw), #{id => broken, start => {?MODULE, start_worker, [fail]}}]}};
init(ignore) -> ignore;
init(once) ->
    {ok, {#{intensity => 3, period => 60}, [worker(iw), worker(once)]}};
init(bad_flags) -> {ok, {{no_such_strategy, 1, 1}, []}};
init(nested) ->
    {ok, {#{strategy => rest_for_one},
          [#{id => inner, start => {?MODULE, start_sup, [inner_sup]}, type => supervisor},
           worker(iw)]}};
init(inner) ->
    {ok, {#{}, [#{id => stubborn, start => {?MODULE, start_worker, [stubborn]}, shutdown => 50},
                #{id => killed, start => {?MODULE, start_worker, [killed]}, shutdown => brutal_kill}]}};
init({worker, stubborn}) ->
    process_flag(trap_exit, true),
    {ok, stubborn};
init({worker, Name}) -> {ok, Name}.

handle_call(_, _From, S) -> {reply, ok, S}.

handle_cast(crash, S) -> {noreply, S + 1}.
