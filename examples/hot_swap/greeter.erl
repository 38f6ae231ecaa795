%% A tiny server with state: it counts the visitors it has greeted.
%% While `girder run --watch hot_swap.erl` runs, edit the greeting below
%% and save: the next greeting uses the new text, and the count goes on.
-module(greeter).
-export([start/0, loop/1]).

start() -> spawn(fun() -> loop(0) end).

loop(Count) ->
    receive
        {greet, From} ->
            From ! {greeting, io_lib:format("Hello, visitor number ~p!", [Count + 1])},
            %% Fully qualified: the next round runs the newest greeter.
            ?MODULE:loop(Count + 1)
    end.
