%% io:get_line, io:read and io:get_chars share one reader: what a read
%% leaves on a line is what the next read sees; prompts are printed; a last
%% line without a newline, a syntax error and the end of input.
-module(read_mixed).
-export([main/1]).
main(_) ->
    L1 = io:get_line("name? "),
    io:format("got ~p~n", [L1]),
    R1 = io:read("term> "),
    io:format("read ~p~n", [R1]),
    R2 = io:read(''),
    io:format("read ~p~n", [R2]),
    R3 = io:read("t3> "),
    io:format("read ~p~n", [R3]),
    L2 = io:get_line(standard_io, prompt_atom),
    io:format("got ~p~n", [L2]),
    C = io:get_chars("chars> ", 3),
    io:format("chars ~p~n", [C]),
    L3 = io:get_line(""),
    io:format("got ~p~n", [L3]),
    R4 = io:read("t4> "),
    io:format("read ~p~n", [R4]),
    L4 = io:get_line("last> "),
    io:format("got ~p~n", [L4]),
    L5 = io:get_line("eof> "),
    io:format("got ~p~n", [L5]),
    R5 = io:read("eof2> "),
    io:format("read ~p~n", [R5]).
