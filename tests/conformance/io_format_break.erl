-module(io_format_break).
-export([main/1]).

-record(rec, {alpha, beta, gamma, delta}).

main(_) ->
    L40 = [{N, N * N, atom_with_some_length} || N <- lists:seq(1, 40)],
    io:format("~p~n", [L40]),
    Deep = lists:foldl(fun(N, Acc) -> {level, N, Acc, [N, N + 1]} end, bottom, lists:seq(1, 12)),
    io:format("~p~n", [Deep]),
    Strings = ["string number " ++ integer_to_list(N) || N <- lists:seq(1, 12)],
    io:format("~p~n", [Strings]),
    Map = maps:from_list([{list_to_atom("key_" ++ integer_to_list(N)), lists:seq(1, N)} || N <- lists:seq(1, 10)]),
    io:format("~p~n", [Map]),
    Rec = #rec{alpha = lists:seq(1, 30), beta = "a string value", gamma = {x, y, z}, delta = #{k => v}},
    io:format("~p~n", [Rec]),
    io:format("~p~n", [[Rec, Rec]]),
    io:format("~p~n", [lists:seq(1, 100)]),
    io:format("~p~n", [{short, tuple}]),
    io:format("~p~n", [{a_rather_long_atom_name, another_rather_long_atom_name, yet_another_long_one, x}]),
    io:format("~w~n", [L40]),
    io:format("prefix: ~p~n", [lists:seq(1, 40)]),
    io:format("~p~n", [[[lists:seq(1, 12)] || _ <- lists:seq(1, 4)]]),
    io:format("~p~n", [#{nested => #{map => #{with => [long, list, with, atoms, that, should, wrap, somewhere, around, here]}}}]),
    ok.
