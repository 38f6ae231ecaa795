%% A macro used without a definition.
-module(undefined_macro).

f() -> ?TIMEOUT * 2.
