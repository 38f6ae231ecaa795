-module(records_basic).
-export([main/1]).

-record(person, {name, age = 0, email = "none"}).
-record(empty, {}).
-record(point, {x = 0 :: integer(), y = 0 :: integer()}).

id(X) -> X.

greet(#person{name = Name, age = Age}) when Age >= 18 -> {adult, Name};
greet(#person{name = Name}) -> {minor, Name}.

birthday(P = #person{age = A}) -> P#person{age = A + 1}.

main(_) ->
    P = #person{name = "Ann", age = 30},
    io:format("~p~n", [P]),
    io:format("~p ~p ~p~n", [P#person.name, P#person.age, P#person.email]),
    P2 = P#person{email = "ann@example.com"},
    io:format("~p~n", [P2]),
    io:format("~p~n", [birthday(P2)]),
    io:format("~p ~p~n", [greet(P), greet(#person{name = "Bo", age = 5})]),
    io:format("~p~n", [#person{}]),
    io:format("~p~n", [#empty{}]),
    io:format("~p ~p~n", [#person.name, #person.email]),
    io:format("~p ~p~n", [record_info(fields, person), record_info(size, person)]),
    io:format("~p ~p~n", [record_info(fields, empty), record_info(size, point)]),
    io:format("~p ~p ~p~n", [is_record(P, person), is_record(P, point), is_record(P, person, 4)]),
    io:format("~p~n", [is_record(id({person, a, b}), person)]),
    io:format("~p~n", [element(#person.age, P)]),
    io:format("~p~n", [setelement(#person.age, P, 99)]),
    io:format("~p~n", [tuple_to_list(#point{x = 3})]),
    Ps = [#person{name = N, age = A} || {N, A} <- [{"a", 10}, {"b", 20}, {"c", 30}]],
    io:format("~p~n", [[Nm || #person{name = Nm, age = Ag} <- Ps, Ag > 15]]),
    io:format("~p~n", [lists:keysort(#person.age, [P, #person{name = "Zed", age = 1}])]),
    case id(P) of
        #person{age = Age} when Age > 20 -> io:format("older: ~p~n", [Age]);
        _ -> io:format("younger~n")
    end,
    R = try (id(#point{}))#person.name catch error:E -> E end,
    io:format("~p~n", [R]),
    io:format("~w~n", [P]),
    ok.
