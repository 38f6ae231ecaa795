%% expect: syntax_error.erl:8:14
%% expect: syntax error before: ','
%% An operator with no right operand.
-module(syntax_error).
-export([main/1]).

main(_) ->
    X = (1 + ,
    X.
