%% The second clause names another function: a ; that should be a dot.
-module(head_mismatch).

foo(0) -> zero;
bar(N) -> N.
