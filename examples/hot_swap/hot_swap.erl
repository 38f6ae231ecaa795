%% Asks the greeter for a greeting every second (see README.md):
%%   girder run --watch examples/hot_swap/hot_swap.erl [TIMES [MS]]
-module(hot_swap).
-export([main/1]).

main(Args) ->
    {Times, Ms} = case Args of
                      [] -> {600, 1000};
                      [T] -> {list_to_integer(T), 1000};
                      [T, M] -> {list_to_integer(T), list_to_integer(M)}
                  end,
    greet(greeter:start(), Times, Ms).

greet(_, 0, _) -> ok;
greet(Greeter, Times, Ms) ->
    Greeter ! {greet, self()},
    receive {greeting, Text} -> io:format("~s~n", [Text]) end,
    receive after Ms -> ok end,
    greet(Greeter, Times - 1, Ms).
