-module(string_old).
-export([main/1]).

main(_) ->
    io:format("~p~n", [string:tokens("a,b,,c", ",")]),
    io:format("~p~n", [string:tokens("  split on  spaces ", " ")]),
    io:format("~p~n", [string:join(["a", "b", "c"], "-")]),
    io:format("~p ~p~n", [string:str("hello", "ll"), string:rstr("hello hello", "ll")]),
    io:format("~p ~p~n", [string:chr("hello", $l), string:rchr("hello", $l)]),
    io:format("~p ~p~n", [string:substr("hello", 2), string:substr("hello", 2, 3)]),
    io:format("~p ~p~n", [string:sub_string("hello", 2, 4), string:sub_word("one two three", 2)]),
    io:format("~p~n", [string:strip("  both  ")]),
    io:format("~p~n", [string:strip("  left", left)]),
    io:format("~p~n", [string:strip("right...", right, $.)]),
    io:format("[~s] [~s] [~s]~n", [string:left("ab", 5), string:right("ab", 5), string:centre("ab", 6)]),
    io:format("[~s] [~s]~n", [string:left("abcdef", 3), string:right("abcdef", 3, $.)]),
    io:format("[~s]~n", [string:left("x", 4, $.)]),
    io:format("~p~n", [string:copies("ab", 3)]),
    io:format("~p ~p~n", [string:words("one two  three"), string:words("a.b.c", $.)]),
    io:format("~p~n", [string:concat("con", "cat")]),
    io:format("~p ~p~n", [string:span("aabbcc", "ab"), string:cspan("aabbcc", "c")]),
    io:format("~p~n", [string:len("four")]),
    io:format("~p~n", [string:chars($z, 3)]),
    io:format("~p~n", [string:chars($z, 2, "tail")]),
    io:format("~p~n", [catch element(1, element(2, catch string:substr("abc", 0)))]),
    ok.
