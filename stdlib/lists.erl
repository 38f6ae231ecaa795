%% girder stdlib: lists
%%
%% Written for girder from the documented behaviour of OTP 25's `lists`
%% module (results and error reasons checked against OTP).
%%
%% The following functions are BIFs implemented by the VM (in Rust) and are
%% not defined here: reverse/2, member/2, keymember/3, keysearch/3, keyfind/3.
%%
%% Notes on style:
%%  * Where a function applies a user fun and builds a list, the fun is
%%    called before the recursive call (bound to a variable first) so that
%%    side effects happen from the head of the list to the tail, as in OTP.
%%  * Sorting uses a bottom-up natural merge sort (O(n log n), tail
%%    recursive, stable).  See the "Sorting" section.
-module(lists).

-export([all/2, any/2, append/1, append/2, concat/1, delete/2, droplast/1,
         dropwhile/2, duplicate/2, enumerate/1, enumerate/2, filter/2,
         filtermap/2, flatlength/1, flatmap/2, flatten/1, flatten/2,
         foldl/3, foldr/3, foreach/2, join/2, keydelete/3, keymap/3,
         keymerge/3, keyreplace/4, keysort/2, keystore/4, keytake/3,
         last/1, map/2, mapfoldl/3, mapfoldr/3, max/1, merge/1, merge/2,
         merge/3, merge3/3, min/1, nth/2, nthtail/2, partition/2,
         prefix/2, reverse/1, rkeymerge/3, rmerge/2, rmerge/3, rmerge3/3,
         rukeymerge/3, rumerge/2, rumerge/3, rumerge3/3, search/2,
         seq/2, seq/3, sort/1, sort/2, split/2, splitwith/2, sublist/2,
         sublist/3, subtract/2, suffix/2, sum/1, takewhile/2, ukeymerge/3,
         ukeysort/2, umerge/1, umerge/2, umerge/3, umerge3/3, uniq/1,
         uniq/2, unzip/1, unzip3/1, usort/1, usort/2, zf/2, zip/2, zip3/3,
         zipwith/3, zipwith3/4]).

%%% ------------------------------------------------------------------
%%% Simple list functions
%%% ------------------------------------------------------------------

reverse([]) -> [];
reverse([_] = List) -> List;
reverse([A, B | Tail]) -> lists:reverse(Tail, [B, A]).

append(L1, L2) -> L1 ++ L2.

append([Only]) -> Only;
append([First | Rest]) -> First ++ append(Rest);
append([]) -> [].

subtract(L1, L2) -> L1 -- L2.

nth(1, [Head | _]) -> Head;
nth(N, [_ | Tail]) when N > 1 -> nth(N - 1, Tail).

%% The last tail is returned whatever it is ([a | b] gives b for N = 1).
nthtail(1, [_ | Tail]) -> Tail;
nthtail(N, [_ | Tail]) when N > 1 -> nthtail(N - 1, Tail);
nthtail(0, List) when is_list(List) -> List.

last([Head | Tail]) -> last_of(Tail, Head).

last_of([], Last) -> Last;
last_of([Head | Tail], _) -> last_of(Tail, Head).

droplast([_]) -> [];
droplast([Head | Tail]) -> [Head | droplast(Tail)].

prefix([X | Xs], [X | Ys]) -> prefix(Xs, Ys);
prefix([], List) when is_list(List) -> true;
prefix([_ | _], List) when is_list(List) -> false.

suffix(Suffix, List) ->
    Drop = length(List) - length(Suffix),
    Drop >= 0 andalso nthtail(Drop, List) =:= Suffix.

delete(Elem, [Elem | Tail]) -> Tail;
delete(Elem, [Head | Tail]) -> [Head | delete(Elem, Tail)];
delete(_, []) -> [].

duplicate(N, Elem) when is_integer(N), N >= 0 -> duplicate_acc(N, Elem, []).

duplicate_acc(0, _, Acc) -> Acc;
duplicate_acc(N, Elem, Acc) -> duplicate_acc(N - 1, Elem, [Elem | Acc]).

seq(First, Last)
  when is_integer(First), is_integer(Last), First - 1 =< Last ->
    seq_down(Last, First, []).

%% Builds [First..Last] backwards from Last.
seq_down(Cur, First, Acc) when Cur >= First -> seq_down(Cur - 1, First, [Cur | Acc]);
seq_down(_, _, Acc) -> Acc.

seq(First, Last, Inc)
  when is_integer(First), is_integer(Last), is_integer(Inc) ->
    if
        Inc > 0, First - Inc =< Last ->
            Count = (Last - First + Inc) div Inc,
            seq_step(First + (Count - 1) * Inc, Inc, Count, []);
        Inc < 0, First - Inc >= Last ->
            Count = (Last - First + Inc) div Inc,
            seq_step(First + (Count - 1) * Inc, Inc, Count, []);
        Inc =:= 0, First =:= Last ->
            [First];
        true ->
            erlang:error(badarg, [First, Last, Inc])
    end;
seq(First, Last, Inc) ->
    erlang:error(badarg, [First, Last, Inc]).

%% Emits Count values ending at Cur (the last one), stepping backwards.
seq_step(_, _, 0, Acc) -> Acc;
seq_step(Cur, Inc, Count, Acc) -> seq_step(Cur - Inc, Inc, Count - 1, [Cur | Acc]).

sum(List) -> sum_acc(List, 0).

sum_acc([Head | Tail], Acc) -> sum_acc(Tail, Head + Acc);
sum_acc([], Acc) -> Acc.

max([Head | Tail]) -> max_acc(Tail, Head).

max_acc([Head | Tail], Max) when Head > Max -> max_acc(Tail, Head);
max_acc([_ | Tail], Max) -> max_acc(Tail, Max);
max_acc([], Max) -> Max.

min([Head | Tail]) -> min_acc(Tail, Head).

min_acc([Head | Tail], Min) when Head < Min -> min_acc(Tail, Head);
min_acc([_ | Tail], Min) -> min_acc(Tail, Min);
min_acc([], Min) -> Min.

sublist(List, Len) when is_integer(Len), Len >= 0, is_list(List) -> take(Len, List).

take(0, _) -> [];
take(_, []) -> [];
take(N, [Head | Tail]) -> [Head | take(N - 1, Tail)].

%% A start position more than one past the end gives [] whatever Len is
%% (Len is only checked once the start is reached), as in OTP.
sublist(List, Start, Len) when is_integer(Start), Start > 0 ->
    sublist_from(List, Start, Len).

sublist_from(List, 1, Len) -> sublist(List, Len);
sublist_from([_ | Tail], Start, Len) -> sublist_from(Tail, Start - 1, Len);
sublist_from([], _, _) -> [].

split(N, List) when is_integer(N), N >= 0, is_list(List) ->
    case split_acc(N, List, []) of
        {_, _} = Result -> Result;
        too_short -> erlang:error(badarg, [N, List])
    end;
split(N, List) ->
    erlang:error(badarg, [N, List]).

split_acc(0, Rest, Acc) -> {reverse(Acc), Rest};
split_acc(N, [Head | Tail], Acc) -> split_acc(N - 1, Tail, [Head | Acc]);
split_acc(_, [], _) -> too_short.

%% Lists among Things are appended as they are, not flattened.
concat(Things) -> append(things_to_strings(Things)).

things_to_strings([Thing | Rest]) ->
    [thing_to_string(Thing) | things_to_strings(Rest)];
things_to_strings([]) -> [].

thing_to_string(X) when is_integer(X) -> integer_to_list(X);
thing_to_string(X) when is_float(X) -> float_to_list(X);
thing_to_string(X) when is_atom(X) -> atom_to_list(X);
thing_to_string(X) when is_list(X) -> X.

flatten(List) when is_list(List) -> flatten_into(List, []).

flatten(List, Tail) when is_list(List), is_list(Tail) -> flatten_into(List, Tail).

flatten_into([Head | Tail], Rest) when is_list(Head) ->
    flatten_into(Head, flatten_into(Tail, Rest));
flatten_into([Head | Tail], Rest) ->
    [Head | flatten_into(Tail, Rest)];
flatten_into([], Rest) -> Rest.

flatlength(List) -> flatlength_acc(List, 0).

flatlength_acc([Head | Tail], N) when is_list(Head) ->
    flatlength_acc(Tail, flatlength_acc(Head, N));
flatlength_acc([_ | Tail], N) -> flatlength_acc(Tail, N + 1);
flatlength_acc([], N) -> N.

join(_Sep, []) -> [];
join(Sep, [First | Rest]) -> [First | join_rest(Sep, Rest)].

join_rest(Sep, [Head | Tail]) -> [Sep, Head | join_rest(Sep, Tail)];
join_rest(_, []) -> [].

enumerate(List) -> enumerate(1, List).

enumerate(Index, List) when is_integer(Index), is_list(List) ->
    enumerate_from(Index, List).

enumerate_from(I, [Head | Tail]) -> [{I, Head} | enumerate_from(I + 1, Tail)];
enumerate_from(_, []) -> [].

%%% ------------------------------------------------------------------
%%% Tuple lists
%%% ------------------------------------------------------------------

keydelete(Key, N, List) when is_integer(N), N > 0 -> keydelete_1(Key, N, List).

keydelete_1(Key, N, [Tuple | Tail]) when element(N, Tuple) == Key -> Tail;
keydelete_1(Key, N, [Head | Tail]) -> [Head | keydelete_1(Key, N, Tail)];
keydelete_1(_, _, []) -> [].

keyreplace(Key, N, List, New) when is_integer(N), N > 0, is_tuple(New) ->
    keyreplace_1(Key, N, List, New).

keyreplace_1(Key, N, [Tuple | Tail], New) when element(N, Tuple) == Key ->
    [New | Tail];
keyreplace_1(Key, N, [Head | Tail], New) -> [Head | keyreplace_1(Key, N, Tail, New)];
keyreplace_1(_, _, [], _) -> [].

keystore(Key, N, List, New) when is_integer(N), N > 0, is_tuple(New) ->
    keystore_1(Key, N, List, New).

keystore_1(Key, N, [Tuple | Tail], New) when element(N, Tuple) == Key ->
    [New | Tail];
keystore_1(Key, N, [Head | Tail], New) -> [Head | keystore_1(Key, N, Tail, New)];
keystore_1(_, _, [], New) -> [New].

keytake(Key, N, List) when is_integer(N), N > 0 -> keytake_1(Key, N, List, []).

keytake_1(Key, N, [Tuple | Tail], Seen) when element(N, Tuple) == Key ->
    {value, Tuple, lists:reverse(Seen, Tail)};
keytake_1(Key, N, [Head | Tail], Seen) -> keytake_1(Key, N, Tail, [Head | Seen]);
keytake_1(_, _, [], _) -> false.

keymap(Fun, N, [Tuple | Tail]) ->
    New = setelement(N, Tuple, Fun(element(N, Tuple))),
    [New | keymap(Fun, N, Tail)];
keymap(Fun, N, []) when is_function(Fun, 1), is_integer(N), N > 0 -> [].

%%% ------------------------------------------------------------------
%%% Higher-order functions
%%% ------------------------------------------------------------------

%% all/2, any/2, map/2 and foldl/3 check that the list argument is a
%% list with a case expression ({case_clause, Arg} otherwise), while
%% the other functions fail with function_clause; that is OTP's behaviour.

all(Pred, List) when is_function(Pred, 1) ->
    case List of
        [_ | _] -> all_1(Pred, List);
        [] -> true
    end.

all_1(Pred, [Head | Tail]) ->
    case Pred(Head) of
        true -> all_1(Pred, Tail);
        false -> false
    end;
all_1(_, []) -> true.

any(Pred, List) when is_function(Pred, 1) ->
    case List of
        [_ | _] -> any_1(Pred, List);
        [] -> false
    end.

any_1(Pred, [Head | Tail]) ->
    case Pred(Head) of
        true -> true;
        false -> any_1(Pred, Tail)
    end;
any_1(_, []) -> false.

map(Fun, List) when is_function(Fun, 1) ->
    case List of
        [_ | _] -> map_1(Fun, List);
        [] -> []
    end.

map_1(Fun, [Head | Tail]) ->
    New = Fun(Head),
    [New | map_1(Fun, Tail)];
map_1(_, []) -> [].

flatmap(Fun, List) when is_function(Fun, 1) -> flatmap_1(Fun, List).

flatmap_1(Fun, [Head | Tail]) ->
    Part = Fun(Head),
    Part ++ flatmap_1(Fun, Tail);
flatmap_1(_, []) -> [].

foldl(Fun, Acc, List) when is_function(Fun, 2) ->
    case List of
        [Head | Tail] -> foldl_1(Fun, Fun(Head, Acc), Tail);
        [] -> Acc
    end.

foldl_1(Fun, Acc, [Head | Tail]) -> foldl_1(Fun, Fun(Head, Acc), Tail);
foldl_1(_, Acc, []) -> Acc.

foldr(Fun, Acc, List) when is_function(Fun, 2) -> foldr_1(Fun, Acc, List).

foldr_1(Fun, Acc, [Head | Tail]) -> Fun(Head, foldr_1(Fun, Acc, Tail));
foldr_1(_, Acc, []) -> Acc.

foreach(Fun, List) when is_function(Fun, 1) -> foreach_1(Fun, List).

foreach_1(Fun, [Head | Tail]) ->
    Fun(Head),
    foreach_1(Fun, Tail);
foreach_1(_, []) -> ok.

filter(Pred, List) when is_function(Pred, 1) ->
    [Elem || Elem <- List, Pred(Elem)].

filtermap(Fun, List) when is_function(Fun, 1) -> filtermap_1(Fun, List).

filtermap_1(Fun, [Head | Tail]) ->
    case Fun(Head) of
        false -> filtermap_1(Fun, Tail);
        true -> [Head | filtermap_1(Fun, Tail)];
        {true, Value} -> [Value | filtermap_1(Fun, Tail)]
    end;
filtermap_1(_, []) -> [].

zf(Fun, List) -> filtermap(Fun, List).

mapfoldl(Fun, Acc, List) when is_function(Fun, 2) -> mapfoldl_1(Fun, Acc, List).

mapfoldl_1(Fun, Acc0, [Head | Tail]) ->
    {New, Acc1} = Fun(Head, Acc0),
    {Rest, Acc} = mapfoldl_1(Fun, Acc1, Tail),
    {[New | Rest], Acc};
mapfoldl_1(_, Acc, []) -> {[], Acc}.

mapfoldr(Fun, Acc, List) when is_function(Fun, 2) -> mapfoldr_1(Fun, Acc, List).

mapfoldr_1(Fun, Acc0, [Head | Tail]) ->
    {Rest, Acc1} = mapfoldr_1(Fun, Acc0, Tail),
    {New, Acc} = Fun(Head, Acc1),
    {[New | Rest], Acc};
mapfoldr_1(_, Acc, []) -> {[], Acc}.

partition(Pred, List) when is_function(Pred, 1) -> partition(Pred, List, [], []).

partition(Pred, [Head | Tail], Yes, No) ->
    case Pred(Head) of
        true -> partition(Pred, Tail, [Head | Yes], No);
        false -> partition(Pred, Tail, Yes, [Head | No])
    end;
partition(_, [], Yes, No) ->
    {reverse(Yes), reverse(No)}.

search(Pred, List) when is_function(Pred, 1) -> search_1(Pred, List).

search_1(Pred, [Head | Tail]) ->
    case Pred(Head) of
        true -> {value, Head};
        false -> search_1(Pred, Tail)
    end;
search_1(_, []) -> false.

takewhile(Pred, List) when is_function(Pred, 1) -> takewhile_1(Pred, List).

takewhile_1(Pred, [Head | Tail]) ->
    case Pred(Head) of
        true -> [Head | takewhile_1(Pred, Tail)];
        false -> []
    end;
takewhile_1(_, []) -> [].

dropwhile(Pred, List) when is_function(Pred, 1) -> dropwhile_1(Pred, List).

dropwhile_1(Pred, [Head | Tail] = List) ->
    case Pred(Head) of
        true -> dropwhile_1(Pred, Tail);
        false -> List
    end;
dropwhile_1(_, []) -> [].

splitwith(Pred, List) when is_function(Pred, 1) -> splitwith(Pred, List, []).

splitwith(Pred, [Head | Tail], Taken) ->
    case Pred(Head) of
        true -> splitwith(Pred, Tail, [Head | Taken]);
        false -> {reverse(Taken), [Head | Tail]}
    end;
splitwith(_, [], Taken) -> {reverse(Taken), []}.

uniq(List) -> uniq_seen(List, #{}).

uniq_seen([Head | Tail], Seen) ->
    case is_map_key(Head, Seen) of
        true -> uniq_seen(Tail, Seen);
        false -> [Head | uniq_seen(Tail, Seen#{Head => true})]
    end;
uniq_seen([], _) -> [].

uniq(Fun, List) when is_function(Fun, 1) -> uniq_by(List, Fun, #{}).

uniq_by([Head | Tail], Fun, Seen) ->
    Key = Fun(Head),
    case is_map_key(Key, Seen) of
        true -> uniq_by(Tail, Fun, Seen);
        false -> [Head | uniq_by(Tail, Fun, Seen#{Key => true})]
    end;
uniq_by([], _, _) -> [].

%%% ------------------------------------------------------------------
%%% Zipping
%%% ------------------------------------------------------------------

zip([X | Xs], [Y | Ys]) -> [{X, Y} | zip(Xs, Ys)];
zip([], []) -> [].

zip3([X | Xs], [Y | Ys], [Z | Zs]) -> [{X, Y, Z} | zip3(Xs, Ys, Zs)];
zip3([], [], []) -> [].

zipwith(Fun, [X | Xs], [Y | Ys]) ->
    New = Fun(X, Y),
    [New | zipwith(Fun, Xs, Ys)];
zipwith(Fun, [], []) when is_function(Fun, 2) -> [].

zipwith3(Fun, [X | Xs], [Y | Ys], [Z | Zs]) ->
    New = Fun(X, Y, Z),
    [New | zipwith3(Fun, Xs, Ys, Zs)];
zipwith3(Fun, [], [], []) when is_function(Fun, 3) -> [].

unzip(Pairs) -> unzip(Pairs, [], []).

unzip([{X, Y} | Tail], Xs, Ys) -> unzip(Tail, [X | Xs], [Y | Ys]);
unzip([], Xs, Ys) -> {reverse(Xs), reverse(Ys)}.

unzip3(Triples) -> unzip3(Triples, [], [], []).

unzip3([{X, Y, Z} | Tail], Xs, Ys, Zs) -> unzip3(Tail, [X | Xs], [Y | Ys], [Z | Zs]);
unzip3([], Xs, Ys, Zs) -> {reverse(Xs), reverse(Ys), reverse(Zs)}.

%%% ------------------------------------------------------------------
%%% Sorting
%%%
%%% All sorts are stable bottom-up natural merge sorts.  The input is cut
%%% into ascending runs (non-decreasing runs are kept, strictly
%%% descending runs are reversed, which keeps stability).  Runs are then
%%% merged pairwise, level by level.  To avoid a reverse after every
%%% merge, levels alternate direction: an ascending level merges its
%%% runs into descending (reversed) runs, and the next level merges
%%% descending runs into ascending ones.  When merging descending runs,
%%% ties are taken from the *later* run first, which yields exactly the
%%% reverse of the stable ascending merge.
%%%
%%% Three orderings are supported by specialised code:
%%%   * term order (`=<`), used by sort/1, usort/1, merge/2 ...
%%%   * key order on element N, used by keysort/2, ukeysort/2, keymerge/3
%%%   * a user ordering fun, used by sort/2, usort/2, merge/3 ...
%%% ------------------------------------------------------------------

sort([]) -> [];
sort([X]) -> [X];
sort([_, _ | _] = List) -> merge_levels_t(runs_t(List, []), asc).

sort(Fun, []) when is_function(Fun, 2) -> [];
sort(Fun, [X]) when is_function(Fun, 2) -> [X];
sort(Fun, [_, _ | _] = List) ->
    merge_levels_f(runs_f(List, Fun, []), asc, Fun).

usort([]) -> [];
usort([X]) -> [X];
usort([_, _ | _] = List) -> dedup_t(sort(List)).

usort(Fun, []) when is_function(Fun, 2) -> [];
usort(Fun, [X]) when is_function(Fun, 2) -> [X];
usort(Fun, [_, _ | _] = List) when is_function(Fun, 2) ->
    dedup_f(sort(Fun, List), Fun).

keysort(N, List) when is_integer(N), N > 0 ->
    case List of
        [] -> [];
        [_] -> List;
        [_, _ | _] -> merge_levels_k(runs_k(List, N, []), asc, N);
        _ -> erlang:error({case_clause, List})
    end.

ukeysort(N, List) when is_integer(N), N > 0 ->
    case List of
        [] -> [];
        [_] -> List;
        [_, _ | _] -> dedup_k(keysort(N, List), N);
        _ -> erlang:error({case_clause, List})
    end.

%% Remove elements equal to their predecessor (the first one is kept).
dedup_t([X | Tail]) -> [X | dedup_t(X, Tail)];
dedup_t([]) -> [].

dedup_t(Prev, [X | Tail]) when X == Prev -> dedup_t(Prev, Tail);
dedup_t(_, [X | Tail]) -> [X | dedup_t(X, Tail)];
dedup_t(_, []) -> [].

dedup_k([X | Tail], N) -> [X | dedup_k(element(N, X), Tail, N)];
dedup_k([], _) -> [].

dedup_k(Key, [X | Tail], N) ->
    case element(N, X) of
        K when K == Key -> dedup_k(Key, Tail, N);
        K -> [X | dedup_k(K, Tail, N)]
    end;
dedup_k(_, [], _) -> [].

%% In a list sorted by Fun, X equals its predecessor Prev when Fun(X, Prev).
dedup_f([X | Tail], Fun) -> [X | dedup_f(X, Tail, Fun)];
dedup_f([], _) -> [].

dedup_f(Prev, [X | Tail], Fun) ->
    case Fun(X, Prev) of
        true -> dedup_f(Prev, Tail, Fun);
        false -> [X | dedup_f(X, Tail, Fun)]
    end;
dedup_f(_, [], _) -> [].

%% --- term order -----------------------------------------------------

%% runs_t(List, Runs): cuts List into ascending runs; returns them in order.
runs_t([X, Y | Tail], Runs) when X =< Y -> asc_run_t(Tail, Y, [X], Runs);
runs_t([X, Y | Tail], Runs) -> desc_run_t(Tail, Y, [X], Runs);
runs_t([X], Runs) -> lists:reverse(Runs, [[X]]);
runs_t([], Runs) -> reverse(Runs).

%% Rev holds the run so far, reversed; Last is its last element.
asc_run_t([X | Tail], Last, Rev, Runs) when Last =< X ->
    asc_run_t(Tail, X, [Last | Rev], Runs);
asc_run_t(Tail, Last, Rev, Runs) ->
    runs_t(Tail, [lists:reverse(Rev, [Last]) | Runs]).

%% Acc holds the strictly descending run so far in ascending order.
desc_run_t([X | Tail], Last, Acc, Runs) when Last > X ->
    desc_run_t(Tail, X, [Last | Acc], Runs);
desc_run_t(Tail, Last, Acc, Runs) ->
    runs_t(Tail, [[Last | Acc] | Runs]).

%% Dir tells whether the runs are ascending or descending.
merge_levels_t([Run], asc) -> Run;
merge_levels_t([Run], desc) -> reverse(Run);
merge_levels_t(Runs, asc) -> merge_levels_t(pairs_asc_t(Runs, []), desc);
merge_levels_t(Runs, desc) -> merge_levels_t(pairs_desc_t(Runs, []), asc).

pairs_asc_t([A, B | Rest], Acc) -> pairs_asc_t(Rest, [merge_asc_t(A, B, []) | Acc]);
pairs_asc_t([A], Acc) -> lists:reverse(Acc, [reverse(A)]);
pairs_asc_t([], Acc) -> reverse(Acc).

pairs_desc_t([A, B | Rest], Acc) -> pairs_desc_t(Rest, [merge_desc_t(A, B, []) | Acc]);
pairs_desc_t([A], Acc) -> lists:reverse(Acc, [reverse(A)]);
pairs_desc_t([], Acc) -> reverse(Acc).

%% Merges two ascending lists; the result (in Acc) is descending.
%% On ties the element of the first list goes first.
merge_asc_t([X | Xs] = L1, [Y | Ys] = L2, Acc) ->
    if
        X =< Y -> merge_asc_t(Xs, L2, [X | Acc]);
        true -> merge_asc_t(L1, Ys, [Y | Acc])
    end;
merge_asc_t([], L2, Acc) -> lists:reverse(L2, Acc);
merge_asc_t(L1, [], Acc) -> lists:reverse(L1, Acc).

%% Merges two descending lists; the result (in Acc) is ascending.
%% On ties the element of the second list goes first.
merge_desc_t([X | Xs] = L1, [Y | Ys] = L2, Acc) ->
    if
        X > Y -> merge_desc_t(Xs, L2, [X | Acc]);
        true -> merge_desc_t(L1, Ys, [Y | Acc])
    end;
merge_desc_t([], L2, Acc) -> lists:reverse(L2, Acc);
merge_desc_t(L1, [], Acc) -> lists:reverse(L1, Acc).

%% --- key order ------------------------------------------------------

runs_k([X, Y | Tail], N, Runs) ->
    KX = element(N, X),
    KY = element(N, Y),
    if
        KX =< KY -> asc_run_k(Tail, Y, KY, [X], N, Runs);
        true -> desc_run_k(Tail, Y, KY, [X], N, Runs)
    end;
runs_k([X], _, Runs) -> lists:reverse(Runs, [[X]]);
runs_k([], _, Runs) -> reverse(Runs).

asc_run_k([X | Tail] = List, Last, LastKey, Rev, N, Runs) ->
    Key = element(N, X),
    if
        LastKey =< Key -> asc_run_k(Tail, X, Key, [Last | Rev], N, Runs);
        true -> runs_k(List, N, [lists:reverse(Rev, [Last]) | Runs])
    end;
asc_run_k([], Last, _, Rev, N, Runs) ->
    runs_k([], N, [lists:reverse(Rev, [Last]) | Runs]).

desc_run_k([X | Tail] = List, Last, LastKey, Acc, N, Runs) ->
    Key = element(N, X),
    if
        LastKey > Key -> desc_run_k(Tail, X, Key, [Last | Acc], N, Runs);
        true -> runs_k(List, N, [[Last | Acc] | Runs])
    end;
desc_run_k([], Last, _, Acc, N, Runs) ->
    runs_k([], N, [[Last | Acc] | Runs]).

merge_levels_k([Run], asc, _) -> Run;
merge_levels_k([Run], desc, _) -> reverse(Run);
merge_levels_k(Runs, asc, N) -> merge_levels_k(pairs_asc_k(Runs, N, []), desc, N);
merge_levels_k(Runs, desc, N) -> merge_levels_k(pairs_desc_k(Runs, N, []), asc, N).

pairs_asc_k([A, B | Rest], N, Acc) ->
    pairs_asc_k(Rest, N, [merge_asc_k(A, B, N, []) | Acc]);
pairs_asc_k([A], _, Acc) -> lists:reverse(Acc, [reverse(A)]);
pairs_asc_k([], _, Acc) -> reverse(Acc).

pairs_desc_k([A, B | Rest], N, Acc) ->
    pairs_desc_k(Rest, N, [merge_desc_k(A, B, N, []) | Acc]);
pairs_desc_k([A], _, Acc) -> lists:reverse(Acc, [reverse(A)]);
pairs_desc_k([], _, Acc) -> reverse(Acc).

merge_asc_k([X | Xs] = L1, [Y | Ys] = L2, N, Acc) ->
    case element(N, X) =< element(N, Y) of
        true -> merge_asc_k(Xs, L2, N, [X | Acc]);
        false -> merge_asc_k(L1, Ys, N, [Y | Acc])
    end;
merge_asc_k([], L2, _, Acc) -> lists:reverse(L2, Acc);
merge_asc_k(L1, [], _, Acc) -> lists:reverse(L1, Acc).

merge_desc_k([X | Xs] = L1, [Y | Ys] = L2, N, Acc) ->
    case element(N, X) > element(N, Y) of
        true -> merge_desc_k(Xs, L2, N, [X | Acc]);
        false -> merge_desc_k(L1, Ys, N, [Y | Acc])
    end;
merge_desc_k([], L2, _, Acc) -> lists:reverse(L2, Acc);
merge_desc_k(L1, [], _, Acc) -> lists:reverse(L1, Acc).

%% --- ordering fun ---------------------------------------------------
%% Fun(A, B) is true when A sorts before or equal to B.

runs_f([X, Y | Tail], Fun, Runs) ->
    case Fun(X, Y) of
        true -> asc_run_f(Tail, Y, [X], Fun, Runs);
        false -> desc_run_f(Tail, Y, [X], Fun, Runs)
    end;
runs_f([X], _, Runs) -> lists:reverse(Runs, [[X]]);
runs_f([], _, Runs) -> reverse(Runs).

asc_run_f([X | Tail] = List, Last, Rev, Fun, Runs) ->
    case Fun(Last, X) of
        true -> asc_run_f(Tail, X, [Last | Rev], Fun, Runs);
        false -> runs_f(List, Fun, [lists:reverse(Rev, [Last]) | Runs])
    end;
asc_run_f([], Last, Rev, Fun, Runs) ->
    runs_f([], Fun, [lists:reverse(Rev, [Last]) | Runs]).

desc_run_f([X | Tail] = List, Last, Acc, Fun, Runs) ->
    case Fun(Last, X) of
        false -> desc_run_f(Tail, X, [Last | Acc], Fun, Runs);
        true -> runs_f(List, Fun, [[Last | Acc] | Runs])
    end;
desc_run_f([], Last, Acc, Fun, Runs) ->
    runs_f([], Fun, [[Last | Acc] | Runs]).

merge_levels_f([Run], asc, _) -> Run;
merge_levels_f([Run], desc, _) -> reverse(Run);
merge_levels_f(Runs, asc, Fun) -> merge_levels_f(pairs_asc_f(Runs, Fun, []), desc, Fun);
merge_levels_f(Runs, desc, Fun) -> merge_levels_f(pairs_desc_f(Runs, Fun, []), asc, Fun).

pairs_asc_f([A, B | Rest], Fun, Acc) ->
    pairs_asc_f(Rest, Fun, [merge_asc_f(A, B, Fun, []) | Acc]);
pairs_asc_f([A], _, Acc) -> lists:reverse(Acc, [reverse(A)]);
pairs_asc_f([], _, Acc) -> reverse(Acc).

pairs_desc_f([A, B | Rest], Fun, Acc) ->
    pairs_desc_f(Rest, Fun, [merge_desc_f(A, B, Fun, []) | Acc]);
pairs_desc_f([A], _, Acc) -> lists:reverse(Acc, [reverse(A)]);
pairs_desc_f([], _, Acc) -> reverse(Acc).

merge_asc_f([X | Xs] = L1, [Y | Ys] = L2, Fun, Acc) ->
    case Fun(X, Y) of
        true -> merge_asc_f(Xs, L2, Fun, [X | Acc]);
        false -> merge_asc_f(L1, Ys, Fun, [Y | Acc])
    end;
merge_asc_f([], L2, _, Acc) -> lists:reverse(L2, Acc);
merge_asc_f(L1, [], _, Acc) -> lists:reverse(L1, Acc).

merge_desc_f([X | Xs] = L1, [Y | Ys] = L2, Fun, Acc) ->
    case Fun(X, Y) of
        false -> merge_desc_f(Xs, L2, Fun, [X | Acc]);
        true -> merge_desc_f(L1, Ys, Fun, [Y | Acc])
    end;
merge_desc_f([], L2, _, Acc) -> lists:reverse(L2, Acc);
merge_desc_f(L1, [], _, Acc) -> lists:reverse(L1, Acc).

%%% ------------------------------------------------------------------
%%% Merging of sorted lists
%%%
%%% merge: on ties the element from the earlier list is taken first.
%%% umerge: on ties the element from the earlier list is kept and the
%%% other dropped.  The r* variants work on descending lists.
%%% ------------------------------------------------------------------

merge(L1, []) -> L1;
merge(L1, [_ | _] = L2) when is_list(L1) -> reverse(merge_asc_t(L1, L2, [])).

merge(Fun, L1, []) when is_function(Fun, 2) -> L1;
merge(Fun, L1, [_ | _] = L2) when is_function(Fun, 2), is_list(L1) ->
    reverse(merge_asc_f(L1, L2, Fun, [])).

%% Merging the last two first keeps the order of ties (L1, L2, L3) and
%% checks L3 before the others, as OTP does.
merge3(L1, L2, L3) -> merge(L1, merge(L2, L3)).

merge(Lists) when is_list(Lists) -> merge_all(Lists).

merge_all([]) -> [];
merge_all([L]) -> L;
merge_all(Lists) -> merge_all(merge_pairs(Lists)).

merge_pairs([A, B | Rest]) -> [merge(A, B) | merge_pairs(Rest)];
merge_pairs([A]) -> [A];
merge_pairs([]) -> [].

%% keymerge/rkeymerge/rukeymerge look at L2 first; ukeymerge at L1 first.
%% A non-list where a list is expected fails as in OTP: {case_clause, L}
%% for the list looked at first, function_clause for the other.
keymerge(N, L1, L2) when is_integer(N), N > 0 ->
    case L2 of
        [] -> L1;
        [H2 | _] ->
            _ = element(N, H2),
            case L1 of
                [_ | _] -> reverse(merge_asc_k(L1, L2, N, []));
                [] -> L2;
                _ -> erlang:error(function_clause, [N, L1, L2])
            end;
        _ -> erlang:error({case_clause, L2})
    end.

rkeymerge(N, L1, L2) when is_integer(N), N > 0 ->
    case L2 of
        [] -> L1;
        [H2 | _] ->
            _ = element(N, H2),
            case L1 of
                [_ | _] -> reverse(merge_desc_k(L1, L2, N, []));
                [] -> L2;
                _ -> erlang:error(function_clause, [N, L1, L2])
            end;
        _ -> erlang:error({case_clause, L2})
    end.

%% The u* merges drop an element of the later list that equals (compares
%% equal to) the current one of the earlier list.  They build the result
%% reversed in Acc; when one list runs out the other is reversed onto Acc,
%% which fails with badarg on an improper list, as in OTP.
umerge([], L2) -> L2;
umerge([_ | _] = L1, L2) -> reverse(umerge_t(L1, L2, [])).

umerge_t([X | Xs] = L1, [Y | Ys] = L2, Acc) ->
    if
        X < Y -> umerge_t(Xs, L2, [X | Acc]);
        X == Y -> umerge_t(Xs, Ys, [X | Acc]);
        true -> umerge_t(L1, Ys, [Y | Acc])
    end;
umerge_t([], L2, Acc) -> lists:reverse(L2, Acc);
umerge_t(L1, [], Acc) -> lists:reverse(L1, Acc).

umerge(Fun, [], L2) when is_function(Fun, 2) -> L2;
umerge(Fun, [_ | _] = L1, L2) when is_function(Fun, 2) ->
    reverse(umerge_f(L1, L2, Fun, [])).

%% Fun(A, B) and Fun(B, A) both true means A and B are equal.
umerge_f([X | Xs] = L1, [Y | Ys] = L2, Fun, Acc) ->
    case Fun(X, Y) of
        true ->
            case Fun(Y, X) of
                true -> umerge_f(Xs, Ys, Fun, [X | Acc]);
                false -> umerge_f(Xs, L2, Fun, [X | Acc])
            end;
        false -> umerge_f(L1, Ys, Fun, [Y | Acc])
    end;
umerge_f([], L2, _, Acc) -> lists:reverse(L2, Acc);
umerge_f(L1, [], _, Acc) -> lists:reverse(L1, Acc).

umerge3(L1, L2, L3) -> umerge(umerge(L1, L2), L3).

umerge(Lists) when is_list(Lists) -> umerge_all(Lists).

umerge_all([]) -> [];
umerge_all([L]) -> L;
umerge_all(Lists) -> umerge_all(umerge_pairs(Lists)).

umerge_pairs([A, B | Rest]) -> [umerge(A, B) | umerge_pairs(Rest)];
umerge_pairs([A]) -> [A];
umerge_pairs([]) -> [].

ukeymerge(N, L1, L2) when is_integer(N), N > 0 ->
    case L1 of
        [] -> L2;
        [H1 | _] ->
            _ = element(N, H1),
            case L2 of
                [] -> L1;
                [_ | _] -> reverse(ukeymerge_k(L1, L2, N, []));
                _ -> erlang:error(function_clause, [N, L1, L2])
            end;
        _ -> erlang:error({case_clause, L1})
    end.

ukeymerge_k([X | Xs] = L1, [Y | Ys] = L2, N, Acc) ->
    KX = element(N, X),
    KY = element(N, Y),
    if
        KX < KY -> ukeymerge_k(Xs, L2, N, [X | Acc]);
        KX == KY -> ukeymerge_k(Xs, Ys, N, [X | Acc]);
        true -> ukeymerge_k(L1, Ys, N, [Y | Acc])
    end;
ukeymerge_k([], L2, _, Acc) -> lists:reverse(L2, Acc);
ukeymerge_k(L1, [], _, Acc) -> lists:reverse(L1, Acc).

rukeymerge(N, L1, L2) when is_integer(N), N > 0 ->
    case L2 of
        [] -> L1;
        [H2 | _] ->
            _ = element(N, H2),
            case L1 of
                [_ | _] -> reverse(rukeymerge_k(L1, L2, N, []));
                [] -> L2;
                _ -> erlang:error(function_clause, [N, L1, L2])
            end;
        _ -> erlang:error({case_clause, L2})
    end.

rukeymerge_k([X | Xs] = L1, [Y | Ys] = L2, N, Acc) ->
    KX = element(N, X),
    KY = element(N, Y),
    if
        KX > KY -> rukeymerge_k(Xs, L2, N, [X | Acc]);
        KX == KY -> rukeymerge_k(Xs, Ys, N, [X | Acc]);
        true -> rukeymerge_k(L1, Ys, N, [Y | Acc])
    end;
rukeymerge_k([], L2, _, Acc) -> lists:reverse(L2, Acc);
rukeymerge_k(L1, [], _, Acc) -> lists:reverse(L1, Acc).

%% Descending variants (lists sorted in reverse order).  Merging takes
%% the element of the second list first on ties; the u* variants keep the
%% element of the first list.  rmerge/rumerge look at L2 first.

rmerge(L1, []) -> L1;
rmerge(L1, [_ | _] = L2) when is_list(L1) -> reverse(merge_desc_t(L1, L2, [])).

rmerge(Fun, L1, []) when is_function(Fun, 2) -> L1;
rmerge(Fun, L1, [_ | _] = L2) when is_function(Fun, 2), is_list(L1) ->
    reverse(merge_desc_f(L1, L2, Fun, [])).

rmerge3(L1, L2, L3) -> rmerge(L1, rmerge(L2, L3)).

rumerge(L1, []) -> L1;
rumerge([], [_ | _] = L2) -> L2;
rumerge([_ | _] = L1, [_ | _] = L2) -> reverse(rumerge_t(L1, L2, [])).

rumerge_t([X | Xs] = L1, [Y | Ys] = L2, Acc) ->
    if
        X > Y -> rumerge_t(Xs, L2, [X | Acc]);
        X == Y -> rumerge_t(Xs, Ys, [X | Acc]);
        true -> rumerge_t(L1, Ys, [Y | Acc])
    end;
rumerge_t([], L2, Acc) -> lists:reverse(L2, Acc);
rumerge_t(L1, [], Acc) -> lists:reverse(L1, Acc).

%% Fun is the ordering the lists are sorted in reverse of: umerge with
%% the arguments of Fun swapped.
rumerge(Fun, L1, []) when is_function(Fun, 2) -> L1;
rumerge(Fun, [], [_ | _] = L2) when is_function(Fun, 2) -> L2;
rumerge(Fun, [_ | _] = L1, [_ | _] = L2) when is_function(Fun, 2) ->
    reverse(umerge_f(L1, L2, fun(A, B) -> Fun(B, A) end, [])).

rumerge3(L1, L2, L3) -> rumerge(rumerge(L1, L2), L3).
