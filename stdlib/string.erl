%% girder stdlib: string
%%
%% Written for girder from the documented behaviour of OTP 25's `string`
%% module (results checked against OTP for ASCII and Latin-1 input).
%%
%% girder has no binaries yet, so every function works on (possibly deep)
%% lists of characters.  All input goes through chars/1, the one place
%% where binary support will have to be added.
%%
%% Grapheme clusters: every code point is one grapheme, except "\r\n",
%% which is one grapheme (as in OTP).  Where a function takes a list of
%% separator graphemes, OTP only treats "\r\n" in the subject as one unit
%% when the separators mention $\r (either alone or as [$\r, $\n]);
%% otherwise the subject is looked at code point by code point.  Pattern
%% searches (split, find, replace, prefix) match at any code point but
%% never end a match between "\r" and "\n".
%%
%% Case mapping covers ASCII and Latin-1 (and the two Latin-1 letters
%% whose upper case is outside Latin-1: 'y diaeresis' and 'micro sign');
%% other code points are left unchanged.
-module(string).

-compile({no_auto_import, [length/1]}).

%% OTP 20+ API
-export([casefold/1, chomp/1, equal/2, equal/3, equal/4, find/2, find/3,
         is_empty/1, length/1, lexemes/2, lowercase/1, next_codepoint/1,
         next_grapheme/1, nth_lexeme/3, pad/2, pad/3, pad/4, prefix/2,
         replace/3, replace/4, reverse/1, slice/2, slice/3, split/2,
         split/3, take/2, take/3, take/4, titlecase/1, to_float/1,
         to_graphemes/1, to_integer/1, trim/1, trim/2, trim/3,
         uppercase/1]).

%% Old (list-only) API
-export([centre/2, centre/3, chars/2, chars/3, chr/2, concat/2, copies/2,
         cspan/2, join/2, left/2, left/3, len/1, rchr/2, right/2, right/3,
         rstr/2, span/2, str/2, strip/1, strip/2, strip/3, sub_string/2,
         sub_string/3, sub_word/2, sub_word/3, substr/2, substr/3,
         to_lower/1, to_upper/1, tokens/2, words/1, words/2]).

-define(IS_DIR(D), (D =:= leading orelse D =:= trailing orelse D =:= both)).

%%% ------------------------------------------------------------------
%%% Input and graphemes
%%% ------------------------------------------------------------------

%% A flat list of code points from chardata.  (Binaries: add here.)
flat(Data) when is_list(Data) -> lists:flatten(Data);
flat(Data) -> erlang:error(badarg, [Data]).

%% Code points to graphemes: "\r\n" becomes [$\r, $\n].
graphemes([$\r, $\n | Rest]) -> [[$\r, $\n] | graphemes(Rest)];
graphemes([C | Rest]) -> [C | graphemes(Rest)];
graphemes([]) -> [].

%% Graphemes back to code points.
ungraphemes([G | Rest]) when is_list(G) -> G ++ ungraphemes(Rest);
ungraphemes([C | Rest]) -> [C | ungraphemes(Rest)];
ungraphemes([]) -> [].

%% The units a separator set is compared with (see the module comment).
units(Chars, Seps) ->
    case lists:member($\r, Seps) orelse lists:member([$\r, $\n], Seps) of
        true -> graphemes(Chars);
        false -> Chars
    end.

%% Separator lists may be given as a string or a list of graphemes.
seps(Seps) when is_list(Seps) ->
    [case S of
         [C] when is_integer(C) -> C;
         _ -> S
     end || S <- Seps].

to_graphemes(Data) -> graphemes(flat(Data)).

next_grapheme(Data) ->
    case graphemes_head(flat(Data)) of
        none -> [];
        {G, Rest} -> [G | Rest]
    end.

graphemes_head([$\r, $\n | Rest]) -> {[$\r, $\n], Rest};
graphemes_head([C | Rest]) -> {C, Rest};
graphemes_head([]) -> none.

next_codepoint(Data) ->
    case flat(Data) of
        [C | Rest] -> [C | Rest];
        [] -> []
    end.

%%% ------------------------------------------------------------------
%%% Simple queries
%%% ------------------------------------------------------------------

length(Data) -> erlang:length(graphemes(flat(Data))).

is_empty(Data) -> flat(Data) =:= [].

equal(A, B) -> flat(A) =:= flat(B).

equal(A, B, false) -> equal(A, B);
equal(A, B, true) -> casefold(A) =:= casefold(B).

%% Normalisation does not change ASCII/Latin-1 text that is already
%% composed, which is all girder supports for now.
equal(A, B, IgnoreCase, Norm)
  when Norm =:= none; Norm =:= nfc; Norm =:= nfd; Norm =:= nfkc; Norm =:= nfkd ->
    equal(A, B, IgnoreCase).

reverse(Data) -> lists:reverse(graphemes(flat(Data))).

slice(Data, Start) -> slice(Data, Start, infinity).

slice(Data, Start, Len)
  when is_integer(Start), Start >= 0,
       (Len =:= infinity orelse (is_integer(Len) andalso Len >= 0)) ->
    Gs = drop(Start, graphemes(flat(Data))),
    case Len of
        infinity -> ungraphemes(Gs);
        _ -> ungraphemes(lists:sublist(Gs, Len))
    end.

drop(0, List) -> List;
drop(_, []) -> [];
drop(N, [_ | Tail]) -> drop(N - 1, Tail).

prefix(Data, Prefix) ->
    case flat(Prefix) of
        [] -> flat(Data);
        Pre ->
            case match_here(Pre, flat(Data)) of
                {true, Rest} -> Rest;
                false -> nomatch
            end
    end.

%% Removes all trailing "\n" and "\r\n" line endings.
chomp(Data) -> lists:reverse(drop_newlines(lists:reverse(flat(Data)))).

drop_newlines([$\n, $\r | Rest]) -> drop_newlines(Rest);
drop_newlines([$\n | Rest]) -> drop_newlines(Rest);
drop_newlines(Rev) -> Rev.

%%% ------------------------------------------------------------------
%%% Searching for a pattern
%%% ------------------------------------------------------------------

%% match_here(Pattern, Chars): {true, Rest} when Chars starts with Pattern
%% and the match does not end in the middle of "\r\n".
match_here([C | Pat], [C | Rest]) -> match_here_1(Pat, Rest, C);
match_here(_, _) -> false.

match_here_1([C | Pat], [C | Rest], _) -> match_here_1(Pat, Rest, C);
match_here_1([], [$\n | _], $\r) -> false;
match_here_1([], Rest, _) -> {true, Rest};
match_here_1(_, _, _) -> false.

%% All non-overlapping matches, left to right, as {Before, After} splits;
%% Before is reversed.
find_first(Pat, Chars) -> find_first(Pat, Chars, []).

find_first(Pat, Chars, RevBefore) ->
    case match_here(Pat, Chars) of
        {true, After} -> {RevBefore, After};
        false ->
            case Chars of
                [C | Rest] -> find_first(Pat, Rest, [C | RevBefore]);
                [] -> nomatch
            end
    end.

%% The right-most match (overlapping matches allowed).
find_last(Pat, Chars) -> find_last(Pat, Chars, [], nomatch).

find_last(Pat, Chars, RevBefore, Found) ->
    Found1 = case match_here(Pat, Chars) of
                 {true, After} -> {RevBefore, After};
                 false -> Found
             end,
    case Chars of
        [C | Rest] -> find_last(Pat, Rest, [C | RevBefore], Found1);
        [] -> Found1
    end.

split(Data, Pattern) -> split(Data, Pattern, leading).

split(Data, Pattern, Where) ->
    Chars = flat(Data),
    case flat(Pattern) of
        [] -> [Chars];
        Pat ->
            case Where of
                leading -> split_once(find_first(Pat, Chars), Chars);
                trailing -> split_once(find_last(Pat, Chars), Chars);
                all -> split_all(Pat, Chars, [])
            end
    end.

split_once(nomatch, Chars) -> [Chars];
split_once({RevBefore, After}, _) -> [lists:reverse(RevBefore), After].

split_all(Pat, Chars, Parts) ->
    case find_first(Pat, Chars) of
        nomatch -> lists:reverse(Parts, [Chars]);
        {RevBefore, After} -> split_all(Pat, After, [lists:reverse(RevBefore) | Parts])
    end.

find(Data, Pattern) -> find(Data, Pattern, leading).

find(Data, Pattern, Dir) ->
    Chars = flat(Data),
    case flat(Pattern) of
        [] -> Chars;
        Pat ->
            Found = case Dir of
                        leading -> find_first(Pat, Chars);
                        trailing -> find_last(Pat, Chars)
                    end,
            case Found of
                nomatch -> nomatch;
                {_, After} -> Pat ++ After
            end
    end.

replace(Data, Pattern, Replacement) -> replace(Data, Pattern, Replacement, leading).

replace(Data, Pattern, Replacement, Where) ->
    lists:join(Replacement, split(Data, Pattern, Where)).

%%% ------------------------------------------------------------------
%%% Separators: lexemes, trim, take
%%% ------------------------------------------------------------------

lexemes(Data, Separators) ->
    Seps = seps(Separators),
    [ungraphemes(L) || L <- lexemes_units(units(flat(Data), Seps), Seps, [], [])].

lexemes_units([U | Rest], Seps, Cur, Acc) ->
    case lists:member(U, Seps) of
        true when Cur =:= [] -> lexemes_units(Rest, Seps, [], Acc);
        true -> lexemes_units(Rest, Seps, [], [lists:reverse(Cur) | Acc]);
        false -> lexemes_units(Rest, Seps, [U | Cur], Acc)
    end;
lexemes_units([], _, [], Acc) -> lists:reverse(Acc);
lexemes_units([], _, Cur, Acc) -> lists:reverse(Acc, [lists:reverse(Cur)]).

nth_lexeme(Data, N, Separators) when is_integer(N), N > 0 ->
    case drop(N - 1, lexemes(Data, Separators)) of
        [Lexeme | _] -> Lexeme;
        [] -> []
    end.

%% Unicode Pattern_White_Space (no-break spaces are not included).
whitespace() ->
    [$\s, $\t, $\n, $\v, $\f, $\r, [$\r, $\n], 16#85, 16#200E, 16#200F,
     16#2028, 16#2029].

trim(Data) -> trim(Data, both).

trim(Data, Dir) when ?IS_DIR(Dir) -> trim(Data, Dir, whitespace()).

trim(Data, Dir, Separators) when ?IS_DIR(Dir) ->
    Seps = seps(Separators),
    Units = units(flat(Data), Seps),
    Trimmed = case Dir of
                  leading -> drop_seps(Units, Seps);
                  trailing -> drop_trailing(Units, Seps);
                  both -> drop_trailing(drop_seps(Units, Seps), Seps)
              end,
    ungraphemes(Trimmed).

drop_seps([U | Rest] = Units, Seps) ->
    case lists:member(U, Seps) of
        true -> drop_seps(Rest, Seps);
        false -> Units
    end;
drop_seps([], _) -> [].

drop_trailing(Units, Seps) ->
    lists:reverse(drop_seps(lists:reverse(Units), Seps)).

take(Data, Separators) -> take(Data, Separators, false, leading).

take(Data, Separators, Complement) -> take(Data, Separators, Complement, leading).

take(Data, Separators, Complement, Dir)
  when is_boolean(Complement), (Dir =:= leading orelse Dir =:= trailing) ->
    Seps = seps(Separators),
    Units = units(flat(Data), Seps),
    Wanted = fun(U) -> lists:member(U, Seps) =/= Complement end,
    case Dir of
        leading ->
            {Taken, Rest} = lists:splitwith(Wanted, Units),
            {ungraphemes(Taken), ungraphemes(Rest)};
        trailing ->
            {RevTaken, RevRest} = lists:splitwith(Wanted, lists:reverse(Units)),
            {ungraphemes(lists:reverse(RevRest)), ungraphemes(lists:reverse(RevTaken))}
    end.

%%% ------------------------------------------------------------------
%%% Padding
%%% ------------------------------------------------------------------

pad(Data, Len) -> pad(Data, Len, trailing, $\s).

pad(Data, Len, Dir) -> pad(Data, Len, Dir, $\s).

pad(Data, Len, Dir, Char) when is_integer(Len), ?IS_DIR(Dir) ->
    N = erlang:max(0, Len - length(Data)),
    case Dir of
        trailing -> [Data | lists:duplicate(N, Char)];
        leading -> [lists:duplicate(N, Char), Data];
        both ->
            Side = lists:duplicate(N div 2, Char),
            case N rem 2 of
                0 -> [Side, Data, Side];
                1 -> [Side, Data, Side, Char]
            end
    end.

%%% ------------------------------------------------------------------
%%% Case
%%% ------------------------------------------------------------------

uppercase(Data) -> lists:flatmap(fun upper_full/1, flat(Data)).

lowercase(Data) -> [lower(C) || C <- flat(Data)].

casefold(Data) -> lists:flatmap(fun fold/1, flat(Data)).

titlecase(Data) ->
    case flat(Data) of
        [C | Rest] -> title(C) ++ Rest;
        [] -> []
    end.

%% Latin-1 only, as the old API: characters outside are unchanged.
to_upper(C) when is_integer(C) -> upper_latin1(C);
to_upper(S) when is_list(S) -> [upper_latin1(C) || C <- S].

to_lower(C) when is_integer(C) -> lower(C);
to_lower(S) when is_list(S) -> [lower(C) || C <- S].

upper_latin1(C) when C >= $a, C =< $z -> C - 32;
upper_latin1(C) when C >= 16#E0, C =< 16#FE, C =/= 16#F7 -> C - 32;
upper_latin1(C) -> C.

lower(C) when C >= $A, C =< $Z -> C + 32;
lower(C) when C >= 16#C0, C =< 16#DE, C =/= 16#D7 -> C + 32;
lower(C) -> C.

upper_full(16#DF) -> "SS";
upper_full(16#B5) -> [16#39C];
upper_full(16#FF) -> [16#178];
upper_full(C) -> [upper_latin1(C)].

title(16#DF) -> "Ss";
title(C) -> upper_full(C).

fold(16#DF) -> "ss";
fold(16#B5) -> [16#3BC];
fold(C) -> [lower(C)].

%%% ------------------------------------------------------------------
%%% Numbers
%%% ------------------------------------------------------------------

to_integer(Data) when is_list(Data) ->
    Chars = flat(Data),
    {Sign, Rest} = take_sign(Chars),
    case lists:splitwith(fun is_digit/1, Rest) of
        {[], _} -> {error, no_integer};
        {Digits, Tail} -> {list_to_integer(Sign ++ Digits), Tail}
    end;
to_integer(_) ->
    {error, badarg}.

%% Float syntax: [+-] digits (. or ,) digits [(e|E) [+-] digits]
to_float(Data) when is_list(Data) ->
    Chars = flat(Data),
    {Sign, Rest} = take_sign(Chars),
    case lists:splitwith(fun is_digit/1, Rest) of
        {[_ | _] = Int, [Point, D | Rest1]}
          when (Point =:= $. orelse Point =:= $,), D >= $0, D =< $9 ->
            {Frac, Rest2} = lists:splitwith(fun is_digit/1, [D | Rest1]),
            {Exp, Tail} = take_exponent(Rest2),
            try list_to_float(Sign ++ Int ++ "." ++ Frac ++ Exp) of
                F -> {F, Tail}
            catch
                error:badarg -> {error, no_float}
            end;
        _ -> {error, no_float}
    end;
to_float(_) ->
    {error, badarg}.

take_sign([$- | Rest]) -> {"-", Rest};
take_sign([$+ | Rest]) -> {"", Rest};
take_sign(Rest) -> {"", Rest}.

take_exponent([E | Rest] = Chars) when E =:= $e; E =:= $E ->
    {Sign, Rest1} = case Rest of
                        [$- | R] -> {"-", R};
                        [$+ | R] -> {"+", R};
                        R -> {"", R}
                    end,
    case lists:splitwith(fun is_digit/1, Rest1) of
        {[], _} -> {"", Chars};
        {Digits, Tail} -> {"e" ++ Sign ++ Digits, Tail}
    end;
take_exponent(Chars) -> {"", Chars}.

is_digit(C) -> C >= $0 andalso C =< $9.

%%% ------------------------------------------------------------------
%%% Old API (flat lists of characters, 1-based positions)
%%% ------------------------------------------------------------------

len(S) when is_list(S) -> erlang:length(S).

concat(S1, S2) -> S1 ++ S2.

chr(S, C) when is_integer(C) -> chr(S, C, 1).

chr([C | _], C, I) -> I;
chr([_ | Rest], C, I) -> chr(Rest, C, I + 1);
chr([], _, _) -> 0.

rchr(S, C) when is_integer(C) -> rchr(S, C, 1, 0).

rchr([C | Rest], C, I, _) -> rchr(Rest, C, I + 1, I);
rchr([_ | Rest], C, I, Last) -> rchr(Rest, C, I + 1, Last);
rchr([], _, _, Last) -> Last.

str(S, Sub) when is_list(Sub) -> str(S, Sub, 1).

str([], _, _) -> 0;
str([_ | Rest] = S, Sub, I) ->
    case Sub =/= [] andalso lists:prefix(Sub, S) of
        true -> I;
        false -> str(Rest, Sub, I + 1)
    end.

rstr(S, Sub) when is_list(Sub) -> rstr(S, Sub, 1, 0).

rstr([], _, _, Last) -> Last;
rstr([_ | Rest] = S, Sub, I, Last) ->
    case Sub =/= [] andalso lists:prefix(Sub, S) of
        true -> rstr(Rest, Sub, I + 1, I);
        false -> rstr(Rest, Sub, I + 1, Last)
    end.

span(S, Chars) when is_list(Chars) -> span_count(S, Chars, true, 0).

cspan(S, Chars) when is_list(Chars) -> span_count(S, Chars, false, 0).

span_count([C | Rest], Chars, In, N) ->
    case lists:member(C, Chars) of
        In -> span_count(Rest, Chars, In, N + 1);
        _ -> N
    end;
span_count([], _, _, N) -> N.

substr(S, Start) when is_integer(Start), Start >= 1 ->
    substr_from(S, Start).

substr(S, Start, Len) when is_integer(Start), Start >= 1, is_integer(Len), Len >= 0 ->
    lists:sublist(substr_from(S, Start), Len).

substr_from(S, 1) -> S;
substr_from([_ | Rest], Start) -> substr_from(Rest, Start - 1).

sub_string(S, Start) -> substr(S, Start).

sub_string(S, Start, Stop) -> substr(S, Start, Stop - Start + 1).

tokens(S, Seps) -> lexemes_chars(S, Seps, [], []).

lexemes_chars([C | Rest], Seps, Cur, Acc) ->
    case lists:member(C, Seps) of
        true when Cur =:= [] -> lexemes_chars(Rest, Seps, [], Acc);
        true -> lexemes_chars(Rest, Seps, [], [lists:reverse(Cur) | Acc]);
        false -> lexemes_chars(Rest, Seps, [C | Cur], Acc)
    end;
lexemes_chars([], _, [], Acc) -> lists:reverse(Acc);
lexemes_chars([], _, Cur, Acc) -> lists:reverse(Acc, [lists:reverse(Cur)]).

join([], Sep) when is_list(Sep) -> [];
join([First | Rest], Sep) -> First ++ lists:append([Sep ++ S || S <- Rest]).

chars(C, N) -> chars(C, N, []).

chars(C, N, Tail) when is_integer(N), N >= 0 -> chars_acc(C, N, Tail).

chars_acc(_, 0, Acc) -> Acc;
chars_acc(C, N, Acc) -> chars_acc(C, N - 1, [C | Acc]).

copies(S, N) when is_list(S), is_integer(N), N >= 0 -> copies_acc(S, N, []).

copies_acc(_, 0, Acc) -> Acc;
copies_acc(S, N, Acc) -> copies_acc(S, N - 1, S ++ Acc).

words(S) -> words(S, $\s).

words(S, Char) when is_integer(Char) ->
    erlang:length(lexemes_chars(S, [Char], [], [])) + empty_words(S, Char).

%% OTP counts one word in a string without any non-separator characters.
empty_words(S, Char) ->
    case lists:all(fun(C) -> C =:= Char end, S) of
        true -> 1;
        false -> 0
    end.

sub_word(S, N) -> sub_word(S, N, $\s).

sub_word(S, N, Char) when is_integer(N), is_integer(Char) ->
    pick_word(lexemes_chars(S, [Char], [], []), N).

pick_word([], _) -> [];
pick_word(Words, N) when N > 0 ->
    case drop(N - 1, Words) of
        [Word | _] -> Word;
        [] -> []
    end.

strip(S) -> strip(S, both).

strip(S, Dir) -> strip(S, Dir, $\s).

strip(S, left, Char) -> strip_left(S, Char);
strip(S, right, Char) -> lists:reverse(strip_left(lists:reverse(S), Char));
strip(S, both, Char) -> strip(strip_left(S, Char), right, Char).

strip_left([Char | Rest], Char) -> strip_left(Rest, Char);
strip_left(S, _) -> S.

left(S, N) -> left(S, N, $\s).

left(S, N, Char) when is_integer(N), N >= 0 ->
    Len = erlang:length(S),
    if
        Len >= N -> lists:sublist(S, N);
        true -> S ++ chars(Char, N - Len)
    end.

right(S, N) -> right(S, N, $\s).

right(S, N, Char) when is_integer(N), N >= 0 ->
    Len = erlang:length(S),
    if
        Len >= N -> lists:nthtail(Len - N, S);
        true -> chars(Char, N - Len, S)
    end.

centre(S, N) -> centre(S, N, $\s).

centre(S, 0, _) when is_list(S) -> [];
centre(S, N, Char) when is_integer(N), N > 0 ->
    Len = erlang:length(S),
    if
        Len >= N -> lists:sublist(lists:nthtail((Len - N) div 2, S), N);
        true ->
            Left = (N - Len) div 2,
            chars(Char, Left, S ++ chars(Char, N - Len - Left))
    end.
