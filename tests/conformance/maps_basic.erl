-module(maps_basic).
-export([main/1]).

id(X) -> X.

area(#{shape := circle, r := R}) -> 3 * R * R;
area(#{shape := rect, w := W, h := H}) -> W * H;
area(#{}) -> unknown.

main(_) ->
    M = #{a => 1, b => 2},
    io:format("~p~n", [M]),
    M2 = M#{c => 3},
    io:format("~p~n", [M2]),
    M3 = M2#{a := 100},
    io:format("~p~n", [M3]),
    #{a := A, c := C} = M3,
    io:format("~p ~p~n", [A, C]),
    io:format("~p~n", [[area(S) || S <- [#{shape => circle, r => 2}, #{shape => rect, w => 3, h => 4}, #{x => 1}]]]),
    io:format("~p~n", [case id(M) of #{b := 2} -> has_b2; _ -> no end]),
    io:format("~p~n", [#{}]),
    Mixed = #{1 => int, 1.0 => float, "s" => string, {t} => tuple, [l] => list, atom => a, #{} => map},
    io:format("~p~n", [Mixed]),
    io:format("~w~n", [Mixed]),
    io:format("~p~n", [map_size(Mixed)]),
    Nested = #{outer => #{inner => #{deep => 1}}},
    #{outer := #{inner := #{deep := D}}} = Nested,
    io:format("~p ~p~n", [D, Nested]),
    io:format("~p~n", [(id(Nested))#{outer := #{replaced => true}}]),
    K = key,
    io:format("~p~n", [#{K => value}]),
    #{K := V} = id(#{key => 5}),
    io:format("~p~n", [V]),
    Big = maps:from_list([{N, N * N} || N <- lists:seq(1, 20)]),
    io:format("~p~n", [Big]),
    io:format("~p~n", [maps:to_list(#{z => 1, a => 2, m => 3})]),
    io:format("~p ~p~n", [maps:keys(M3), maps:values(M3)]),
    io:format("~p~n", [#{a => 1, a => 2}]),
    io:format("~p~n", [M =:= #{b => 2, a => 1}]),
    io:format("~p~n", [lists:sort([#{b => 1}, #{a => 1}, #{a => 1, b => 1}])]),
    ok.
