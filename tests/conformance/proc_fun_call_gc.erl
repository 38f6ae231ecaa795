%% Regression: a process that yielded at a call of a closure (its budget
%% spent) collected its heap keeping only the arguments as roots, not the
%% closure's free variables and the fun placed after them; the callee then
%% read stale pointers ("bad function #Ref<...>"). Messages received into
%% heap fragments make the collection at the yield likely; the first part
%% failed under the harness's --reductions 3 run.
-module(proc_fun_call_gc).
-export([main/1]).

main(_) ->
    Self = self(),
    spawn(fun() -> [Self ! {seq, I} || I <- lists:seq(1, 1000)] end),
    Seq = [receive {seq, I} -> I end || _ <- lists:seq(1, 1000)],
    io:format("~p~n", [Seq =:= lists:seq(1, 1000)]),
    Captured = {lists:seq(1, 20), "captured"},
    spawn(fun() -> [Self ! {n, I, lists:seq(1, 10)} || I <- lists:seq(1, 20000)], Self ! done end),
    Loop = fun Loop(Acc) ->
                   receive
                       {n, I, L} -> Loop([I + length(L) + length(element(1, Captured)) | Acc]);
                       done -> Acc
                   end
           end,
    R = Loop([]),
    io:format("~p ~p~n", [length(R), lists:sum(R)]),
    io:format("~p~n", [Captured]).
