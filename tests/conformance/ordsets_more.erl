%% Regression: of two equal elements (1 and 1.0), ordsets:union/2 and
%% intersection/2 keep the one OTP keeps (the sets change places after an
%% element is taken from the second); union/1 keeps the earliest set's.
-module(ordsets_more).
-export([main/1]).

main(_) ->
    A = ordsets:from_list([8, 6, 7]),
    B = ordsets:from_list([6.0, 8.0, 2, 9, 6.0, 8]),
    C = ordsets:from_list([3, 2.0, 7, 7, 10, 2.0, 1.0]),
    io:format("~w ~w ~w~n", [A, B, C]),
    io:format("~w ~w~n", [ordsets:union(A, B), ordsets:union(B, A)]),
    io:format("~w ~w~n", [ordsets:intersection(A, B), ordsets:intersection(B, A)]),
    io:format("~w ~w~n", [ordsets:union([A, B, C]), ordsets:union([C, B, A])]),
    io:format("~w ~w~n", [ordsets:intersection([A, B, C]), ordsets:intersection([B, A])]),
    io:format("~w ~w~n", [ordsets:subtract(B, A), ordsets:subtract(C, B)]),
    io:format("~w ~w ~w~n", [ordsets:is_subset([6.0], A), ordsets:is_disjoint(A, C), ordsets:union([])]),
    io:format("~w~n", [ordsets:add_element(7.0, A)]).
