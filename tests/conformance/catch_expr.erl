-module(catch_expr).
-export([main/1]).

id(X) -> X.

exit_reason({'EXIT', {Reason, Stack}}) when is_list(Stack) -> {'EXIT', Reason};
exit_reason({'EXIT', Reason}) -> {'EXIT', Reason};
exit_reason(Other) -> Other.

main(_) ->
    io:format("~p~n", [catch throw(x)]),
    io:format("~p~n", [catch 42]),
    io:format("~p~n", [exit_reason(catch error(x))]),
    io:format("~p~n", [exit_reason(catch exit(y))]),
    io:format("~p~n", [exit_reason(catch exit({shutdown, 1}))]),
    io:format("~p~n", [exit_reason(catch id(1) / id(0))]),
    io:format("~p~n", [exit_reason(catch list_to_atom(id(1)))]),
    io:format("~p~n", [exit_reason(catch hd(id([])))]),
    io:format("~p~n", [exit_reason(catch element(3, id({a})))]),
    io:format("~p~n", [exit_reason(catch throw({'EXIT', fake}))]),
    X = (catch throw(value)),
    io:format("~p~n", [X]),
    {'EXIT', {_, _}} = (catch error(tuple_check)),
    io:format("ok~n"),
    io:format("~p~n", [[catch throw(N) || N <- [1, 2, 3]]]),
    io:format("~p~n", [catch id(1) + 2]),
    io:format("~p~n", [exit_reason(catch lists:nth(5, [1]))]),
    io:format("~p~n", [exit_reason(catch erlang:error(reason, [arg]))]),
    ok.
