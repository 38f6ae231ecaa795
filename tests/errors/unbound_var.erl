%% expect: unbound_var.erl:8:9
%% expect: variable 'Y' is unbound
%% A variable used before it is bound.
-module(unbound_var).
-export([main/1]).

main(_) ->
    X = Y + 1,
    X.
