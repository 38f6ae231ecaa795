%% Regression: in a function with a stack frame, a case clause that ends
%% in a tail call (here `io:put_chars(...), ok`) reset the register
%% allocator, and the next clause took the register of the value it was
%% matching (`{ok, T}` read element 1 of the atom `ok`: a crash of the VM).
-module(case_tail_clause_regs).
-export([main/1]).

main(_) ->
    loop(id({ok, 1}), 2),
    loop(id(eof), 3),
    loop(id({ok, [a, b]}), 4).

loop(V, M) ->
    case id(V) of
        eof ->
            io:put_chars("eof\n"),
            ok;
        {ok, T} ->
            io:format("~p~n", [T]),
            show(M, T)
    end.

show(M, T) -> io:format("~p ~p~n", [M, T]).

id(X) -> X.
