-module(iolib_format).
-export([main/1]).

main(_) ->
    R = io_lib:format("~p-~s-~b", [x, "y", 7]),
    io:format("~s~n", [R]),
    io:format("~p~n", [lists:flatten(R)]),
    io:format("~p~n", [is_list(R)]),
    io:format("~p~n", [lists:flatten(io_lib:format("~5..0b", [42]))]),
    io:format("~p~n", [lists:flatten(io_lib:format("~w", [{a, "b", 1.5}]))]),
    io:format("~p~n", [lists:flatten(io_lib:format("~p", [lists:seq(1, 30)]))]),
    io:format("~p~n", [lists:flatten(io_lib:format("~-8s|", ["ab"]))]),
    io:format("~p~n", [lists:flatten(io_lib:format("~.2f", [2.0 / 3]))]),
    io:format("~p~n", [lists:flatten(io_lib:format("", []))]),
    io:format("~p~n", [lists:flatten(io_lib:format("~~~n", []))]),
    io:format("~p~n", [length(lists:flatten(io_lib:format("~p", [lists:seq(1, 50)])))]),
    Table = [{"apple", 3, 0.5}, {"banana", 12, 0.25}, {"cherry", 100, 10.0}],
    [io:format("~-10s~5b~10.2f~n", [Name, Qty, Price]) || {Name, Qty, Price} <- Table],
    Lines = [io_lib:format("~2b: ~s~n", [N, S]) || {N, S} <- [{1, "one"}, {2, "two"}]],
    io:format("~s", [Lines]),
    io:format("~p~n", [catch element(1, element(2, catch io_lib:format("~d", [x])))]),
    io:format("~p~n", [catch element(1, element(2, catch io_lib:format("~p ~p", [x])))]),
    io:format("~p~n", [io_lib:write(abc)]),
    io:format("~p~n", [lists:flatten(io_lib:write([1, {2}]))]),
    io:format("~p~n", [lists:flatten(io_lib:write_atom('hello world'))]),
    io:format("~p~n", [lists:flatten(io_lib:write_string("q\"s"))]),
    ok.
