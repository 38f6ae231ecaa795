%% expect: duplicate_function.erl:12:1
%% expect: function f/1 already defined
%% Two definitions of f/1, separated by another form.
-module(duplicate_function).
-export([main/1]).

main(_) ->
    f(1).

f(X) -> X.

f(X) -> X + 1.
