-module(strings_printable).
-export([main/1]).

main(_) ->
    Cases = [[1, 2, 3], "abc", [97, 98, 300], [], [10], "line\n", [7, 8, 9],
             [97, 98 | 99], [$a, $b, 0], "tab\t", [127],
             [256], [31], [32], "with space", [[97]], ["abc", "def"],
             [$a, -1], [27], [8], "\e[0m", [$a, 1.0], [1114111]],
    [io:format("~p ~w~n", [C, C]) || C <- Cases],
    io:format("~p~n", [{"tuple", "of", "strings"}]),
    io:format("~p~n", [#{"key" => "value"}]),
    io:format("~p~n", [["nested", ["list", "of"], "strings"]]),
    io:format("~P~n", ["long string that gets cut", 3]),
    io:format("~s~n", [[72, 105]]),
    ok.
