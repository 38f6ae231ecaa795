-module(try_classes).
-export([main/1]).

id(X) -> X.

classify(F) ->
    try F() of
        V -> {returned, V}
    catch
        throw:T -> {thrown, T};
        error:E -> {error, E};
        exit:X -> {exited, X}
    end.

with_stack(F) ->
    try F()
    catch Class:Reason:Stack -> {Class, Reason, is_list(Stack)}
    end.

main(_) ->
    io:format("~p~n", [classify(fun() -> 42 end)]),
    io:format("~p~n", [classify(fun() -> throw(ball) end)]),
    io:format("~p~n", [classify(fun() -> error(oops) end)]),
    io:format("~p~n", [classify(fun() -> exit(bye) end)]),
    io:format("~p~n", [classify(fun() -> erlang:error({custom, 1}, [a]) end)]),
    io:format("~p~n", [classify(fun() -> id(a) + 1 end)]),
    io:format("~p~n", [classify(fun() -> throw({nested, [1, 2]}) end)]),
    io:format("~p~n", [with_stack(fun() -> error(badthing) end)]),
    io:format("~p~n", [with_stack(fun() -> throw(x) end)]),
    io:format("~p~n", [with_stack(fun() -> exit(normal) end)]),
    R = try
            try error(inner)
            catch error:inner -> throw(converted)
            end
        catch throw:What -> {outer_caught, What}
        end,
    io:format("~p~n", [R]),
    R2 = try
             try throw(a) catch error:_ -> not_here end
         catch throw:a -> passed_through
         end,
    io:format("~p~n", [R2]),
    R3 = try
             try id(1) of
                 1 -> error(raised_in_of)
             catch
                 error:_ -> caught_by_same_try
             end
         catch
             error:Reason -> {caught_outside, Reason}
         end,
    io:format("~p~n", [R3]),
    R4 = try
             try id(2) of
                 1 -> one
             catch
                 _:_ -> caught_by_same_try
             end
         catch
             error:R4Reason -> {outer, R4Reason}
         end,
    io:format("~p~n", [R4]),
    R5 = try erlang:raise(throw, raised, []) catch throw:Z -> {raise, Z} end,
    io:format("~p~n", [R5]),
    R6 = try
             try error(first) catch C:E:S -> erlang:raise(C, {wrapped, E}, S) end
         catch error:W -> W
         end,
    io:format("~p~n", [R6]),
    R7 = (catch erlang:raise(bad_class, x, [])),
    io:format("~p~n", [R7]),
    ok.
