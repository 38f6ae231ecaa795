-module(match_errors).
-export([main/1]).

id(X) -> X.

f(1) -> one;
f(2) -> two.

g(X) when X > 10 -> big.

show(Label, Fun) ->
    Result = try Fun() of
                 V -> {value, V}
             catch
                 Class:Reason -> {Class, Reason}
             end,
    io:format("~s: ~p~n", [Label, Result]).

main(_) ->
    show("badmatch", fun() -> {a, _} = id({b, 1}) end),
    show("badmatch list", fun() -> [_, _] = id([1, 2, 3]) end),
    show("badmatch int", fun() -> 1 = id(2) end),
    show("badmatch float", fun() -> 1 = id(1.0) end),
    show("case_clause", fun() -> case id(7) of 1 -> a; 2 -> b end end),
    show("case_clause tuple", fun() -> case id({x, y}) of {y, _} -> a end end),
    show("function_clause", fun() -> f(id(3)) end),
    show("function_clause guard", fun() -> g(id(5)) end),
    show("if_clause", fun() -> X = id(5), if X > 10 -> big; X < 0 -> neg end end),
    show("fun clause", fun() -> (fun(a) -> ok end)(id(b)) end),
    show("try_clause", fun() -> try id(1) of 2 -> two catch _:_ -> caught end end),
    show("ok", fun() -> {ok, V} = id({ok, 5}), V end),
    show("nested", fun() -> {ok, [H | _]} = id({ok, []}), H end),
    show("string prefix", fun() -> "abc" ++ _ = id("abd") end),
    show("map", fun() -> #{a := _} = id(#{b => 1}) end),
    R1 = (catch f(id(9))),
    io:format("catch: ~p~n", [element(1, element(2, R1))]),
    R2 = (catch ({1, 2} = id({1, 3}))),
    {'EXIT', {Reason2, _}} = R2,
    io:format("catch: ~p~n", [Reason2]),
    ok.
