-module(sup_strategies).
-export([main/1]).
-export([init/1, handle_call/3, handle_cast/2, terminate/2, start_worker/2]).

%% one_for_all, rest_for_one and simple_one_for_one: which children are
%% restarted, in which order they stop and start (each worker reports its
%% start and its terminate to the test process).

main(_) ->
    quiet(),
    process_flag(trap_exit, true),
    register(sup_test_main, self()),
    lists:foreach(fun run/1, [one_for_all, rest_for_one, one_for_one]),
    simple(),
    ok.

run(Strategy) ->
    io:format("== ~p~n", [Strategy]),
    {ok, Sup} = supervisor:start_link(?MODULE, {sup, Strategy}),
    show("started", events(3)),
    gen_server:cast(w2, crash),
    N = case Strategy of one_for_all -> 6; rest_for_one -> 4; one_for_one -> 2 end,
    show("crash w2", events(N)),
    show("which", [Id || {Id, P, _, _} <- supervisor:which_children(Sup), is_pid(P)]),
    unlink(Sup),
    exit(Sup, shutdown),
    show("shutdown", events(3)),
    flush().

simple() ->
    io:format("== simple_one_for_one~n"),
    {ok, Sup} = supervisor:start_link(?MODULE, simple),
    show("which empty", supervisor:which_children(Sup)),
    {ok, P1} = supervisor:start_child(Sup, [s1]),
    {ok, P2} = supervisor:start_child(Sup, [s2]),
    {ok, _P3} = supervisor:start_child(Sup, [s3]),
    show("started", events(3)),
    show("count", supervisor:count_children(Sup)),
    show("restart_child", supervisor:restart_child(Sup, P1)),
    show("delete_child", supervisor:delete_child(Sup, P1)),
    show("terminate", supervisor:terminate_child(Sup, P2)),
    show("terminated", events(1)),
    show("terminate again", supervisor:terminate_child(Sup, P2)),
    show("terminate by name", supervisor:terminate_child(Sup, s1)),
    gen_server:cast(P1, crash),
    show("crash s1", events(2)),
    timer:sleep(20),
    show("count", supervisor:count_children(Sup)),
    show("start error", supervisor:start_child(Sup, [fail])),
    show("start ignore", supervisor:start_child(Sup, [ignore])),
    unlink(Sup),
    exit(Sup, shutdown),
    show("shutdown", lists:sort(events(2))),
    flush().

events(N) -> [receive {event, E} -> E after 2000 -> timeout end || _ <- lists:seq(1, N)].

flush() ->
    receive
        {event, E} -> io:format("extra ~p~n", [E]), flush();
        _ -> flush()
    after 50 -> ok
    end.

show(Label, Value) -> io:format("~s: ~p~n", [Label, nopids(Value)]).

nopids(P) when is_pid(P) -> pid;
nopids(T) when is_tuple(T) -> list_to_tuple(nopids(tuple_to_list(T)));
nopids([H | T]) -> [nopids(H) | nopids(T)];
nopids(X) -> X.

quiet() ->
    catch logger:remove_handler(default),
    catch logger:add_handler(default, logger_std_h, #{config => #{type => standard_error}}),
    ok.

start_worker(_Kind, fail) -> {error, failed};
start_worker(_Kind, ignore) -> ignore;
start_worker(local, Name) -> gen_server:start_link({local, Name}, ?MODULE, {worker, Name}, []);
start_worker(anon, Name) -> gen_server:start_link(?MODULE, {worker, Name}, []).

init({sup, Strategy}) ->
    Spec = fun(Id) -> #{id => Id, start => {?MODULE, start_worker, [local, Id]}} end,
    {ok, {#{strategy => Strategy, intensity => 5, period => 10}, [Spec(w1), Spec(w2), Spec(w3)]}};
init(simple) ->
    {ok, {#{strategy => simple_one_for_one},
          [#{id => ignored, start => {?MODULE, start_worker, [anon]}, restart => transient}]}};
init({worker, Name}) ->
    process_flag(trap_exit, true),
    sup_test_main ! {event, {start, Name}},
    {ok, Name}.

handle_call(_, _From, S) -> {reply, ok, S}.

handle_cast(crash, S) -> {noreply, S + 1}.

terminate(Reason, Name) ->
    sup_test_main ! {event, {stop, Name, strip(Reason)}},
    ok.

strip({R, Stack}) when is_list(Stack) -> R;
strip(R) -> R.
