-module(gs_errors).
-behaviour(gen_server).
-export([main/1]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2]).

%% gen_server failure paths: call timeouts, calls to dead or unknown
%% servers, servers dying during a call, bad return values, exceptions in
%% callbacks, terminate/2 on a parent's exit when trapping exits.

main(_) ->
    quiet(),
    process_flag(trap_exit, true),
    %% timeout
    {ok, P1} = gen_server:start(?MODULE, self(), []),
    show("timeout", catch gen_server:call(P1, {sleep, 200}, 50)),
    show("still alive", is_process_alive(P1)),
    show("default timeout call", gen_server:call(P1, ping)),
    %% unknown name and dead pid
    show("noproc name", catch gen_server:call(no_such_gs, hello)),
    show("noproc name3", catch gen_server:call(no_such_gs, hello, 100)),
    ok = gen_server:stop(P1),
    show("terminated", wait_term()),
    show("noproc pid", catch gen_server:call(P1, ping)),
    show("stop noproc", catch gen_server:stop(P1)),
    show("stop noproc name", catch gen_server:stop(no_such_gs)),
    %% server crashing while handling the call
    {ok, P2} = gen_server:start(?MODULE, self(), []),
    {'EXIT', {{badarith, _}, {gen_server, call, [P2, crash]}}} =
        (catch gen_server:call(P2, crash)),
    show("crash in call", ok),
    show("terminate got", wait_term()),
    %% exit from the callback
    {ok, P3} = gen_server:start(?MODULE, self(), []),
    show("exit in call", catch gen_server:call(P3, {exit, my_reason})),
    show("terminate got", wait_term()),
    %% stop from handle_call without reply
    {ok, P4} = gen_server:start(?MODULE, self(), []),
    show("stop noreply", catch gen_server:call(P4, {stop, going})),
    show("terminate got", wait_term()),
    %% bad return value
    {ok, P5} = gen_server:start(?MODULE, self(), []),
    show("bad return", catch gen_server:call(P5, bad)),
    show("terminate got", wait_term()),
    %% crash in cast, seen through a monitor
    {ok, P6} = gen_server:start(?MODULE, self(), []),
    M6 = monitor(process, P6),
    gen_server:cast(P6, crash),
    receive {'DOWN', M6, process, P6, {R6, _}} -> show("cast crash down", R6) end,
    show("terminate got", wait_term()),
    %% stop from handle_info
    {ok, P7} = gen_server:start(?MODULE, self(), []),
    M7 = monitor(process, P7),
    P7 ! {stop_info, info_reason},
    receive {'DOWN', M7, process, P7, R7} -> show("info stop down", R7) end,
    show("terminate got", wait_term()),
    %% linked server with trap_exit gets terminate on parent's exit
    Main = self(),
    Parent = spawn(fun() ->
                           {ok, P} = gen_server:start_link(?MODULE, {trap, Main}, []),
                           receive go -> exit({parent_died, P}) end
                   end),
    Parent ! go,
    show("terminate on parent exit", wait_term()),
    %% linked server from us; stop with reason normal gives EXIT normal
    {ok, P8} = gen_server:start_link(?MODULE, self(), []),
    ok = gen_server:stop(P8, normal, infinity),
    wait_term(),
    receive {'EXIT', P8, R8} -> show("link exit", R8) end,
    %% crash in terminate wins
    {ok, P9} = gen_server:start(?MODULE, {bad_terminate, self()}, []),
    show("stop bad terminate", catch gen_server:stop(P9)),
    %% init failing under start_link with trap_exit: error and EXIT both
    show("start_link stop", gen_server:start_link(?MODULE, {stop_init, oops}, [])),
    receive {'EXIT', _, R10} -> show("EXIT after failed init", R10) after 1000 -> show("no exit", x) end,
    %% start with a timeout option
    show("start timeout", gen_server:start(?MODULE, slow_init, [{timeout, 50}])),
    %% a late reply stays out of the way of later calls
    {ok, P11} = gen_server:start(?MODULE, self(), []),
    show("call after timeout", catch gen_server:call(P11, {sleep, 100}, 10)),
    show("next call", gen_server:call(P11, ping)),
    show("calling self", catch gen_server:call(self(), ping)),
    show("call bad name", catch gen_server:call({global, nobody}, ping)),
    ok.

show(Label, Value) -> io:format("~s: ~p~n", [Label, nopids(Value)]).

nopids(P) when is_pid(P) -> pid;
nopids(T) when is_tuple(T) -> list_to_tuple(nopids(tuple_to_list(T)));
nopids([H | T]) -> [nopids(H) | nopids(T)];
nopids(X) -> X.

wait_term() ->
    receive {terminate, R} -> R after 2000 -> no_terminate end.

quiet() ->
    catch logger:remove_handler(default),
    catch logger:add_handler(default, logger_std_h, #{config => #{type => standard_error}}),
    ok.

init({trap, Owner}) ->
    process_flag(trap_exit, true),
    {ok, Owner};
init({bad_terminate, Owner}) -> {ok, {bad_terminate, Owner}};
init({stop_init, R}) -> {stop, R};
init(slow_init) -> timer:sleep(500), {ok, slow};
init(Owner) -> {ok, Owner}.

handle_call({sleep, T}, _From, S) -> timer:sleep(T), {reply, slept, S};
handle_call(ping, _From, S) -> {reply, pong, S};
handle_call(crash, _From, S) -> {reply, 1 + erlang:list_to_atom("a"), S};
handle_call({exit, R}, _From, S) -> exit(R), {reply, ok, S};
handle_call({stop, R}, _From, S) -> {stop, R, S};
handle_call(bad, _From, _S) -> what.

handle_cast(crash, S) -> {noreply, element(5, S)}.

handle_info({stop_info, R}, S) -> {stop, R, S}.

terminate(_R, {bad_terminate, _}) -> exit(terminate_failed);
terminate(R, Owner) when is_pid(Owner) ->
    Owner ! {terminate, strip(R)},
    ok.

strip({R, Stack}) when is_list(Stack) -> {R, stack};
strip(R) -> R.
