-module(funs_apply).
-export([main/1, add/2, three/3]).

add(A, B) -> A + B.
three(A, B, C) -> [A, B, C].

main(_) ->
    io:format("~p~n", [apply(fun add/2, [1, 2])]),
    io:format("~p~n", [apply(?MODULE, add, [3, 4])]),
    io:format("~p~n", [apply(lists, reverse, [[1, 2, 3]])]),
    io:format("~p~n", [erlang:apply(?MODULE, three, [a, b, c])]),
    Mod = lists, Fun = seq,
    io:format("~p~n", [Mod:Fun(1, 5)]),
    io:format("~p~n", [(fun ?MODULE:three/3)(x, y, z)]),
    F = fun(X) -> X end,
    R1 = try F(1, 2) catch error:E1 -> element(1, E1) end,
    io:format("~p~n", [R1]),
    R2 = try apply(F, [1, 2, 3]) catch error:E2 -> element(1, E2) end,
    io:format("~p~n", [R2]),
    R3 = try apply(?MODULE, nope, []) catch error:E3 -> E3 end,
    io:format("~p~n", [R3]),
    NotAFun = list_to_atom("not_a_fun"),
    R4 = try NotAFun(1) catch error:E4 -> E4 end,
    io:format("~p~n", [R4]),
    R5 = try apply(no_such_module_xyz, f, [1]) catch error:E5 -> E5 end,
    io:format("~p~n", [R5]),
    io:format("~p~n", [[apply(erlang, Op, [6, 3]) || Op <- ['+', '-', '*', 'div', '/']]]),
    io:format("~p~n", [lists:map(fun erlang:abs/1, [-1, 2, -3])]),
    io:format("~p~n", [apply(fun() -> zero end, [])]),
    ok.
