%% A named fun calling itself by name is compiled as a direct local call
%% that passes the free variables and the fun along; this checks that the
%% captured values, the fun's identity, a call with the wrong arity, a
%% head that rebinds the name, nested funs and comprehensions (which are
%% lowered to named funs) all behave as on OTP.
-module(named_fun_self_call).
-export([main/1]).

main(_) ->
    K = 10,
    Sum = fun S([], Acc) -> Acc + K; S([H | T], Acc) -> S(T, Acc + H) end,
    io:format("~p~n", [Sum(lists:seq(1, 1000), 0)]),
    %% Deep non-tail recursion with free variables live across calls.
    Offs = 7,
    Build = fun B(0) -> []; B(N) -> [N + Offs | B(N - 1)] end,
    io:format("~p~n", [lists:sum(Build(100000))]),
    %% The fun passes itself along and compares itself.
    Me = fun M(get) -> M; M(X) -> {X, K} end,
    io:format("~p~n", [{Me(get) =:= Me, (Me(get))(1)}]),
    %% Calling itself with another arity is a badarity error.
    Bad = fun F(X) -> F(X, X) end,
    {error, {badarity, {BadF, BadArgs}}} = catch_class(fun() -> Bad(1) end),
    io:format("~p~n", [{BadF =:= Bad, BadArgs}]),
    %% A nested fun calls the outer one through its captured name.
    Outer = fun O(0) -> done; O(N) -> (fun() -> O(N - 1) end)() end,
    io:format("~p~n", [Outer(50)]),
    %% Comprehensions with filters, several generators and free variables.
    P = 5,
    io:format("~p~n", [[X || X <- lists:seq(1, 20), X < P]]),
    io:format("~p~n", [[{X, Y} || X <- [1, 2, 3], Y <- [a, b], X =/= P]]),
    io:format("~p~n", [[X * P || X <- lists:seq(1, 10), X rem 2 =:= 0, X > 2]]),
    %% An error raised inside a comprehension.
    io:format("~p~n", [catch_class(fun() -> [1 / X || X <- [1, 2, 0]] end)]),
    io:format("~p~n", [catch_class(fun() -> [X || X <- [1, 2 | bad]] end)]),
    ok.

catch_class(F) ->
    try F()
    catch C:R -> {C, R}
    end.
