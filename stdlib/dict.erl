%% girder stdlib: dict
%%
%% Written for girder from the documented behaviour of OTP 25's `dict`
%% module.  Keys match exactly (=:=), as in pattern matching.
%%
%% The representation is observable (a dict prints, =:= compares it, and
%% to_list/fold follow its bucket order), so it is OTP's linear hash table:
%%
%%     {dict, Size, N, MaxN, Bso, ExpSize, ConSize, Empty, Segs}
%%
%% Segs is a tuple of segments, each a tuple of 16 buckets; a bucket is a
%% list of [Key | Value] cells, oldest first.  N buckets are in use; a key
%% lives in bucket erlang:phash(Key, MaxN), or that minus Bso when the
%% result is past N.  When Size exceeds ExpSize (5 per bucket) bucket N+1
%% is split off bucket N+1-Bso (doubling MaxN, Bso and the segments when N
%% reaches MaxN); when Size falls below ConSize (3 per bucket) and more
%% than 16 buckets are in use, the last bucket is merged back.  Empty is an
%% empty segment, shared by the new segments of a doubling.
-module(dict).

-compile({no_auto_import, [size/1]}).

-export([append/3, append_list/3, erase/2, fetch/2, fetch_keys/1, filter/2,
         find/2, fold/3, from_list/1, is_empty/1, is_key/2, map/2, merge/3,
         new/0, size/1, store/3, take/2, to_list/1, update/3, update/4,
         update_counter/3]).

-define(SEG_SIZE, 16).
-define(EXPAND_LOAD, 5).
-define(CONTRACT_LOAD, 3).

-record(dict, {size = 0, n = ?SEG_SIZE, maxn = ?SEG_SIZE, bso = ?SEG_SIZE div 2,
               exp_size = ?SEG_SIZE * ?EXPAND_LOAD,
               con_size = ?SEG_SIZE * ?CONTRACT_LOAD, empty, segs}).

new() ->
    Empty = erlang:make_tuple(?SEG_SIZE, []),
    #dict{empty = Empty, segs = {Empty}}.

size(#dict{size = Size}) when is_integer(Size), Size >= 0 -> Size.

is_empty(#dict{size = Size}) -> Size =:= 0.

is_key(Key, D) -> has_key(Key, bucket(D, slot(D, Key))).

has_key(Key, [[Key | _] | _]) -> true;
has_key(Key, [_ | Bucket]) -> has_key(Key, Bucket);
has_key(_, []) -> false.

to_list(D) -> fold(fun(Key, Value, Acc) -> [{Key, Value} | Acc] end, [], D).

from_list(Pairs) -> lists:foldl(fun({Key, Value}, D) -> store(Key, Value, D) end, new(), Pairs).

fetch(Key, D) ->
    case lookup(Key, bucket(D, slot(D, Key))) of
        {ok, Value} -> Value;
        error -> erlang:error(badarg, [Key, D])
    end.

find(Key, D) -> lookup(Key, bucket(D, slot(D, Key))).

lookup(Key, [[Key | Value] | _]) -> {ok, Value};
lookup(Key, [_ | Bucket]) -> lookup(Key, Bucket);
lookup(_, []) -> error.

fetch_keys(D) -> fold(fun(Key, _, Acc) -> [Key | Acc] end, [], D).

erase(Key, D) ->
    {D1, Removed} = change_bucket(fun(B) -> remove(Key, B) end, D, slot(D, Key)),
    shrink(D1, Removed).

remove(Key, [[Key | _] | Bucket]) -> {Bucket, 1};
remove(Key, [Cell | Bucket]) ->
    {Bucket1, Removed} = remove(Key, Bucket),
    {[Cell | Bucket1], Removed};
remove(_, []) -> {[], 0}.

take(Key, D) ->
    Slot = slot(D, Key),
    case take_cell(Key, bucket(D, Slot)) of
        {Value, Bucket} -> {Value, shrink(set_bucket(D, Slot, Bucket), 1)};
        error -> error
    end.

take_cell(Key, [[Key | Value] | Bucket]) -> {Value, Bucket};
take_cell(Key, [Cell | Bucket]) ->
    case take_cell(Key, Bucket) of
        {Value, Bucket1} -> {Value, [Cell | Bucket1]};
        error -> error
    end;
take_cell(_, []) -> error.

store(Key, Value, D) ->
    put_cell(Key, fun(_) -> Value end, {new, Value}, D).

append(Key, Value, D) ->
    put_cell(Key, fun(Old) -> Old ++ [Value] end, {new, [Value]}, D).

append_list(Key, Values, D) ->
    put_cell(Key, fun(Old) -> Old ++ Values end, {new, Values}, D).

update(Key, Fun, D) ->
    Slot = slot(D, Key),
    case replace(Key, Fun, bucket(D, Slot)) of
        {Bucket, 0} -> set_bucket(D, Slot, Bucket);
        error -> erlang:error(badarg, [Key, Fun, D])
    end.

update(Key, Fun, Init, D) -> put_cell(Key, Fun, {new, Init}, D).

update_counter(Key, Incr, D) when is_number(Incr) ->
    put_cell(Key, fun(Old) -> Old + Incr end, {new, Incr}, D).

%% Replaces the value of Key with Fun(Old), or adds Key with the value of
%% Missing ({new, Value}) at the end of its bucket.
put_cell(Key, Fun, Missing, D) ->
    {D1, Added} = change_bucket(fun(B) -> replace_or_add(Key, Fun, Missing, B) end, D, slot(D, Key)),
    grow(D1, Added).

replace_or_add(Key, Fun, Missing, Bucket) ->
    case replace(Key, Fun, Bucket) of
        {Bucket1, 0} -> {Bucket1, 0};
        error ->
            {new, Value} = Missing,
            {Bucket ++ [[Key | Value]], 1}
    end.

replace(Key, Fun, [[Key | Value] | Bucket]) -> {[[Key | Fun(Value)] | Bucket], 0};
replace(Key, Fun, [Cell | Bucket]) ->
    case replace(Key, Fun, Bucket) of
        {Bucket1, 0} -> {[Cell | Bucket1], 0};
        error -> error
    end;
replace(_, _, []) -> error.

%% Buckets are visited from the last to the first, each from its first
%% cell to its last.  As on OTP, a bad Fun is a function_clause error
%% when the first bucket visited is empty, and a badfun error otherwise
%% (the same for map/2 and filter/2).
fold(Fun, Acc, #dict{segs = Segs}) ->
    fold_segs(Fun, Acc, Segs, tuple_size(Segs)).

fold_segs(Fun, Acc, Segs, I) when I >= 1 ->
    Seg = element(I, Segs),
    fold_segs(Fun, fold_seg(Fun, Acc, Seg, tuple_size(Seg)), Segs, I - 1);
fold_segs(_, Acc, _, _) -> Acc.

fold_seg(Fun, Acc, Seg, I) when I >= 1 ->
    fold_seg(Fun, fold_bucket(Fun, Acc, element(I, Seg)), Seg, I - 1);
fold_seg(_, Acc, _, _) -> Acc.

fold_bucket(Fun, Acc, [[Key | Value] | Bucket]) -> fold_bucket(Fun, Fun(Key, Value, Acc), Bucket);
fold_bucket(Fun, Acc, []) when is_function(Fun, 3) -> Acc.

map(Fun, #dict{segs = Segs} = D) ->
    D#dict{segs = map_tuple(fun(Seg) -> map_tuple(fun(B) -> map_bucket(Fun, B) end, Seg) end, Segs)}.

map_tuple(Fun, Tuple) -> list_to_tuple([Fun(X) || X <- tuple_to_list(Tuple)]).

map_bucket(Fun, [[Key | Value] | Bucket]) -> [[Key | Fun(Key, Value)] | map_bucket(Fun, Bucket)];
map_bucket(Fun, []) when is_function(Fun, 2) -> [].

filter(Pred, #dict{segs = Segs} = D) ->
    {Segs1, Removed} = filter_segs(Pred, tuple_to_list(Segs), [], 0),
    shrink(D#dict{segs = list_to_tuple(Segs1)}, Removed).

filter_segs(Pred, [Seg | Segs], Acc, Removed) ->
    {Buckets, Removed1} = filter_buckets(Pred, tuple_to_list(Seg), [], Removed),
    filter_segs(Pred, Segs, [list_to_tuple(Buckets) | Acc], Removed1);
filter_segs(_, [], Acc, Removed) -> {lists:reverse(Acc), Removed}.

filter_buckets(Pred, [B | Bs], Acc, Removed) ->
    {B1, Removed1} = filter_bucket(Pred, B, [], Removed),
    filter_buckets(Pred, Bs, [B1 | Acc], Removed1);
filter_buckets(_, [], Acc, Removed) -> {lists:reverse(Acc), Removed}.

filter_bucket(Pred, [[Key | Value] = Cell | Bucket], Acc, Removed) ->
    case Pred(Key, Value) of
        true -> filter_bucket(Pred, Bucket, [Cell | Acc], Removed);
        false -> filter_bucket(Pred, Bucket, Acc, Removed + 1)
    end;
filter_bucket(Pred, [], Acc, Removed) when is_function(Pred, 2) ->
    {lists:reverse(Acc), Removed}.

%% The smaller dict is folded into the bigger one (D2 when equal).
merge(Fun, D1, D2) when D1#dict.size < D2#dict.size ->
    fold(fun(K, V1, D) -> update(K, fun(V2) -> Fun(K, V1, V2) end, V1, D) end, D2, D1);
merge(Fun, D1, D2) ->
    fold(fun(K, V2, D) -> update(K, fun(V1) -> Fun(K, V1, V2) end, V2, D) end, D1, D2).

%% ---- the hash table ------------------------------------------------------

slot(#dict{maxn = MaxN, n = N, bso = Bso}, Key) ->
    case erlang:phash(Key, MaxN) of
        H when H > N -> H - Bso;
        H -> H
    end.

bucket(#dict{segs = Segs}, Slot) ->
    element((Slot - 1) rem ?SEG_SIZE + 1, element((Slot - 1) div ?SEG_SIZE + 1, Segs)).

set_bucket(#dict{segs = Segs} = D, Slot, Bucket) ->
    D#dict{segs = put_bucket(Segs, Slot, Bucket)}.

put_bucket(Segs, Slot, Bucket) ->
    SegI = (Slot - 1) div ?SEG_SIZE + 1,
    Seg = element(SegI, Segs),
    setelement(SegI, Segs, setelement((Slot - 1) rem ?SEG_SIZE + 1, Seg, Bucket)).

%% Applies Fun to a bucket: Fun returns {NewBucket, Count}.
change_bucket(Fun, D, Slot) ->
    {Bucket, Count} = Fun(bucket(D, Slot)),
    {set_bucket(D, Slot, Bucket), Count}.

grow(#dict{size = Size, exp_size = ExpSize} = D, Added) when Size + Added > ExpSize ->
    #dict{n = N0, maxn = MaxN0, bso = Bso0, segs = Segs0, empty = Empty} = D,
    N = N0 + 1,
    {MaxN, Bso, Segs1} =
        if
            N > MaxN0 -> {2 * MaxN0, 2 * Bso0, double(Segs0, Empty)};
            true -> {MaxN0, Bso0, Segs0}
        end,
    From = N - Bso,
    {Stay, Move} = split_bucket(bucket(D#dict{segs = Segs1}, From), From, MaxN),
    Segs = put_bucket(put_bucket(Segs1, From, Stay), N, Move),
    D#dict{size = Size + Added, n = N, maxn = MaxN, bso = Bso,
           exp_size = N * ?EXPAND_LOAD, con_size = N * ?CONTRACT_LOAD, segs = Segs};
grow(#dict{size = Size} = D, Added) -> D#dict{size = Size + Added}.

split_bucket([[Key | _] = Cell | Bucket], From, MaxN) ->
    {Stay, Move} = split_bucket(Bucket, From, MaxN),
    case erlang:phash(Key, MaxN) of
        From -> {[Cell | Stay], Move};
        _ -> {Stay, [Cell | Move]}
    end;
split_bucket([], _, _) -> {[], []}.

double(Segs, Empty) ->
    list_to_tuple(tuple_to_list(Segs) ++ lists:duplicate(tuple_size(Segs), Empty)).

shrink(#dict{size = Size, con_size = ConSize, n = N} = D, Removed)
  when Size - Removed < ConSize, N > ?SEG_SIZE ->
    #dict{maxn = MaxN, bso = Bso, segs = Segs0} = D,
    Into = N - Bso,
    Merged = bucket(D, Into) ++ bucket(D, N),
    Segs1 = put_bucket(put_bucket(Segs0, Into, Merged), N, []),
    N1 = N - 1,
    D1 = D#dict{size = Size - Removed, n = N1,
                exp_size = N1 * ?EXPAND_LOAD, con_size = N1 * ?CONTRACT_LOAD},
    if
        N1 =:= Bso ->
            Half = tuple_size(Segs1) div 2,
            D1#dict{maxn = MaxN div 2, bso = Bso div 2,
                    segs = list_to_tuple(lists:sublist(tuple_to_list(Segs1), Half))};
        true -> D1#dict{segs = Segs1}
    end;
shrink(#dict{size = Size} = D, Removed) -> D#dict{size = Size - Removed}.
