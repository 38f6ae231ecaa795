%% Generates tests/data/format_oracle.txt: random calls and OTP 25's answers.
%% Run from the repository root (SEED and OUT override the seed and file):
%%   erlc -o /tmp tests/oracle/format_oracle_gen.erl && erl -noshell -pa /tmp -s format_oracle_gen main
%% Each line is one Erlang term written with ~w:
%%   {fmt, Format, Args, Result}     io_lib:format/2 (Result: string or badarg)
%% where Format and Result are written as string literals
%%   {ftl, Float, Options, Result}   float_to_list/2
%%   {ltf, String, Result}           list_to_float/1
%%   {itl, Integer, Base, Result}    integer_to_list/2
-module(format_oracle_gen).
-export([main/0]).

main() ->
    Seed = list_to_integer(os:getenv("SEED", "7")),
    Path = os:getenv("OUT", "tests/data/format_oracle.txt"),
    rand:seed(exsss, {Seed, 11, 13}),
    {ok, F} = file:open(Path, [write, {encoding, latin1}]),
    Out = fun(T) -> io:put_chars(F, [w(T), $\n]) end,
    [fmt_case(Out, term_fmt(), [term(rand:uniform(4))]) || _ <- lists:seq(1, 1500)],
    [fmt_case(Out, depth_fmt(), [term(3), rand:uniform(8) - 2]) || _ <- lists:seq(1, 400)],
    [fmt_case(Out, float_fmt(), [float()]) || _ <- lists:seq(1, 800)],
    [fmt_case(Out, int_fmt(), int_args()) || _ <- lists:seq(1, 400)],
    [fmt_case(Out, str_fmt(), [string_arg()]) || _ <- lists:seq(1, 300)],
    [fmt_case(Out, "~w ~p", [X, X]) || X <- [float() || _ <- lists:seq(1, 500)]],
    [fmt_case(Out, pick(["~p", "~30p", "~20p", "~.50p", "~60.30p", "~40p"]), [nested(6)]) || _ <- lists:seq(1, 300)],
    [ftl_case(Out, float(), float_opts()) || _ <- lists:seq(1, 1500)],
    [ltf_case(Out, S) || S <- float_strings()],
    [itl_case(Out, int(), rand:uniform(35) + 1) || _ <- lists:seq(1, 200)],
    file:close(F),
    halt().

fmt_case(Out, Fmt, Args) ->
    R = try lists:flatten(io_lib:format(Fmt, Args)) catch _:_ -> badarg end,
    Out({fmt, {str, Fmt}, Args, {str, R}}).
ftl_case(Out, X, Opts) ->
    R = try float_to_list(X, Opts) catch _:_ -> badarg end,
    Out({ftl, X, Opts, R}).
ltf_case(Out, S) ->
    R = try list_to_float(S) catch _:_ -> badarg end,
    Out({ltf, S, R}).
itl_case(Out, I, B) ->
    Out({itl, I, B, integer_to_list(I, B)}).

%% ~w, except that {str, S} is written as a string literal (escaped as
%% io_lib:write_string does), much shorter than a list of codes.
w({str, badarg}) -> "badarg";
w({str, S}) -> io_lib:write_string_as_latin1(S);
w(T) when is_tuple(T) -> [${, lists:join($,, [w(E) || E <- tuple_to_list(T)]), $}];
w(T) -> io_lib:format("~w", [T]).

pick(L) -> lists:nth(rand:uniform(length(L)), L).

prefix() -> pick(["", "", "", "x: ", "abcdefghij ", "0123456789012345678901234567890123456789 ",
                  "line\nnext ", "\t", lists:duplicate(60, $-)]).
term_fmt() ->
    C = pick(["~p", "~p", "~p", "~w", "~lp", "~tp", "~tw", "~30p", "~50p", "~.10p", "~40.5p", "~100p", "~20w", "~5.3w"]),
    prefix() ++ C ++ pick(["", "~n", " end"]).
depth_fmt() -> prefix() ++ pick(["~P", "~W", "~40P", "~tP", "~lP"]).

float_fmt() ->
    C = pick("efg"),
    W = pick(["", "", "10", "15", "3", "-12", "20"]),
    P = pick(["", "", ".0", ".1", ".2", ".3", ".5", ".10", ".17", ".25"]),
    Pad = case P of "" -> ""; _ -> pick(["", "", ".0", ".x"]) end,
    "~" ++ W ++ P ++ Pad ++ [C] ++ "|".

int_fmt() ->
    C = pick("bB#+xX"),
    W = pick(["", "", "8", "-8", "2"]),
    P = pick(["", ".2", ".16", ".36", ".8", ".1"]),
    Pad = pick(["", "", ".0", ".*"]),
    "~" ++ W ++ P ++ Pad ++ [C] ++ "|" ++ case Pad of ".*" -> ""; _ -> "" end.
int_args() ->
    I = int(),
    [I].

str_fmt() ->
    W = pick(["", "", "8", "-8", "2", "*"]),
    P = pick(["", "", ".3", ".12"]),
    Pad = case P of "" -> ""; _ -> pick(["", ".z"]) end,
    "~" ++ W ++ P ++ Pad ++ pick(["s", "ts", "ls"]) ++ "|".
string_arg() ->
    pick([string(), [string(), [string()]], atom(), [$a, 300], "", [[]], [$x | 1]]).

int() ->
    case rand:uniform(5) of
        1 -> rand:uniform(20) - 10;
        2 -> rand:uniform(100000) - 50000;
        3 -> (rand:uniform(1 bsl 62) - (1 bsl 61));
        4 -> (rand:uniform(1 bsl 100) - (1 bsl 99)) * pick([1, 1000000007]);
        5 -> pick([0, 1, -1, 576460752303423487, 576460752303423488, -576460752303423488, -576460752303423489])
    end.

float() ->
    case rand:uniform(8) of
        1 -> rand:uniform() * 10;
        2 -> (rand:uniform(2000000) - 1000000) / 1000;
        3 -> rand:uniform() * math:pow(10, rand:uniform(40) - 20);
        4 -> (rand:uniform() - 0.5) * math:pow(10, rand:uniform(600) - 300);
        5 -> float(rand:uniform(100000)) * math:pow(10, rand:uniform(24) - 4);
        6 -> pick([0.0, -0.0, 0.1, 0.5, 1.5, 2.5, 0.125, 0.045, 1.005, 2.675, 1/3, 1.0e100, 5.0e-324,
                   1.7976931348623157e308, 100.0, 1.0e15, 1.0e16, 123456.789, 9007199254740992.0,
                   9007199254740990.0, 4503599627370497.5, 999999.5, 99999.95, 9.9999999, 0.099999999]);
        7 -> float(rand:uniform(1 bsl 53)) * pick([1.0, 0.5, 0.25, 2.0, 1024.0]);
        8 -> rand:uniform(1000) / pick([8, 16, 1000, 3, 7])
    end.

float_opts() ->
    Base = pick([[], [short], [{decimals, rand:uniform(20) - 1}], [{decimals, rand:uniform(30) - 1}, compact],
                 [{scientific, rand:uniform(25) - 1}], [compact], [{decimals, 253}], [{scientific, 249}],
                 [{decimals, 254}], [{scientific, 250}], [{decimals, 3}, short], [short, {scientific, 3}],
                 [foo], [{decimals, -1}], [{decimals, 200}], [{scientific, 0}], [{decimals, 0}, compact]]),
    Base.

float_strings() ->
    ["1.5", "+1.5", "-2.5E-3", "1", "1.", "1.0e10", "1e10", ".5", "1.5e", "1.0E+3", "1.0e400",
     "1.0e-400", "01.50", "1.0e0010", " 1.0", "1.0 ", "1_000.0", "1.0e-320", "-0.0", "0.1e+1",
     "", "-", "-.5", "1.0e+", "1.0e-5", "3.14159265358979323846", "1.7976931348623157e308",
     "1.7976931348623159e308", "2.2250738585072014e-308", "4.9e-324", "2.4e-324", "1.0ee1",
     "1.0e1.0", "0.0", "00.00", "1,0"].

%% ---- random terms ----------------------------------------------------------

term(0) -> leaf();
term(D) ->
    case rand:uniform(10) of
        1 -> list(D);
        2 -> list(D);
        3 -> tuple(D);
        4 -> tagged(D);
        5 -> map(D);
        6 -> string();
        7 -> improper(D);
        _ -> leaf()
    end.

leaf() ->
    case rand:uniform(7) of
        1 -> int();
        2 -> float();
        3 -> atom();
        4 -> atom();
        5 -> [];
        6 -> {};
        7 -> pick([#{}, "", "a", [256], [1,2,3]])
    end.

atom() ->
    pick([a, ok, error, foo_bar, 'Hello', 'hello world', '', 'a@b', 'é', 'Été', 'and', 'end', 'x.y',
          'it\'s', 'back\\slash', 'new\nline', very_long_atom_name_for_testing_purposes,
          another_rather_long_atom_name, true, false, undefined, list_to_atom([1078]), list_to_atom([$a, 1078]),
          '_', 'A_b', z9, list_to_atom(lists:duplicate(40, $k))]).

string() ->
    N = rand:uniform(30),
    case rand:uniform(5) of
        1 -> [rand:uniform(95) + 31 || _ <- lists:seq(1, N)];
        2 -> [pick([$a, $b, $\n, $\t, $", $\\, $\e, $é, 255, 160, $\s, $', $\v, $\f, $\b, $\r]) || _ <- lists:seq(1, N)];
        3 -> lists:duplicate(rand:uniform(90), $x);
        4 -> [rand:uniform(300) || _ <- lists:seq(1, N)];
        5 -> "hello world"
    end.

len() -> case rand:uniform(5) of 1 -> rand:uniform(30); _ -> rand:uniform(6) end.
list(D) -> [term(D - 1) || _ <- lists:seq(1, len())].
tuple(D) -> list_to_tuple([term(D - 1) || _ <- lists:seq(1, rand:uniform(6))]).
tagged(D) -> list_to_tuple([atom() | [term(D - 1) || _ <- lists:seq(1, rand:uniform(5))]]).
map(D) -> maps:from_list([{pick([term(0), atom(), int()]), term(D - 1)} || _ <- lists:seq(1, rand:uniform(6))]).
%% Deep tagged tuples with tags of every length: exercises the choice of
%% tag indentation.
nested(0) -> leaf();
nested(D) ->
    Tag = pick([a, ok, abc, error, foo_bar, 'Hello', another_rather_long_atom_name, very_long_atom_name_for_testing_purposes]),
    case rand:uniform(4) of
        1 -> list_to_tuple([Tag | [nested(D - 1) || _ <- lists:seq(1, rand:uniform(3))]]);
        2 -> [nested(D - 1) || _ <- lists:seq(1, rand:uniform(3))];
        3 -> #{Tag => nested(D - 1), z => leaf()};
        4 -> {Tag, nested(D - 1)}
    end.

improper(D) -> lists:foldr(fun(X, Acc) -> [X | Acc] end, term(0), [term(D - 1) || _ <- lists:seq(1, rand:uniform(4))]).
