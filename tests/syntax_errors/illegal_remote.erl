%% A remote function reference without a call is not an expression.
-module(illegal_remote).

f() -> lists:reverse.
