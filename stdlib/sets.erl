%% girder stdlib: sets
%%
%% Written for girder from the documented behaviour of OTP 25's `sets`
%% module.  Elements match exactly (=:=).  Two representations:
%%
%% - version 1, the default in OTP 25: a linear hash table laid out as
%%   dict's (see dict.erl), with buckets that are lists of elements, the
%%   newest first:
%%       {set, Size, N, MaxN, Bso, ExpSize, ConSize, Empty, Segs}
%% - version 2 (new([{version, 2}]), from_list(L, [{version, 2}])): a map
%%   with each element as a key and [] as its value.
%%
%% Operations on two sets of different versions work; union adds the
%% smaller set's elements to the bigger one, intersection filters the
%% smaller one, subtract filters the first, so the result has the version
%% of the set it was built from.
-module(sets).

-compile({no_auto_import, [size/1]}).

-export([add_element/2, del_element/2, filter/2, fold/3, from_list/1,
         from_list/2, intersection/1, intersection/2, is_disjoint/2,
         is_element/2, is_empty/1, is_set/1, is_subset/2, new/0, new/1,
         size/1, subtract/2, to_list/1, union/1, union/2]).

-define(SEG_SIZE, 16).
-define(EXPAND_LOAD, 5).
-define(CONTRACT_LOAD, 3).

-record(set, {size = 0, n = ?SEG_SIZE, maxn = ?SEG_SIZE, bso = ?SEG_SIZE div 2,
              exp_size = ?SEG_SIZE * ?EXPAND_LOAD,
              con_size = ?SEG_SIZE * ?CONTRACT_LOAD, empty, segs}).

new() ->
    Empty = erlang:make_tuple(?SEG_SIZE, []),
    #set{empty = Empty, segs = {Empty}}.

new(Options) ->
    case proplists:get_value(version, Options, 1) of
        1 -> new();
        2 -> #{}
    end.

from_list(List) -> lists:foldl(fun add_element/2, new(), List).

from_list(List, Options) ->
    case proplists:get_value(version, Options, 1) of
        1 -> from_list(List);
        2 -> lists:foldl(fun(E, M) -> M#{E => []} end, #{}, List)
    end.

is_set(#{}) -> true;
is_set(#set{}) -> true;
is_set(_) -> false.

size(#{} = S) -> map_size(S);
size(#set{size = Size}) -> Size.

is_empty(#{} = S) -> map_size(S) =:= 0;
is_empty(#set{size = Size}) -> Size =:= 0.

to_list(#{} = S) -> maps:keys(S);
to_list(#set{} = S) -> fold(fun(E, Acc) -> [E | Acc] end, [], S).

is_element(E, #{} = S) ->
    case S of
        #{E := _} -> true;
        _ -> false
    end;
is_element(E, #set{} = S) -> lists:member(E, bucket(S, slot(S, E))).

add_element(E, #{} = S) -> S#{E => []};
add_element(E, #set{} = S) ->
    Slot = slot(S, E),
    Bucket = bucket(S, Slot),
    case lists:member(E, Bucket) of
        true -> S;
        false -> grow(set_bucket(S, Slot, [E | Bucket]))
    end.

del_element(E, #{} = S) -> maps:remove(E, S);
del_element(E, #set{} = S) ->
    Slot = slot(S, E),
    {Bucket, Removed} = remove(E, bucket(S, Slot)),
    shrink(set_bucket(S, Slot, Bucket), Removed).

remove(E, [E | Bucket]) -> {Bucket, 1};
remove(E, [X | Bucket]) ->
    {Bucket1, Removed} = remove(E, Bucket),
    {[X | Bucket1], Removed};
remove(_, []) -> {[], 0}.

union(#{} = S1, #{} = S2) -> maps:merge(S1, S2);
union(S1, S2) ->
    case size(S1) < size(S2) of
        true -> fold(fun add_element/2, S2, S1);
        false -> fold(fun add_element/2, S1, S2)
    end.

union([S1, S2 | Sets]) -> union_all(union(S1, S2), Sets);
union([S]) -> S;
union([]) -> new().

union_all(Acc, [S | Sets]) -> union_all(union(Acc, S), Sets);
union_all(Acc, []) -> Acc.

intersection(S1, S2) ->
    case size(S1) < size(S2) of
        true -> filter(fun(E) -> is_element(E, S2) end, S1);
        false -> filter(fun(E) -> is_element(E, S1) end, S2)
    end.

intersection([S1, S2 | Sets]) -> intersection_all(intersection(S1, S2), Sets);
intersection([S]) -> S.

intersection_all(Acc, [S | Sets]) -> intersection_all(intersection(Acc, S), Sets);
intersection_all(Acc, []) -> Acc.

is_disjoint(S1, S2) ->
    {Small, Big} =
        case size(S1) < size(S2) of
            true -> {S1, S2};
            false -> {S2, S1}
        end,
    fold(fun(_, false) -> false;
            (E, true) -> not is_element(E, Big)
         end, true, Small).

subtract(S1, S2) -> filter(fun(E) -> not is_element(E, S2) end, S1).

is_subset(S1, S2) ->
    fold(fun(_, false) -> false;
            (E, true) -> is_element(E, S2)
         end, true, S1).

fold(Fun, Acc, #{} = S) when is_function(Fun, 2) ->
    maps:fold(fun(E, _, A) -> Fun(E, A) end, Acc, S);
fold(Fun, Acc, #set{segs = Segs}) when is_function(Fun, 2) ->
    fold_segs(Fun, Acc, Segs, tuple_size(Segs)).

%% Buckets from the last to the first, each from its first element.
fold_segs(Fun, Acc, Segs, I) when I >= 1 ->
    Seg = element(I, Segs),
    fold_segs(Fun, fold_seg(Fun, Acc, Seg, tuple_size(Seg)), Segs, I - 1);
fold_segs(_, Acc, _, _) -> Acc.

fold_seg(Fun, Acc, Seg, I) when I >= 1 ->
    fold_seg(Fun, lists:foldl(Fun, Acc, element(I, Seg)), Seg, I - 1);
fold_seg(_, Acc, _, _) -> Acc.

filter(Pred, #{} = S) when is_function(Pred, 1) ->
    maps:from_list([{E, []} || E <- maps:keys(S), Pred(E)]);
filter(Pred, #set{segs = Segs} = S) when is_function(Pred, 1) ->
    {Segs1, Removed} = filter_segs(Pred, tuple_to_list(Segs), [], 0),
    shrink(S#set{segs = list_to_tuple(Segs1)}, Removed).

filter_segs(Pred, [Seg | Segs], Acc, Removed) ->
    {Buckets, Removed1} = filter_buckets(Pred, tuple_to_list(Seg), [], Removed),
    filter_segs(Pred, Segs, [list_to_tuple(Buckets) | Acc], Removed1);
filter_segs(_, [], Acc, Removed) -> {lists:reverse(Acc), Removed}.

%% A filtered bucket comes out reversed.
filter_buckets(Pred, [B | Bs], Acc, Removed) ->
    Kept = lists:reverse([E || E <- B, Pred(E)]),
    filter_buckets(Pred, Bs, [Kept | Acc], Removed + length(B) - length(Kept));
filter_buckets(_, [], Acc, Removed) -> {lists:reverse(Acc), Removed}.

%% ---- the hash table (as in dict.erl) --------------------------------------

slot(#set{maxn = MaxN, n = N, bso = Bso}, E) ->
    case erlang:phash(E, MaxN) of
        H when H > N -> H - Bso;
        H -> H
    end.

bucket(#set{segs = Segs}, Slot) ->
    element((Slot - 1) rem ?SEG_SIZE + 1, element((Slot - 1) div ?SEG_SIZE + 1, Segs)).

set_bucket(#set{segs = Segs} = S, Slot, Bucket) ->
    S#set{segs = put_bucket(Segs, Slot, Bucket)}.

put_bucket(Segs, Slot, Bucket) ->
    SegI = (Slot - 1) div ?SEG_SIZE + 1,
    Seg = element(SegI, Segs),
    setelement(SegI, Segs, setelement((Slot - 1) rem ?SEG_SIZE + 1, Seg, Bucket)).

%% One element was added.
grow(#set{size = Size, exp_size = ExpSize} = S) when Size + 1 > ExpSize ->
    #set{n = N0, maxn = MaxN0, bso = Bso0, segs = Segs0, empty = Empty} = S,
    N = N0 + 1,
    {MaxN, Bso, Segs1} =
        if
            N > MaxN0 -> {2 * MaxN0, 2 * Bso0, double(Segs0, Empty)};
            true -> {MaxN0, Bso0, Segs0}
        end,
    From = N - Bso,
    {Stay, Move} = split_bucket(bucket(S#set{segs = Segs1}, From), From, MaxN),
    Segs = put_bucket(put_bucket(Segs1, From, Stay), N, Move),
    S#set{size = Size + 1, n = N, maxn = MaxN, bso = Bso,
          exp_size = N * ?EXPAND_LOAD, con_size = N * ?CONTRACT_LOAD, segs = Segs};
grow(#set{size = Size} = S) -> S#set{size = Size + 1}.

split_bucket([E | Bucket], From, MaxN) ->
    {Stay, Move} = split_bucket(Bucket, From, MaxN),
    case erlang:phash(E, MaxN) of
        From -> {[E | Stay], Move};
        _ -> {Stay, [E | Move]}
    end;
split_bucket([], _, _) -> {[], []}.

double(Segs, Empty) ->
    list_to_tuple(tuple_to_list(Segs) ++ lists:duplicate(tuple_size(Segs), Empty)).

shrink(#set{size = Size, con_size = ConSize, n = N} = S, Removed)
  when Size - Removed < ConSize, N > ?SEG_SIZE ->
    #set{maxn = MaxN, bso = Bso, segs = Segs0} = S,
    Into = N - Bso,
    Merged = bucket(S, Into) ++ bucket(S, N),
    Segs1 = put_bucket(put_bucket(Segs0, Into, Merged), N, []),
    N1 = N - 1,
    S1 = S#set{size = Size - Removed, n = N1,
               exp_size = N1 * ?EXPAND_LOAD, con_size = N1 * ?CONTRACT_LOAD},
    if
        N1 =:= Bso ->
            Half = tuple_size(Segs1) div 2,
            S1#set{maxn = MaxN div 2, bso = Bso div 2,
                   segs = list_to_tuple(lists:sublist(tuple_to_list(Segs1), Half))};
        true -> S1#set{segs = Segs1}
    end;
shrink(#set{size = Size} = S, Removed) -> S#set{size = Size - Removed}.
