%% girder stdlib: maps
%%
%% Written for girder from the documented behaviour of OTP 25's `maps`
%% module (results and error reasons checked against OTP).
%%
%% These functions are BIFs implemented by the VM and are not defined
%% here: get/2, find/2, from_list/1, is_key/2, keys/1, merge/2, new/0,
%% put/3, remove/2, take/2, to_list/1, update/3, values/1, size/1.
%%
%% Iterators: maps:iterator(Map) is [0 | Map], as in OTP 25 (so an
%% error that shows a fresh iterator prints as OTP prints it).  The
%% iterator next/1 returns is {'$girder_iter', Pairs}, where Pairs is the
%% rest of the map's pairs in maps:to_list/1 order (the representation
%% is opaque in OTP too).  next/1 returns `none` at the end.  Functions
%% that accept "a map or an iterator" (filter, filtermap, fold, foreach,
%% map) accept both.
-module(maps).

-export([filter/2, filtermap/2, fold/3, foreach/2, from_keys/2, get/3,
         groups_from_list/2, groups_from_list/3, intersect/2,
         intersect_with/3, iterator/1, map/2, merge_with/3, next/1,
         update_with/3, update_with/4, with/2, without/2]).

-define(ITER(Pairs), {'$girder_iter', Pairs}).
-define(FRESH_ITER(Map), [0 | Map]).

%%% ------------------------------------------------------------------
%%% Lookup and update
%%% ------------------------------------------------------------------

get(Key, Map, Default) when is_map(Map) ->
    case Map of
        #{Key := Value} -> Value;
        #{} -> Default
    end;
get(Key, Map, Default) ->
    erlang:error({badmap, Map}, [Key, Map, Default]).

update_with(Key, Fun, Map) when is_function(Fun, 1), is_map(Map) ->
    case Map of
        #{Key := Value} -> Map#{Key := Fun(Value)};
        #{} -> erlang:error({badkey, Key}, [Key, Fun, Map])
    end;
update_with(Key, Fun, Map) when is_map(Map) ->
    erlang:error(badarg, [Key, Fun, Map]);
update_with(Key, Fun, Map) ->
    erlang:error({badmap, Map}, [Key, Fun, Map]).

update_with(Key, Fun, Init, Map) when is_function(Fun, 1), is_map(Map) ->
    case Map of
        #{Key := Value} -> Map#{Key := Fun(Value)};
        #{} -> Map#{Key => Init}
    end;
update_with(Key, Fun, Init, Map) when is_map(Map) ->
    erlang:error(badarg, [Key, Fun, Init, Map]);
update_with(Key, Fun, Init, Map) ->
    erlang:error({badmap, Map}, [Key, Fun, Init, Map]).

%%% ------------------------------------------------------------------
%%% Sub-maps
%%% ------------------------------------------------------------------

with(Keys, Map) when is_list(Keys), is_map(Map) ->
    with_keys(Keys, Map, #{});
with(Keys, Map) when is_map(Map) ->
    erlang:error(badarg, [Keys, Map]);
with(Keys, Map) ->
    erlang:error({badmap, Map}, [Keys, Map]).

with_keys([Key | Keys], Map, Acc) ->
    case Map of
        #{Key := Value} -> with_keys(Keys, Map, Acc#{Key => Value});
        #{} -> with_keys(Keys, Map, Acc)
    end;
with_keys([], _, Acc) -> Acc.

without(Keys, Map) when is_list(Keys), is_map(Map) ->
    lists:foldl(fun(Key, Acc) -> maps:remove(Key, Acc) end, Map, Keys);
without(Keys, Map) when is_map(Map) ->
    erlang:error(badarg, [Keys, Map]);
without(Keys, Map) ->
    erlang:error({badmap, Map}, [Keys, Map]).

from_keys(Keys, Value) when is_list(Keys) ->
    try
        from_keys_acc(Keys, Value, #{})
    catch
        error:function_clause -> erlang:error(badarg, [Keys, Value])
    end;
from_keys(Keys, Value) ->
    erlang:error(badarg, [Keys, Value]).

from_keys_acc([Key | Keys], Value, Acc) -> from_keys_acc(Keys, Value, Acc#{Key => Value});
from_keys_acc([], _, Acc) -> Acc.

%%% ------------------------------------------------------------------
%%% Combining maps
%%% ------------------------------------------------------------------

merge_with(Combiner, Map1, Map2)
  when is_map(Map1), is_map(Map2), is_function(Combiner, 3) ->
    %% Fold the smaller map into the bigger one; the combiner always
    %% sees the value from Map1 first.
    case map_size(Map1) =< map_size(Map2) of
        true ->
            fold_pairs(fun(K, V1, Acc) ->
                               case Acc of
                                   #{K := V2} -> Acc#{K := Combiner(K, V1, V2)};
                                   #{} -> Acc#{K => V1}
                               end
                       end, Map2, maps:to_list(Map1));
        false ->
            fold_pairs(fun(K, V2, Acc) ->
                               case Acc of
                                   #{K := V1} -> Acc#{K := Combiner(K, V1, V2)};
                                   #{} -> Acc#{K => V2}
                               end
                       end, Map1, maps:to_list(Map2))
    end;
merge_with(Combiner, Map1, Map2) when not is_function(Combiner, 3) ->
    erlang:error(badarg, [Combiner, Map1, Map2]);
merge_with(Combiner, Map1, Map2) ->
    badmap_or_badarg([Map1, Map2], [Combiner, Map1, Map2]).

intersect(Map1, Map2) when is_map(Map1), is_map(Map2) ->
    intersect_with(fun(_, _, V2) -> V2 end, Map1, Map2);
intersect(Map1, Map2) ->
    badmap_or_badarg([Map1, Map2], [Map1, Map2]).

intersect_with(Combiner, Map1, Map2)
  when is_map(Map1), is_map(Map2), is_function(Combiner, 3) ->
    fold_pairs(fun(K, V1, Acc) ->
                       case Map2 of
                           #{K := V2} -> Acc#{K => Combiner(K, V1, V2)};
                           #{} -> Acc
                       end
               end, #{}, maps:to_list(Map1));
intersect_with(Combiner, Map1, Map2) when not is_function(Combiner, 3) ->
    erlang:error(badarg, [Combiner, Map1, Map2]);
intersect_with(Combiner, Map1, Map2) ->
    badmap_or_badarg([Map1, Map2], [Combiner, Map1, Map2]).

%% The first non-map raises {badmap, M}; if all are maps, badarg.
badmap_or_badarg([M | Ms], Args) when is_map(M) -> badmap_or_badarg(Ms, Args);
badmap_or_badarg([M | _], Args) -> erlang:error({badmap, M}, Args);
badmap_or_badarg([], Args) -> erlang:error(badarg, Args).

groups_from_list(KeyFun, List) when is_function(KeyFun, 1), is_list(List) ->
    groups(List, KeyFun, fun(X) -> X end, [KeyFun, List]);
groups_from_list(KeyFun, List) ->
    erlang:error(badarg, [KeyFun, List]).

groups_from_list(KeyFun, ValueFun, List)
  when is_function(KeyFun, 1), is_function(ValueFun, 1), is_list(List) ->
    groups(List, KeyFun, ValueFun, [KeyFun, ValueFun, List]);
groups_from_list(KeyFun, ValueFun, List) ->
    erlang:error(badarg, [KeyFun, ValueFun, List]).

%% The list is walked from its end (the funs are called in that order, as
%% in OTP), so prepending each value leaves every group in list order.
%% Args are the caller's arguments, for the badarg of an improper list.
groups(List, KeyFun, ValueFun, Args) ->
    Reversed = try lists:reverse(List, [])
               catch error:badarg -> erlang:error(badarg, Args)
               end,
    groups_acc(Reversed, KeyFun, ValueFun, #{}, Args).

groups_acc([Elem | Rest], KeyFun, ValueFun, Acc, Args) ->
    Key = KeyFun(Elem),
    Value = ValueFun(Elem),
    Acc1 = case Acc of
               #{Key := Vs} -> Acc#{Key := [Value | Vs]};
               #{} -> Acc#{Key => [Value]}
           end,
    groups_acc(Rest, KeyFun, ValueFun, Acc1, Args);
groups_acc([], _, _, Acc, _) -> Acc;
groups_acc(_, _, _, _, Args) -> erlang:error(badarg, Args).

%%% ------------------------------------------------------------------
%%% Higher-order functions over a map or an iterator
%%% ------------------------------------------------------------------

map(Fun, MapOrIter) when is_function(Fun, 2) ->
    case pairs_of(MapOrIter) of
        {ok, Pairs} -> maps:from_list([{K, Fun(K, V)} || {K, V} <- Pairs]);
        error -> erlang:error({badmap, MapOrIter}, [Fun, MapOrIter])
    end;
map(Fun, MapOrIter) ->
    erlang:error(badarg, [Fun, MapOrIter]).

filter(Pred, MapOrIter) when is_function(Pred, 2) ->
    case pairs_of(MapOrIter) of
        {ok, Pairs} -> maps:from_list(filter_pairs(Pred, Pairs));
        error -> erlang:error({badmap, MapOrIter}, [Pred, MapOrIter])
    end;
filter(Pred, MapOrIter) ->
    erlang:error(badarg, [Pred, MapOrIter]).

filter_pairs(Pred, [{K, V} = Pair | Pairs]) ->
    case Pred(K, V) of
        true -> [Pair | filter_pairs(Pred, Pairs)];
        false -> filter_pairs(Pred, Pairs)
    end;
filter_pairs(_, []) -> [].

filtermap(Fun, MapOrIter) when is_function(Fun, 2) ->
    case pairs_of(MapOrIter) of
        {ok, Pairs} -> maps:from_list(filtermap_pairs(Fun, Pairs));
        error -> erlang:error({badmap, MapOrIter}, [Fun, MapOrIter])
    end;
filtermap(Fun, MapOrIter) ->
    erlang:error(badarg, [Fun, MapOrIter]).

filtermap_pairs(Fun, [{K, V} = Pair | Pairs]) ->
    case Fun(K, V) of
        true -> [Pair | filtermap_pairs(Fun, Pairs)];
        {true, New} -> [{K, New} | filtermap_pairs(Fun, Pairs)];
        false -> filtermap_pairs(Fun, Pairs)
    end;
filtermap_pairs(_, []) -> [].

fold(Fun, Acc, MapOrIter) when is_function(Fun, 3) ->
    case pairs_of(MapOrIter) of
        {ok, Pairs} -> fold_pairs(Fun, Acc, Pairs);
        error -> erlang:error({badmap, MapOrIter}, [Fun, Acc, MapOrIter])
    end;
fold(Fun, Acc, MapOrIter) ->
    erlang:error(badarg, [Fun, Acc, MapOrIter]).

fold_pairs(Fun, Acc, [{K, V} | Pairs]) -> fold_pairs(Fun, Fun(K, V, Acc), Pairs);
fold_pairs(_, Acc, []) -> Acc.

foreach(Fun, MapOrIter) when is_function(Fun, 2) ->
    case pairs_of(MapOrIter) of
        {ok, Pairs} ->
            lists:foreach(fun({K, V}) -> Fun(K, V) end, Pairs);
        error -> erlang:error({badmap, MapOrIter}, [Fun, MapOrIter])
    end;
foreach(Fun, MapOrIter) ->
    erlang:error(badarg, [Fun, MapOrIter]).

%% The remaining pairs of a map or an iterator, in to_list/1 order.
pairs_of(Map) when is_map(Map) -> {ok, maps:to_list(Map)};
pairs_of(?FRESH_ITER(Map)) when is_map(Map) -> {ok, maps:to_list(Map)};
pairs_of(?ITER(Pairs)) -> {ok, Pairs};
pairs_of(none) -> {ok, []};
pairs_of(_) -> error.

%%% ------------------------------------------------------------------
%%% Iterators
%%% ------------------------------------------------------------------

iterator(Map) when is_map(Map) -> ?FRESH_ITER(Map);
iterator(Map) -> erlang:error({badmap, Map}, [Map]).

next(?FRESH_ITER(Map)) when is_map(Map) -> next(?ITER(maps:to_list(Map)));
next(?ITER([{K, V} | Pairs])) -> {K, V, ?ITER(Pairs)};
next(?ITER([])) -> none;
next(none) -> none;
next(Iter) -> erlang:error(badarg, [Iter]).
