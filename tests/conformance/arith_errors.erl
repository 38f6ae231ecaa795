-module(arith_errors).
-export([main/1]).

id(X) -> X.

try_it(Name, F) ->
    R = try F() of
            V -> {ok, V}
        catch
            C:E -> {C, E}
        end,
    io:format("~s: ~p~n", [Name, R]).

main(_) ->
    try_it("1/0", fun() -> id(1) / id(0) end),
    try_it("1.0/0.0", fun() -> id(1.0) / id(0.0) end),
    try_it("1 div 0", fun() -> id(1) div id(0) end),
    try_it("1 rem 0", fun() -> id(1) rem id(0) end),
    try_it("a + 1", fun() -> id(a) + 1 end),
    try_it("[] * 2", fun() -> id([]) * 2 end),
    try_it("1.5 div 1", fun() -> id(1.5) div 1 end),
    try_it("3 rem 1.0", fun() -> 3 rem id(1.0) end),
    try_it("1 band 1.0", fun() -> 1 band id(1.0) end),
    try_it("bnot 1.0", fun() -> bnot id(1.0) end),
    try_it("1 bsl a", fun() -> 1 bsl id(a) end),
    try_it("-a", fun() -> - id(a) end),
    try_it("float overflow", fun() -> id(1.0e308) * 10 end),
    try_it("abs(a)", fun() -> abs(id(a)) end),
    try_it("float(a)", fun() -> float(id(a)) end),
    try_it("trunc(a)", fun() -> trunc(id(a)) end),
    try_it("ok", fun() -> id(6) div 4 end),
    io:format("catch: ~p~n", [element(1, element(2, catch id(1) / id(0)))]),
    io:format("~p~n", [catch (id(1) + 1)]),
    ok.
