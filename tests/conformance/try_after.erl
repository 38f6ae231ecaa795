-module(try_after).
-export([main/1]).

id(X) -> X.

log(X) -> io:format("  log: ~p~n", [X]).

run(Name, F) ->
    io:format("~s~n", [Name]),
    R = try
            F()
        catch
            C:E -> {caught, C, E}
        end,
    io:format("  result: ~p~n", [R]).

main(_) ->
    run("normal", fun() -> try log(body), 1 after log('after') end end),
    run("throw", fun() -> try log(body), throw(t) after log('after') end end),
    run("error with catch", fun() ->
        try log(body), error(e)
        catch error:e -> log(handler), handled
        after log('after')
        end end),
    run("of clause", fun() ->
        try id(5) of
            5 -> log(of_clause), five
        after log('after')
        end end),
    run("nested", fun() ->
        try
            try log(inner_body), throw(x)
            after log(inner_after)
            end
        catch throw:x -> log(outer_handler), done
        after log(outer_after)
        end end),
    run("after value ignored", fun() -> try 1 after 2 end end),
    run("exception in after", fun() -> try ok after error(in_after) end end),
    run("handler throws", fun() ->
        try error(a)
        catch error:a -> log(handler), throw(from_handler)
        after log('after')
        end end),
    ok.
