%% girder stdlib: queue
%%
%% Written for girder from the documented behaviour of OTP 25's `queue`
%% module (original, extended and Okasaki APIs).
%%
%% A queue is {Rear, Front}: Front holds the first elements in order,
%% Rear the last ones in reverse order.  When one side runs empty while
%% the other holds two or more elements, the other side is split in half
%% (the same shapes as OTP produces for in/out/from_list/filter...).
-module(queue).

-compile({no_auto_import, [get/1]}).

%% Original API
-export([all/2, any/2, delete/2, delete_r/2, delete_with/2, delete_with_r/2,
         filter/2, filtermap/2, fold/3, from_list/1, in/2, in_r/2,
         is_empty/1, is_queue/1, join/2, len/1, member/2, new/0, out/1,
         out_r/1, reverse/1, split/2, to_list/1]).
%% Extended API
-export([drop/1, drop_r/1, get/1, get_r/1, peek/1, peek_r/1]).
%% Okasaki API
-export([cons/2, daeh/1, head/1, init/1, lait/1, last/1, liat/1, snoc/2,
         tail/1]).

new() -> {[], []}.

is_queue({Rear, Front}) when is_list(Rear), is_list(Front) -> true;
is_queue(_) -> false.

is_empty({[], []}) -> true;
is_empty({Rear, Front}) when is_list(Rear), is_list(Front) -> false;
is_empty(Q) -> erlang:error(badarg, [Q]).

len({Rear, Front}) when is_list(Rear), is_list(Front) -> length(Rear) + length(Front);
len(Q) -> erlang:error(badarg, [Q]).

to_list({Rear, Front}) when is_list(Rear), is_list(Front) -> Front ++ lists:reverse(Rear);
to_list(Q) -> erlang:error(badarg, [Q]).

%% The first half goes to Front, the rest (reversed) to Rear.
from_list(List) when is_list(List) -> balance_front([], List);
from_list(List) -> erlang:error(badarg, [List]).

member(X, {Rear, Front}) when is_list(Rear), is_list(Front) ->
    lists:member(X, Front) orelse lists:member(X, Rear);
member(X, Q) -> erlang:error(badarg, [X, Q]).

%% Rebuild a queue whose Front may be empty (Rear keeps its first half).
balance_rear(Rear, []) -> rear_to_front(Rear);
balance_rear(Rear, Front) -> {Rear, Front}.

rear_to_front([]) -> {[], []};
rear_to_front([X]) -> {[], [X]};
rear_to_front(Rear) ->
    {Keep, Move} = lists:split(length(Rear) div 2, Rear),
    {Keep, lists:reverse(Move)}.

%% Rebuild a queue whose Rear may be empty (Front keeps its first half).
balance_front([], Front) -> front_to_rear(Front);
balance_front(Rear, Front) -> {Rear, Front}.

front_to_rear([]) -> {[], []};
front_to_rear([X]) -> {[X], []};
front_to_rear(Front) ->
    {Keep, Move} = lists:split(length(Front) div 2, Front),
    {lists:reverse(Move), Keep}.

in(X, {[_] = Rear, []}) -> {[X], Rear};
in(X, {Rear, Front}) when is_list(Rear), is_list(Front) -> {[X | Rear], Front};
in(X, Q) -> erlang:error(badarg, [X, Q]).

in_r(X, {[], [_] = Front}) -> {Front, [X]};
in_r(X, {Rear, Front}) when is_list(Rear), is_list(Front) -> {Rear, [X | Front]};
in_r(X, Q) -> erlang:error(badarg, [X, Q]).

out({[], []} = Q) -> {empty, Q};
out({[X], []}) -> {{value, X}, {[], []}};
out({Rear, [X]}) when is_list(Rear) -> {{value, X}, rear_to_front(Rear)};
out({Rear, [X | Front]}) when is_list(Rear) -> {{value, X}, {Rear, Front}};
%% Taking from an empty Front: Rear keeps its newest element, the others
%% move over.
out({[Newest | Rest], []}) ->
    [X | Front] = lists:reverse(Rest),
    {{value, X}, {[Newest], Front}};
out(Q) -> erlang:error(badarg, [Q]).

out_r({[], []} = Q) -> {empty, Q};
out_r({[], [X]}) -> {{value, X}, {[], []}};
out_r({[X], Front}) when is_list(Front) -> {{value, X}, front_to_rear(Front)};
out_r({[X | Rear], Front}) when is_list(Front) -> {{value, X}, {Rear, Front}};
out_r({[], [Oldest | Rest]}) ->
    [X | Rear] = lists:reverse(Rest),
    {{value, X}, {Rear, [Oldest]}};
out_r(Q) -> erlang:error(badarg, [Q]).

get({[], []} = Q) -> erlang:error(empty, [Q]);
get({Rear, Front}) when is_list(Rear), is_list(Front) ->
    case Front of
        [X | _] -> X;
        [] -> lists:last(Rear)
    end;
get(Q) -> erlang:error(badarg, [Q]).

get_r({[], []} = Q) -> erlang:error(empty, [Q]);
get_r({Rear, Front}) when is_list(Rear), is_list(Front) ->
    case Rear of
        [X | _] -> X;
        [] -> lists:last(Front)
    end;
get_r(Q) -> erlang:error(badarg, [Q]).

peek({[], []}) -> empty;
peek({Rear, Front} = Q) when is_list(Rear), is_list(Front) -> {value, get(Q)};
peek(Q) -> erlang:error(badarg, [Q]).

peek_r({[], []}) -> empty;
peek_r({Rear, Front} = Q) when is_list(Rear), is_list(Front) -> {value, get_r(Q)};
peek_r(Q) -> erlang:error(badarg, [Q]).

drop({[], []} = Q) -> erlang:error(empty, [Q]);
drop({Rear, Front} = Q) when is_list(Rear), is_list(Front) ->
    {_, Q1} = out(Q),
    Q1;
drop(Q) -> erlang:error(badarg, [Q]).

drop_r({[], []} = Q) -> erlang:error(empty, [Q]);
drop_r({Rear, Front} = Q) when is_list(Rear), is_list(Front) ->
    {_, Q1} = out_r(Q),
    Q1;
drop_r(Q) -> erlang:error(badarg, [Q]).

reverse({Rear, Front}) when is_list(Rear), is_list(Front) -> {Front, Rear};
reverse(Q) -> erlang:error(badarg, [Q]).

join({R1, F1} = Q1, {R2, F2} = Q2)
  when is_list(R1), is_list(F1), is_list(R2), is_list(F2) ->
    case {Q1, Q2} of
        {{[], []}, _} -> Q2;
        {_, {[], []}} -> Q1;
        _ -> {R2, F1 ++ lists:reverse(R1, F2)}
    end;
join(Q1, Q2) -> erlang:error(badarg, [Q1, Q2]).

%% The shapes follow OTP's: when N is the length of Front, each half is
%% rebuilt from one side; otherwise the elements are moved one by one off
%% the side that holds the cut, the first moved one staying next to it.
split(0, {Rear, Front} = Q) when is_list(Rear), is_list(Front) -> {{[], []}, Q};
split(N, {Rear, Front} = Q) when is_integer(N), N >= 1, is_list(Rear), is_list(Front) ->
    LenF = length(Front),
    if
        N < LenF ->
            [X | Front1] = Front,
            {Moved, Rest} = move(N - 1, Front1, []),
            {{Moved, [X]}, {Rear, Rest}};
        N > LenF ->
            Cut = length(Rear) - (N - LenF),
            if
                Cut < 0 -> erlang:error(badarg, [N, Q]);
                Cut =:= 0 -> {Q, {[], []}};
                true ->
                    [X | Rear1] = Rear,
                    {Moved, Rest} = move(Cut - 1, Rear1, []),
                    {{Rest, Front}, {[X], Moved}}
            end;
        true -> {front_to_rear(Front), rear_to_front(Rear)}
    end;
split(N, Q) -> erlang:error(badarg, [N, Q]).

%% Moves N elements from the head of a list onto Acc (reversing them).
move(0, List, Acc) -> {Acc, List};
move(N, [X | List], Acc) -> move(N - 1, List, [X | Acc]).

filter(Fun, {Rear, Front}) when is_function(Fun, 1), is_list(Rear), is_list(Front) ->
    F = filter_list(Fun, Front),
    R = lists:reverse(filter_list(Fun, lists:reverse(Rear))),
    case {R, F} of
        {[], _} -> balance_front([], F);
        {_, []} -> balance_rear(R, []);
        _ -> {R, F}
    end;
filter(Fun, Q) -> erlang:error(badarg, [Fun, Q]).

%% Fun returns true (keep), false (drop) or a list of replacement items.
filter_list(Fun, [X | Rest]) ->
    case Fun(X) of
        true -> [X | filter_list(Fun, Rest)];
        false -> filter_list(Fun, Rest);
        Items when is_list(Items) -> Items ++ filter_list(Fun, Rest)
    end;
filter_list(_, []) -> [].

%% Like filter/2, each side is mapped in place.
filtermap(Fun, {Rear, Front}) when is_function(Fun, 1), is_list(Rear), is_list(Front) ->
    F = lists:filtermap(Fun, Front),
    R = lists:reverse(lists:filtermap(Fun, lists:reverse(Rear))),
    case {R, F} of
        {[], _} -> balance_front([], F);
        {_, []} -> balance_rear(R, []);
        _ -> {R, F}
    end;
filtermap(Fun, Q) -> erlang:error(badarg, [Fun, Q]).

fold(Fun, Acc, {Rear, Front} = Q) when is_function(Fun, 2), is_list(Rear), is_list(Front) ->
    lists:foldl(Fun, Acc, to_list(Q));
fold(Fun, Acc, Q) -> erlang:error(badarg, [Fun, Acc, Q]).

any(Pred, {Rear, Front} = Q) when is_function(Pred, 1), is_list(Rear), is_list(Front) ->
    lists:any(Pred, to_list(Q));
any(Pred, Q) -> erlang:error(badarg, [Pred, Q]).

all(Pred, {Rear, Front} = Q) when is_function(Pred, 1), is_list(Rear), is_list(Front) ->
    lists:all(Pred, to_list(Q));
all(Pred, Q) -> erlang:error(badarg, [Pred, Q]).

%% Deleting keeps the shape of the queue: the element is removed from
%% the list that holds it, and the queue is rebalanced if that list
%% became empty.
delete(X, Q) -> delete_with(fun(Y) -> Y =:= X end, Q, [X, Q]).

delete_r(X, Q) -> delete_with_r(fun(Y) -> Y =:= X end, Q, [X, Q]).

delete_with(Pred, Q) when is_function(Pred, 1) -> delete_with(Pred, Q, [Pred, Q]);
delete_with(Pred, Q) -> erlang:error(badarg, [Pred, Q]).

delete_with_r(Pred, Q) when is_function(Pred, 1) -> delete_with_r(Pred, Q, [Pred, Q]);
delete_with_r(Pred, Q) -> erlang:error(badarg, [Pred, Q]).

%% Only a side that the deletion empties is refilled from the other.
delete_with(Pred, {Rear, Front} = Q, _) when is_list(Rear), is_list(Front) ->
    case delete_first(Pred, Front) of
        {ok, []} -> rear_to_front(Rear);
        {ok, Front1} -> {Rear, Front1};
        error ->
            case delete_first(Pred, lists:reverse(Rear)) of
                {ok, []} -> front_to_rear(Front);
                {ok, RevRear} -> {lists:reverse(RevRear), Front};
                error -> Q
            end
    end;
delete_with(_, _, Args) -> erlang:error(badarg, Args).

delete_with_r(Pred, {Rear, Front} = Q, _) when is_list(Rear), is_list(Front) ->
    case delete_first(Pred, Rear) of
        {ok, []} -> front_to_rear(Front);
        {ok, Rear1} -> {Rear1, Front};
        error ->
            case delete_first(Pred, lists:reverse(Front)) of
                {ok, []} -> rear_to_front(Rear);
                {ok, RevFront} -> {Rear, lists:reverse(RevFront)};
                error -> Q
            end
    end;
delete_with_r(_, _, Args) -> erlang:error(badarg, Args).

delete_first(Pred, List) -> delete_first(Pred, List, []).

delete_first(Pred, [X | Rest], Seen) ->
    case Pred(X) of
        true -> {ok, lists:reverse(Seen, Rest)};
        false -> delete_first(Pred, Rest, [X | Seen])
    end;
delete_first(_, [], _) -> error.

%% Okasaki API
cons(X, Q) -> in_r(X, Q).
head(Q) -> get(Q).
tail(Q) -> drop(Q).
snoc(Q, X) -> in(X, Q).
daeh(Q) -> get_r(Q).
last(Q) -> get_r(Q).
liat(Q) -> drop_r(Q).
lait(Q) -> drop_r(Q).
init(Q) -> drop_r(Q).
