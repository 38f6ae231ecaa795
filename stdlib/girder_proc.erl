%% How a spawned process starts: girder's spawn/1 runs start(Fun) and
%% spawn/3 runs start(M, F, Args) in the new process.
-module(girder_proc).
-export([start/1, start/3]).

start(Fun) -> Fun().

start(M, F, Args) -> erlang:apply(M, F, Args).
