%% A program edits a module's source with file:read_file/1 and
%% file:write_file/2 and loads the new version while a server runs it.
-module(hl_rw).
-export([main/1]).

main(_) ->
    ok = file:write_file("hl_rw_srv.erl",
                         <<"-module(hl_rw_srv).\n-export([start/0, loop/1]).\n"
                           "start() -> spawn(fun() -> loop(0) end).\n"
                           "loop(N) -> receive {get, P} -> P ! {reply, version_one, N}, ?MODULE:loop(N + 1) end.\n">>),
    {ok, hl_rw_srv} = c:c(hl_rw_srv),
    Pid = hl_rw_srv:start(),
    io:format("~p~n", [ask(Pid)]),
    {ok, Src} = file:read_file("hl_rw_srv.erl"),
    io:format("source: ~p bytes, a binary: ~p~n", [byte_size(Src), is_binary(Src)]),
    New = binary:replace(Src, <<"version_one">>, <<"version_two">>),
    ok = file:write_file("hl_rw_srv.erl", New),
    {ok, Again} = file:read_file("hl_rw_srv.erl"),
    io:format("rewritten: ~p~n", [binary:match(Again, <<"version_two">>) =/= nomatch]),
    {ok, hl_rw_srv} = c:c(hl_rw_srv),
    io:format("~p~n", [ask(Pid)]),
    io:format("~p~n", [ask(Pid)]),
    io:format("missing: ~p~n", [file:read_file("no_such_file.erl")]),
    ok = file:delete("hl_rw_srv.erl").

ask(Pid) ->
    Pid ! {get, self()},
    receive {reply, V, N} -> {V, N} end.
