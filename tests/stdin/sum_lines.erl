%% A filter in the manner of a script: read numbers, one per line, until
%% the end of input, and print their sum; io:read of terms until eof.
-module(sum_lines).
-export([main/1]).

main(_) ->
    Sum = sum(0),
    io:format("sum ~p~n", [Sum]),
    Terms = terms([]),
    io:format("terms ~p~n", [Terms]),
    io:format("~p~n", [io:get_line("after eof> ")]),
    io:format("~p~n", [io:get_chars("", 2)]).

sum(Acc) ->
    case io:get_line("") of
        eof -> Acc;
        "end\n" -> Acc;
        Line -> sum(Acc + list_to_integer(string:trim(Line)))
    end.

terms(Acc) ->
    case io:read("t> ") of
        eof -> lists:reverse(Acc);
        {ok, T} -> terms([T | Acc]);
        {error, _} -> terms([error | Acc])
    end.
