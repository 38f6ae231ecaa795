%% A closing parenthesis where an operand is expected.
-module(bad_operand).
-export([foo/1]).

foo(X) -> X + ).
