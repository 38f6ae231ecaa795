%% girder stdlib: gb_trees
%%
%% Written for girder from the documented behaviour of OTP 25's `gb_trees`
%% module: general balanced trees (Arne Andersson's scheme).  A tree is
%% {Size, Node}; a node is {Key, Value, Smaller, Bigger} or nil.  Keys are
%% compared with < and > (1 and 1.0 are the same key).
%%
%% The shape of a tree is observable (it prints, and =:= compares it), so
%% the balancing follows the same rule as OTP's: nothing is rebalanced on
%% delete; an insert that lands deeper than 2*log2(Size) rebuilds, perfectly
%% balanced, the lowest subtree on its path whose height is out of bounds
%% for its size.
%%
%%     insert into {S, T}:  budget B = (S+1)^2, halved at every level down;
%%     the new leaf is "too deep" when the budget has reached 0 there.
%%     Going back up from a too-deep leaf, each node checks
%%         2^(height-1) > size^2     (heights count nil as 1, like a leaf)
%%     and the first one that fails its check is rebuilt from its list.
-module(gb_trees).

-compile({no_auto_import, [size/1]}).

-export([balance/1, delete/2, delete_any/2, empty/0, enter/3,
         from_orddict/1, get/2, insert/3, is_defined/2, is_empty/1,
         iterator/1, iterator_from/2, keys/1, largest/1, lookup/2, map/2,
         next/1, size/1, smallest/1, take/2, take_any/2, take_largest/1,
         take_smallest/1, to_list/1, update/3, values/1]).

empty() -> {0, nil}.

is_empty({0, nil}) -> true;
is_empty(_) -> false.

size({Size, _}) when is_integer(Size), Size >= 0 -> Size.

lookup(Key, {_, Tree}) -> lookup_node(Key, Tree).

lookup_node(Key, {K, _, Smaller, _}) when Key < K -> lookup_node(Key, Smaller);
lookup_node(Key, {K, _, _, Bigger}) when Key > K -> lookup_node(Key, Bigger);
lookup_node(_, {_, Value, _, _}) -> {value, Value};
lookup_node(_, nil) -> none.

is_defined(Key, {_, Tree}) -> defined_in(Key, Tree).

defined_in(Key, {K, _, Smaller, _}) when Key < K -> defined_in(Key, Smaller);
defined_in(Key, {K, _, _, Bigger}) when Key > K -> defined_in(Key, Bigger);
defined_in(_, {_, _, _, _}) -> true;
defined_in(_, nil) -> false.

%% A missing key is a function_clause error (no clause for nil).
get(Key, {_, Tree}) -> get_node(Key, Tree).

get_node(Key, {K, _, Smaller, _}) when Key < K -> get_node(Key, Smaller);
get_node(Key, {K, _, _, Bigger}) when Key > K -> get_node(Key, Bigger);
get_node(_, {_, Value, _, _}) -> Value.

update(Key, Value, {Size, Tree}) -> {Size, update_node(Key, Value, Tree)}.

update_node(Key, Value, {K, V, Smaller, Bigger}) when Key < K ->
    {K, V, update_node(Key, Value, Smaller), Bigger};
update_node(Key, Value, {K, V, Smaller, Bigger}) when Key > K ->
    {K, V, Smaller, update_node(Key, Value, Bigger)};
update_node(Key, Value, {_, _, Smaller, Bigger}) ->
    {Key, Value, Smaller, Bigger}.

insert(Key, Value, {Size, Tree}) when is_integer(Size), Size >= 0 ->
    New = Size + 1,
    {New, grow(Key, Value, Tree, New * New)}.

%% Returns the new subtree, or {Subtree, Height, Size} while the path from
%% a too-deep leaf is still being checked (Height as 2^(height-1)).
grow(Key, Value, {K, V, Smaller, Bigger}, Budget) when Key < K ->
    case grow(Key, Value, Smaller, Budget bsr 1) of
        {Smaller1, H1, S1} ->
            {H2, S2} = measure(Bigger),
            check({K, V, Smaller1, Bigger}, H1, S1, H2, S2);
        Smaller1 ->
            {K, V, Smaller1, Bigger}
    end;
grow(Key, Value, {K, V, Smaller, Bigger}, Budget) when Key > K ->
    case grow(Key, Value, Bigger, Budget bsr 1) of
        {Bigger1, H2, S2} ->
            {H1, S1} = measure(Smaller),
            check({K, V, Smaller, Bigger1}, H1, S1, H2, S2);
        Bigger1 ->
            {K, V, Smaller, Bigger1}
    end;
grow(Key, Value, nil, 0) -> {{Key, Value, nil, nil}, 1, 1};
grow(Key, Value, nil, _) -> {Key, Value, nil, nil};
grow(Key, _, _, _) -> erlang:error({key_exists, Key}).

check(Node, H1, S1, H2, S2) ->
    H = 2 * max(H1, H2),
    S = S1 + S2 + 1,
    if
        H > S * S -> rebuild(Node, S);
        true -> {Node, H, S}
    end.

%% {2^(height-1), size} of a subtree (nil and a leaf both count 1).
measure(nil) -> {1, 0};
measure({_, _, nil, nil}) -> {1, 1};
measure({_, _, Smaller, Bigger}) ->
    {H1, S1} = measure(Smaller),
    {H2, S2} = measure(Bigger),
    {2 * max(H1, H2), S1 + S2 + 1}.

balance({Size, Tree}) -> {Size, rebuild(Tree, Size)}.

rebuild(Tree, Size) -> from_pairs(pairs(Tree, []), Size).

from_orddict(Pairs) ->
    Size = length(Pairs),
    {Size, from_pairs(Pairs, Size)}.

from_pairs(Pairs, Size) ->
    {Tree, []} = build(Pairs, Size),
    Tree.

%% The first N pairs as a perfectly balanced tree, and the pairs left.
%% The smaller side gets the larger half when N - 1 is odd.
build(Pairs, N) when N > 1 ->
    Rest = N - 1,
    Right = Rest div 2,
    Left = Rest - Right,
    {Smaller, [{K, V} | Pairs1]} = build(Pairs, Left),
    {Bigger, Pairs2} = build(Pairs1, Right),
    {{K, V, Smaller, Bigger}, Pairs2};
build([{K, V} | Pairs], 1) -> {{K, V, nil, nil}, Pairs};
build(Pairs, 0) -> {nil, Pairs}.

delete(Key, {Size, Tree}) -> {Size - 1, delete_node(Key, Tree)}.

delete_any(Key, Tree) ->
    case is_defined(Key, Tree) of
        true -> delete(Key, Tree);
        false -> Tree
    end.

delete_node(Key, {K, V, Smaller, Bigger}) when Key < K ->
    {K, V, delete_node(Key, Smaller), Bigger};
delete_node(Key, {K, V, Smaller, Bigger}) when Key > K ->
    {K, V, Smaller, delete_node(Key, Bigger)};
delete_node(_, {_, _, Smaller, Bigger}) -> join(Smaller, Bigger).

%% Both sides of a removed node: the smallest of Bigger takes its place.
join(Smaller, nil) -> Smaller;
join(nil, Bigger) -> Bigger;
join(Smaller, Bigger) ->
    {K, V, Bigger1} = pop_smallest(Bigger),
    {K, V, Smaller, Bigger1}.

take(Key, {Size, Tree}) ->
    {Value, Tree1} = take_node(Key, Tree),
    {Value, {Size - 1, Tree1}}.

take_node(Key, {K, V, Smaller, Bigger}) when Key < K ->
    {Value, Smaller1} = take_node(Key, Smaller),
    {Value, {K, V, Smaller1, Bigger}};
take_node(Key, {K, V, Smaller, Bigger}) when Key > K ->
    {Value, Bigger1} = take_node(Key, Bigger),
    {Value, {K, V, Smaller, Bigger1}};
take_node(_, {_, Value, Smaller, Bigger}) -> {Value, join(Smaller, Bigger)}.

take_any(Key, Tree) ->
    case is_defined(Key, Tree) of
        true -> take(Key, Tree);
        false -> error
    end.

enter(Key, Value, Tree) ->
    case is_defined(Key, Tree) of
        true -> update(Key, Value, Tree);
        false -> insert(Key, Value, Tree)
    end.

smallest({_, Tree}) -> smallest_node(Tree).

smallest_node({K, V, nil, _}) -> {K, V};
smallest_node({_, _, Smaller, _}) -> smallest_node(Smaller).

largest({_, Tree}) -> largest_node(Tree).

largest_node({K, V, _, nil}) -> {K, V};
largest_node({_, _, _, Bigger}) -> largest_node(Bigger).

take_smallest({Size, Tree}) ->
    {K, V, Tree1} = pop_smallest(Tree),
    {K, V, {Size - 1, Tree1}}.

pop_smallest({K, V, nil, Bigger}) -> {K, V, Bigger};
pop_smallest({K, V, Smaller, Bigger}) ->
    {K1, V1, Smaller1} = pop_smallest(Smaller),
    {K1, V1, {K, V, Smaller1, Bigger}}.

take_largest({Size, Tree}) ->
    {K, V, Tree1} = pop_largest(Tree),
    {K, V, {Size - 1, Tree1}}.

pop_largest({K, V, Smaller, nil}) -> {K, V, Smaller};
pop_largest({K, V, Smaller, Bigger}) ->
    {K1, V1, Bigger1} = pop_largest(Bigger),
    {K1, V1, {K, V, Smaller, Bigger1}}.

to_list({_, Tree}) -> pairs(Tree, []).

pairs({K, V, Smaller, Bigger}, Acc) -> pairs(Smaller, [{K, V} | pairs(Bigger, Acc)]);
pairs(nil, Acc) -> Acc.

keys({_, Tree}) -> keys(Tree, []).

keys({K, _, Smaller, Bigger}, Acc) -> keys(Smaller, [K | keys(Bigger, Acc)]);
keys(nil, Acc) -> Acc.

values({_, Tree}) -> values(Tree, []).

values({_, V, Smaller, Bigger}, Acc) -> values(Smaller, [V | values(Bigger, Acc)]);
values(nil, Acc) -> Acc.

map(Fun, {Size, Tree}) when is_function(Fun, 2) -> {Size, map_node(Fun, Tree)}.

map_node(Fun, {K, V, Smaller, Bigger}) ->
    {K, Fun(K, V), map_node(Fun, Smaller), map_node(Fun, Bigger)};
map_node(_, nil) -> nil.

%% An iterator is the stack of nodes still to visit, nearest first: each
%% node on it has had its smaller side visited already.
iterator({_, Tree}) -> descend(Tree, []).

descend({_, _, nil, _} = Node, Stack) -> [Node | Stack];
descend({_, _, Smaller, _} = Node, Stack) -> descend(Smaller, [Node | Stack]);
descend(nil, Stack) -> Stack.

iterator_from(Key, {_, Tree}) -> descend_from(Key, Tree, []).

descend_from(Key, {K, _, _, Bigger}, Stack) when K < Key -> descend_from(Key, Bigger, Stack);
descend_from(_, {_, _, nil, _} = Node, Stack) -> [Node | Stack];
descend_from(Key, {_, _, Smaller, _} = Node, Stack) -> descend_from(Key, Smaller, [Node | Stack]);
descend_from(_, nil, Stack) -> Stack.

next([{K, V, _, Bigger} | Stack]) -> {K, V, descend(Bigger, Stack)};
next([]) -> none.
