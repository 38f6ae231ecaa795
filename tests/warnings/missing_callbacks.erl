-module(missing_callbacks).
-behaviour(gen_server).
-behaviour(gen_statem).
-export([main/1, init/1, handle_call/3]).

%% Names gen_server without handle_cast/2 and gen_statem without
%% callback_mode/0: two warnings, and the program still runs.

main(_) -> io:format("ran~n").

init(_) -> {ok, x}.

handle_call(_, _, S) -> {reply, ok, S}.
