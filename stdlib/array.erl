%% girder stdlib: array
%%
%% Written for girder from the documented behaviour of OTP 25's `array`
%% module: functional, extendible arrays indexed from 0.
%%
%% The representation is observable (an array prints and =:= compares it),
%% so it is OTP's:
%%
%%     {array, Size, Max, Default, Elements}
%%
%% Max is the capacity the array may grow to without a new top level (0
%% for a fixed-size array).  Elements is a tree with fan-out 10:
%%
%%     a leaf      a 10-tuple of values (unset ones hold Default)
%%     a node      an 11-tuple: 10 subtrees, then the capacity of each
%%     an integer  a subtree not built yet, all Default; the integer is
%%                 its capacity (10, 100, ...)
%%
%% Shrinking (resize/2 to a smaller size) only lowers Size: the values
%% past it stay in the tree, as on OTP, and reappear if the array grows
%% back over them with set/3.
-module(array).

-compile({no_auto_import, [size/1]}).

-export([default/1, fix/1, foldl/3, foldr/3, from_list/1, from_list/2,
         from_orddict/1, from_orddict/2, get/2, is_array/1, is_fix/1, map/2,
         new/0, new/1, new/2, relax/1, reset/2, resize/1, resize/2, set/3,
         size/1, sparse_foldl/3, sparse_foldr/3, sparse_map/2,
         sparse_size/1, sparse_to_list/1, sparse_to_orddict/1, to_list/1,
         to_orddict/1]).

-define(LEAF, 10).
-define(NODE, 11).

-record(array, {size, max, default, elements}).

%% ---- creation --------------------------------------------------------------

new() -> new([]).

new(Options) -> options(Options, 0, false, undefined).

new(Size, Options) when is_integer(Size), Size >= 0 -> options(Options, Size, true, undefined);
new(_, _) -> erlang:error(badarg).

options(Options, Size, Fixed, Default) when not is_list(Options) ->
    options([Options], Size, Fixed, Default);
options([fixed | Os], Size, _, Default) -> options(Os, Size, true, Default);
options([{fixed, Fixed} | Os], Size, _, Default) when is_boolean(Fixed) ->
    options(Os, Size, Fixed, Default);
options([{default, Default} | Os], Size, Fixed, _) -> options(Os, Size, Fixed, Default);
options([{size, Size} | Os], _, _, Default) when is_integer(Size), Size >= 0 ->
    options(Os, Size, true, Default);
options([Size | Os], _, _, Default) when is_integer(Size), Size >= 0 ->
    options(Os, Size, true, Default);
options([], Size, Fixed, Default) ->
    Cap = capacity(Size - 1, ?LEAF),
    Max = if Fixed -> 0; true -> Cap end,
    #array{size = Size, max = Max, default = Default, elements = Cap};
options(_, _, _, _) -> erlang:error(badarg).

%% The smallest capacity (Cap times a power of 10) that holds index I.
capacity(I, Cap) when I >= Cap -> capacity(I, Cap * 10);
capacity(_, Cap) -> Cap.

from_list(List) -> from_list(List, undefined).

from_list([], Default) -> new({default, Default});
from_list(List, Default) ->
    case is_proper(List) of
        true ->
            {_, A} = lists:foldl(fun(V, {I, A}) -> {I + 1, set(I, V, A)} end,
                                 {0, new({default, Default})}, List),
            A;
        false -> erlang:error(badarg)
    end.

is_proper([_ | T]) -> is_proper(T);
is_proper([]) -> true;
is_proper(_) -> false.

from_orddict(Pairs) -> from_orddict(Pairs, undefined).

from_orddict([], Default) -> new({default, Default});
from_orddict(Pairs, Default) when is_list(Pairs) ->
    add_pairs(Pairs, -1, -?LEAF, new({default, Default}));
from_orddict(_, _) -> erlang:error(badarg).

%% Indices must rise strictly; a bad entry fails with {badarg, Rest}.
%% Leaves that no index falls in stay unbuilt, except one: OTP builds the
%% leaves from the left and only skips ahead when the next index lies
%% beyond the leaf after the one it would build next, so when the next
%% index is the first of the leaf two after the previous index's leaf, the
%% empty leaf between them is built (filled with the default).
add_pairs([{I, V} | Pairs], Prev, PrevLeaf, A) when is_integer(I), I > Prev ->
    A1 = case I =:= PrevLeaf + 2 * ?LEAF of
             true -> set(I - ?LEAF, A#array.default, A);
             false -> A
         end,
    add_pairs(Pairs, I, I - I rem ?LEAF, set(I, V, A1));
add_pairs([], _, _, A) -> A;
add_pairs(Bad, _, _, _) -> erlang:error({badarg, Bad}).

%% ---- properties ------------------------------------------------------------

is_array(#array{size = Size, max = Max}) when is_integer(Size), is_integer(Max) -> true;
is_array(_) -> false.

size(#array{size = Size}) -> Size;
size(_) -> erlang:error(badarg).

default(#array{default = Default}) -> Default;
default(_) -> erlang:error(badarg).

fix(#array{} = A) -> A#array{max = 0}.

relax(#array{size = Size} = A) -> A#array{max = capacity(Size - 1, ?LEAF)}.

is_fix(#array{max = 0}) -> true;
is_fix(#array{}) -> false.

%% ---- get, set, reset, resize -----------------------------------------------

get(I, #array{size = Size, max = Max, default = D, elements = E}) when is_integer(I), I >= 0 ->
    if
        I < Size -> lookup(I, E, D);
        Max > 0 -> D;
        true -> erlang:error(badarg)
    end;
get(_, _) -> erlang:error(badarg).

lookup(_, E, D) when is_integer(E) -> D;
lookup(I, E, D) when tuple_size(E) =:= ?NODE ->
    Cap = element(?NODE, E),
    lookup(I rem Cap, element(I div Cap + 1, E), D);
lookup(I, E, _) -> element(I + 1, E).

set(I, V, #array{size = Size, max = Max, default = D, elements = E} = A)
  when is_integer(I), I >= 0 ->
    if
        I < Size -> A#array{elements = store(I, E, V, D)};
        I < Max -> A#array{size = I + 1, elements = store(I, E, V, D)};
        Max > 0 ->
            {E1, Max1} = grow(I, E, Max),
            A#array{size = I + 1, max = Max1, elements = store(I, E1, V, D)};
        true -> erlang:error(badarg)
    end;
set(_, _, _) -> erlang:error(badarg).

store(I, E, V, D) when is_integer(E) -> build(I, E, V, D);
store(I, E, V, D) when tuple_size(E) =:= ?NODE ->
    Cap = element(?NODE, E),
    K = I div Cap + 1,
    setelement(K, E, store(I rem Cap, element(K, E), V, D));
store(I, E, V, _) -> setelement(I + 1, E, V).

%% A subtree of capacity Cap that holds V at I and nothing else: only the
%% path to I is built.
build(I, Cap, V, D) when Cap > ?LEAF ->
    Sub = Cap div 10,
    setelement(I div Sub + 1, erlang:make_tuple(?NODE, Sub), build(I rem Sub, Sub, V, D));
build(I, _, V, D) -> setelement(I + 1, erlang:make_tuple(?LEAF, D), V).

%% New top levels until index I fits: the old tree becomes the first
%% subtree of a new node.  An unbuilt tree just gets a bigger capacity.
grow(I, E, _) when is_integer(E) ->
    Cap = capacity(I, E),
    {Cap, Cap};
grow(I, E, Max) when I >= Max ->
    grow(I, setelement(1, erlang:make_tuple(?NODE, Max), E), Max * 10);
grow(_, E, Max) -> {E, Max}.

reset(I, #array{size = Size, max = Max, default = D, elements = E} = A)
  when is_integer(I), I >= 0 ->
    if
        I < Size -> A#array{elements = unset(I, E, D)};
        Max > 0 -> A;
        true -> erlang:error(badarg)
    end;
reset(_, _) -> erlang:error(badarg).

unset(_, E, _) when is_integer(E) -> E;
unset(I, E, D) when tuple_size(E) =:= ?NODE ->
    Cap = element(?NODE, E),
    K = I div Cap + 1,
    setelement(K, E, unset(I rem Cap, element(K, E), D));
unset(I, E, D) -> setelement(I + 1, E, D).

resize(#array{} = A) -> resize(sparse_size(A), A);
resize(_) -> erlang:error(badarg).

resize(Size, #array{size = Old, max = Max, elements = E} = A)
  when is_integer(Size), Size >= 0 ->
    if
        Size > Old ->
            Limit = if Max > 0 -> Max; true -> capacity(Old - 1, ?LEAF) end,
            {E1, Max1} = grow(Size - 1, E, Limit),
            A#array{size = Size, max = if Max > 0 -> Max1; true -> Max end, elements = E1};
        Size < Old -> A#array{size = Size};
        true -> A
    end;
resize(_, _) -> erlang:error(badarg).

%% ---- conversions ------------------------------------------------------------

to_list(#array{} = A) -> foldr(fun(_, V, Acc) -> [V | Acc] end, [], A);
to_list(_) -> erlang:error(badarg).

sparse_to_list(#array{} = A) -> sparse_foldr(fun(_, V, Acc) -> [V | Acc] end, [], A);
sparse_to_list(_) -> erlang:error(badarg).

to_orddict(#array{} = A) -> foldr(fun(I, V, Acc) -> [{I, V} | Acc] end, [], A);
to_orddict(_) -> erlang:error(badarg).

sparse_to_orddict(#array{} = A) -> sparse_foldr(fun(I, V, Acc) -> [{I, V} | Acc] end, [], A);
sparse_to_orddict(_) -> erlang:error(badarg).

%% One past the last index below Size whose value is not the default.
sparse_size(#array{} = A) ->
    try sparse_foldr(fun(I, _, _) -> throw({last, I}) end, none, A) of
        none -> 0
    catch
        throw:{last, I} -> I + 1
    end;
sparse_size(_) -> erlang:error(badarg).

%% ---- folds and maps ---------------------------------------------------------
%% Every walk goes down with the highest position (Last) it must visit in
%% the current subtree and the index of the subtree's first element
%% (Base): a node visits its subtrees up to the one holding Last, the last
%% of them up to Last rem Cap, the others whole.  (On the odd trees that
%% relax/1 and resize/2 can make after a shrink, this matters: it is how
%% OTP walks them.)

foldl(Fun, Acc, #array{} = A) when is_function(Fun, 3) -> fold_array(Fun, Acc, A, up, all);
foldl(_, _, _) -> erlang:error(badarg).

sparse_foldl(Fun, Acc, #array{} = A) when is_function(Fun, 3) -> fold_array(Fun, Acc, A, up, sparse);
sparse_foldl(_, _, _) -> erlang:error(badarg).

foldr(Fun, Acc, #array{} = A) when is_function(Fun, 3) -> fold_array(Fun, Acc, A, down, all);
foldr(_, _, _) -> erlang:error(badarg).

sparse_foldr(Fun, Acc, #array{} = A) when is_function(Fun, 3) -> fold_array(Fun, Acc, A, down, sparse);
sparse_foldr(_, _, _) -> erlang:error(badarg).

fold_array(_, Acc, #array{size = 0}, _, _) -> Acc;
fold_array(Fun, Acc, #array{size = Size, default = D, elements = E}, Dir, Mode) ->
    walk(Fun, Acc, E, Size - 1, 0, D, Dir, Mode).

walk(_, Acc, E, _, _, _, _, sparse) when is_integer(E) -> Acc;
walk(Fun, Acc, E, Last, Base, D, Dir, all) when is_integer(E) ->
    visit(Fun, Acc, order(Dir, lists:seq(0, Last)), Base, fun(_) -> D end, D, all);
walk(Fun, Acc, E, Last, Base, D, Dir, Mode) when tuple_size(E) =:= ?NODE ->
    Cap = element(?NODE, E),
    Top = Last div Cap + 1,
    lists:foldl(fun(K, A) ->
                        Sub = if K =:= Top -> Last rem Cap; true -> Cap - 1 end,
                        walk(Fun, A, element(K, E), Sub, Base + (K - 1) * Cap, D, Dir, Mode)
                end, Acc, order(Dir, lists:seq(1, Top)));
walk(Fun, Acc, Leaf, Last, Base, D, Dir, Mode) ->
    visit(Fun, Acc, order(Dir, lists:seq(0, Last)), Base, fun(K) -> element(K + 1, Leaf) end, D, Mode).

visit(Fun, Acc, [K | Ks], Base, Value, D, Mode) ->
    V = Value(K),
    Acc1 = case Mode =:= sparse andalso V =:= D of
               true -> Acc;
               false -> Fun(Base + K, V, Acc)
           end,
    visit(Fun, Acc1, Ks, Base, Value, D, Mode);
visit(_, Acc, [], _, _, _, _) -> Acc.

order(up, L) -> L;
order(down, L) -> lists:reverse(L).

%% map/2 builds every subtree it walks; in the leaf that holds the last
%% position, the places past it are reset to the default.
map(Fun, #array{size = 0} = A) when is_function(Fun, 2) -> A;
map(Fun, #array{size = Size, default = D, elements = E} = A) when is_function(Fun, 2) ->
    A#array{elements = map_tree(Fun, E, Size - 1, 0, D)};
map(_, _) -> erlang:error(badarg).

map_tree(Fun, E, Last, Base, D) when is_integer(E), E > ?LEAF ->
    map_tree(Fun, erlang:make_tuple(?NODE, E div 10), Last, Base, D);
map_tree(Fun, E, Last, Base, D) when is_integer(E) ->
    map_tree(Fun, erlang:make_tuple(?LEAF, D), Last, Base, D);
map_tree(Fun, E, Last, Base, D) when tuple_size(E) =:= ?NODE ->
    Cap = element(?NODE, E),
    Top = Last div Cap + 1,
    list_to_tuple([if
                       K < Top -> map_tree(Fun, element(K, E), Cap - 1, Base + (K - 1) * Cap, D);
                       K =:= Top -> map_tree(Fun, element(K, E), Last rem Cap, Base + (K - 1) * Cap, D);
                       true -> element(K, E)
                   end || K <- lists:seq(1, 10)] ++ [Cap]);
map_tree(Fun, Leaf, Last, Base, D) ->
    list_to_tuple([if
                       K =< Last -> Fun(Base + K, element(K + 1, Leaf));
                       true -> D
                   end || K <- lists:seq(0, ?LEAF - 1)]).

%% sparse_map/2 leaves unbuilt subtrees alone and maps every value that is
%% not the default in each leaf it walks (even past the last position).
sparse_map(Fun, #array{size = 0} = A) when is_function(Fun, 2) -> A;
sparse_map(Fun, #array{size = Size, default = D, elements = E} = A) when is_function(Fun, 2) ->
    A#array{elements = sparse_map_tree(Fun, E, Size - 1, 0, D)};
sparse_map(_, _) -> erlang:error(badarg).

sparse_map_tree(_, E, _, _, _) when is_integer(E) -> E;
sparse_map_tree(Fun, E, Last, Base, D) when tuple_size(E) =:= ?NODE ->
    Cap = element(?NODE, E),
    Top = Last div Cap + 1,
    list_to_tuple([if
                       K < Top -> sparse_map_tree(Fun, element(K, E), Cap - 1, Base + (K - 1) * Cap, D);
                       K =:= Top -> sparse_map_tree(Fun, element(K, E), Last rem Cap, Base + (K - 1) * Cap, D);
                       true -> element(K, E)
                   end || K <- lists:seq(1, 10)] ++ [Cap]);
sparse_map_tree(Fun, Leaf, _, Base, D) ->
    list_to_tuple([case element(K + 1, Leaf) of
                       D -> D;
                       V -> Fun(Base + K, V)
                   end || K <- lists:seq(0, ?LEAF - 1)]).
