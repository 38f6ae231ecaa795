-module(guards_logic).
-export([main/1]).

r(X) when X > 0, X < 10 -> small_pos;
r(X) when X >= 10; X =< -10 -> big;
r(X) when is_integer(X) andalso X < 0 -> small_neg;
r(X) when X == 0 orelse X == 0.0 -> zero;
r(_) -> other.

safe(X) when hd(X) == 1 -> starts_one;
safe(X) when element(2, X) == b -> second_b;
safe(X) when length(X) > 2 -> long;
safe(X) when 1 / X > 0.1 -> small_inverse;
safe(X) when map_size(X) > 1 -> big_map;
safe(X) when is_map_key(k, X) -> has_k;
safe(_) -> fallback.

both(X) when (X > 1) and (X < 5) -> inside;
both(X) when not (X > 1) -> low;
both(X) when (X > 100) xor (X > 200) -> between;
both(_) -> high.

main(_) ->
    io:format("~p~n", [[r(X) || X <- [5, 10, -10, -5, 0, 0.0, a, 5.5]]]),
    io:format("~p~n", [[safe(X) || X <- [[1, 2], {a, b}, [2, 3, 4], 4, 20, 0,
                                           #{a => 1, b => 2}, #{k => 1}, #{}, foo]]]),
    io:format("~p~n", [[both(X) || X <- [3, 0, 150, 250, 50]]]),
    T = {a, b, c},
    io:format("~p~n", [if element(1, T) =:= a, tuple_size(T) == 3 -> yes; true -> no end]),
    io:format("~p~n", [if is_atom(T) -> atom; is_tuple(T) -> tuple end]),
    io:format("~p~n", [[X || X <- [1, 2, 3, 4, 5, 6], X rem 2 == 0, X > 2]]),
    io:format("~p~n", [[X || X <- [a, 1, "x", {}], is_atom(X) orelse is_list(X)]]),
    G = fun(X) when abs(X) > 3 -> far; (X) when -X > 0 -> neg; (_) -> near end,
    io:format("~p~n", [[G(X) || X <- [-5, -1, 0, 2, 9]]]),
    io:format("~p~n", [true andalso false orelse true]),
    io:format("~p~n", [false orelse (1 > 0 andalso 2 > 1)]),
    io:format("~p~n", [true andalso foo]),
    io:format("~p~n", [catch element(1, element(2, catch (foo andalso true)))]),
    ok.
