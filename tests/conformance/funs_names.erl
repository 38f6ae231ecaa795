%% Funs are named as OTP names them: '-F/A-fun-N-' with N counted per
%% function, inner funs before outer ones, comprehensions taking a number,
%% and `fun f/N` named after f. The names show in stack traces and reports.
-module(funs_names).
-export([main/1, g/0]).

main(_) ->
    A = fun g/0,
    B = fun() -> [fun() -> Y end || Y <- [1]] end,
    C = [[fun() -> {X, Z} end || Z <- [2]] || X <- [1]],
    E = fun() -> fun() -> fun() -> 3 end end end,
    F = fun() -> 1 end,
    [{G, H}] = [{G0, fun() -> 2 end} || G0 <- [fun() -> 1 end]],
    I = [fun() -> {P, Q} end || P <- [1], Q <- [2], P < Q],
    Funs = [A, B, hd(B()), hd(hd(C)), E, E(), (E())(), F, G, H, hd(I), h(), h2()],
    [io:format("~p~n", [element(2, erlang:fun_info(Fun, name))]) || Fun <- Funs],
    io:format("~p ~w ~p~n", [fun lists:reverse/1, fun erlang:'+'/2, fun 'a b':c/0]),
    io:format("~s~n", [lists:sublist(lists:flatten(io_lib:format("~p", [F])), 16)]),
    Boom = fun() -> error(boom) end,
    try Boom()
    catch error:boom:St -> io:format("~p~n", [element(2, hd(St))])
    end.

g() -> ok.
h() -> fun() -> 0 end.
h2() -> case 1 of 1 -> fun(X) -> X end end.
