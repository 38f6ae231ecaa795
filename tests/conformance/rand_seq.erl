%% rand: OTP's exact sequences for explicit seeds (exsss, exsp, exsplus,
%% exrop, exs1024s), integer ranges up to bignums, uniform_real, jump, the
%% functional _s API, and the errors. normal/0 is checked for shape only
%% (girder's ziggurat tables differ from OTP's in the last bits).
-module(rand_seq).
-export([main/1]).

main(_) ->
    Seeds = [{exsss, {1, 2, 3}}, {exsss, 42}, {exsss, [5, 6]}, {exsss, {0, 0, 0}},
             {exsss, -7}, {exsss, 1 bsl 70}, {exsp, {1, 2, 3}}, {exsp, 9},
             {exsplus, {1, 2, 3}}, {exsplus, [1 bsl 60, 3]}, {exrop, {1, 2, 3}},
             {exrop, 7}, {exs1024s, {1, 2, 3}}, {exs1024s, 11}, {default, 99}],
    lists:foreach(fun draw/1, Seeds),
    functional(),
    normal_shape(),
    unseeded(),
    errors().

draw({Alg, Seed}) ->
    rand:seed(Alg, Seed),
    {Type, _} = rand:export_seed(),
    io:format("~p ~p -> ~p~n", [Alg, Seed, Type]),
    io:format("  ~p~n", [[rand:uniform() || _ <- lists:seq(1, 4)]]),
    io:format("  ~p~n", [[rand:uniform(N) || N <- [1, 2, 6, 10, 100, 1000, 1 bsl 32,
                                                  1 bsl 58, (1 bsl 58) + 1, 1 bsl 64,
                                                  1 bsl 70, 3 bsl 80 + 5]]]),
    io:format("  ~p~n", [[rand:uniform_real() || _ <- lists:seq(1, 3)]]),
    case Alg of
        exs1024s -> ok;
        _ ->
            J = rand:jump(),
            io:format("  jump ~p ~p~n", [rand:export_seed_s(J), rand:uniform(1000)])
    end,
    Exported = rand:export_seed(),
    A = [rand:uniform(50) || _ <- lists:seq(1, 5)],
    rand:seed(Exported),
    B = [rand:uniform(50) || _ <- lists:seq(1, 5)],
    io:format("  replay ~p ~p~n", [A, A =:= B]).

functional() ->
    S0 = rand:seed_s(exsss, {4, 5, 6}),
    {X1, S1} = rand:uniform_s(S0),
    {X2, S2} = rand:uniform_s(1000, S1),
    {X3, S3} = rand:uniform_real_s(S2),
    {X4, _} = rand:uniform_s(1 bsl 100, S3),
    io:format("~p~n", [{X1, X2, X3, X4}]),
    %% The _s functions leave the process state alone.
    rand:seed(exsss, 1),
    P = rand:export_seed(),
    _ = rand:uniform_s(rand:seed_s(exrop, 5)),
    io:format("~p~n", [P =:= rand:export_seed()]),
    %% seed_s/1 of an exported state continues it.
    E = rand:export_seed_s(S1),
    {Y, _} = rand:uniform_s(1000, rand:seed_s(E)),
    io:format("~p ~p~n", [E, Y =:= X2]),
    %% A long run stays in range and hits both ends.
    {L, _} = lists:foldl(fun(_, {Acc, S}) ->
                                 {V, S9} = rand:uniform_s(6, S),
                                 {[V | Acc], S9}
                         end, {[], rand:seed_s(exsss, 2024)}, lists:seq(1, 600)),
    io:format("~p ~p ~p~n", [lists:min(L), lists:max(L), lists:sum(L)]).

normal_shape() ->
    rand:seed(exsss, {7, 8, 9}),
    Xs = [rand:normal() || _ <- lists:seq(1, 2000)],
    Mean = lists:sum(Xs) / 2000,
    Var = lists:sum([(X - Mean) * (X - Mean) || X <- Xs]) / 2000,
    io:format("normal ~p ~p ~p~n", [lists:all(fun is_float/1, Xs), abs(Mean) < 0.1, abs(Var - 1) < 0.15]),
    Ys = [rand:normal(10, 4) || _ <- lists:seq(1, 1000)],
    io:format("normal/2 ~p~n", [abs(lists:sum(Ys) / 1000 - 10) < 0.3]),
    {Z, _} = rand:normal_s(5, 1, rand:seed_s(exsss, 3)),
    io:format("normal_s/3 ~p~n", [is_float(Z) andalso abs(Z - 5) < 7]).

unseeded() ->
    erase(rand_seed),
    io:format("~p~n", [rand:export_seed()]),
    X = rand:uniform(),
    N = rand:uniform(10),
    R = rand:uniform_real(),
    io:format("~p ~p ~p~n", [X >= 0 andalso X < 1, N >= 1 andalso N =< 10, R > 0 andalso R =< 1]),
    {Alg, _} = rand:export_seed(),
    io:format("~p~n", [Alg]),
    {Alg2, _} = rand:export_seed_s(rand:seed(exrop)),
    io:format("~p~n", [Alg2]).

errors() ->
    Calls = [fun() -> rand:uniform(0) end,
             fun() -> rand:uniform(-3) end,
             fun() -> rand:uniform(1.5) end,
             fun() -> rand:uniform_s(0, rand:seed_s(exsss, 1)) end,
             fun() -> rand:seed(exsss, []) end,
             fun() -> rand:seed(exsss, [0, 0]) end,
             fun() -> rand:seed(exsss, [a]) end,
             fun() -> rand:seed(exsss, [1, 2, 3]) end,
             fun() -> rand:seed(no_such_alg, 1) end],
    [io:format("~p~n", [catch_reason(F)]) || F <- Calls],
    ok.

catch_reason(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.
