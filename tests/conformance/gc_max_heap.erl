%% max_heap_size: a process whose heap grows past its limit is killed
%% (reason killed) at a collection; its monitor and link see killed, and
%% other processes keep running. With kill => false it is only reported.
%% (The reports go to standard error; only standard output is compared.)
-module(gc_max_heap).
-export([main/1]).

%% Keeps everything it builds: the heap grows without bound.
grow(Acc) -> grow([lists:seq(1, 20) | Acc]).

%% Builds a list of N lists and returns its length.
grow_to(0, Acc) -> length(Acc);
grow_to(N, Acc) -> grow_to(N - 1, [lists:seq(1, 20) | Acc]).

%% A sibling that counts to N in steps that each allocate a little.
sibling(Parent, N) -> sibling(Parent, N, 0).
sibling(Parent, N, N) -> Parent ! {sibling_done, self(), N};
sibling(Parent, N, K) ->
    _ = lists:reverse(lists:seq(1, 10)),
    sibling(Parent, N, K + 1).

main(_) ->
    %% OTP prints the max_heap_size report through the logger's default
    %% handler, on standard output: send it to standard error as girder does.
    logger:remove_handler(default),
    logger:add_handler(default, logger_std_h, #{config => #{type => standard_error}}),
    Self = self(),
    S1 = spawn(fun() -> sibling(Self, 20000) end),
    {P, R} = spawn_opt(fun() -> grow([]) end, [monitor, {max_heap_size, 10000}]),
    S2 = spawn(fun() -> sibling(Self, 30000) end),
    receive {'DOWN', R, process, P, Why} -> io:format("runaway: ~p~n", [Why]) end,
    io:format("alive after: ~p~n", [is_process_alive(P)]),
    %% The limit as a map; no report.
    {P2, R2} = spawn_opt(fun() -> grow([]) end,
                         [monitor, {max_heap_size, #{size => 5000, error_logger => false}}]),
    receive {'DOWN', R2, process, P2, Why2} -> io:format("quiet runaway: ~p~n", [Why2]) end,
    %% A linked process killed this way sends killed to a trapping parent.
    process_flag(trap_exit, true),
    P3 = spawn_opt(fun() -> grow([]) end, [link, {max_heap_size, #{size => 3000, error_logger => false}}]),
    receive {'EXIT', P3, Why3} -> io:format("linked runaway: ~p~n", [Why3]) end,
    %% The limit set by the process itself.
    {P4, R4} = spawn_monitor(fun() ->
                                 process_flag(max_heap_size, #{size => 4000, error_logger => false}),
                                 grow([])
                             end),
    receive {'DOWN', R4, process, P4, Why4} -> io:format("self-limited: ~p~n", [Why4]) end,
    %% kill => false: reported, not killed; the process finishes.
    {P5, R5} = spawn_opt(fun() -> exit({built, grow_to(2000, [])}) end,
                         [monitor, {max_heap_size, #{size => 3000, kill => false, error_logger => false}}]),
    receive {'DOWN', R5, process, P5, Why5} -> io:format("not killed: ~p~n", [Why5]) end,
    %% A process under its limit is not disturbed.
    {P6, R6} = spawn_opt(fun() -> exit({built, grow_to(100, [])}) end,
                         [monitor, {max_heap_size, 1000000}]),
    receive {'DOWN', R6, process, P6, Why6} -> io:format("under limit: ~p~n", [Why6]) end,
    receive {sibling_done, S1, N1} -> io:format("sibling 1 done: ~p~n", [N1]) end,
    receive {sibling_done, S2, N2} -> io:format("sibling 2 done: ~p~n", [N2]) end,
    ok.
