%% The plumbing the behaviours share: finding a server by name, the
%% monitored call with a timeout, replies, and the name registration of
%% a starting server.
%%
%% A call sends {Label, {self(), Mref}, Request} where Mref is a monitor
%% on the server; the answer is {Mref, Reply}. The monitor turns a dead or
%% dying server into a 'DOWN' message, so the caller never waits forever.
-module(girder_gen).
-export([start/6, init_failed/4, call/4, reply/2, where/1, register_name/1, unregister_name/1, send/2,
         format_server/1]).

%% Returns {ok, Reply}; exits with noproc, timeout or the server's exit reason.
call(Process, Label, Request, Timeout) ->
    case where(Process) of
        undefined -> exit(noproc);
        Pid when Pid =:= self() -> exit(calling_self);
        Pid -> do_call(Pid, Label, Request, Timeout)
    end.

do_call(Pid, Label, Request, Timeout) ->
    Mref = erlang:monitor(process, Pid),
    Pid ! {Label, {self(), Mref}, Request},
    receive
        {Mref, Reply} ->
            erlang:demonitor(Mref, [flush]),
            {ok, Reply};
        {'DOWN', Mref, _, _, Reason} ->
            exit(Reason)
    after Timeout ->
        erlang:demonitor(Mref, [flush]),
        exit(timeout)
    end.

reply({To, Tag}, Reply) ->
    catch erlang:send(To, {Tag, Reply}),
    ok.

send(Process, Msg) ->
    case where(Process) of
        undefined -> ok;
        Pid -> Pid ! Msg, ok
    end.

where(Pid) when is_pid(Pid) -> Pid;
where(Name) when is_atom(Name) -> erlang:whereis(Name);
where({local, Name}) -> erlang:whereis(Name);
where({Name, Node}) when is_atom(Name), Node =:= node() -> erlang:whereis(Name);
where({global, _}) -> undefined;
where({via, Mod, Name}) ->
    case Mod:whereis_name(Name) of
        Pid when is_pid(Pid) -> Pid;
        _ -> undefined
    end;
where(_) -> undefined.

%% Registers the starting process; {false, Pid} if the name is taken.
register_name({local, Name}) ->
    case catch erlang:register(Name, self()) of
        true -> true;
        _ -> {false, erlang:whereis(Name)}
    end;
register_name({via, Mod, Name}) ->
    case Mod:register_name(Name, self()) of
        yes -> true;
        _ -> {false, Mod:whereis_name(Name)}
    end;
register_name({global, _}) -> erlang:error(notsup).

unregister_name({local, Name}) -> catch erlang:unregister(Name), ok;
unregister_name({via, Mod, Name}) -> catch Mod:unregister_name(Name), ok;
unregister_name(_) -> ok.

format_server({local, Name}) -> Name;
format_server({via, _, Name}) -> Name;
format_server(Pid) -> Pid.

%% An init/1 that did not start its server: free the name, tell the
%% starter `Ack`, and exit with `Reason`.
init_failed(Name0, Starter, Ack, Reason) ->
    unregister_name(Name0),
    proc_lib:init_ack(Starter, Ack),
    exit(Reason).

%% start/start_link of a behaviour module `Gen` (gen_server, gen_statem):
%% proc_lib starts Gen:init_it/6 and waits up to the `timeout` option.
start(Gen, How, Name, Mod, Args, Opts) ->
    Timeout = case lists:keyfind(timeout, 1, Opts) of
                  {timeout, T} -> T;
                  false -> infinity
              end,
    Parent = case How of start_link -> self(); start -> self end,
    proc_lib:How(Gen, init_it, [self(), Parent, Name, Mod, Args, Opts], Timeout).
