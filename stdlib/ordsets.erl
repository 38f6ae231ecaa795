%% girder stdlib: ordsets
%%
%% Written for girder from the documented behaviour of OTP 25's `ordsets`
%% module.  An ordset is a list ordered by term order without duplicates;
%% elements are compared with < and > (so 1 and 1.0 are the same element,
%% and the one already in the first set is kept).
-module(ordsets).

-compile({no_auto_import, [size/1]}).

-export([add_element/2, del_element/2, filter/2, fold/3,
         from_list/1, intersection/1, intersection/2, is_disjoint/2,
         is_element/2, is_empty/1, is_set/1, is_subset/2, new/0,
         size/1, subtract/2, to_list/1, union/1, union/2]).

new() -> [].

is_set([X | Rest]) -> is_set(Rest, X);
is_set([]) -> true;
is_set(_) -> false.

is_set([X | Rest], Prev) when Prev < X -> is_set(Rest, X);
is_set([_ | _], _) -> false;
is_set([], _) -> true;
is_set(_, _) -> false.

size(Set) -> length(Set).

is_empty(Set) -> Set =:= [].

to_list(Set) -> Set.

from_list(List) -> lists:usort(List).

is_element(E, [X | _]) when E < X -> false;
is_element(E, [X | Set]) when E > X -> is_element(E, Set);
is_element(_, [_ | _]) -> true;
is_element(_, []) -> false.

add_element(E, [X | _] = Set) when E < X -> [E | Set];
add_element(E, [X | Set]) when E > X -> [X | add_element(E, Set)];
add_element(_, [_ | _] = Set) -> Set;
add_element(E, []) -> [E].

del_element(E, [X | _] = Set) when E < X -> Set;
del_element(E, [X | Set]) when E > X -> [X | del_element(E, Set)];
del_element(_, [_ | Set]) -> Set;
del_element(_, []) -> [].

%% After taking an element from the second set the two sets change
%% places (as OTP does), so of two equal elements (1 and 1.0) the one
%% kept is from the set that was behind.
union([X | S1], [Y | _] = S2) when X < Y -> [X | union(S1, S2)];
union([X | _] = S1, [Y | S2]) when X > Y -> [Y | union(S2, S1)];
union([X | S1], [_ | S2]) -> [X | union(S1, S2)];
union([], S2) -> S2;
union(S1, []) -> S1.

%% Of equal elements, the one from the earliest set is kept.
union(Sets) -> lists:foldl(fun(S, Acc) -> union_left(Acc, S) end, [], Sets).

union_left([X | S1], [Y | _] = S2) when X < Y -> [X | union_left(S1, S2)];
union_left([X | _] = S1, [Y | S2]) when X > Y -> [Y | union_left(S1, S2)];
union_left([X | S1], [_ | S2]) -> [X | union_left(S1, S2)];
union_left([], S2) -> S2;
union_left(S1, []) -> S1.

%% The sets change places as in union/2.
intersection([X | S1], [Y | _] = S2) when X < Y -> intersection(S1, S2);
intersection([X | _] = S1, [Y | S2]) when X > Y -> intersection(S2, S1);
intersection([X | S1], [_ | S2]) -> [X | intersection(S1, S2)];
intersection([], _) -> [];
intersection(_, []) -> [].

intersection([First | Rest]) ->
    lists:foldl(fun(S, Acc) -> intersection(Acc, S) end, First, Rest).

is_disjoint([X | S1], [Y | _] = S2) when X < Y -> is_disjoint(S1, S2);
is_disjoint([X | _] = S1, [Y | S2]) when X > Y -> is_disjoint(S1, S2);
is_disjoint([_ | _], [_ | _]) -> false;
is_disjoint([], _) -> true;
is_disjoint(_, []) -> true.

subtract([X | S1], [Y | _] = S2) when X < Y -> [X | subtract(S1, S2)];
subtract([X | _] = S1, [Y | S2]) when X > Y -> subtract(S1, S2);
subtract([_ | S1], [_ | S2]) -> subtract(S1, S2);
subtract([], _) -> [];
subtract(S1, []) -> S1.

is_subset([X | _], [Y | _]) when X < Y -> false;
is_subset([X | _] = S1, [Y | S2]) when X > Y -> is_subset(S1, S2);
is_subset([_ | S1], [_ | S2]) -> is_subset(S1, S2);
is_subset([], _) -> true;
is_subset(_, []) -> false.

fold(Fun, Acc, Set) -> lists:foldl(Fun, Acc, Set).

filter(Pred, Set) -> lists:filter(Pred, Set).
