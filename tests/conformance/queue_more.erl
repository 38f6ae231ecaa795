%% queue: the shapes OTP gives after out/out_r from an empty side, split,
%% filtermap, delete/delete_r (only an emptied side is refilled), the
%% Okasaki API (cons, head, tail, snoc, daeh, last, liat, lait, init),
%% and the errors.
-module(queue_more).
-export([main/1]).

try_it(F) ->
    try F() of
        V -> V
    catch
        C:R -> {C, R}
    end.

main(_) ->
    Q5 = queue:from_list([1, 2, 3, 4, 5]),
    io:format("~w~n", [Q5]),
    io:format("~w~n", [[queue:out_r({[], lists:seq(1, N)}) || N <- [1, 2, 3, 6]]]),
    io:format("~w~n", [[queue:out({lists:seq(1, N), []}) || N <- [1, 2, 3, 6]]]),
    io:format("~w~n", [[queue:split(N, Q5) || N <- [0, 1, 2, 3, 4, 5]]]),
    io:format("~w~n", [queue:split(1, {[], [11]})]),
    io:format("~w~n", [queue:split(2, {[9, 8, 7], []})]),
    io:format("~w~n", [queue:filtermap(fun(X) when X > 3 -> {true, X * 10};
                                          (X) -> X rem 2 =:= 1 end, Q5)]),
    io:format("~w~n", [queue:filter(fun(X) when X > 3 -> [X, X]; (X) -> X =/= 2 end, Q5)]),
    io:format("~w~n", [[queue:delete(X, Q5) || X <- [1, 3, 5, 9]]]),
    io:format("~w~n", [[queue:delete_r(X, Q5) || X <- [1, 3, 5, 9]]]),
    io:format("~w~n", [queue:delete_with_r(fun(X) -> X > 1 end, {[], [19, 6, 3, 17, 8, 17, 20]})]),
    io:format("~w~n", [queue:delete_with(fun(X) -> X > 1 end, {[20, 4], [3]})]),
    %% Okasaki API.
    Q = queue:snoc(queue:snoc(queue:cons(0, queue:new()), 1), 2),
    io:format("~w ~w ~w ~w~n", [Q, queue:head(Q), queue:daeh(Q), queue:last(Q)]),
    io:format("~w ~w ~w ~w~n", [queue:tail(Q), queue:liat(Q), queue:lait(Q), queue:init(Q)]),
    io:format("~w~n", [queue:tail(queue:tail(queue:tail(Q)))]),
    io:format("~w~n", [lists:foldl(fun(X, Acc) -> queue:cons(X, Acc) end, queue:new(), [a, b, c, d])]),
    io:format("~w~n", [lists:foldl(fun(X, Acc) -> queue:snoc(Acc, X) end, queue:new(), [a, b, c, d])]),
    io:format("~w~n", [queue:liat({[], [a, b, c, d]})]),
    io:format("~w~n", [queue:tail({[a, b, c, d], []})]),
    E = queue:new(),
    io:format("~w~n", [[try_it(F) || F <- [fun() -> queue:head(E) end,
                                           fun() -> queue:daeh(E) end,
                                           fun() -> queue:last(E) end,
                                           fun() -> queue:tail(E) end,
                                           fun() -> queue:liat(E) end,
                                           fun() -> queue:lait(E) end,
                                           fun() -> queue:init(E) end,
                                           fun() -> queue:cons(a, foo) end,
                                           fun() -> queue:snoc(foo, a) end,
                                           fun() -> queue:head(foo) end,
                                           fun() -> queue:split(6, Q5) end,
                                           fun() -> queue:split(-1, Q5) end,
                                           fun() -> queue:filtermap(foo, Q5) end,
                                           fun() -> queue:delete(a, foo) end]]]).
