%% file:write_file/2 with iolists, file:consult/1, file:delete/1: what a
%% program needs to rewrite sources and configuration while it runs.
-module(hl_files).
-export([main/1]).

main(_) ->
    ok = file:write_file("hl_terms.txt", ["{a, 1}.\n", [$[, "1, -2, 3.5, -0.5", $]], ".\n",
                                          "\"str\". 'quoted atom'.\n%% a comment\n{nested, [x, {y}], []}.\n"]),
    io:format("~p~n", [file:consult("hl_terms.txt")]),
    ok = file:write_file("hl_terms.txt", "{a, 1}.\n{b, .\n"),
    case file:consult("hl_terms.txt") of
        {error, {Line, erl_parse, _}} -> io:format("parse error on line ~p~n", [Line]);
        Other -> io:format("unexpected ~p~n", [Other])
    end,
    ok = file:write_file("hl_terms.txt", ""),
    io:format("~p~n", [file:consult("hl_terms.txt")]),
    io:format("~p ~p~n", [file:delete("hl_terms.txt"), file:consult("hl_terms.txt")]),
    io:format("~p~n", [catch file:write_file("hl_terms.txt", [1000])]),
    io:format("~p~n", [catch file:write_file("hl_terms.txt", [foo])]),
    io:format("~p ~p~n", [catch file:delete(123), catch file:consult(123)]),
    ok.
