%% girder stdlib: gb_sets
%%
%% Written for girder from the documented behaviour of OTP 25's `gb_sets`
%% module: sets as general balanced trees, balanced as in gb_trees (see
%% gb_trees.erl for the rule).  A set is {Size, Node}; a node is
%% {Key, Smaller, Bigger} or nil.  Elements are compared with < and >.
%%
%% Shapes are observable, so the set operations build their results the
%% way OTP's do: intersection, difference and filter build a perfectly
%% balanced tree from the result list; union either does the same or, when
%% one set is much smaller than the other, adds its elements one by one to
%% the bigger tree (when Big >= Small * round(1.46 * ln Big), Big >= 10).
-module(gb_sets).

-compile({no_auto_import, [size/1]}).

-export([add/2, add_element/2, balance/1, del_element/2, delete/2,
         delete_any/2, difference/2, empty/0, filter/2, fold/3, from_list/1,
         from_ordset/1, insert/2, intersection/1, intersection/2,
         is_disjoint/2, is_element/2, is_empty/1, is_member/2, is_set/1,
         is_subset/2, iterator/1, iterator_from/2, largest/1, new/0, next/1,
         singleton/1, size/1, smallest/1, subtract/2, take_largest/1,
         take_smallest/1, to_list/1, union/1, union/2]).

%% Below this size the bigger set is always merged as a list.
-define(SMALL, 10).

empty() -> {0, nil}.

new() -> empty().

is_empty({0, _}) -> true;
is_empty(_) -> false.

size({Size, _}) -> Size.

singleton(Key) -> {1, {Key, nil, nil}}.

is_element(Key, Set) -> is_member(Key, Set).

is_member(Key, {_, Tree}) -> member(Key, Tree).

member(Key, {K, Smaller, _}) when Key < K -> member(Key, Smaller);
member(Key, {K, _, Bigger}) when Key > K -> member(Key, Bigger);
member(_, {_, _, _}) -> true;
member(_, nil) -> false.

insert(Key, {Size, Tree}) ->
    New = Size + 1,
    {New, grow(Key, Tree, New * New)}.

%% As gb_trees: returns the subtree, or {Subtree, Height, Size} (Height an
%% integer, which no node has in that place) while a too-deep path is
%% being checked on the way up.
grow(Key, {K, Smaller, Bigger}, Budget) when Key < K ->
    case grow(Key, Smaller, Budget bsr 1) of
        {Smaller1, H1, S1} when is_integer(H1) ->
            {H2, S2} = measure(Bigger),
            check({K, Smaller1, Bigger}, H1, S1, H2, S2);
        Smaller1 ->
            {K, Smaller1, Bigger}
    end;
grow(Key, {K, Smaller, Bigger}, Budget) when Key > K ->
    case grow(Key, Bigger, Budget bsr 1) of
        {Bigger1, H2, S2} when is_integer(H2) ->
            {H1, S1} = measure(Smaller),
            check({K, Smaller, Bigger1}, H1, S1, H2, S2);
        Bigger1 ->
            {K, Smaller, Bigger1}
    end;
grow(Key, nil, 0) -> {{Key, nil, nil}, 1, 1};
grow(Key, nil, _) -> {Key, nil, nil};
grow(Key, _, _) -> erlang:error({key_exists, Key}).

check(Node, H1, S1, H2, S2) ->
    H = 2 * max(H1, H2),
    S = S1 + S2 + 1,
    if
        H > S * S -> rebuild(Node, S);
        true -> {Node, H, S}
    end.

measure(nil) -> {1, 0};
measure({_, nil, nil}) -> {1, 1};
measure({_, Smaller, Bigger}) ->
    {H1, S1} = measure(Smaller),
    {H2, S2} = measure(Bigger),
    {2 * max(H1, H2), S1 + S2 + 1}.

add(Key, Set) -> add_element(Key, Set).

add_element(Key, Set) ->
    case is_member(Key, Set) of
        true -> Set;
        false -> insert(Key, Set)
    end.

balance({Size, Tree}) -> {Size, rebuild(Tree, Size)}.

rebuild(Tree, Size) -> from_ordset_n(keys(Tree, []), Size).

from_list(List) -> from_ordset(ordsets:from_list(List)).

from_ordset(List) ->
    Size = length(List),
    {Size, from_ordset_n(List, Size)}.

from_ordset_n(List, Size) ->
    {Tree, []} = build(List, Size),
    Tree.

%% The first N keys (ascending) as a perfectly balanced tree; the smaller
%% side gets the larger half.
build(Keys, N) when N > 1 ->
    Rest = N - 1,
    Right = Rest div 2,
    Left = Rest - Right,
    {Smaller, [K | Keys1]} = build(Keys, Left),
    {Bigger, Keys2} = build(Keys1, Right),
    {{K, Smaller, Bigger}, Keys2};
build([K | Keys], 1) -> {{K, nil, nil}, Keys};
build(Keys, 0) -> {nil, Keys}.

%% The same from a descending list: here the bigger side gets the larger
%% half (results of the set operations are collected in reverse).
build_desc(Keys, N) when N > 1 ->
    Rest = N - 1,
    Left = Rest div 2,
    Right = Rest - Left,
    {Bigger, [K | Keys1]} = build_desc(Keys, Right),
    {Smaller, Keys2} = build_desc(Keys1, Left),
    {{K, Smaller, Bigger}, Keys2};
build_desc([K | Keys], 1) -> {{K, nil, nil}, Keys};
build_desc(Keys, 0) -> {nil, Keys}.

from_desc(Keys, Size) ->
    {Tree, []} = build_desc(Keys, Size),
    {Size, Tree}.

del_element(Key, Set) -> delete_any(Key, Set).

delete_any(Key, Set) ->
    case is_member(Key, Set) of
        true -> delete(Key, Set);
        false -> Set
    end.

delete(Key, {Size, Tree}) -> {Size - 1, delete_node(Key, Tree)}.

delete_node(Key, {K, Smaller, Bigger}) when Key < K -> {K, delete_node(Key, Smaller), Bigger};
delete_node(Key, {K, Smaller, Bigger}) when Key > K -> {K, Smaller, delete_node(Key, Bigger)};
delete_node(_, {_, Smaller, Bigger}) -> join(Smaller, Bigger).

join(Smaller, nil) -> Smaller;
join(nil, Bigger) -> Bigger;
join(Smaller, Bigger) ->
    {K, Bigger1} = pop_smallest(Bigger),
    {K, Smaller, Bigger1}.

take_smallest({Size, Tree}) ->
    {K, Tree1} = pop_smallest(Tree),
    {K, {Size - 1, Tree1}}.

pop_smallest({K, nil, Bigger}) -> {K, Bigger};
pop_smallest({K, Smaller, Bigger}) ->
    {K1, Smaller1} = pop_smallest(Smaller),
    {K1, {K, Smaller1, Bigger}}.

take_largest({Size, Tree}) ->
    {K, Tree1} = pop_largest(Tree),
    {K, {Size - 1, Tree1}}.

pop_largest({K, Smaller, nil}) -> {K, Smaller};
pop_largest({K, Smaller, Bigger}) ->
    {K1, Bigger1} = pop_largest(Bigger),
    {K1, {K, Smaller, Bigger1}}.

smallest({_, Tree}) -> smallest_node(Tree).

smallest_node({K, nil, _}) -> K;
smallest_node({_, Smaller, _}) -> smallest_node(Smaller).

largest({_, Tree}) -> largest_node(Tree).

largest_node({K, _, nil}) -> K;
largest_node({_, _, Bigger}) -> largest_node(Bigger).

to_list({_, Tree}) -> keys(Tree, []).

keys({K, Smaller, Bigger}, Acc) -> keys(Smaller, [K | keys(Bigger, Acc)]);
keys(nil, Acc) -> Acc.

iterator({_, Tree}) -> descend(Tree, []).

descend({_, nil, _} = Node, Stack) -> [Node | Stack];
descend({_, Smaller, _} = Node, Stack) -> descend(Smaller, [Node | Stack]);
descend(nil, Stack) -> Stack.

iterator_from(Key, {_, Tree}) -> descend_from(Key, Tree, []).

descend_from(Key, {K, _, Bigger}, Stack) when K < Key -> descend_from(Key, Bigger, Stack);
descend_from(_, {_, nil, _} = Node, Stack) -> [Node | Stack];
descend_from(Key, {_, Smaller, _} = Node, Stack) -> descend_from(Key, Smaller, [Node | Stack]);
descend_from(_, nil, Stack) -> Stack.

next([{K, _, Bigger} | Stack]) -> {K, descend(Bigger, Stack)};
next([]) -> none.

%% Whether the bigger set (size Big) should take the Small elements one by
%% one rather than be merged with them as lists.
add_one_by_one(_, Big) when Big < ?SMALL -> false;
add_one_by_one(Small, Big) -> Big >= Small * round(1.46 * math:log(Big)).

union({N1, T1}, {N2, T2}) when N2 < N1 -> union(keys(T2, []), N2, T1, N1);
union({N1, T1}, {N2, T2}) -> union(keys(T1, []), N1, T2, N2).

union(Small, N1, Big, N2) ->
    case add_one_by_one(N1, N2) of
        true -> lists:foldl(fun add_element/2, {N2, Big}, Small);
        false -> merge_union(Small, keys(Big, []), [], N1 + N2)
    end.

%% Merges two ascending lists into a descending one.  After taking an
%% element from the second list the two lists change places, so an element
%% in both is counted once and taken from the list that was behind.
merge_union([X | Xs] = Xs0, [Y | Ys] = Ys0, Acc, N) ->
    if
        X < Y -> merge_union(Xs, Ys0, [X | Acc], N);
        X > Y -> merge_union(Ys, Xs0, [Y | Acc], N);
        true -> merge_union(Xs, Ys, [X | Acc], N - 1)
    end;
merge_union([], Ys, Acc, N) -> from_desc(lists:reverse(Ys, Acc), N);
merge_union(Xs, [], Acc, N) -> from_desc(lists:reverse(Xs, Acc), N).

union([Set | Sets]) -> union_all(Set, Sets);
union([]) -> empty().

union_all(Acc, [Set | Sets]) -> union_all(union(Acc, Set), Sets);
union_all(Acc, []) -> Acc.

intersection({N1, T1}, {N2, T2}) when N2 < N1 -> intersection(keys(T2, []), N2, T1, N1);
intersection({N1, T1}, {N2, T2}) -> intersection(keys(T1, []), N1, T2, N2).

intersection(Small, N1, Big, N2) ->
    case add_one_by_one(N1, N2) of
        true -> keep_members(Small, Big, [], 0);
        false -> merge_intersection(Small, keys(Big, []), [], 0)
    end.

keep_members([X | Xs], Tree, Acc, N) ->
    case member(X, Tree) of
        true -> keep_members(Xs, Tree, [X | Acc], N + 1);
        false -> keep_members(Xs, Tree, Acc, N)
    end;
keep_members([], _, Acc, N) -> from_desc(Acc, N).

%% Lists change places as in merge_union.
merge_intersection([X | Xs] = Xs0, [Y | Ys] = Ys0, Acc, N) ->
    if
        X < Y -> merge_intersection(Xs, Ys0, Acc, N);
        X > Y -> merge_intersection(Ys, Xs0, Acc, N);
        true -> merge_intersection(Xs, Ys, [X | Acc], N + 1)
    end;
merge_intersection(_, _, Acc, N) -> from_desc(Acc, N).

intersection([Set | Sets]) -> intersection_all(Set, Sets).

intersection_all(Acc, [Set | Sets]) -> intersection_all(intersection(Acc, Set), Sets);
intersection_all(Acc, []) -> Acc.

is_disjoint({N1, T1}, {N2, T2}) when N1 < N2 -> disjoint(keys(T1, []), T2);
is_disjoint({_, T1}, {_, T2}) -> disjoint(keys(T2, []), T1).

disjoint([X | Xs], Tree) ->
    case member(X, Tree) of
        true -> false;
        false -> disjoint(Xs, Tree)
    end;
disjoint([], _) -> true.

subtract(Set1, Set2) -> difference(Set1, Set2).

difference({N1, T1}, {N2, T2}) ->
    Xs = keys(T1, []),
    case add_one_by_one(N1, N2) of
        true -> drop_members(Xs, T2, [], 0);
        false -> merge_difference(Xs, keys(T2, []), [], N1)
    end.

drop_members([X | Xs], Tree, Acc, N) ->
    case member(X, Tree) of
        true -> drop_members(Xs, Tree, Acc, N);
        false -> drop_members(Xs, Tree, [X | Acc], N + 1)
    end;
drop_members([], _, Acc, N) -> from_desc(Acc, N).

merge_difference([X | Xs] = Xs0, [Y | Ys] = Ys0, Acc, N) ->
    if
        X < Y -> merge_difference(Xs, Ys0, [X | Acc], N);
        X > Y -> merge_difference(Xs0, Ys, Acc, N);
        true -> merge_difference(Xs, Ys, Acc, N - 1)
    end;
merge_difference(Xs, [], Acc, N) -> from_desc(lists:reverse(Xs, Acc), N);
merge_difference([], _, Acc, N) -> from_desc(Acc, N).

is_subset({N1, T1}, {_, T2}) -> N1 >= 0 andalso all_members(keys(T1, []), T2).

all_members([X | Xs], Tree) ->
    case member(X, Tree) of
        true -> all_members(Xs, Tree);
        false -> false
    end;
all_members([], _) -> true.

is_set({0, nil}) -> true;
is_set({N, {_, _, _}}) when is_integer(N), N >= 0 -> true;
is_set(_) -> false.

fold(Fun, Acc, {_, Tree}) when is_function(Fun, 2) -> fold_node(Fun, Acc, Tree).

fold_node(Fun, Acc, {K, Smaller, Bigger}) ->
    Acc1 = fold_node(Fun, Acc, Smaller),
    fold_node(Fun, Fun(K, Acc1), Bigger);
fold_node(_, Acc, nil) -> Acc.

filter(Pred, {_, Tree}) when is_function(Pred, 1) ->
    from_ordset([K || K <- keys(Tree, []), Pred(K)]).
