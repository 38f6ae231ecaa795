-module(lc_bad_generator).
-export([main/1]).

%% Regression: a list comprehension whose generator is not a list (or
%% ends in an improper tail) failed with function_clause; OTP fails with
%% {bad_generator, Term}.

main(_) ->
    F = fun(L) -> [X * 2 || X <- L] end,
    lists:foreach(fun(L) ->
                          R = try F(L) catch C:E -> {C, E} end,
                          io:format("~p~n", [R])
                  end, [[1, 2], x, [1 | b], [1, 2 | 3.0], #{}]),
    G = fun(L) -> try [{X, Y} || {X, _} <- L, Y <- [X]] catch C:E -> {C, E} end end,
    io:format("~p~n", [G([a, {1, 2} | c])]),
    io:format("~p~n", [G([{1, 2}, {3, y}])]),
    io:format("~p~n", [G([{1, 2}, {3, y} | {z}])]).
