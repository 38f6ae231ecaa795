-module(proplists_test).
-export([main/1]).

main(_) ->
    P = [{name, "x"}, verbose, {level, 3}, {tags, [a]}, {tags, b}, {level, 4}, {debug, false}],
    io:format("~p~n", [proplists:get_value(level, P)]),
    io:format("~p~n", [proplists:get_value(missing, P)]),
    io:format("~p~n", [proplists:get_value(missing, P, default)]),
    io:format("~p~n", [proplists:get_value(verbose, P)]),
    io:format("~p ~p ~p~n", [proplists:get_bool(verbose, P), proplists:get_bool(debug, P), proplists:get_bool(nope, P)]),
    io:format("~p~n", [proplists:lookup(level, P)]),
    io:format("~p~n", [proplists:lookup(verbose, P)]),
    io:format("~p~n", [proplists:lookup(zzz, P)]),
    io:format("~p~n", [proplists:lookup_all(level, P)]),
    io:format("~p ~p~n", [proplists:is_defined(tags, P), proplists:is_defined(zzz, P)]),
    io:format("~p~n", [proplists:delete(level, P)]),
    io:format("~p~n", [proplists:get_all_values(tags, P)]),
    io:format("~p~n", [proplists:append_values(tags, P)]),
    io:format("~p~n", [proplists:compact([{a, true}, {b, false}, c])]),
    io:format("~p~n", [proplists:unfold([a, {b, 1}])]),
    io:format("~p ~p ~p~n", [proplists:property(a, true), proplists:property(a, 1), proplists:property({a, true})]),
    io:format("~p~n", [proplists:split([{a, 1}, {b, 2}, c, {a, 3}], [a, c])]),
    io:format("~p~n", [proplists:substitute_aliases([{colour, color}], [{colour, red}, size])]),
    io:format("~p~n", [proplists:normalize([a, {b, true}, {no_c, true}], [{negations, [{no_c, c}]}])]),
    io:format("~p~n", [proplists:to_map([{a, 1}, b, {a, 2}])]),
    ok.
