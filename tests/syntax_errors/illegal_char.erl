%% A backquote is not an Erlang token.
-module(illegal_char).

f() -> `x`.
