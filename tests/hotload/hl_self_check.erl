%% check_process_code/2 of the calling process: a function of version 1
%% that loads version 2 then runs old code itself (its own position).
-module(hl_self_check).
-export([main/1]).
main(_) ->
    ok = file:write_file("hl_self.erl", "-module(hl_self).\n-export([run/0]).\nrun() -> X = erlang:check_process_code(self(), hl_self), {X, c:c(hl_self), erlang:check_process_code(self(), hl_self)}.\n"),
    {ok, hl_self} = c:c(hl_self),
    io:format("~p~n", [catch hl_self:run()]),
    io:format("~p~n", [erlang:check_process_code(self(), hl_self)]).
