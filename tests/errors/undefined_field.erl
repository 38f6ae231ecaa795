%% expect: undefined_field.erl:10:23
%% expect: field z undefined in record point
%% A record field the declaration does not have.
-module(undefined_field).
-export([main/1]).

-record(point, {x = 0, y = 0}).

main(_) ->
    P = #point{x = 1, z = 2},
    P.
