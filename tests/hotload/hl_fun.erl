%% A fun made in version 1 still runs version 1's code after version 2 is
%% loaded; once version 1 is purged, calling it fails with badfun.
-module(hl_fun).
-export([main/1]).

source(Tag) ->
    io_lib:format(
      "-module(hl_fn).~n"
      "-export([make/0, ext/1]).~n"
      "make() -> fun(X) -> {~p, X} end.~n"
      "ext(X) -> {~p, ext, X}.~n", [Tag, Tag]).

main(_) ->
    ok = file:write_file("hl_fn.erl", source(one)),
    io:format("v1: ~p~n", [c:c(hl_fn)]),
    F = hl_fn:make(),
    E = fun hl_fn:ext/1,
    io:format("~p ~p~n", [F(1), E(1)]),
    ok = file:write_file("hl_fn.erl", source(two)),
    io:format("v2: ~p~n", [c:c(hl_fn)]),
    G = hl_fn:make(),
    %% The local fun stays in version 1; the external fun goes to the newest.
    io:format("~p ~p ~p~n", [F(2), G(2), E(2)]),
    io:format("apply: ~p~n", [apply(hl_fn, ext, [3])]),
    io:format("purge: ~p~n", [code:purge(hl_fn)]),
    case catch F(4) of
        {'EXIT', {{badfun, B}, _}} -> io:format("badfun, the same fun: ~p~n", [B =:= F]);
        Other -> io:format("unexpected: ~p~n", [Other])
    end,
    io:format("~p ~p~n", [G(5), E(5)]),
    ok = file:delete("hl_fn.erl"),
    ok.
