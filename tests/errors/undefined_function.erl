%% expect: undefined_function.erl:8:5
%% expect: function helper/1 undefined
%% A call to a local function that does not exist.
-module(undefined_function).
-export([main/1]).

main(_) ->
    helper(42).
