%% calendar: day and second counts from year 0, weekdays, leap years,
%% validity, ISO weeks, time differences, RFC 3339 strings, and the
%% errors for bad dates. Clock readings are checked for shape only.
-module(calendar_basics).
-export([main/1]).

main(_) ->
    io:format("~p ~p~n", [calendar:date_to_gregorian_days({0, 1, 1}), calendar:day_of_the_week(0, 1, 1)]),
    Dates = [{0, 12, 31}, {1, 1, 1}, {4, 2, 29}, {100, 3, 1}, {400, 2, 29},
             {1582, 10, 15}, {1900, 2, 28}, {1900, 3, 1}, {1970, 1, 1}, {1999, 12, 31},
             {2000, 1, 1}, {2000, 2, 29}, {2000, 12, 31}, {2024, 7, 14}, {2038, 1, 19},
             {9999, 12, 31}, {12345, 6, 7}],
    lists:foreach(
      fun(D) ->
              Days = calendar:date_to_gregorian_days(D),
              io:format("~p ~p ~p ~p ~p~n",
                        [D, Days, calendar:gregorian_days_to_date(Days),
                         calendar:day_of_the_week(D), calendar:iso_week_number(D)])
      end, Dates),
    io:format("~p~n", [[calendar:gregorian_days_to_date(N) || N <- [0, 1, 59, 60, 365, 366, 730485, 738000]]]),
    io:format("~p~n", [calendar:date_to_gregorian_days(2024, 3, 1) - calendar:date_to_gregorian_days(2024, 2, 28)]),
    io:format("~p~n", [calendar:day_of_the_week(2024, 7, 14)]),
    DTs = [{{1970, 1, 1}, {0, 0, 0}}, {{2000, 2, 29}, {23, 59, 59}}, {{0, 1, 1}, {0, 0, 0}},
           {{2024, 12, 31}, {12, 0, 1}}],
    [begin
         S = calendar:datetime_to_gregorian_seconds(DT),
         io:format("~p ~p ~p~n", [DT, S, calendar:gregorian_seconds_to_datetime(S) =:= DT])
     end || DT <- DTs],
    io:format("~p~n", [calendar:gregorian_seconds_to_datetime(63900000000)]),
    io:format("~p~n", [[calendar:is_leap_year(Y) || Y <- [0, 1, 4, 100, 200, 400, 1900, 2000, 2023, 2024]]]),
    io:format("~p~n", [[calendar:last_day_of_the_month(Y, M) || {Y, M} <- [{2023, 2}, {2024, 2}, {1900, 2},
                                                                         {2000, 2}, {2024, 4}, {2024, 12}]]]),
    io:format("~p~n", [[calendar:valid_date(D) || D <- [{2024, 2, 29}, {2023, 2, 29}, {2024, 13, 1},
                                                       {2024, 0, 1}, {2024, 4, 31}, {-1, 1, 1}, {2024, 1, 0}]]]),
    io:format("~p~n", [calendar:valid_date(2024, 6, 30)]),
    io:format("~p~n", [[calendar:iso_week_number(D) || D <- [{2004, 12, 31}, {2005, 1, 1}, {2005, 1, 2},
                                                           {2008, 12, 29}, {2009, 12, 31}, {2010, 1, 3},
                                                           {2021, 1, 3}, {2021, 1, 4}, {2026, 12, 31}]]]),
    io:format("~p~n", [calendar:time_difference({{2024, 1, 1}, {10, 0, 0}}, {{2024, 1, 3}, {9, 30, 15}})]),
    io:format("~p~n", [calendar:time_difference({{2024, 1, 3}, {9, 30, 15}}, {{2024, 1, 1}, {10, 0, 0}})]),
    io:format("~p~n", [[calendar:seconds_to_daystime(S) || S <- [0, 59, 86399, 86400, 200000, -1, -86400, -90000]]]),
    io:format("~p~n", [[calendar:seconds_to_time(S) || S <- [0, 3661, 86399]]]),
    io:format("~p~n", [[calendar:time_to_seconds(T) || T <- [{0, 0, 0}, {1, 1, 1}, {23, 59, 59}, {25, 0, 0}]]]),
    io:format("~p~n", [calendar:now_to_datetime({1700, 123456, 999})]),
    io:format("~p~n", [calendar:now_to_universal_time({0, 0, 0})]),
    io:format("~p~n", [calendar:system_time_to_universal_time(1700000000123, millisecond)]),
    rfc3339(),
    clocks(),
    errors().

rfc3339() ->
    Cases = [{1700000000, [{offset, "Z"}]},
             {1700000000, [{offset, "+02:00"}]},
             {1700000000, [{offset, "-05:30"}]},
             {1700000000123, [{unit, millisecond}, {offset, "Z"}]},
             {1700000000000123, [{unit, microsecond}, {offset, "Z"}]},
             {1700000000000000123, [{unit, nanosecond}, {offset, "Z"}]},
             {1700000000, [{offset, 3600}]},
             {1700000000, [{offset, -7200}]},
             {1700000000500, [{unit, millisecond}, {offset, 1800000}]},
             {0, [{offset, "Z"}, {time_designator, $\s}]},
             {-1, [{offset, "Z"}]},
             {-1500, [{unit, millisecond}, {offset, "Z"}]},
             {253402300799, [{offset, "Z"}]}],
    [io:format("~s~n", [calendar:system_time_to_rfc3339(T, O)]) || {T, O} <- Cases],
    Local = calendar:system_time_to_rfc3339(1700000000),
    io:format("~p~n", [length(Local) =:= 25]).

clocks() ->
    {{Y, _, _}, {_, _, _}} = calendar:local_time(),
    {{Y2, _, _}, {_, _, _}} = calendar:universal_time(),
    io:format("~p~n", [Y >= 2022 andalso abs(Y - Y2) =< 1]),
    U = {{2024, 6, 1}, {12, 0, 0}},
    io:format("~p~n", [calendar:local_time_to_universal_time(calendar:universal_time_to_local_time(U)) =:= U]),
    {Wy, Wn} = calendar:iso_week_number(),
    io:format("~p~n", [Wy >= 2022 andalso Wn >= 1 andalso Wn =< 53]),
    io:format("~p~n", [tuple_size(calendar:now_to_local_time(erlang:timestamp()))]).

errors() ->
    Calls = [fun() -> calendar:date_to_gregorian_days(2023, 2, 29) end,
             fun() -> calendar:date_to_gregorian_days(2023, 13, 1) end,
             fun() -> calendar:date_to_gregorian_days(2023, 1, 0) end,
             fun() -> calendar:date_to_gregorian_days(-1, 1, 1) end,
             fun() -> calendar:gregorian_days_to_date(-1) end,
             fun() -> calendar:gregorian_seconds_to_datetime(-1) end,
             fun() -> calendar:day_of_the_week(2023, 2, 30) end,
             fun() -> calendar:is_leap_year(-4) end,
             fun() -> calendar:is_leap_year(a) end,
             fun() -> calendar:last_day_of_the_month(2024, 13) end,
             fun() -> calendar:valid_date(a, 1, 1) end,
             fun() -> calendar:seconds_to_time(86400) end,
             fun() -> calendar:seconds_to_time(-1) end],
    [io:format("~p~n", [catch_reason(F)]) || F <- Calls],
    ok.

catch_reason(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.
