%% logger: the default handler only, printing on standard error in OTP's
%% default format:
%%
%%   =ERROR REPORT==== 22-Nov-2026::23:59:16.123456 ===
%%   text
%%
%% The primary level is notice, as on OTP, so info and debug print
%% nothing. Handler and primary configuration calls are accepted and
%% ignored (girder keeps standard output for the program's own output).
-module(logger).
-compile({no_auto_import, [error/2]}).
-export([emergency/1, emergency/2, emergency/3, alert/1, alert/2, alert/3,
         critical/1, critical/2, critical/3, error/1, error/2, error/3,
         warning/1, warning/2, warning/3, notice/1, notice/2, notice/3,
         info/1, info/2, info/3, debug/1, debug/2, debug/3,
         log/2, log/3, log/4,
         set_handler_config/2, set_handler_config/3, set_primary_config/1,
         set_primary_config/2, update_handler_config/3, add_handler/3,
         remove_handler/1, set_module_level/2]).

emergency(A) -> log(emergency, A).
emergency(A, B) -> log(emergency, A, B).
emergency(A, B, C) -> log(emergency, A, B, C).
alert(A) -> log(alert, A).
alert(A, B) -> log(alert, A, B).
alert(A, B, C) -> log(alert, A, B, C).
critical(A) -> log(critical, A).
critical(A, B) -> log(critical, A, B).
critical(A, B, C) -> log(critical, A, B, C).
error(A) -> log(error, A).
error(A, B) -> log(error, A, B).
error(A, B, C) -> log(error, A, B, C).
warning(A) -> log(warning, A).
warning(A, B) -> log(warning, A, B).
warning(A, B, C) -> log(warning, A, B, C).
notice(A) -> log(notice, A).
notice(A, B) -> log(notice, A, B).
notice(A, B, C) -> log(notice, A, B, C).
info(A) -> log(info, A).
info(A, B) -> log(info, A, B).
info(A, B, C) -> log(info, A, B, C).
debug(A) -> log(debug, A).
debug(A, B) -> log(debug, A, B).
debug(A, B, C) -> log(debug, A, B, C).

%% log(Level, Report | String), log(Level, Format, Args | Metadata),
%% log(Level, Format, Args, Metadata).
log(Level, Msg) -> emit(Level, message(Msg)).
log(Level, Format, Args) when is_list(Args) -> emit(Level, {Format, Args});
log(Level, Msg, _Meta) -> emit(Level, message(Msg)).
log(Level, Format, Args, _Meta) -> emit(Level, {Format, Args}).

%% A map or a key-value list is a report; anything else is a format string.
message(Report) when is_map(Report) -> {report, Report};
message([{_, _} | _] = Report) -> {report, Report};
message(Format) -> {Format, []}.

emit(Level, What) ->
    case rank(Level) =< rank(notice) of
        true ->
            Text = case What of
                       {report, R} when is_map(R) -> format_report(maps:to_list(R));
                       {report, R} -> format_report(R);
                       {Format, Args} -> try io_lib:format(Format, Args)
                                         catch _:_ -> io_lib:format("FORMAT ERROR: ~tp - ~tp", [Format, Args])
                                         end
                   end,
            io:format(standard_error, "=~s REPORT==== ~s ===~n~ts~n",
                      [header(Level), timestamp(), Text]);
        false -> ok
    end,
    ok.

%% One "    Key: Value" line per pair; a string value prints as text.
format_report(Pairs) ->
    Lines = [case printable(V) of
                 true -> io_lib:format("    ~tp: ~ts", [K, V]);
                 false -> io_lib:format("    ~tp: ~tp", [K, V])
             end || {K, V} <- Pairs],
    lists:join("\n", Lines).

printable(L) when is_list(L) ->
    lists:all(fun(C) -> is_integer(C) andalso (C >= 32 orelse C =:= $\n orelse C =:= $\t) end, L);
printable(_) -> false.

header(emergency) -> "EMERGENCY";
header(alert) -> "ALERT";
header(critical) -> "CRITICAL";
header(error) -> "ERROR";
header(warning) -> "WARNING";
header(notice) -> "NOTICE";
header(info) -> "INFO";
header(debug) -> "DEBUG".

rank(emergency) -> 0;
rank(alert) -> 1;
rank(critical) -> 2;
rank(error) -> 3;
rank(warning) -> 4;
rank(notice) -> 5;
rank(info) -> 6;
rank(debug) -> 7.

%% Universal time as day-month-year::h:m:s.micro (OTP prints local time).
timestamp() ->
    Us = erlang:system_time(microsecond),
    Secs = Us div 1000000,
    {Y, Mo, D} = civil(Secs div 86400),
    S = Secs rem 86400,
    io_lib:format("~w-~s-~w::~2..0w:~2..0w:~2..0w.~6..0w",
                  [D, month(Mo), Y, S div 3600, (S rem 3600) div 60, S rem 60, Us rem 1000000]).

%% Days since 1970-01-01 to a civil date (proleptic Gregorian).
civil(Days) ->
    Z = Days + 719468,
    Era = Z div 146097,
    Doe = Z - Era * 146097,
    Yoe = (Doe - Doe div 1460 + Doe div 36524 - Doe div 146096) div 365,
    Doy = Doe - (365 * Yoe + Yoe div 4 - Yoe div 100),
    Mp = (5 * Doy + 2) div 153,
    D = Doy - (153 * Mp + 2) div 5 + 1,
    M = case Mp < 10 of true -> Mp + 3; false -> Mp - 9 end,
    Y = Yoe + Era * 400 + (case M =< 2 of true -> 1; false -> 0 end),
    {Y, M, D}.

month(M) ->
    element(M, {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}).

set_handler_config(_Id, _Config) -> ok.
set_handler_config(_Id, _Key, _Value) -> ok.
set_primary_config(_Config) -> ok.
set_primary_config(_Key, _Value) -> ok.
update_handler_config(_Id, _Key, _Value) -> ok.
add_handler(_Id, _Module, _Config) -> ok.
remove_handler(_Id) -> ok.
set_module_level(_Modules, _Level) -> ok.
