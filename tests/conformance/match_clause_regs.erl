-module(match_clause_regs).
-export([main/1]).

%% Regression: in a case or receive whose first clause has a nested tuple
%% pattern and a body with a call, the next clause's pattern was given the
%% register still holding the matched value (GetTupleElement x1 -> x1),
%% and reading the next element of an atom crashed the VM.

main(_) ->
    io:format("~p~n", [classify(a, b, 5000, c, [d])]),
    io:format("~p~n", [classify2({ok, {x, error, 3}})]),
    io:format("~p~n", [classify2({ok, 10})]),
    io:format("~p~n", [classify2({'EXIT', why})]),
    P = spawn(fun() -> ok end),
    timer:sleep(10),
    M = monitor(process, P),
    io:format("~p~n", [catch wait(M)]),
    self() ! {M, hello},
    io:format("~p~n", [catch wait(M)]),
    ok.

classify(Name, Request, Timeout, F, Args) ->
    case catch g(Name, Request, Timeout) of
        {ok, {'$x', Class, Reason}} -> erlang:Class(Reason);
        {ok, Reply} -> Reply;
        {'EXIT', Reason} -> exit({Reason, {sys, F, Args}})
    end.

g(_, _, _) -> {ok, 10}.

classify2(V) ->
    case V of
        {ok, {x, Class, N}} -> {Class, length(lists:seq(1, N))};
        {ok, {y, _}} -> y;
        {ok, Other} -> {plain, Other};
        {'EXIT', R} -> {exit, R}
    end.

wait(Mref) ->
    receive
        {Mref, Reply} ->
            erlang:demonitor(Mref, [flush]),
            {ok, Reply};
        {'DOWN', Mref, _, _, Reason} ->
            exit(Reason)
    after 1000 ->
        erlang:demonitor(Mref, [flush]),
        exit(timeout)
    end.
