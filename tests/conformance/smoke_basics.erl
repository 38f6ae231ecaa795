-module(smoke_basics).
-export([main/1]).
main(_) ->
    io:format("~p~n", [[{A,B} || A <- [1,2], B <- [x,y]]]),
    M = #{a => 1, b => 2},
    #{a := AV} = M,
    io:format("~p ~p~n", [AV, M#{c => 3}]),
    io:format("~p~n", [catch throw(boom)]),
    io:format("~p~n", [element(1, catch 1 + a)]),
    R = try error(oops) catch error:E -> {caught, E} after io:format("after~n") end,
    io:format("~p~n", [R]),
    ok.
