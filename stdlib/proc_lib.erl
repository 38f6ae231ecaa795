%% proc_lib: processes that know their parent and ancestors, and a
%% synchronous start (start_link + init_ack) for the behaviours.
%%
%% A process started here has two dictionary entries, as on OTP:
%% '$ancestors' (its parent first, by registered name when it has one) and
%% '$initial_call' ({M, F, Arity}). The starter waits for {ack, Pid, Ret}.
-module(proc_lib).
-export([spawn/1, spawn/3, spawn_link/1, spawn_link/3,
         start/3, start/4, start_link/3, start_link/4,
         init_ack/1, init_ack/2, init_p/5, stop/1, stop/3]).

spawn(F) -> erlang:spawn(?MODULE, init_p, [self_name(), ancestors(), fun_mfa(F), F, []]).

spawn(M, F, A) ->
    erlang:spawn(?MODULE, init_p, [self_name(), ancestors(), {M, F, length(A)}, {M, F}, A]).

spawn_link(F) ->
    erlang:spawn_link(?MODULE, init_p, [self_name(), ancestors(), fun_mfa(F), F, []]).

spawn_link(M, F, A) ->
    erlang:spawn_link(?MODULE, init_p, [self_name(), ancestors(), {M, F, length(A)}, {M, F}, A]).

%% Runs in the new process: records where it came from, then runs its code.
init_p(Parent, Ancestors, Initial, Code, Args) ->
    put('$ancestors', [Parent | Ancestors]),
    put('$initial_call', Initial),
    case Code of
        {M, F} -> erlang:apply(M, F, Args);
        Fun -> Fun()
    end.

start(M, F, A) -> start(M, F, A, infinity).

start(M, F, A, Timeout) ->
    %% Spawned and monitored at once: a process that dies at once still
    %% gives its own exit reason, not noproc.
    {Pid, Mref} = erlang:spawn_monitor(?MODULE, init_p,
                                       [self_name(), ancestors(), {M, F, length(A)}, {M, F}, A]),
    receive
        {ack, Pid, Return} ->
            erlang:demonitor(Mref, [flush]),
            Return;
        {'DOWN', Mref, process, Pid, Reason} ->
            {error, Reason}
    after Timeout ->
        erlang:demonitor(Mref, [flush]),
        kill_flush(Pid),
        {error, timeout}
    end.

start_link(M, F, A) -> start_link(M, F, A, infinity).

%% Without trap_exit a failing start takes the caller down through the
%% link, as on OTP; with it the caller gets {error, Reason}.
start_link(M, F, A, Timeout) ->
    Pid = spawn_link(M, F, A),
    receive
        {ack, Pid, Return} -> Return;
        {'EXIT', Pid, Reason} -> {error, Reason}
    after Timeout ->
        kill_flush(Pid),
        {error, timeout}
    end.

kill_flush(Pid) ->
    unlink(Pid),
    exit(Pid, kill),
    receive {'EXIT', Pid, _} -> ok after 0 -> ok end.

init_ack(Return) ->
    [Parent | _] = get('$ancestors'),
    init_ack(Parent, Return).

init_ack(Parent, Return) ->
    Parent ! {ack, self(), Return},
    ok.

stop(Process) -> stop(Process, normal, infinity).

%% Asks a process that handles system messages to terminate and waits
%% for it to be gone.
stop(Process, Reason, Timeout) ->
    Mref = erlang:monitor(process, Process),
    Tag = make_ref(),
    catch erlang:send(Process, {system, {self(), Tag}, {terminate, Reason}}),
    receive
        {'DOWN', Mref, _, _, Reason} ->
            flush_reply(Tag),
            ok;
        {'DOWN', Mref, _, _, Other} ->
            flush_reply(Tag),
            exit(Other)
    after Timeout ->
        erlang:demonitor(Mref, [flush]),
        exit(timeout)
    end.

flush_reply(Tag) -> receive {Tag, _} -> ok after 0 -> ok end.

self_name() ->
    case erlang:process_info(self(), registered_name) of
        {registered_name, Name} -> Name;
        _ -> self()
    end.

ancestors() ->
    case get('$ancestors') of
        L when is_list(L) -> L;
        _ -> []
    end.

fun_mfa(F) ->
    {module, M} = erlang:fun_info(F, module),
    {name, N} = erlang:fun_info(F, name),
    {arity, A} = erlang:fun_info(F, arity),
    {M, N, A}.
