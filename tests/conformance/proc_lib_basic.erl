-module(proc_lib_basic).
-export([main/1]).
-export([child/1, starter/2, named/0]).

%% proc_lib: spawned processes know their ancestors and initial call;
%% start_link waits for init_ack; a start that dies or is too slow.

main(_) ->
    catch logger:remove_handler(default),
    catch logger:add_handler(default, logger_std_h, #{config => #{type => standard_error}}),
    process_flag(trap_exit, true),
    Me = self(),
    P1 = proc_lib:spawn_link(?MODULE, child, [Me]),
    receive {info, P1, I1} -> show("spawn_link/3", I1) end,
    P2 = proc_lib:spawn(fun() -> Me ! {info, self(), info()} end),
    receive {info, P2, {A2, {M2, _, Ar2}}} -> show("spawn/1", {A2, M2, Ar2}) end,
    %% ancestors through a registered parent
    register(plb_parent, self()),
    P3 = proc_lib:spawn(?MODULE, named, []),
    receive {info, P3, I3} -> show("named parent", I3) end,
    unregister(plb_parent),
    show("start_link ok", proc_lib:start_link(?MODULE, starter, [ok, Me])),
    show("start_link value", proc_lib:start_link(?MODULE, starter, [{value, 42}, Me])),
    {error, {Crash, _Stack}} = proc_lib:start_link(?MODULE, starter, [crash, Me]),
    show("start_link crash", Crash),
    show("start timeout", proc_lib:start(?MODULE, starter, [slow, Me], 50)),
    show("start down", proc_lib:start(?MODULE, starter, [exit, Me])),
    show("init_ack/2", proc_lib:start(?MODULE, starter, [ack2, Me])),
    ok.

show(Label, Value) -> io:format("~s: ~p~n", [Label, Value]).

info() -> {length(get('$ancestors')), get('$initial_call')}.

child(Parent) -> Parent ! {info, self(), {get('$ancestors') =:= [Parent], get('$initial_call')}}.

named() -> plb_parent ! {info, self(), get('$ancestors')}.

starter(ok, _) -> proc_lib:init_ack({ok, self() =/= undefined}), receive stop -> ok end;
starter({value, V}, _) -> proc_lib:init_ack(V);
starter(crash, _) -> erlang:error(oops);
starter(slow, _) -> timer:sleep(1000), proc_lib:init_ack(late);
starter(exit, _) -> exit(gave_up);
starter(ack2, Parent) -> proc_lib:init_ack(Parent, {acked, get('$initial_call')}).
