%% Hello: greets each command-line argument, or the world.
%%
%%   girder run examples/hello.erl            prints Hello, world!
%%   girder run examples/hello.erl Ada Joe    greets Ada and Joe
-module(hello).
-export([main/1]).

main([]) ->
    greet("world");
main(Names) ->
    lists:foreach(fun greet/1, Names).

greet(Name) ->
    io:format("Hello, ~s!~n", [Name]).
