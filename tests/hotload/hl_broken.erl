%% A version 2 that does not compile leaves version 1 serving. (OTP prints
%% the compiler's diagnostic on standard output, girder on standard error:
%% tests/hotload.rs drops the diagnostic lines from the expected output.)
-module(hl_broken).
-export([main/1]).

main(_) ->
    ok = file:write_file("hl_brk.erl",
                         "-module(hl_brk).\n-export([v/0, loop/0]).\nv() -> one.\n"
                         "loop() -> receive {v, From} -> From ! hl_brk:v(), hl_brk:loop() end.\n"),
    io:format("v1: ~p~n", [c:c(hl_brk)]),
    P = spawn(hl_brk, loop, []),
    ok = file:write_file("hl_brk.erl",
                         "-module(hl_brk).\n-export([v/0, loop/0]).\nv() -> two +.\n"),
    io:format("v2: ~p~n", [c:c(hl_brk)]),
    io:format("v: ~p~n", [hl_brk:v()]),
    P ! {v, self()},
    receive V -> io:format("served: ~p~n", [V]) end,
    io:format("old code: ~p~n", [erlang:check_old_code(hl_brk)]),
    io:format("loaded: ~p ~p~n", [erlang:module_loaded(hl_brk), erlang:function_exported(hl_brk, v, 0)]),
    ok = file:write_file("hl_brk.erl",
                         "-module(hl_brk).\n-export([v/0, loop/0]).\nv() -> three.\n"
                         "loop() -> receive {v, From} -> From ! hl_brk:v(), hl_brk:loop() end.\n"),
    io:format("v3: ~p~n", [c:c(hl_brk)]),
    P ! {v, self()},
    receive V3 -> io:format("served: ~p~n", [V3]) end,
    ok = file:delete("hl_brk.erl"),
    ok.
