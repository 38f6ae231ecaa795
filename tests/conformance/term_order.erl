-module(term_order).
-export([main/1]).

main(_) ->
    F = fun(X) -> X end,
    Terms = [[1, 2], {1, 2}, #{}, a, 1, 2.5, [], {}, "abc", {a, b, c}, #{a => 1},
             b, -10, 'A', [a | b], {2}, 1 bsl 70, [[]]],
    Sorted = lists:sort(Terms),
    io:format("~p~n", [Sorted]),
    io:format("~p~n", [lists:sort([F, a, 1, {}]) =:= [1, a, F, {}]]),
    io:format("~p~n", [[1 < a, a < {}, {} < #{}, #{} < [], [] < [1], 1 < F, F < {}]]),
    io:format("tuples by size: ~p ~p ~p~n", [{9, 9} < {1, 1, 1}, {a} < {1, 1}, {2, 1} > {1, 2}]),
    io:format("lists: ~p ~p ~p ~p~n", [[1, 2] < [1, 3], [1] < [1, 0], "abc" < "abd", [2] > [1, 9]]),
    io:format("atoms: ~p ~p ~p~n", [a < b, aa > a, 'Z' < a]),
    io:format("maps by size: ~p ~p~n", [#{z => 1} < #{a => 1, b => 2}, #{a => 2} > #{a => 1}]),
    io:format("maps keys: ~p ~p~n", [#{a => 1} < #{b => 1}, #{1 => a} < #{1.0 => a}]),
    io:format("numbers: ~p ~p ~p ~p~n", [1 < 1.5, 2 > 1.5, 1 == 1.0, 1.0 < 2]),
    io:format("bignum vs float: ~p ~p~n", [(1 bsl 70) > 1.0e20, (1 bsl 70) < 1.0e22]),
    io:format("~p~n", [lists:sort([{b, 2}, {a, 3}, {b, 1}, {a, 1, 0}, {a}])]),
    io:format("~p~n", [lists:sort(["b", "a", "ab", "", "ba", [97, 0]])]),
    io:format("~p~n", [lists:sort([#{b => 1}, #{a => 2}, #{a => 1}, #{a => 1, b => 1}, #{}])]),
    io:format("~p~n", [lists:usort([3, 1, 2, 3, 1, a, b, a])]),
    io:format("~p~n", [lists:max(Terms)]),
    io:format("~p~n", [lists:min(Terms)]),
    io:format("~p ~p~n", [max(a, 1), min([], {})]),
    io:format("~p~n", [lists:sort(fun(A, B) -> A >= B end, [3, 1, 4, 1, 5, 9, 2, 6])]),
    ok.
