#!/usr/bin/env escript
%% Checks the CASES table of tests/bifs.rs against this OTP: evaluates each
%% expression and compares its value, or its error reason, with the expected
%% text using =:=. Prints the cases that differ; exits 1 if any do.
%% Usage: escript tests/bifs_otp_check.escript [path/to/bifs.rs]
main(Args) ->
    File = case Args of [F] -> F; [] -> filename:join(filename:dirname(escript:script_name()), "bifs.rs") end,
    {ok, Src} = file:read_file(File),
    [_, Table | _] = binary:split(Src, [<<"const CASES">>, <<"\n];">>], [global]),
    Str = "\"((?:[^\"\\\\]|\\\\.)*)\"",
    {match, Pairs} = re:run(Table, "\\(\\s*" ++ Str ++ ",\\s*" ++ Str ++ ",?\\s*\\)", [global, {capture, all_but_first, binary}, dotall]),
    erase(),
    Bad = [{E, X, Got} || [E0, X0] <- Pairs,
                          E <- [unescape(E0)], X <- [unescape(X0)],
                          Got <- [eval(E)], Got =/= expected(X)],
    [io:format("~ts~n  expected ~ts~n  got      ~tp~n", [E, X, G]) || {E, X, G} <- Bad],
    io:format("~b cases, ~b differ~n", [length(Pairs), length(Bad)]),
    halt(case Bad of [] -> 0; _ -> 1 end).

unescape(B) ->
    binary_to_list(binary:replace(binary:replace(B, <<"\\\"">>, <<"\"">>, [global]), <<"\\\\">>, <<"\\">>, [global])).

parse(S) ->
    {ok, Toks, _} = erl_scan:string(S ++ "."),
    {ok, [Expr]} = erl_parse:parse_exprs(Toks),
    Expr.

eval(S) ->
    try {ok, element(2, erl_eval:expr(parse(S), []))}
    catch C:R -> {C, R}
    end.

expected("error:" ++ R) -> {error, element(2, erl_eval:expr(parse(R), []))};
expected(V) -> {ok, element(2, erl_eval:expr(parse(V), []))}.
