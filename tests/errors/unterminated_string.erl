%% expect: unterminated_string.erl:8:15
%% expect: unterminated string starting with
%% A string whose closing quote is missing runs to the end of the file.
-module(unterminated_string).
-export([main/1]).

main(_) ->
    io:format("hello~n),
    ok.
