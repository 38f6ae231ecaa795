%% gen_event: handlers added and deleted, notify/sync_notify reaching
%% every handler newest first, call, remove_handler, swap_handler,
%% {Module, Id} handlers, handle_info, a crashing handler removed while
%% the others carry on, stop calling terminate, and the error returns.
-module(gen_event_basic).
-behaviour(gen_event).
-export([main/1]).
-export([init/1, handle_event/2, handle_call/2, handle_info/2, terminate/2]).

main(_) ->
    catch logger:remove_handler(default),
    catch logger:add_handler(default, logger_std_h, #{config => #{type => standard_error}}),
    process_flag(trap_exit, true),
    P = fun(X) -> io:format("~p~n", [X]) end,
    {ok, M} = gen_event:start_link({local, events}),
    P(is_pid(M) andalso whereis(events) =:= M),
    P(gen_event:which_handlers(events)),
    P(gen_event:add_handler(events, {?MODULE, a}, {self(), a})),
    P(gen_event:add_handler(events, {?MODULE, b}, {self(), b})),
    P(gen_event:add_handler(events, {?MODULE, bad}, refuse)),
    P(gen_event:which_handlers(events)),
    P(gen_event:notify(events, hello)),
    P(gen_event:sync_notify(events, world)),
    P(collect(4)),
    P(gen_event:call(events, {?MODULE, a}, count)),
    P(gen_event:call(events, {?MODULE, b}, count)),
    P(gen_event:call(events, {?MODULE, zzz}, count)),
    events ! an_info_message,
    P(gen_event:sync_notify(events, sync)),
    P(collect(4)),
    %% A handler that crashes is removed; the other one stays.
    P(gen_event:sync_notify(events, {crash, b})),
    P(collect(1)),
    P(gen_event:which_handlers(events)),
    %% remove_handler from an event, and from a call.
    P(gen_event:add_handler(events, {?MODULE, c}, {self(), c})),
    P(gen_event:sync_notify(events, {remove, c})),
    P(collect(2)),
    P(gen_event:which_handlers(events)),
    P(gen_event:add_handler(events, {?MODULE, d}, {self(), d})),
    P(gen_event:call(events, {?MODULE, d}, remove_me)),
    P(collect(1)),
    %% swap_handler.
    P(gen_event:swap_handler(events, {{?MODULE, a}, swap_out}, {{?MODULE, e}, swap_in})),
    P(collect(2)),
    P(gen_event:which_handlers(events)),
    P(gen_event:call(events, {?MODULE, e}, count)),
    P(gen_event:delete_handler(events, {?MODULE, e}, bye)),
    P(collect(1)),
    P(gen_event:delete_handler(events, {?MODULE, e}, bye)),
    P(gen_event:which_handlers(events)),
    P(gen_event:add_handler(events, {?MODULE, f}, {self(), f})),
    P(gen_event:stop(events)),
    P(collect(1)),
    P(whereis(events)),
    P(catch_reason(fun() -> gen_event:notify(events, x) end)),
    P(element(1, catch_reason(fun() -> gen_event:sync_notify(events, x) end))),
    {ok, M2} = gen_event:start(),
    P(gen_event:add_handler(M2, ?MODULE, {self(), plain})),
    P(gen_event:sync_notify(M2, ping)),
    P([E || E <- collect(2), element(1, E) =/= 'EXIT']),
    %% The same handler id may be installed twice.
    P(gen_event:add_handler(M2, ?MODULE, {self(), again})),
    P(gen_event:which_handlers(M2)),
    P(gen_event:sync_notify(M2, pong)),
    P(collect(2)),
    P(gen_event:stop(M2)),
    P(collect(2)),
    ok.

collect(0) -> [];
collect(N) -> receive M -> [M | collect(N - 1)] after 1000 -> [timeout] end.

catch_reason(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

%% The handler: tells its owner about each event.
init(refuse) -> {error, refused};
init({swap_in, Old}) -> {ok, {self_owner(Old), e, 0}};
init({Owner, Tag}) -> {ok, {Owner, Tag, 0}}.

self_owner({Owner, _, _}) -> Owner.

handle_event({crash, Tag}, {_, Tag, _}) -> erlang:error(boom);
handle_event({remove, Tag}, {Owner, Tag, _}) ->
    Owner ! {Tag, removing},
    remove_handler;
handle_event(Event, {Owner, Tag, N}) ->
    Owner ! {Tag, Event},
    {ok, {Owner, Tag, N + 1}}.

handle_call(count, {_, _, N} = S) -> {ok, N, S};
handle_call(remove_me, {_, _, N}) -> {remove_handler, {removed, N}}.

handle_info(Info, {Owner, Tag, N}) ->
    Owner ! {Tag, info, Info},
    {ok, {Owner, Tag, N}}.

terminate(swap_out, {Owner, Tag, N}) ->
    Owner ! {Tag, terminate, swap_out},
    {Owner, Tag, N};
terminate({error, {'EXIT', {Why, _Stack}}}, {Owner, Tag, _}) ->
    Owner ! {Tag, terminate, error, Why},
    crashed;
terminate(Arg, {Owner, Tag, _}) ->
    Owner ! {Tag, terminate, Arg},
    {done, Tag}.
