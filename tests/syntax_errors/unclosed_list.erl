%% A list missing its closing bracket.
-module(unclosed_list).

f() -> [1, 2, 3.
