%% Helpers for comparing girder_M with OTP's M.
-module(check_common).
-export([cmp/3, cmp/4, report/1, rand_list/2, rand_term/1, init/0]).

init() -> put(failures, 0), put(checks, 0), rand:seed(exsss, {1, 2, 3}).

res(M, F, A) ->
    try {ok, apply(M, F, A)} catch C:R -> {C, R} end.

%% Compare OTP's Mod:F(Args) with girder_Mod:F(Args).
cmp(Mod, F, Args) -> cmp(Mod, F, Args, fun(X) -> X end).

%% Norm is applied to both results before comparing (e.g. to drop
%% opaque internals of a queue).
cmp(Mod, F, Args, Norm) ->
    put(checks, get(checks) + 1),
    G = list_to_atom("girder_" ++ atom_to_list(Mod)),
    A = norm(res(Mod, F, Args), Norm),
    B = norm(res(G, F, Args), Norm),
    case A =:= B of
        true -> ok;
        false ->
            put(failures, get(failures) + 1),
            Key = {fails, F, length(Args)},
            N = case get(Key) of undefined -> 1; N0 -> N0 + 1 end,
            put(Key, N),
            case N =< 2 of
                true ->
                    io:format("MISMATCH ~p:~p~n  args: ~P~n  otp:    ~P~n  girder: ~P~n",
                              [Mod, F, Args, 12, A, 12, B, 12]);
                false -> ok
            end
    end.

norm({ok, V}, Norm) -> {ok, Norm(V)};
norm(Err, _) -> Err.

report(Mod) ->
    [io:format("  ~p/~p: ~p mismatches~n", [F, A, N]) || {{fails, F, A}, N} <- lists:sort(get())],
    io:format("~p: ~p checks, ~p mismatches~n", [Mod, get(checks), get(failures)]),
    case get(failures) of 0 -> ok; _ -> error end.

rand_list(N, Gen) -> [Gen() || _ <- lists:seq(1, rand:uniform(N + 1) - 1)].

%% A small random term: numbers (incl. equal int/float), atoms, tuples.
rand_term(0) ->
    case rand:uniform(6) of
        1 -> rand:uniform(5);
        2 -> float(rand:uniform(5));
        3 -> lists:nth(rand:uniform(3), [a, b, c]);
        4 -> rand:uniform(3) - 2;
        5 -> {rand:uniform(3)};
        6 -> [rand:uniform(2)]
    end;
rand_term(D) ->
    case rand:uniform(4) of
        1 -> {rand_term(D - 1), rand_term(D - 1)};
        _ -> rand_term(0)
    end.
