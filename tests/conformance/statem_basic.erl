-module(statem_basic).
-export([main/1]).
-export([callback_mode/0, init/1, locked/3, open/3, handle_event/4, terminate/3, code_change/4]).

%% gen_statem in state_functions mode with state enter calls: a code
%% lock. Calls, casts, infos, postpone, next_event, state timeouts,
%% event timeouts, generic timeouts, stop_and_reply, sys:get_state.
%% A second machine (statem_basic_ev, started from the same module with
%% handle_event_function) is in the handle_event part below.

main(_) ->
    quiet(),
    process_flag(trap_exit, true),
    {ok, Pid} = gen_statem:start_link({local, lock}, ?MODULE, [1, 2, 3], []),
    show("state", sys:get_state(lock)),
    show("wrong", gen_statem:call(lock, {button, 9})),
    show("b1", gen_statem:call(lock, {button, 1})),
    show("b2", gen_statem:call(lock, {button, 2})),
    show("b3", gen_statem:call(lock, {button, 3})),
    show("state open", element(1, sys:get_state(lock))),
    %% a cast in open is postponed until the lock closes again
    gen_statem:cast(lock, {log, while_open}),
    show("log while open", gen_statem:call(lock, get_log)),
    %% the state timeout locks it again
    wait_event(relocked),
    show("state after timeout", element(1, sys:get_state(lock))),
    show("log after relock", gen_statem:call(lock, get_log)),
    %% info messages
    lock ! {info, hello},
    show("log info", gen_statem:call(lock, get_log)),
    %% next_event: an internal event handled before anything else
    show("code via internal", gen_statem:call(lock, {all, [1, 2, 3]})),
    show("state", element(1, sys:get_state(lock))),
    show("lock now", gen_statem:call(lock, lock_now)),
    %% event timeout: nothing arrives within 30 ms
    show("arm", gen_statem:call(lock, {arm_idle, 30})),
    wait_event(idle),
    show("log idle", gen_statem:call(lock, get_log)),
    %% an event cancels the event timeout
    show("arm", gen_statem:call(lock, {arm_idle, 300})),
    show("ping", gen_statem:call(lock, ping)),
    timer:sleep(400),
    show("log no idle", gen_statem:call(lock, get_log)),
    %% generic timeout
    show("generic", gen_statem:call(lock, {generic, 20})),
    wait_event({generic, bell}),
    show("log generic", gen_statem:call(lock, get_log)),
    %% reply from another process, and replace_state
    show("replace", sys:replace_state(lock, fun({S, D}) -> {S, D#{log := [replaced]}} end)),
    show("log", gen_statem:call(lock, get_log)),
    %% call timeout and bad calls
    show("call timeout", catch gen_statem:call(lock, slow, 20)),
    show("noproc", catch gen_statem:call(no_such_statem, x)),
    %% stop_and_reply
    show("stop", gen_statem:call(lock, stop_please)),
    receive {'EXIT', Pid, R} -> show("exit", R) end,
    show("terminated", receive {terminated, T} -> T after 1000 -> none end),
    %% handle_event_function mode
    {ok, E} = gen_statem:start(?MODULE, handle_event_mode, []),
    show("ev start", gen_statem:call(E, where)),
    gen_statem:cast(E, flip),
    show("ev flipped", gen_statem:call(E, where)),
    E ! flip,
    show("ev flipped again", gen_statem:call(E, where)),
    show("ev state", sys:get_state(E)),
    {'EXIT', {{BadReturn, _Stack}, BadCall}} = (catch gen_statem:call(E, bad)),
    show("ev bad return", {BadReturn, BadCall}),
    show("ev alive", is_process_alive(E)),
    %% init variants
    show("init stop", gen_statem:start(?MODULE, {stop, nope}, [])),
    show("init ignore", gen_statem:start(?MODULE, ignore, [])),
    {ok, P2} = gen_statem:start(?MODULE, [7], []),
    show("stop/1", gen_statem:stop(P2)),
    show("terminated", receive {terminated, T2} -> T2 after 1000 -> none end),
    ok.

show(Label, Value) -> io:format("~s: ~p~n", [Label, nopids(Value)]).

nopids(P) when is_pid(P) -> pid;
nopids(R) when is_reference(R) -> ref;
nopids(T) when is_tuple(T) -> list_to_tuple(nopids(tuple_to_list(T)));
nopids([H | T]) -> [nopids(H) | nopids(T)];
nopids(M) when is_map(M) -> maps:from_list(nopids(maps:to_list(M)));
nopids(X) -> X.

quiet() ->
    catch logger:remove_handler(default),
    catch logger:add_handler(default, logger_std_h, #{config => #{type => standard_error}}),
    ok.

callback_mode() ->
    case get(mode) of
        handle_event_function -> handle_event_function;
        _ -> [state_functions, state_enter]
    end.

init(handle_event_mode) ->
    put(mode, handle_event_function),
    {ok, off, 0};
init({stop, R}) -> {stop, R};
init(ignore) -> ignore;
init(Code) ->
    [Owner | _] = get('$ancestors'),
    {ok, locked, #{code => Code, entered => [], log => [], owner => Owner}}.

%% state enter calls record the transitions
locked(enter, Old, D) ->
    {keep_state, D#{entered := [{Old, locked}], log := log(D, {enter, locked})}};
locked({call, From}, {button, B}, #{code := Code, entered := E} = D) ->
    Pressed = [B | maps:get(pressed, D, [])],
    case lists:reverse(Pressed) of
        Code -> {next_state, open, maps:remove(pressed, D), [{reply, From, open}]};
        Prefix ->
            case lists:prefix(Prefix, Code) of
                true -> {keep_state, D#{pressed => Pressed, entered := E}, [{reply, From, more}]};
                false -> {keep_state, maps:remove(pressed, D), [{reply, From, wrong}]}
            end
    end;
locked({call, From}, {all, Buttons}, D) ->
    {keep_state, D, [{next_event, internal, {press, B}} || B <- Buttons] ++
                    [{next_event, internal, {done, From}}]};
locked(internal, {press, B}, D) ->
    {keep_state, D#{pressed => [B | maps:get(pressed, D, [])]}};
locked(internal, {done, From}, #{code := Code} = D) ->
    case lists:reverse(maps:get(pressed, D, [])) of
        Code -> {next_state, open, maps:remove(pressed, D), [{reply, From, opened}]};
        _ -> {keep_state, maps:remove(pressed, D), [{reply, From, wrong}]}
    end;
locked({call, From}, {arm_idle, T}, _D) ->
    {keep_state_and_data, [{reply, From, armed}, {timeout, T, idle}]};
locked(timeout, idle, D) ->
    {keep_state, D#{log := log(D, idle)}};
locked({call, From}, {generic, T}, _D) ->
    {keep_state_and_data, [{reply, From, ok}, {{timeout, ring}, T, bell}]};
locked({timeout, ring}, Msg, D) ->
    {keep_state, D#{log := log(D, {generic, Msg})}};
locked({call, From}, slow, _D) ->
    timer:sleep(100),
    {keep_state_and_data, {reply, From, late}};
locked({call, From}, stop_please, D) ->
    {stop_and_reply, normal, [{reply, From, stopping}], D};
locked(EventType, Event, D) ->
    common(EventType, Event, D).

open(enter, Old, D) ->
    {keep_state, D#{entered := [{Old, open}], log := log(D, {enter, open})},
     [{state_timeout, 50, relock}]};
open(state_timeout, relock, D) ->
    {next_state, locked, D#{log := log(D, relocked)}};
open(cast, {log, _}, _D) ->
    {keep_state_and_data, postpone};
open({call, From}, lock_now, D) ->
    {next_state, locked, D, {reply, From, locked}};
open(EventType, Event, D) ->
    common(EventType, Event, D).

common(cast, {log, What}, D) ->
    {keep_state, D#{log := log(D, {cast, What})}};
common(info, Msg, D) ->
    {keep_state, D#{log := log(D, {info, Msg})}};
common({call, From}, get_log, #{log := Log}) ->
    {keep_state_and_data, {reply, From, lists:reverse(Log)}};
common({call, From}, ping, _D) ->
    {keep_state_and_data, {reply, From, pong}}.

%% Each log entry is also sent to the test process, which waits for some.
log(#{log := L, owner := Owner}, X) ->
    Owner ! {event, X},
    [X | L].

wait_event(X) ->
    receive {event, X} -> ok after 5000 -> io:format("no event ~p~n", [X]) end.

%% handle_event_function mode (the state is off/on, the data a counter)
handle_event(cast, flip, off, N) -> {next_state, on, N + 1};
handle_event(cast, flip, on, N) -> {next_state, off, N + 1};
handle_event(info, flip, S, N) -> {next_state, other(S), N + 1};
handle_event({call, From}, where, S, N) -> {keep_state_and_data, [{reply, From, {S, N}}]};
handle_event({call, _From}, bad, _S, _N) -> what_is_this.

other(on) -> off;
other(off) -> on.

terminate(Reason, State, #{owner := Owner}) ->
    Owner ! {terminated, {Reason, State}};
terminate(_, _, _) -> ok.

code_change(_, S, D, _) -> {ok, S, D}.
