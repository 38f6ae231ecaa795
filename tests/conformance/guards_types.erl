-module(guards_types).
-export([main/1]).

-record(pt, {x = 0, y = 0}).

type(X) when is_integer(X) -> integer;
type(X) when is_float(X) -> float;
type(X) when is_atom(X) -> atom;
type(X) when is_list(X) -> list;
type(X) when is_map(X) -> map;
type(X) when is_record(X, pt) -> pt_record;
type(X) when is_tuple(X) -> tuple;
type(X) when is_function(X) -> function;
type(_) -> other.

props(X) ->
    [is_number(X), is_boolean(X), is_function(X, 1), is_function(X, 2),
     is_record(X, pt), is_record(X, pt, 3), is_record(X, pt, 2)].

main(_) ->
    Values = [1, 1.5, 1 bsl 80, ok, true, [], [1], "s", #{}, {}, {1, 2},
              #pt{}, fun(A) -> A end, fun(A, B) -> A + B end],
    [io:format("~p ~w~n", [type(V), props(V)]) || V <- Values],
    io:format("~p~n", [[X || X <- Values, is_tuple(X), tuple_size(X) =:= 2]]),
    io:format("~p~n", [[X || X <- Values, is_list(X), length(X) > 0]]),
    io:format("~p~n", [[X || X <- Values, is_map(X), map_size(X) =:= 0]]),
    io:format("~p~n", [[X || X <- Values, is_atom(X), X =/= true]]),
    ok.
