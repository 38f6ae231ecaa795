-module(records_nested).
-export([main/1]).

-record(addr, {street = "", city = "Nowhere"}).
-record(emp, {name, addr = #addr{}, tags = [], boss}).
-define(DEFAULT_TAGS, [new]).
-record(cfg, {opts = ?DEFAULT_TAGS, n = 2 * 21}).

main(_) ->
    E = #emp{name = alice, addr = #addr{street = "Main St"}},
    io:format("~p~n", [E]),
    io:format("~p~n", [E#emp.addr#addr.city]),
    E2 = E#emp{addr = (E#emp.addr)#addr{city = "Springfield"}},
    io:format("~p~n", [E2#emp.addr]),
    B = #emp{name = bob, boss = E2},
    io:format("~p~n", [(B#emp.boss)#emp.name]),
    #emp{addr = #addr{city = City}} = E2,
    io:format("~p~n", [City]),
    io:format("~p~n", [#cfg{}]),
    io:format("~p~n", [#cfg{n = 0}]),
    Es = [E, E2, B],
    io:format("~p~n", [[C || #emp{addr = #addr{city = C}} <- Es]]),
    io:format("~p~n", [record_info(fields, emp)]),
    Deep = #emp{name = deep, tags = [#addr{}, #cfg{}]},
    io:format("~p~n", [Deep]),
    ok.
