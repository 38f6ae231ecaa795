%% array: the whole API and the printed tuple tree (leaves of 10, nodes of
%% 10 subtrees plus their capacity, integers for subtrees not built yet)
%% after new, set, reset, resize, fix/relax, from_list, from_orddict, map
%% and sparse_map; folds, conversions, and the errors.
-module(array_test).
-export([main/1]).

lcg(X) -> (X * 1103515245 + 12345) rem 2147483648.

randoms(_, 0, Acc) -> lists:reverse(Acc);
randoms(X, N, Acc) -> X1 = lcg(X), randoms(X1, N - 1, [X1 | Acc]).

try_it(F) ->
    try F() of
        V -> V
    catch
        C:R -> {C, R}
    end.

p(X) -> io:format("~w~n", [X]).

main(_) ->
    lists:foreach(fun p/1,
                  [array:new(), array:new(5), array:new(25, {default, 0}),
                   array:new([{size, 3}, fixed]), array:new(100), array:new(3, {fixed, false}),
                   array:new({default, 3}), array:new(0), array:new([{fixed, false}, {size, 5}]),
                   array:new([{size, 5}, {fixed, false}]), array:new([{default, 0}, 12]),
                   array:new(5, [])]),
    lists:foreach(fun p/1,
                  [array:from_list([]), array:from_list([a, b, c]), array:from_list(lists:seq(1, 25)),
                   array:from_list([a, b], 0), array:from_list(lists:seq(1, 120))]),
    A0 = array:new(),
    lists:foreach(fun p/1,
                  [array:set(0, x, A0), array:set(15, x, A0), array:set(150, x, A0),
                   array:set(3, x, array:set(150, x, A0)),
                   array:resize(30, A0), array:resize(3, array:from_list(lists:seq(1, 25))),
                   array:relax(array:fix(array:new(20))),
                   array:reset(5, array:from_list(lists:seq(1, 8))),
                   array:reset(50, array:from_list(lists:seq(1, 8)))]),
    lists:foreach(fun(L) -> p(array:from_orddict([{I, I} || I <- L], x)) end,
                  [[0, 30, 50], [0, 20, 50], [0, 29, 50], [10], [15], [0, 20, 30, 50],
                   [0, 130, 310], [0, 230, 320], [3, 2500]]),
    p(array:from_orddict([])),
    p(array:from_orddict([{0, a}], def)),
    %% Values past a shrink stay in the tree.
    Shr = array:resize(3, array:from_list([1, 2, 3, 4, 5, 6, 7, 8])),
    p(array:to_list(array:set(5, x, Shr))),
    p(array:map(fun(I, V) -> {I, V} end, array:resize(13, array:from_list(lists:seq(1, 25))))),
    p(array:sparse_map(fun(I, V) -> {I, V} end, array:resize(13, array:from_list(lists:seq(1, 25))))),
    p(array:map(fun(I, V) -> {I, V} end, array:new(25, [{fixed, false}]))),
    p(array:map(fun(I, V) -> {I, V} end, array:new())),
    p(array:sparse_map(fun(I, V) -> {I, V} end, array:set(2, a, array:new(25)))),
    Sp = array:set(40, undefined, array:set(2, x, array:set(17, y, array:new()))),
    p([array:size(Sp), array:sparse_size(Sp), array:resize(Sp)]),
    p([array:to_list(Sp), array:sparse_to_list(Sp), array:to_orddict(Sp), array:sparse_to_orddict(Sp)]),
    p([array:foldl(fun(I, V, Acc) -> [{I, V} | Acc] end, [], Sp),
       array:foldr(fun(I, V, Acc) -> [{I, V} | Acc] end, [], Sp),
       array:sparse_foldl(fun(I, V, Acc) -> [{I, V} | Acc] end, [], Sp),
       array:sparse_foldr(fun(I, V, Acc) -> [{I, V} | Acc] end, [], Sp)]),
    p([array:get(2, Sp), array:get(3, Sp), array:get(1000, Sp), array:default(Sp),
       array:is_array(Sp), array:is_array({array, a, b, c, d}), array:is_array(foo),
       array:is_fix(Sp), array:is_fix(array:fix(Sp)), array:size(array:fix(Sp))]),
    %% A pseudo-random walk of sets and resets on a growing array.
    Walk = lists:foldl(
             fun(R, A) ->
                     I = R rem 400,
                     case R rem 5 of
                         0 -> array:reset(I, A);
                         _ -> array:set(I, R rem 1000, A)
                     end
             end, array:new({default, 0}), randoms(1, 300, [])),
    p([array:size(Walk), array:sparse_size(Walk), erlang:phash(Walk, 1000000)]),
    p(array:sparse_to_orddict(Walk)),
    Big = array:from_list(lists:seq(1, 1500)),
    p([array:size(Big), array:get(1234, Big), erlang:phash(Big, 1000000),
       array:foldl(fun(_, V, S) -> V + S end, 0, Big)]),
    p([try_it(F) || F <- [fun() -> array:get(-1, Sp) end,
                          fun() -> array:get(a, Sp) end,
                          fun() -> array:get(3, array:fix(Shr)) end,
                          fun() -> array:set(3, x, array:fix(Shr)) end,
                          fun() -> array:set(a, 1, Sp) end,
                          fun() -> array:get(1, foo) end,
                          fun() -> array:size(foo) end,
                          fun() -> array:new(-1) end,
                          fun() -> array:new([foo]) end,
                          fun() -> array:new(-1, []) end,
                          fun() -> array:new([{fixed, 1}]) end,
                          fun() -> array:resize(-1, Sp) end,
                          fun() -> array:reset(10, array:fix(Shr)) end,
                          fun() -> array:reset(-1, Sp) end,
                          fun() -> array:map(foo, Sp) end,
                          fun() -> array:foldl(foo, 0, Sp) end,
                          fun() -> array:fix(foo) end,
                          fun() -> array:relax(foo) end,
                          fun() -> array:is_fix(foo) end,
                          fun() -> array:default(foo) end,
                          fun() -> array:to_list(foo) end,
                          fun() -> array:sparse_size(foo) end,
                          fun() -> array:from_list([a | b]) end,
                          fun() -> array:from_list(x) end,
                          fun() -> array:from_orddict([a]) end,
                          fun() -> array:from_orddict([{-1, a}]) end,
                          fun() -> array:from_orddict([{0, a} | b]) end,
                          fun() -> array:from_orddict([{3, a}, {1, b}]) end,
                          fun() -> array:from_orddict([{3, a}, {3, b}]) end,
                          fun() -> array:from_orddict(x) end]]).
