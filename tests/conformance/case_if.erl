-module(case_if).
-export([main/1]).

id(X) -> X.

grade(N) when N >= 90 -> a;
grade(N) when N >= 80 -> b;
grade(_) -> c.

sign(N) ->
    if N > 0 -> positive;
       N < 0 -> negative;
       true -> zero
    end.

describe(X) ->
    case X of
        {point, Px, Py} when Px =:= Py -> diagonal;
        {point, _, _} -> point;
        [_ | _] = L when length(L) > 3 -> long_list;
        [] -> empty;
        N when is_number(N), N > 100 -> big_number;
        _ -> other
    end.

main(_) ->
    io:format("~p~n", [[grade(N) || N <- [95, 85, 50]]]),
    io:format("~p~n", [[sign(N) || N <- [5, -5, 0, 0.0]]]),
    io:format("~p~n", [[describe(X) || X <- [{point, 1, 1}, {point, 1, 2}, [1, 2, 3, 4], [], 500, abc]]]),
    X = case id(3) of 1 -> one; 3 -> three end,
    io:format("~p~n", [X]),
    Y = if X =:= three -> matched; true -> no end,
    io:format("~p~n", [Y]),
    case id({ok, 1}) of
        {ok, V} -> io:format("bound ~p~n", [V]);
        {error, _} -> ok
    end,
    Z = begin A = 1, B = 2, A + B end,
    io:format("~p~n", [Z]),
    Nested = case id(a) of
                 a -> case id(b) of b -> ab; _ -> a_other end;
                 _ -> other
             end,
    io:format("~p~n", [Nested]),
    io:format("~p~n", [if is_atom(Nested) -> atom end]),
    W = case id(5) of Q when Q > 3 -> Q * 2; Q -> Q end,
    io:format("~p~n", [W]),
    ok.
