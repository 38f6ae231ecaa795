-module(deep_recursion).
-export([main/1]).

len([]) -> 0;
len([_ | T]) -> 1 + len(T).

sum([]) -> 0;
sum([H | T]) -> H + sum(T).

build(0) -> [];
build(N) -> [N | build(N - 1)].

depth(0) -> leaf;
depth(N) -> {node, depth(N - 1)}.

count_depth(leaf) -> 0;
count_depth({node, T}) -> 1 + count_depth(T).

main(_) ->
    L = lists:seq(1, 1000000),
    io:format("~p~n", [len(L)]),
    io:format("~p~n", [sum(L)]),
    io:format("~p~n", [length(build(500000))]),
    io:format("~p~n", [count_depth(depth(200000))]),
    io:format("~p~n", [lists:sum(lists:map(fun(X) -> X * 2 end, L))]),
    io:format("~p~n", [length(lists:foldr(fun(X, Acc) -> [X | Acc] end, [], L))]),
    io:format("~p~n", [lists:last(lists:append(lists:duplicate(1000, lists:seq(1, 100))))]),
    ok.
