%% pid_to_list/1 and list_to_pid/1: the text a pid prints as, and back.
-module(proc_pid_text).
-export([main/1]).

main(_) ->
    S = pid_to_list(self()),
    io:format("~p~n", [{hd(S), lists:last(S), length(string:tokens(S, "."))}]),
    io:format("~p~n", [list_to_pid(S) =:= self()]),
    P = spawn(fun() -> receive stop -> ok end end),
    Q = list_to_pid(pid_to_list(P)),
    Q ! stop,
    io:format("~p~n", [Q =:= P]),
    io:format("~p~n", [S =:= lists:flatten(io_lib:format("~p", [self()]))]),
    [io:format("~p~n", [try F() catch C:R -> {C, R} end])
     || F <- [fun() -> pid_to_list(foo) end,
              fun() -> list_to_pid("<0.1>") end,
              fun() -> list_to_pid("0.1.0") end,
              fun() -> list_to_pid(foo) end,
              fun() -> list_to_pid("<0.x.0>") end]],
    ok.
