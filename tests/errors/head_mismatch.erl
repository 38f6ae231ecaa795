%% expect: head_mismatch.erl:11:1
%% expect: head mismatch
%% Clauses of two different functions joined with ';'.
-module(head_mismatch).
-export([main/1]).

main(_) ->
    ok.

area({square, S}) -> S * S;
perimeter({square, S}) -> 4 * S.
