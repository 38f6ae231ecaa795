%% How a spawned process starts: girder's spawn/1 runs start(Fun) and
%% spawn/3 runs start(M, F, Args) in the new process. Also the Erlang side
%% of BIFs that must wait for another process (they trap here).
-module(girder_proc).
-export([start/1, start/3, process_info/1, process_info/2, garbage_collect/1, garbage_collect/2]).

start(Fun) -> Fun().

start(M, F, Args) -> erlang:apply(M, F, Args).

%% erlang:process_info/1,2 of another process: it answers a request signal.
process_info(Pid) -> ask(Pid, all).

process_info(Pid, Items) -> ask(Pid, Items).

ask(Pid, Items) ->
    Ref = make_ref(),
    case girder_proc:request_info(Pid, Ref, Items) of
        true -> receive {Ref, Info} -> Info end;
        false -> undefined
    end.

%% erlang:garbage_collect/1,2 of another process: it collects when it
%% handles the request, then answers.
garbage_collect(Pid) -> garbage_collect(Pid, []).

garbage_collect(Pid, _Opts) ->
    Ref = make_ref(),
    case girder_proc:request_gc(Pid, Ref) of
        true -> receive {Ref, Done} -> Done end;
        false -> false
    end.
