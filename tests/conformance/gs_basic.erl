-module(gs_basic).
-behaviour(gen_server).
-export([main/1]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, handle_continue/2,
         terminate/2, code_change/3]).

%% A counter server exercising gen_server's API and callback returns.

main(_) ->
    quiet(),
    {ok, Pid} = gen_server:start_link({local, gs_counter}, ?MODULE, 10, []),
    io:format("started ~p~n", [is_pid(Pid)]),
    io:format("whereis ok ~p~n", [whereis(gs_counter) =:= Pid]),
    io:format("get ~p~n", [gen_server:call(gs_counter, get)]),
    io:format("add ~p~n", [gen_server:call(gs_counter, {add, 5})]),
    ok = gen_server:cast(gs_counter, {add, 100}),
    io:format("after cast ~p~n", [gen_server:call(Pid, get)]),
    gs_counter ! {info_add, 1000},
    io:format("after info ~p~n", [gen_server:call(Pid, get, 1000)]),
    io:format("noreply call ~p~n", [gen_server:call(Pid, deferred)]),
    io:format("continue ~p~n", [gen_server:call(Pid, {continue_add, 7})]),
    io:format("after continue ~p~n", [gen_server:call(Pid, get)]),
    io:format("thrown ~p~n", [gen_server:call(Pid, throw_reply)]),
    io:format("ancestors ~p~n", [gen_server:call(Pid, ancestors) =:= [self()]]),
    io:format("initial ~p~n", [gen_server:call(Pid, initial_call)]),
    %% start with a name that is taken
    {error, {already_started, P2}} = gen_server:start({local, gs_counter}, ?MODULE, 0, []),
    io:format("already_started ~p~n", [P2 =:= Pid]),
    %% cast to an unknown name is fine
    io:format("cast unknown ~p~n", [gen_server:cast(no_such_server, hello)]),
    %% sys
    io:format("sys state ~p~n", [element(2, sys:get_state(gs_counter))]),
    io:format("replace ~p~n", [element(2, sys:replace_state(gs_counter, fun({O, N}) -> {O, N * 2} end))]),
    io:format("after replace ~p~n", [gen_server:call(gs_counter, get)]),
    ok = sys:suspend(gs_counter),
    io:format("code_change ~p~n", [sys:change_code(gs_counter, ?MODULE, old, 3)]),
    ok = sys:resume(gs_counter),
    io:format("after code_change ~p~n", [gen_server:call(gs_counter, get)]),
    io:format("change running ~p~n", [sys:change_code(gs_counter, ?MODULE, old, 3)]),
    %% stop with reply
    io:format("stop reply ~p~n", [gen_server:call(gs_counter, stop_me)]),
    receive {terminated, R1, S1} -> io:format("terminate ~p ~p~n", [R1, S1]) end,
    timer:sleep(10),
    io:format("gone ~p~n", [whereis(gs_counter)]),
    %% init variants
    {ok, P3} = gen_server:start(?MODULE, {timeout, 5}, []),
    io:format("init timeout ~p~n", [gen_server:call(P3, get)]),
    {ok, P4} = gen_server:start(?MODULE, {continue, 3}, []),
    io:format("init continue ~p~n", [gen_server:call(P4, get)]),
    io:format("init ignore ~p~n", [gen_server:start(?MODULE, ignore, [])]),
    io:format("init stop ~p~n", [gen_server:start(?MODULE, {stop, no_way}, [])]),
    io:format("init bad ~p~n", [gen_server:start(?MODULE, bad, [])]),
    io:format("init throw ~p~n", [element(1, gen_server:start(?MODULE, throw_ok, []))]),
    {error, {Crash, _}} = gen_server:start(?MODULE, crash, []),
    io:format("init crash ~p~n", [Crash]),
    io:format("start named anonymous ~p~n", [whereis(gs_counter)]),
    %% stop/1 and stop/3
    io:format("stop ~p~n", [gen_server:stop(P3)]),
    receive {terminated, R2, S2} -> io:format("terminate ~p ~p~n", [R2, S2]) end,
    io:format("stop3 ~p~n", [gen_server:stop(P4, {shutdown, bye}, 1000)]),
    receive {terminated, R3, S3} -> io:format("terminate ~p ~p~n", [R3, S3]) end,
    io:format("alive ~p ~p~n", [is_process_alive(P3), is_process_alive(P4)]),
    %% timeout in a reply tuple
    {ok, P5} = gen_server:start(?MODULE, 0, []),
    io:format("timed ~p~n", [gen_server:call(P5, {timed, 5})]),
    timer:sleep(50),
    io:format("after timeout ~p~n", [gen_server:call(P5, get)]),
    %% hibernate is accepted
    io:format("hib ~p~n", [gen_server:call(P5, hib)]),
    io:format("after hib ~p~n", [gen_server:call(P5, get)]),
    %% reply/2 from another process
    io:format("delegated ~p~n", [gen_server:call(P5, delegate)]),
    ok = gen_server:stop(P5),
    receive {terminated, R5, _} -> io:format("terminate ~p~n", [R5]) end,
    %% a proc_lib process turning itself into a server
    Me = self(),
    P6 = proc_lib:spawn(fun() -> gen_server:enter_loop(?MODULE, [], {Me, 77}) end),
    io:format("enter_loop ~p~n", [gen_server:call(P6, get)]),
    P7 = proc_lib:spawn(fun() -> register(gs_entered, self()),
                                 gen_server:enter_loop(?MODULE, [], {Me, 5}, {local, gs_entered}, 10) end),
    timer:sleep(50),
    io:format("enter_loop timeout ~p~n", [gen_server:call(P7, get)]),
    ok = gen_server:stop(gs_entered),
    receive {terminated, R7, _} -> io:format("terminate ~p~n", [R7]) end,
    io:format("check_childspecs ~p ~p~n",
              [supervisor:check_childspecs([#{id => a, start => {m, f, []}}]),
               supervisor:check_childspecs([#{id => a, start => {m, f, []}, type => bad}])]),
    ok.

%% OTP 25 refuses to change the default handler's type: replace it.
quiet() ->
    catch logger:remove_handler(default),
    catch logger:add_handler(default, logger_std_h, #{config => #{type => standard_error}}),
    ok.

init(ignore) -> ignore;
init({stop, R}) -> {stop, R};
init(bad) -> bad_value;
init(throw_ok) -> throw({ok, 1});
init(crash) -> erlang:error(init_crashed);
init({timeout, N}) -> {ok, {owner(), N}, 10};
init({continue, N}) -> {ok, {owner(), N}, {continue, {add, 100}}};
init(N) -> {ok, {owner(), N}}.

owner() ->
    [P | _] = get('$ancestors'),
    P.

handle_call(get, _From, {O, N}) -> {reply, N, {O, N}};
handle_call({add, K}, _From, {O, N}) -> {reply, N + K, {O, N + K}};
handle_call(deferred, From, S) ->
    gen_server:reply(From, deferred_answer),
    {noreply, S};
handle_call({continue_add, K}, _From, S) -> {reply, ok, S, {continue, {add, K}}};
handle_call(throw_reply, _From, S) -> throw({reply, thrown, S});
handle_call(ancestors, _From, S) -> {reply, get('$ancestors'), S};
handle_call(initial_call, _From, S) -> {reply, get('$initial_call'), S};
handle_call(stop_me, _From, S) -> {stop, normal, stopping, S};
handle_call({timed, T}, _From, S) -> {reply, ok, S, T};
handle_call(hib, _From, S) -> {reply, ok, S, hibernate};
handle_call(delegate, From, S) ->
    spawn(fun() -> gen_server:reply(From, from_helper) end),
    {noreply, S}.

handle_cast({add, K}, {O, N}) -> {noreply, {O, N + K}}.

handle_info({info_add, K}, {O, N}) -> {noreply, {O, N + K}};
handle_info(timeout, {O, N}) -> {noreply, {O, {timed_out, N}}}.

handle_continue({add, K}, {O, N}) -> {noreply, {O, N + K}}.

terminate(Reason, {O, N}) ->
    O ! {terminated, Reason, N},
    ok;
terminate(_, _) -> ok.

code_change(old, {O, N}, Extra) -> {ok, {O, N + Extra}}.
