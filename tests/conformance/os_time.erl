%% os: environment, os:cmd through /bin/sh, type, getpid; the clocks and
%% dates checked for shape and consistency, convert_time_unit exactly,
%% unique_integer's modifiers, and badarg cases.
-module(os_time).
-export([main/1]).

main(_) ->
    env(),
    cmd(),
    clocks(),
    convert(),
    unique(),
    ok.

env() ->
    io:format("~p~n", [os:getenv("GIRDER_TEST_UNSET_VAR")]),
    io:format("~p~n", [os:getenv("GIRDER_TEST_UNSET_VAR", "dflt")]),
    io:format("~p~n", [os:putenv("GIRDER_TEST_VAR", "some value")]),
    io:format("~p~n", [os:getenv("GIRDER_TEST_VAR")]),
    io:format("~p~n", [os:getenv("GIRDER_TEST_VAR", "dflt")]),
    io:format("~p~n", [lists:member("GIRDER_TEST_VAR=some value", os:getenv())]),
    io:format("~p~n", [os:cmd("echo $GIRDER_TEST_VAR")]),
    io:format("~p~n", [os:putenv("GIRDER_TEST_VAR", "")]),
    io:format("~p~n", [os:getenv("GIRDER_TEST_VAR")]),
    io:format("~p~n", [os:unsetenv("GIRDER_TEST_VAR")]),
    io:format("~p~n", [os:getenv("GIRDER_TEST_VAR")]),
    io:format("~p~n", [lists:all(fun(S) -> lists:member($=, S) end, os:getenv())]),
    [io:format("~p~n", [catch_reason(F)])
     || F <- [fun() -> os:getenv(foo) end,
              fun() -> os:getenv(42) end,
              fun() -> os:putenv("A=B", "x") end,
              fun() -> os:putenv("GIRDER_X", x) end,
              fun() -> os:unsetenv(7) end]].

cmd() ->
    io:format("~p~n", [os:cmd("echo hello; echo world")]),
    io:format("~p~n", [os:cmd("printf 'a\\tb'")]),
    io:format("~p~n", [os:cmd("true")]),
    io:format("~p~n", [os:cmd("exit 3")]),
    io:format("~p~n", [os:cmd("echo out; echo err 1>&2")]),
    io:format("~p~n", [os:cmd(["ec", "ho", " deep"])]),
    io:format("~p~n", [os:type()]),
    Pid = os:getpid(),
    io:format("~p~n", [is_list(Pid) andalso lists:all(fun(C) -> C >= $0 andalso C =< $9 end, Pid)]),
    io:format("~p~n", [catch_reason(fun() -> os:cmd(42) end)]).

clocks() ->
    {Mega, Sec, Micro} = os:timestamp(),
    T = (Mega * 1000000 + Sec) * 1000000 + Micro,
    S = os:system_time(microsecond),
    io:format("~p~n", [abs(S - T) < 5000000]),
    {M2, S2, U2} = erlang:timestamp(),
    io:format("~p~n", [is_integer(M2) andalso S2 < 1000000 andalso U2 < 1000000]),
    io:format("~p~n", [abs(os:system_time(second) - erlang:system_time(second)) =< 1]),
    io:format("~p~n", [abs(os:system_time() div 1000000000 - erlang:system_time(second)) =< 1]),
    Off = erlang:time_offset(),
    io:format("~p~n", [abs(erlang:monotonic_time() + Off - erlang:system_time()) < 1000000000]),
    io:format("~p~n", [abs(erlang:time_offset(second) - Off div 1000000000) =< 1]),
    {{Y, Mo, D}, {H, Mi, Se}} = erlang:universaltime(),
    io:format("~p~n", [Y >= 2022 andalso Mo >= 1 andalso Mo =< 12 andalso D >= 1 andalso D =< 31
                       andalso H < 24 andalso Mi < 60 andalso Se < 60]),
    {Date, Time} = erlang:localtime(),
    io:format("~p~n", [Date =:= erlang:date() orelse Time < {0, 0, 2}]),
    io:format("~p~n", [tuple_size(erlang:time())]),
    UT = {{2024, 2, 29}, {12, 30, 45}},
    Local = erlang:universaltime_to_localtime(UT),
    io:format("~p~n", [erlang:localtime_to_universaltime(Local) =:= UT]),
    [io:format("~p~n", [catch_reason(F)])
     || F <- [fun() -> erlang:universaltime_to_localtime({{2023, 2, 29}, {0, 0, 0}}) end,
              fun() -> erlang:universaltime_to_localtime({{2023, 1, 1}, {24, 0, 0}}) end,
              fun() -> erlang:universaltime_to_localtime(x) end,
              fun() -> os:system_time(lightyears) end,
              fun() -> erlang:time_offset(0) end]].

convert() ->
    Cases = [{1, second, millisecond}, {1500, millisecond, second}, {-1500, millisecond, second},
             {-1, nanosecond, second}, {1, second, native}, {123456789, native, microsecond},
             {7, 3, 10}, {10, 1000, 3}, {1 bsl 70, second, nanosecond},
             {5, seconds, milli_seconds}, {5, micro_seconds, nano_seconds}, {0, second, 7}],
    [io:format("~p~n", [erlang:convert_time_unit(T, F, U)]) || {T, F, U} <- Cases],
    [io:format("~p~n", [catch_reason(fun() -> erlang:convert_time_unit(T, F, U) end)])
     || {T, F, U} <- [{1.0, second, second}, {1, minute, second}, {1, second, 0}, {a, second, second}]].

unique() ->
    A = erlang:unique_integer(),
    B = erlang:unique_integer(),
    io:format("~p~n", [is_integer(A) andalso A =/= B]),
    P = [erlang:unique_integer([positive]) || _ <- lists:seq(1, 5)],
    io:format("~p~n", [lists:all(fun(X) -> X > 0 end, P) andalso length(lists:usort(P)) =:= 5]),
    Mo = [erlang:unique_integer([monotonic]) || _ <- lists:seq(1, 5)],
    io:format("~p~n", [Mo =:= lists:sort(Mo)]),
    PM = [erlang:unique_integer([positive, monotonic]) || _ <- lists:seq(1, 5)],
    io:format("~p~n", [PM =:= lists:usort(PM) andalso hd(PM) > 0]),
    io:format("~p~n", [catch_reason(fun() -> erlang:unique_integer([fast]) end)]),
    io:format("~p~n", [catch_reason(fun() -> erlang:unique_integer(positive) end)]).

catch_reason(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.
