%% girder stdlib: string
%%
%% Written for girder from the documented behaviour of OTP 25's `string`
%% module (results checked against OTP for ASCII and Latin-1 input).
%%
%% Every function works on flat lists of characters (flat/1 reads deep
%% lists and UTF-8 binaries); a subject given as a binary gives binaries
%% back (see "Binaries in, binaries out" at the end).
%%
%% Grapheme clusters are the extended grapheme clusters of Unicode
%% (UAX #29) as OTP 25 forms them: "\r\n", a base with its combining
%% marks, Hangul syllables, emoji sequences, regional indicator pairs.
%% A cluster of one code point is that integer, a longer one a list.
%% Where a function takes a list of separator graphemes, OTP only treats
%% "\r\n" in the subject as one unit when the separators mention $\r
%% (either alone or as [$\r, $\n]); otherwise "\r" and "\n" are units
%% of their own.  Pattern searches (split, find, replace, prefix) may
%% start a match at any code point but never end one inside a cluster.
%%
%% Case mapping (uppercase, lowercase, titlecase, casefold) is Unicode's
%% full mapping, with tables in girder_unicode; the old to_upper and
%% to_lower map Latin-1 only, as in OTP.  Normalisation (equal/4) is not
%% implemented: text is compared as given.
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
%% OTP fails with function_clause on what is not chardata.
flat(Data) when is_list(Data) -> flat_bins(lists:flatten(Data));
flat(Data) when is_binary(Data) -> bin_chars(Data);
flat(Data) -> erlang:error(function_clause, [Data]).

%% Binaries inside a deep list, made characters.
flat_bins(L) ->
    case lists:any(fun is_binary/1, L) of
        true -> lists:flatmap(fun(B) when is_binary(B) -> bin_chars(B); (C) -> [C] end, L);
        false -> L
    end.

%% The characters of a UTF-8 binary; OTP fails with {badarg, Bin} on
%% one that is not UTF-8.
bin_chars(B) ->
    case unicode:characters_to_list(B) of
        L when is_list(L) -> L;
        {_, _, Rest} -> erlang:error({badarg, Rest}, [B])
    end.

%% Code points to grapheme clusters.
graphemes([]) -> [];
graphemes(Chars) ->
    {G, Rest} = cluster(Chars, true),
    [G | graphemes(Rest)].

%% The same, but "\r\n" stays two units (see units/2).
graphemes_split_crlf([]) -> [];
graphemes_split_crlf(Chars) ->
    {G, Rest} = cluster(Chars, false),
    [G | graphemes_split_crlf(Rest)].

%% cluster(Chars, JoinCrLf) -> {Cluster, Rest}: the first grapheme
%% cluster of a non-empty list of code points.  Printable ASCII and
%% Latin-1 followed by a code point below U+0300 (no combining marks
%% there) is the common case and needs no table.
cluster([C | [N | _] = Rest], _) when (C >= 32 andalso C < 127 orelse
                                       C >= 16#A0 andalso C =< 16#FF andalso C =/= 16#AD),
                                      is_integer(N), N < 16#300 ->
    {C, Rest};
cluster([C], _) -> {C, []};
cluster([$\r, $\n | Rest], true) -> {[$\r, $\n], Rest};
cluster([C | Rest], _) ->
    Class = girder_unicode:gc_class(C),
    State = case Class of
                pict -> pict;
                ri -> ri_one;
                _ -> none
            end,
    case Class of
        cr -> {C, Rest};
        lf -> {C, Rest};
        control -> {C, Rest};
        _ -> cluster_more(Rest, Class, State, [C])
    end.

%% Prev is the class of the last code point taken; State tracks an emoji
%% sequence (pict: Extended_Pictographic Extend*, zwj: that followed by
%% ZWJ) or a lone regional indicator (ri_one); Acc is the cluster so far,
%% reversed.
cluster_more([N | Rest] = Chars, Prev, State, Acc) ->
    Class = girder_unicode:gc_class(N),
    case joins(Prev, Class, State) of
        true -> cluster_more(Rest, Class, next_state(State, Class), [N | Acc]);
        false -> {cluster_of(Acc), Chars}
    end;
cluster_more([], _, _, Acc) -> {cluster_of(Acc), []}.

cluster_of([C]) -> C;
cluster_of(Rev) -> lists:reverse(Rev).

%% May a code point of class Next continue a cluster whose last code
%% point has class Prev?
joins(_, control, _) -> false;
joins(_, cr, _) -> false;
joins(_, lf, _) -> false;
joins(_, extend, _) -> true;
joins(_, zwj, _) -> true;
joins(prepend, _, _) -> true;
joins(l, Next, _) -> Next =:= l orelse Next =:= v orelse Next =:= lv orelse Next =:= lvt;
joins(Prev, Next, _) when Prev =:= lv; Prev =:= v -> Next =:= v orelse Next =:= t;
joins(Prev, t, _) when Prev =:= lvt; Prev =:= t -> true;
joins(zwj, pict, zwj) -> true;
joins(ri, ri, ri_one) -> true;
joins(_, _, _) -> false.

next_state(pict, extend) -> pict;
next_state(pict, zwj) -> zwj;
next_state(zwj, pict) -> pict;
next_state(_, _) -> none.

%% Does a cluster boundary lie between code points P and N?  (Judged
%% from the pair alone, which is enough for combining marks and "\r\n".)
boundary($\r, $\n) -> false;
boundary(P, N) when P < 127, N < 16#300 -> true;
boundary(P, N) ->
    PClass = girder_unicode:gc_class(P),
    PClass =:= cr orelse PClass =:= lf orelse PClass =:= control orelse
        not joins(PClass, girder_unicode:gc_class(N), none).

%% Graphemes back to code points.
ungraphemes([G | Rest]) when is_list(G) -> G ++ ungraphemes(Rest);
ungraphemes([C | Rest]) -> [C | ungraphemes(Rest)];
ungraphemes([]) -> [].

%% The units a separator set is compared with (see the module comment).
units(Chars, Seps) ->
    case lists:member($\r, Seps) orelse lists:member([$\r, $\n], Seps) of
        true -> graphemes(Chars);
        false -> graphemes_split_crlf(Chars)
    end.

%% Separator lists may be given as a string or a list of graphemes.
seps(Seps) when is_list(Seps) ->
    [case S of
         [C] when is_integer(C) -> C;
         _ -> S
     end || S <- Seps].

to_graphemes(Data) -> graphemes(flat(Data)).

next_grapheme_l(Data) ->
    case graphemes_head(flat(Data)) of
        none -> [];
        {G, Rest} -> [G | Rest]
    end.

graphemes_head([]) -> none;
graphemes_head(Chars) -> cluster(Chars, true).

next_codepoint_l(Data) ->
    case flat(Data) of
        [C | Rest] -> [C | Rest];
        [] -> []
    end.

%%% ------------------------------------------------------------------
%%% Simple queries
%%% ------------------------------------------------------------------

length(Data) -> erlang:length(graphemes(flat(Data))).

%% Anything that is not (empty) chardata is simply not empty, as in OTP.
is_empty([]) -> true;
is_empty(B) when is_binary(B) -> byte_size(B) =:= 0;
is_empty([Head | Tail]) -> is_empty(Head) andalso is_empty(Tail);
is_empty(_) -> false.

equal(A, B) -> flat(A) =:= flat(B).

equal(A, B, false) -> equal(A, B);
equal(A, B, true) -> casefold_l(A) =:= casefold_l(B).

%% Normalisation does not change ASCII/Latin-1 text that is already
%% composed, which is all girder supports for now.
equal(A, B, IgnoreCase, Norm)
  when Norm =:= none; Norm =:= nfc; Norm =:= nfd; Norm =:= nfkc; Norm =:= nfkd ->
    equal(A, B, IgnoreCase);
%% OTP compares equal terms without looking at Norm, and fails with
%% undef on an unknown Norm otherwise.
equal(A, A, _, _) -> true;
equal(_, _, _, _) -> erlang:error(undef).

reverse(Data) -> lists:reverse(graphemes(flat(Data))).

slice_l(Data, Start) -> slice_l(Data, Start, infinity).

%% The whole of anything, untouched, as in OTP.
slice_l(Data, 0, infinity) -> Data;
slice_l(Data, Start, Len)
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

prefix_l(Data, Prefix) when not is_list(Prefix), not is_binary(Prefix) ->
    erlang:error(badarg, [Data, Prefix]);
prefix_l(Data, Prefix) ->
    case flat(Prefix) of
        [] -> flat(Data);
        Pre ->
            case match_here(Pre, flat(Data)) of
                {true, Rest} -> Rest;
                false -> nomatch
            end
    end.

%% Removes all trailing "\n" and "\r\n" line endings.
chomp_l(Data) -> lists:reverse(drop_newlines(lists:reverse(flat(Data)))).

drop_newlines([$\n, $\r | Rest]) -> drop_newlines(Rest);
drop_newlines([$\n | Rest]) -> drop_newlines(Rest);
drop_newlines(Rev) -> Rev.

%%% ------------------------------------------------------------------
%%% Searching for a pattern
%%% ------------------------------------------------------------------

%% match_here(Pattern, Chars): {true, Rest} when Chars starts with Pattern
%% and the match does not end inside a grapheme cluster.
match_here([C | Pat], [C | Rest]) -> match_here_1(Pat, Rest, C);
match_here(_, _) -> false.

match_here_1([C | Pat], [C | Rest], _) -> match_here_1(Pat, Rest, C);
match_here_1([], [N | _] = Rest, Last) ->
    case boundary(Last, N) of
        true -> {true, Rest};
        false -> false
    end;
match_here_1([], [], _) -> {true, []};
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

split_l(Data, Pattern) -> split_l(Data, Pattern, leading).

split_l(Data, Pattern, Where) when not is_list(Pattern), not is_binary(Pattern) ->
    erlang:error(badarg, [Data, Pattern, Where]);
split_l(Data, Pattern, Where) when Where =/= leading, Where =/= trailing, Where =/= all ->
    %% OTP looks at Where only once it has found a match.
    Chars = flat(Data),
    case find_first(flat(Pattern), Chars) of
        {_, After} when Pattern =/= [] -> erlang:error({case_clause, After});
        _ -> [Chars]
    end;
split_l(Data, Pattern, Where) ->
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

find_l(Data, Pattern) -> find_l(Data, Pattern, leading).

find_l(Data, Pattern, Dir) when not is_list(Pattern), not is_binary(Pattern) ->
    erlang:error(badarg, [Data, Pattern, Dir]);
find_l(Data, Pattern, Dir) when Dir =:= leading; Dir =:= trailing ->
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

lexemes_l(Data, Separators) ->
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

nth_lexeme_l(Data, N, Separators) when is_integer(N), N > 0 ->
    case drop(N - 1, lexemes_l(Data, Separators)) of
        [Lexeme | _] -> Lexeme;
        [] -> []
    end.

%% Unicode Pattern_White_Space (no-break spaces are not included).
whitespace() ->
    [$\s, $\t, $\n, $\v, $\f, $\r, [$\r, $\n], 16#85, 16#200E, 16#200F,
     16#2028, 16#2029].

trim_l(Data) -> trim_l(Data, both).

trim_l(Data, Dir) when ?IS_DIR(Dir) -> trim_l(Data, Dir, whitespace()).

trim_l(Data, Dir, Separators) when ?IS_DIR(Dir) ->
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

take_l(Data, Separators) -> take_l(Data, Separators, false, leading).

take_l(Data, Separators, Complement) -> take_l(Data, Separators, Complement, leading).

take_l(Data, Separators, Complement, Dir) when not is_list(Separators) ->
    erlang:error(badarg, [Data, Separators, Complement, Dir]);
take_l(Data, [], Complement, Dir)
  when not is_boolean(Complement); Dir =/= leading, Dir =/= trailing ->
    erlang:error({case_clause, {Complement, Dir}}, [Data, [], Complement, Dir]);
take_l(Data, Separators, Complement, Dir)
  when not is_boolean(Complement); Dir =/= leading, Dir =/= trailing ->
    erlang:error(function_clause, [Data, Separators, Complement, Dir]);
take_l(Data, Separators, Complement, Dir) ->
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

uppercase_l(Data) -> lists:flatmap(fun girder_unicode:uppercase/1, flat_case(Data)).

lowercase_l(Data) -> lists:flatmap(fun girder_unicode:lowercase/1, flat_case(Data)).

casefold_l(Data) -> lists:flatmap(fun girder_unicode:casefold/1, flat_case(Data)).

%% The case functions fail with {badarg, Data} on what is not chardata.
flat_case(Data) when is_list(Data); is_binary(Data) -> flat(Data);
flat_case(Data) -> erlang:error({badarg, Data}, [Data]).

%% The first code point in title case; the rest is unchanged.
titlecase_l(Data) ->
    case flat(Data) of
        [C | Rest] -> girder_unicode:titlecase(C) ++ Rest;
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


%%% ------------------------------------------------------------------
%%% Numbers
%%% ------------------------------------------------------------------

to_integer_l(Data) when is_list(Data) ->
    Chars = flat(Data),
    {Sign, Rest} = take_sign(Chars),
    case lists:splitwith(fun is_digit/1, Rest) of
        {[], _} -> {error, no_integer};
        {Digits, Tail} -> {list_to_integer(Sign ++ Digits), Tail}
    end;
to_integer_l(_) ->
    {error, badarg}.

%% Float syntax: [+-] digits (. or ,) digits [(e|E) [+-] digits]
to_float_l(Data) when is_list(Data) ->
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
to_float_l(_) ->
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

len(S) -> erlang:length(S).

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

substr(S, Start) when is_list(S), is_integer(Start), Start >= 1 ->
    substr_from(S, Start).

substr(S, Start, Len) when is_list(S), is_integer(Start), Start >= 1, is_integer(Len), Len >= 0 ->
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

%% A count that is not a number fails with badarith, as in OTP.
chars(C, N, Tail) when is_integer(C), N > 0 -> chars(C, N - 1, [C | Tail]);
chars(C, 0, Tail) when is_integer(C) -> Tail.

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

strip(S, Dir, Char) when not is_list(S); not is_integer(Char) ->
    erlang:error(function_clause, [S, Dir, Char]);
strip(S, left, Char) -> strip_left(S, Char);
strip(S, right, Char) -> lists:reverse(strip_left(lists:reverse(S), Char));
strip(S, both, Char) -> strip(strip_left(S, Char), right, Char).

strip_left([Char | Rest], Char) -> strip_left(Rest, Char);
strip_left(S, _) -> S.

left(S, N) -> left(S, N, $\s).

%% left/right/centre take the length of S first (badarg if it is not a
%% list), then check N (function_clause).
left(S, N, Char) when is_integer(Char) ->
    Len = erlang:length(S),
    if
        not is_integer(N); N < 0 -> erlang:error(function_clause, [S, N, Char]);
        Len >= N -> lists:sublist(S, N);
        true -> S ++ chars(Char, N - Len)
    end.

right(S, N) -> right(S, N, $\s).

right(S, N, Char) when is_integer(Char) ->
    Len = erlang:length(S),
    if
        not is_integer(N); N < 0 -> erlang:error(function_clause, [S, N, Char]);
        Len >= N -> lists:nthtail(Len - N, S);
        true -> chars(Char, N - Len, S)
    end.

centre(S, N) -> centre(S, N, $\s).

centre(S, N, Char) when is_integer(Char) ->
    Len = erlang:length(S),
    if
        not is_integer(N); N < 0 -> erlang:error(function_clause, [S, N, Char]);
        N =:= 0 -> [];
        Len >= N -> lists:sublist(lists:nthtail((Len - N) div 2, S), N);
        true ->
            Left = (N - Len) div 2,
            chars(Char, Left, S ++ chars(Char, N - Len - Left))
    end.


%%% ------------------------------------------------------------------
%%% Binaries in, binaries out
%%% ------------------------------------------------------------------
%%
%% Each function below that takes its subject as a binary works on the
%% characters and gives back binaries where OTP does: the _l functions
%% are the list implementations.

out(L) when is_list(L) -> unicode:characters_to_binary(L);
out(Other) -> Other.

outs(L) when is_list(L) -> [out(X) || X <- L];
outs(Other) -> Other.

out_pair({A, B}) -> {out(A), out(B)};
out_pair(Other) -> Other.

out_num({N, Rest}) -> {N, out(Rest)};
out_num(Other) -> Other.

out_next([G | Rest]) -> [G | out(Rest)];
out_next(Other) -> Other.

trim(D) when is_binary(D) -> out(trim_l(bin_chars(D)));
trim(D) -> trim_l(D).

trim(D, A1) when is_binary(D) -> out(trim_l(bin_chars(D), A1));
trim(D, A1) -> trim_l(D, A1).

trim(D, A1, A2) when is_binary(D) -> out(trim_l(bin_chars(D), A1, A2));
trim(D, A1, A2) -> trim_l(D, A1, A2).

chomp(D) when is_binary(D) -> out(chomp_l(bin_chars(D)));
chomp(D) -> chomp_l(D).

slice(D, A1) when is_binary(D) -> out(slice_l(bin_chars(D), A1));
slice(D, A1) -> slice_l(D, A1).

slice(D, A1, A2) when is_binary(D) -> out(slice_l(bin_chars(D), A1, A2));
slice(D, A1, A2) -> slice_l(D, A1, A2).

uppercase(D) when is_binary(D) -> out(uppercase_l(bin_chars(D)));
uppercase(D) -> uppercase_l(D).

lowercase(D) when is_binary(D) -> out(lowercase_l(bin_chars(D)));
lowercase(D) -> lowercase_l(D).

titlecase(D) when is_binary(D) -> out(titlecase_l(bin_chars(D)));
titlecase(D) -> titlecase_l(D).

casefold(D) when is_binary(D) -> out(casefold_l(bin_chars(D)));
casefold(D) -> casefold_l(D).

find(D, A1) when is_binary(D) -> out(find_l(bin_chars(D), A1));
find(D, A1) -> find_l(D, A1).

find(D, A1, A2) when is_binary(D) -> out(find_l(bin_chars(D), A1, A2));
find(D, A1, A2) -> find_l(D, A1, A2).

prefix(D, A1) when is_binary(D) -> out(prefix_l(bin_chars(D), A1));
prefix(D, A1) -> prefix_l(D, A1).

nth_lexeme(D, A1, A2) when is_binary(D) -> out(nth_lexeme_l(bin_chars(D), A1, A2));
nth_lexeme(D, A1, A2) -> nth_lexeme_l(D, A1, A2).

split(D, A1) when is_binary(D) -> outs(split_l(bin_chars(D), A1));
split(D, A1) -> split_l(D, A1).

split(D, A1, A2) when is_binary(D) -> outs(split_l(bin_chars(D), A1, A2));
split(D, A1, A2) -> split_l(D, A1, A2).

lexemes(D, A1) when is_binary(D) -> outs(lexemes_l(bin_chars(D), A1));
lexemes(D, A1) -> lexemes_l(D, A1).

take(D, A1) when is_binary(D) -> out_pair(take_l(bin_chars(D), A1));
take(D, A1) -> take_l(D, A1).

take(D, A1, A2) when is_binary(D) -> out_pair(take_l(bin_chars(D), A1, A2));
take(D, A1, A2) -> take_l(D, A1, A2).

take(D, A1, A2, A3) when is_binary(D) -> out_pair(take_l(bin_chars(D), A1, A2, A3));
take(D, A1, A2, A3) -> take_l(D, A1, A2, A3).

to_integer(D) when is_binary(D) -> out_num(to_integer_l(bin_chars(D)));
to_integer(D) -> to_integer_l(D).

to_float(D) when is_binary(D) -> out_num(to_float_l(bin_chars(D)));
to_float(D) -> to_float_l(D).

next_grapheme(D) when is_binary(D) -> out_next(next_grapheme_l(bin_chars(D)));
next_grapheme(D) -> next_grapheme_l(D).

next_codepoint(D) when is_binary(D) -> out_next(next_codepoint_l(bin_chars(D)));
next_codepoint(D) -> next_codepoint_l(D).
