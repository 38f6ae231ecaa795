%% The last form lacks its terminating dot.
-module(missing_dot).

f() -> ok
