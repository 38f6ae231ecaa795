-module(macros).
-export([main/1]).

-define(PI, 3.14159).
-define(SQUARE(X), ((X) * (X))).
-define(MAX(A, B), (if (A) > (B) -> (A); true -> (B) end)).
-define(GREETING, "hello").
-define(SHOW(Expr), io:format("~s = ~p~n", [??Expr, Expr])).
-define(TWICE(F, X), F(F(X))).
-define(EMPTY, ).
-define(FLAG, true).

-ifdef(FLAG).
flag() -> defined.
-else.
flag() -> undefined.
-endif.

-ifndef(NOT_DEFINED).
other() -> not_defined_branch.
-else.
other() -> defined_branch.
-endif.

-undef(FLAG).
-ifdef(FLAG).
after_undef() -> still_defined.
-else.
after_undef() -> gone.
-endif.

-define(FUNC_NAME, function_from_macro).
?FUNC_NAME() -> ok_from_macro.

inc(X) -> X + 1.

main(_) ->
    io:format("~p~n", [?PI]),
    io:format("~p ~p~n", [?SQUARE(7), ?SQUARE(1 + 2)]),
    io:format("~p~n", [?MAX(3, 9)]),
    io:format("~s~n", [?GREETING ++ " world"]),
    ?SHOW(1 + 2 * 3),
    ?SHOW(lists:seq(1, 3)),
    ?SHOW(?SQUARE(4)),
    io:format("~p~n", [?TWICE(inc, 5)]),
    io:format("~p~n", [?MODULE]),
    io:format("~p~n", [is_integer(?LINE)]),
    io:format("~p~n", [?LINE]),
    io:format("~p~n", [?FUNCTION_NAME]),
    io:format("~p~n", [?FUNCTION_ARITY]),
    io:format("~s~n", [?MODULE_STRING]),
    io:format("~p ~p ~p~n", [flag(), other(), after_undef()]),
    io:format("~p~n", [?FUNC_NAME()]),
    io:format("~p~n", [[?EMPTY 1]]),
    ok.
