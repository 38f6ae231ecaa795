%% Exercise the collector under valgrind (tests/valgrind_gc.rs): build and
%% drop lists, tuples, maps, floats, bignums and closures; recurse deeply
%% (a large stack of roots); sort; keep data live across many collections.
%%
%% One repetition of the workload is small, so that a debug build with
%% GIRDER_GC_STRESS=1 (a collection at every safe point) under valgrind
%% finishes in seconds; `main([N])` runs it N times (default 250, enough
%% for a release build to collect often). Every repetition must give the
%% same result as the first, which stays live meanwhile, so the output does
%% not depend on N and a term the collector damaged changes it.
-module(gc_heavy).
-export([main/1]).

main(Args) ->
    N = case Args of
            [] -> 250;
            [S] -> list_to_integer(S)
        end,
    First = workload(),
    Agree = repeat(N - 1, First),
    {Sum, Deep, Sorted, Kept} = First,
    io:format("checksum: ~p~n", [Sum]),
    io:format("deep recursion: ~p~n", [Deep]),
    io:format("sorted: ~w ... ~w~n", [lists:sublist(Sorted, 5), lists:last(Sorted)]),
    io:format("kept: ~p ~p~n", [length(Kept), lists:sum([element(1, T) || T <- Kept])]),
    io:format("repetitions agree: ~p~n", [Agree]),
    ok.

repeat(0, _) -> true;
repeat(N, First) ->
    case workload() of
        First -> repeat(N - 1, First);
        Other -> {differs, Other}
    end.

workload() ->
    Sum = lists:foldl(fun(I, Acc) -> round(I, Acc) end, 0, lists:seq(1, 12)),
    Deep = deep(2000),
    Sorted = lists:sort([(X * 7919) rem 1009 || X <- lists:seq(1, 400)]),
    Kept = keep(40, []),
    {Sum, Deep, Sorted, Kept}.

%% One round: every kind of boxed term, most of it garbage at once.
round(I, Acc) ->
    L = lists:seq(1, 25 + I),
    T = list_to_tuple([{X, X * I} || X <- L]),
    M = maps:from_list([{X, float(X) / 3} || X <- L]),
    Big = fact(20 + I * 2),
    F = fun(X) -> X + I end,
    Fs = [fun(Y) -> Y * X end || X <- lists:sublist(L, 10)],
    S1 = lists:sum([G(2) || G <- Fs]),
    S2 = lists:foldl(fun(X, A) -> A + F(X) end, 0, L),
    S3 = tuple_size(T) + element(2, element(3, T)),
    %% Summed in key order: a map of over 32 keys folds in hash order on
    %% OTP, and float addition depends on the order.
    S4 = trunc(lists:foldl(fun({_, V}, A) -> A + V end, 0.0, lists:sort(maps:to_list(M)))),
    S5 = Big rem 1000003,
    Str = lists:flatten(io_lib:format("~p-~p", [I, Big rem 97])),
    S6 = length(Str),
    (Acc + S1 + S2 + S3 + S4 + S5 + S6) rem 1000000007.

fact(0) -> 1;
fact(N) -> N * fact(N - 1).

%% Non-tail recursion that allocates on the way down and up.
deep(0) -> {0, []};
deep(N) ->
    {S, L} = deep(N - 1),
    {S + N, case N rem 500 of 0 -> [{N, float(N)} | L]; _ -> L end}.

%% Live data that survives collections while garbage is made.
keep(0, Acc) -> Acc;
keep(N, Acc) ->
    _ = lists:reverse(lists:seq(1, 50)),
    keep(N - 1, [{N, [N, N + 1], #{n => N}, float(N), N * 1000000000000000000000} | Acc]).
