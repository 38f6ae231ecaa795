%% A string that runs to the end of the file.
-module(unterminated_string).

greet() -> "hello,
    world.
