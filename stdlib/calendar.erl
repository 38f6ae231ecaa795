%% calendar: dates in the proleptic Gregorian calendar, counted (as OTP
%% counts them) in days and seconds from year 0, January 1st, 00:00:00.
%% The clocks come from the erlang BIFs (localtime, universaltime and the
%% conversions between them).
-module(calendar).
-export([date_to_gregorian_days/1, date_to_gregorian_days/3,
         gregorian_days_to_date/1,
         datetime_to_gregorian_seconds/1, gregorian_seconds_to_datetime/1,
         day_of_the_week/1, day_of_the_week/3,
         is_leap_year/1, last_day_of_the_month/2,
         valid_date/1, valid_date/3,
         local_time/0, universal_time/0,
         local_time_to_universal_time/1, local_time_to_universal_time/2,
         universal_time_to_local_time/1,
         now_to_datetime/1, now_to_universal_time/1, now_to_local_time/1,
         iso_week_number/0, iso_week_number/1,
         time_difference/2, seconds_to_daystime/1, seconds_to_time/1,
         time_to_seconds/1,
         system_time_to_universal_time/2, system_time_to_local_time/2,
         system_time_to_rfc3339/1, system_time_to_rfc3339/2]).

-define(SECONDS_PER_DAY, 86400).
%% Days from year 0 to 1970-01-01, and the same in seconds.
-define(DAYS_TO_EPOCH, 719528).
-define(SECONDS_TO_EPOCH, 62167219200).

%% ---- Days -------------------------------------------------------------------

date_to_gregorian_days({Year, Month, Day}) ->
    date_to_gregorian_days(Year, Month, Day).

date_to_gregorian_days(Year, Month, Day) when is_integer(Day), Day > 0 ->
    Last = last_day_of_the_month(Year, Month),
    if
        Day =< Last -> days_before_year(Year) + days_before_month(Year, Month) + Day - 1
    end.

%% Days in the years 0 .. Year - 1.
days_before_year(0) -> 0;
days_before_year(Y) ->
    P = Y - 1,
    Y * 365 + P div 4 - P div 100 + P div 400 + 1.

days_before_month(Y, M) ->
    element(M, {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334})
        + case M > 2 andalso is_leap_year(Y) of
              true -> 1;
              false -> 0
          end.

gregorian_days_to_date(Days) when is_integer(Days), Days >= 0 ->
    Year = year_of_day(Days),
    DayOfYear = Days - days_before_year(Year),
    month_of_day(Year, DayOfYear, 1).

%% The year holding day Days: an estimate, then corrected by one.
year_of_day(Days) ->
    Y0 = Days * 400 div 146097,
    if
        Y0 > 0 -> correct_year(Y0 - 1, Days);
        true -> correct_year(0, Days)
    end.

correct_year(Y, Days) ->
    case days_before_year(Y + 1) =< Days of
        true -> correct_year(Y + 1, Days);
        false -> Y
    end.

month_of_day(Y, DayOfYear, 12) -> {Y, 12, DayOfYear - days_before_month(Y, 12) + 1};
month_of_day(Y, DayOfYear, M) ->
    case days_before_month(Y, M + 1) > DayOfYear of
        true -> {Y, M, DayOfYear - days_before_month(Y, M) + 1};
        false -> month_of_day(Y, DayOfYear, M + 1)
    end.

%% ---- Seconds ----------------------------------------------------------------

datetime_to_gregorian_seconds({Date, Time}) ->
    ?SECONDS_PER_DAY * date_to_gregorian_days(Date) + time_to_seconds(Time).

gregorian_seconds_to_datetime(Secs) when is_integer(Secs), Secs >= 0 ->
    Days = Secs div ?SECONDS_PER_DAY,
    Rest = Secs rem ?SECONDS_PER_DAY,
    {gregorian_days_to_date(Days), seconds_to_time(Rest)}.

time_to_seconds({H, M, S}) when is_integer(H), is_integer(M), is_integer(S) ->
    H * 3600 + M * 60 + S.

seconds_to_time(Secs) when is_integer(Secs), Secs >= 0, Secs < ?SECONDS_PER_DAY ->
    {Secs div 3600, Secs rem 3600 div 60, Secs rem 60}.

seconds_to_daystime(Secs) ->
    Days = Secs div ?SECONDS_PER_DAY,
    Rest = Secs rem ?SECONDS_PER_DAY,
    if
        Rest < 0 -> {Days - 1, seconds_to_time(Rest + ?SECONDS_PER_DAY)};
        true -> {Days, seconds_to_time(Rest)}
    end.

time_difference({{_, _, _}, {_, _, _}} = T1, {{_, _, _}, {_, _, _}} = T2) ->
    seconds_to_daystime(datetime_to_gregorian_seconds(T2) - datetime_to_gregorian_seconds(T1)).

%% ---- Weeks and months -------------------------------------------------------

%% 1 is Monday, 7 Sunday (year 0, January 1st, was a Saturday).
day_of_the_week({Year, Month, Day}) -> day_of_the_week(Year, Month, Day).
day_of_the_week(Year, Month, Day) ->
    (date_to_gregorian_days(Year, Month, Day) + 5) rem 7 + 1.

is_leap_year(Y) when is_integer(Y), Y >= 0 ->
    (Y rem 4 =:= 0 andalso Y rem 100 =/= 0) orelse Y rem 400 =:= 0.

last_day_of_the_month(Y, M) when is_integer(Y), Y >= 0 ->
    last_day(Y, M).

last_day(Y, 2) ->
    case is_leap_year(Y) of
        true -> 29;
        false -> 28
    end;
last_day(_, M) when M =:= 4; M =:= 6; M =:= 9; M =:= 11 -> 30;
last_day(_, M) when is_integer(M), M > 0, M < 13 -> 31.

valid_date({Y, M, D}) -> valid_date(Y, M, D).
valid_date(Y, M, D) when is_integer(Y), is_integer(M), is_integer(D) ->
    Y >= 0 andalso M >= 1 andalso M =< 12 andalso D >= 1 andalso D =< last_day(Y, M).

%% The ISO 8601 week: weeks start on Monday, and week 1 is the one holding
%% the year's first Thursday; the year is that of the week's Thursday.
iso_week_number() ->
    {Date, _} = local_time(),
    iso_week_number(Date).

iso_week_number({_, _, _} = Date) ->
    Days = date_to_gregorian_days(Date),
    Thursday = Days + 4 - day_of_the_week(Date),
    {Y, _, _} = gregorian_days_to_date(Thursday),
    {Y, (Thursday - date_to_gregorian_days(Y, 1, 1)) div 7 + 1}.

%% ---- Clocks -----------------------------------------------------------------

local_time() -> erlang:localtime().
universal_time() -> erlang:universaltime().

local_time_to_universal_time(DateTime) ->
    erlang:localtime_to_universaltime(DateTime).
local_time_to_universal_time(DateTime, IsDst) ->
    erlang:localtime_to_universaltime(DateTime, IsDst).
universal_time_to_local_time(DateTime) ->
    erlang:universaltime_to_localtime(DateTime).

now_to_datetime(Now) -> now_to_universal_time(Now).
now_to_universal_time({MegaSecs, Secs, _MicroSecs}) ->
    gregorian_seconds_to_datetime(MegaSecs * 1000000 + Secs + ?SECONDS_TO_EPOCH).
now_to_local_time(Now) ->
    erlang:universaltime_to_localtime(now_to_universal_time(Now)).

system_time_to_universal_time(Time, Unit) ->
    Secs = erlang:convert_time_unit(Time, Unit, second),
    gregorian_seconds_to_datetime(Secs + ?SECONDS_TO_EPOCH).

system_time_to_local_time(Time, Unit) ->
    erlang:universaltime_to_localtime(system_time_to_universal_time(Time, Unit)).

%% ---- RFC 3339 ---------------------------------------------------------------

system_time_to_rfc3339(Time) -> system_time_to_rfc3339(Time, []).

%% Options: {unit, second | millisecond | microsecond | nanosecond | native},
%% {offset, "" (local time) | "Z" | "+HH:MM" | "-HH:MM" | an integer in the
%% unit}, {time_designator, Char}. Fractions print with 3, 6 or 9 digits.
system_time_to_rfc3339(Time, Options) when is_integer(Time) ->
    Unit = proplists:get_value(unit, Options, second),
    OffsetOpt = proplists:get_value(offset, Options, ""),
    T = proplists:get_value(time_designator, Options, $T),
    PerSec = erlang:convert_time_unit(1, second, Unit),
    %% Truncated, not floored, as OTP does: -1500 ms prints as
    %% 23:59:59.500 of the day before the epoch.
    Secs = Time div PerSec,
    Frac = abs(Time rem PerSec),
    {OffsetSecs, OffsetStr} = rfc3339_offset(OffsetOpt, Secs, PerSec),
    {{Y, Mo, D}, {H, Mi, S}} = gregorian_seconds_to_datetime(Secs + OffsetSecs + ?SECONDS_TO_EPOCH),
    FracStr = case fraction_digits(Unit) of
                  0 -> "";
                  N -> [$. | pad(Frac, N)]
              end,
    lists:append([pad(Y, 4), "-", pad(Mo, 2), "-", pad(D, 2), [T],
                  pad(H, 2), ":", pad(Mi, 2), ":", pad(S, 2), FracStr, OffsetStr]).

rfc3339_offset("", Secs, _) ->
    Utc = gregorian_seconds_to_datetime(Secs + ?SECONDS_TO_EPOCH),
    Local = erlang:universaltime_to_localtime(Utc),
    Diff = datetime_to_gregorian_seconds(Local) - datetime_to_gregorian_seconds(Utc),
    {Diff, offset_string(Diff)};
rfc3339_offset("Z", _, _) -> {0, "Z"};
rfc3339_offset("z", _, _) -> {0, "Z"};
rfc3339_offset([Sign, H1, H2, $:, M1, M2] = Str, _, _) when Sign =:= $+; Sign =:= $- ->
    Mag = list_to_integer([H1, H2]) * 3600 + list_to_integer([M1, M2]) * 60,
    {case Sign of $+ -> Mag; $- -> -Mag end, Str};
rfc3339_offset(N, _, PerSec) when is_integer(N) ->
    Secs = N div PerSec,
    {Secs, offset_string(Secs)}.

offset_string(Secs) ->
    Sign = if Secs < 0 -> "-"; true -> "+" end,
    A = abs(Secs),
    Sign ++ pad(A div 3600, 2) ++ ":" ++ pad(A rem 3600 div 60, 2).

fraction_digits(second) -> 0;
fraction_digits(millisecond) -> 3;
fraction_digits(microsecond) -> 6;
fraction_digits(nanosecond) -> 9;
fraction_digits(native) -> fraction_digits(nanosecond).

pad(N, Width) ->
    S = integer_to_list(N),
    lists:duplicate(max(0, Width - length(S)), $0) ++ S.
