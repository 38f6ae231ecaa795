%% The Erlang side of girder's code server: purging (which needs to ask
%% every process whether it runs old code, and to wait for the ones it
%% kills), check_process_code/2 of another process, and the reloader that
%% `girder run --watch` starts. The module table itself is in Rust
%% (src/code/server.rs); the BIFs girder_code:prepare/1, finish/1,
%% drop_old/1, ... reach it.
-module(girder_code).
-export([check_process_code/2, purge/1, soft_purge/1, load/1, watch_reload/1]).

%% erlang:check_process_code/2 of another process: it answers a request
%% signal about itself.
check_process_code(Pid, Mod) ->
    Ref = make_ref(),
    case girder_code:request_check(Pid, Ref, Mod) of
        true -> receive {Ref, Answer} -> Answer end;
        false -> false
    end.

%% code:purge/1: kill the processes that run Mod's old code, then drop it.
%% True if a process was killed. The caller, if it runs the old code
%% itself, is killed last, after the old code is gone.
purge(Mod) ->
    case erlang:check_old_code(Mod) of
        false -> false;
        true ->
            Pids = [P || P <- processes(), erlang:check_process_code(P, Mod)],
            Others = [P || P <- Pids, P =/= self()],
            Refs = [erlang:monitor(process, P) || P <- Others],
            lists:foreach(fun(P) -> exit(P, kill) end, Others),
            lists:foreach(fun(R) -> receive {'DOWN', R, process, _, _} -> ok end end, Refs),
            girder_code:drop_old(Mod),
            case Pids =:= Others of
                true -> Pids =/= [];
                false -> exit(self(), kill)
            end
    end.

%% code:soft_purge/1: drop Mod's old code unless a process runs it.
soft_purge(Mod) ->
    case erlang:check_old_code(Mod) of
        false -> true;
        true ->
            case lists:any(fun(P) -> erlang:check_process_code(P, Mod) end, processes()) of
                true -> false;
                false ->
                    girder_code:drop_old(Mod),
                    true
            end
    end.

%% Compile (Module from the code path, or a file), purge, load: c:c/1,
%% c:l/1 and the --watch reloader. A source that does not compile costs
%% nothing: the running versions stay as they are.
load(What) ->
    case girder_code:prepare(What) of
        {ok, Mod} ->
            purge(Mod),
            girder_code:finish(Mod);
        Error ->
            Error
    end.

%% Started by `girder run --watch` when Mod's source file changed.
watch_reload(Mod) ->
    What = case girder_code:source(Mod) of
               false -> Mod;
               File -> File
           end,
    case load(What) of
        {module, M} -> io:format(standard_error, "girder: reloaded ~p~n", [M]);
        {error, badfile} -> ok;
        {error, Why} -> io:format(standard_error, "girder: cannot reload ~p: ~p~n", [Mod, Why])
    end.
