%% Driven by tests/hotload.rs under `girder run --watch`: prints what
%% hl_w:v() returns whenever it changes, until it returns stop. The test
%% rewrites hl_w.erl meanwhile (a broken version, then two good ones).
-module(hl_watch_main).
-export([main/1]).

main(_) ->
    V = hl_w:v(),
    io:format("start ~p~n", [V]),
    ok = file:write_file("ready", "ready"),
    loop(V).

loop(Old) ->
    receive after 20 -> ok end,
    case hl_w:v() of
        Old -> loop(Old);
        stop -> io:format("stop~n");
        New ->
            io:format("now ~p~n", [New]),
            loop(New)
    end.
