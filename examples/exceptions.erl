%% Exceptions: the three classes (error, throw, exit), try ... of ...
%% catch ... after, catch expressions, stack traces, and errors the VM
%% raises itself (badarith, badmatch, function_clause, ...).
-module(exceptions).
-export([main/1]).

main(_) ->
    [io:format("~-28s -> ~p~n", [Name, safe(F)]) || {Name, F} <- cases()],
    io:format("parse: ~p~n", [[parse(S) || S <- ["42", "-7", "x1", ""]]]),
    io:format("with cleanup: ~p~n", [with_cleanup(fun() -> 1 + 1 end)]),
    io:format("with cleanup: ~p~n", [catch with_cleanup(fun() -> throw(oops) end)]),
    io:format("catch expr: ~p~n", [catch 10 div 2]),
    io:format("catch throw: ~p~n", [catch throw(ball)]),
    {'EXIT', {Reason, [Top | _]}} = (catch lists:nth(0, [a])),
    io:format("catch error: ~p in ~p~n", [Reason, element(1, Top)]),
    io:format("nested: ~p~n", [nested()]),
    io:format("rethrown: ~p~n", [try rethrow() catch C:R -> {C, R} end]),
    ok.

cases() ->
    [{"badarith", fun() -> 1 / zero() end},
     {"badmatch", fun() -> {ok, _} = {error, nope} end},
     {"function_clause", fun() -> fact(-1) end},
     {"case_clause", fun() -> case zero() of 1 -> one end end},
     {"if_clause", fun() -> Z = zero(), if Z > 0 -> pos end end},
     {"badarg", fun() -> list_to_atom(42) end},
     {"undef", fun() -> no_such_module:f() end},
     {"badkey", fun() -> maps:get(k, #{}) end},
     {"throw", fun() -> throw({custom, 1}) end},
     {"exit", fun() -> exit(shutdown) end},
     {"error/1", fun() -> error(my_reason) end},
     {"ok", fun() -> fact(10) end}].

zero() -> 0.

fact(0) -> 1;
fact(N) when N > 0 -> N * fact(N - 1).

safe(F) ->
    try F() of
        V -> {ok, V}
    catch
        throw:T -> {thrown, T};
        exit:E -> {exited, E};
        error:{badmatch, V} -> {badmatch, V};
        error:E:Stack -> true = is_list(Stack), {error, E}
    end.

parse(S) ->
    try list_to_integer(S) of
        N when N < 0 -> {negative, N};
        N -> {ok, N}
    catch
        error:badarg -> {not_a_number, S}
    end.

with_cleanup(F) ->
    put(cleaned, false),
    try
        F()
    after
        put(cleaned, true),
        io:format("  (cleanup ran)~n")
    end.

nested() ->
    try
        try throw(inner)
        catch throw:inner -> error(outer)
        after io:format("  (inner after)~n")
        end
    catch
        error:outer -> caught_outer
    end.

rethrow() ->
    try exit(first)
    catch exit:first -> throw(second)
    end.
