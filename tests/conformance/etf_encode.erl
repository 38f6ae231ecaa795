%% term_to_binary/1,2 writes OTP 25's bytes; binary_to_term/1,2 reads
%% them back, old encodings and options included, and refuses malformed
%% input with badarg. (No bit syntax: binaries come from list_to_binary.)
-module(etf_encode).
-export([main/1]).

b(L) -> list_to_binary(L).

show(T) -> io:format("~w~n", [term_to_binary(T)]).

t(F) ->
    try F() of
        V -> V
    catch
        C:R -> {C, R}
    end.

big_map(N) -> maps:from_list([{I, I * I} || I <- lists:seq(1, N)]).

main(_) ->
    Atoms = [a, '', 'hello world', 'Quoted\'s', list_to_atom([233, 116, 233]),
             list_to_atom([1024, 97]), list_to_atom(lists:duplicate(255, $z)),
             list_to_atom(lists:duplicate(100, 1024)), true, false, nil],
    [show(A) || A <- Atoms],
    Ints = [0, 1, 255, 256, -1, -255, 65535, 2147483647, 2147483648,
            -2147483648, -2147483649, 1 bsl 59, (1 bsl 59) - 1, -(1 bsl 59),
            1 bsl 63, 1 bsl 64, -(1 bsl 64), 123456789012345678901234567890],
    [show(I) || I <- Ints],
    Huge = 1 bsl 2100,
    io:format("~w ~w~n", [byte_size(term_to_binary(Huge)),
                          binary_part(term_to_binary(Huge), 0, 8)]),
    io:format("~w~n", [binary_to_term(term_to_binary(-Huge)) =:= -Huge]),
    Floats = [0.0, 1.5, -1.5, 3.141592653589793, 1.0e300, -2.5e-300, 0.1,
              123456.789, 5.0e-324, 1.7976931348623157e308],
    [show(F) || F <- Floats],
    [io:format("~w~n", [term_to_binary(F, [{minor_version, 0}])]) || F <- Floats],
    [io:format("~w~n", [term_to_binary(F, [{minor_version, 2}])]) || F <- Floats],
    [io:format("~w~n", [term_to_binary(A, [{minor_version, 2}])]) || A <- Atoms],
    Tuples = [{}, {a}, {a, b}, {1, {2, {3, {}}}}, list_to_tuple(lists:seq(1, 300))],
    [show(T) || T <- Tuples],
    Lists = [[], "abc", [0, 255], [1, 2, 300], [a | b], [1 | 2], [[1], [2]],
             [[]], [-1], [1.5, "x"], [1024, 97], ["ab" | b([])],
             lists:seq(1, 10)],
    [show(L) || L <- Lists],
    Long = lists:duplicate(70000, 7),
    LongBin = term_to_binary(Long),
    io:format("~w ~w~n", [byte_size(LongBin), binary_part(LongBin, 0, 12)]),
    Exact = lists:duplicate(65535, 7),
    io:format("~w~n", [binary_part(term_to_binary(Exact), 0, 6)]),
    Bin100 = b(lists:seq(1, 100)),
    Bins = [b([]), b("hello"), Bin100, binary_part(Bin100, 10, 5),
            binary_part(Bin100, 3, 90)],
    [show(B) || B <- Bins],
    Bits = binary_to_term(b([131, 77, 0, 0, 0, 2, 3, 255, 224])),
    io:format("~w ~w~n", [Bits, bit_size(Bits)]),
    show(Bits),
    show({Bits, b("x")}),
    Maps = [#{}, #{a => 1}, #{b => 1, a => 2},
            #{1.0 => a, 1 => b, "x" => c, {} => d, [] => e, b([]) => f, z => g},
            #{k => #{nested => [1, 2]}}, big_map(32)],
    [show(M) || M <- Maps],
    io:format("~w~n", [term_to_binary(big_map(40), [deterministic])]),
    Funs = [fun lists:map/2, fun erlang:abs/1, fun etf_encode:main/1],
    [show(F) || F <- Funs],
    %% Compression: OTP keeps the plain form when it is not shorter.
    io:format("~w~n", [term_to_binary(lists:seq(1, 40), [compressed])]),
    Rep = lists:duplicate(100, 7),
    io:format("~w~n", [term_to_binary(lists:duplicate(100, a), [{compressed, 0}]) =:=
                           term_to_binary(lists:duplicate(100, a))]),
    [begin
         C = term_to_binary(X, Opts),
         io:format("~w ~w ~w~n", [C, binary_to_term(C) =:= X,
                                  byte_size(C) < byte_size(term_to_binary(X))])
     end || {X, Opts} <- [{Rep, [compressed]}, {Rep, [{compressed, 1}]},
                          {Rep, [{compressed, 9}]}, {lists:duplicate(100, a), [compressed]},
                          {{Bin100, Bin100, Bin100}, [{compressed, 6}]},
                          {{lists:seq(1, 300), lists:seq(1, 200)}, [compressed]}]],
    %% OTP's compressed bytes read back.
    io:format("~w~n", [binary_to_term(b([131,80,0,0,0,103,120,156,203,102,72,97,167,3,0,0,220,254,3,140]))
                       =:= Rep]),
    io:format("~w~n", [binary_to_term(b([131,80,0,0,0,103,120,156,203,102,72,97,167,3,0,0,220,254,3,140]), [used])
                       =:= {Rep, 20}]),
    %% Round trips.
    Ref = make_ref(),
    Pid = spawn(fun() -> ok end),
    N = 5,
    Clo = fun(X) -> X + N end,
    Clo0 = fun() -> done end,
    RT = [self(), Pid, Ref, {Ref, [self()]}, #{Ref => Pid}, Clo, {Clo0, Clo}, Huge]
        ++ Atoms ++ Ints ++ Floats ++ Tuples ++ Lists ++ Bins ++ [Bits] ++ Maps ++ Funs,
    io:format("~w~n", [[binary_to_term(term_to_binary(X)) =:= X || X <- RT]]),
    io:format("~w~n", [[binary_to_term(term_to_binary(X, [{minor_version, 0}])) =:= X || X <- RT]]),
    io:format("~w~n", [[binary_to_term(term_to_binary(X, [compressed])) =:= X || X <- RT]]),
    Clo2 = binary_to_term(term_to_binary(Clo)),
    io:format("~w ~w~n", [Clo2(10), (binary_to_term(term_to_binary(Clo0)))()]),
    %% Nesting deeper than a Rust stack could recurse.
    DeepT = lists:foldl(fun(_, A) -> {x, [A]} end, [], lists:seq(1, 200000)),
    DeepB = term_to_binary(DeepT),
    io:format("~w ~w~n", [byte_size(DeepB), term_to_binary(binary_to_term(DeepB)) =:= DeepB]),
    %% Old and alternative encodings OTP reads.
    Old = [[131, 100, 0, 3, 102, 111, 111],          % ATOM_EXT
           [131, 115, 3, 102, 111, 111],             % SMALL_ATOM_EXT
           [131, 118, 0, 2, 196, 172],               % ATOM_UTF8_EXT
           [131, 119, 2, 196, 172],                  % SMALL_ATOM_UTF8_EXT
           [131, 99 | "1.50000000000000000000e+00" ++ [0, 0, 0, 0, 0]],
           [131, 99 | "-2.5" ++ lists:duplicate(27, 0)],
           [131, 108, 0, 0, 0, 2, 97, 1, 97, 2, 97, 3], % improper
           [131, 108, 0, 0, 0, 0, 106],              % LIST_EXT of no elements
           [131, 110, 0, 0],                         % SMALL_BIG_EXT zero
           [131, 110, 1, 1, 5],                      % -5 as a bignum
           [131, 111, 0, 0, 0, 1, 0, 200],           % LARGE_BIG_EXT
           [131, 105, 0, 0, 0, 2, 97, 1, 97, 2],     % LARGE_TUPLE_EXT
           [131, 107, 0, 0],                         % empty STRING_EXT
           [131, 77, 0, 0, 0, 0, 0],                 % empty bitstring
           [131, 77, 0, 0, 0, 1, 8, 65],             % 8 bits: a binary
           [131, 116, 0, 0, 0, 2, 100, 0, 1, 98, 97, 1, 100, 0, 1, 97, 97, 2],
           [131, 103, 100, 0, 13 | "nonode@nohost" ++ [0, 0, 0, 7, 0, 0, 0, 0, 0]],
           [131, 88, 100, 0, 13 | "nonode@nohost" ++ [0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0]],
           [131, 113, 100, 0, 5, 108, 105, 115, 116, 115, 100, 0, 3, 109, 97, 112, 97, 2],
           [131, 97, 1, 0, 0, 0]],                   % trailing bytes
    [io:format("~w~n", [t(fun() -> binary_to_term(b(L), [used]) end)]) || L <- Old],
    Refs = [[131, 114, 0, 3, 100, 0, 13 | "nonode@nohost" ++ [0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3]],
            [131, 90, 0, 3, 100, 0, 13 | "nonode@nohost" ++ [0, 0, 0, 0, 0, 0, 182, 106, 209, 124, 0, 1, 73, 143, 191, 98]],
            [131, 101, 100, 0, 13 | "nonode@nohost" ++ [0, 0, 0, 7, 0]]],
    [io:format("~w~n", [is_reference(binary_to_term(b(L)))]) || L <- Refs],
    Bad = [[], [131], [130, 97, 1], [131, 200], [131, 97], [131, 98, 0, 0],
           [131, 100, 0, 5, 97], [131, 104, 2, 97, 1], [131, 108, 0, 0, 0, 1, 97, 1],
           [131, 108, 255, 255, 255, 255, 106], [131, 116, 0, 0, 0, 2, 97, 1, 97, 2, 97, 1, 97, 3],
           [131, 77, 0, 0, 0, 1, 0, 255], [131, 77, 0, 0, 0, 1, 9, 255],
           [131, 77, 0, 0, 0, 0, 3], [131, 109, 0, 0, 0, 5, 1, 2],
           [131, 119, 2, 255, 255], [131, 100, 1, 0 | lists:duplicate(256, 97)],
           [131, 80, 0, 0, 0, 10, 1, 2, 3], [131, 80, 0, 0, 0, 99, 120, 156, 203, 102, 72, 97, 167, 3, 0, 0, 220, 254, 3, 140],
           [131, 113, 100, 0, 1, 109, 100, 0, 1, 102, 100, 0, 1, 120],
           [131, 70, 127, 240, 0, 0, 0, 0, 0, 0],
           [131, 111, 255, 255, 255, 255, 0, 1]],
    [io:format("~w~n", [t(fun() -> binary_to_term(b(L)) end)]) || L <- Bad],
    io:format("~w~n", [t(fun() -> binary_to_term(b([131, 100, 0, 3, 120, 121, 113]), [safe]) end)]),
    io:format("~w~n", [t(fun() -> binary_to_term(b([131, 100, 0, 2, 111, 107]), [safe]) end)]),
    io:format("~w~n", [t(fun() -> binary_to_term(b([131, 97, 1]), [bogus]) end)]),
    io:format("~w~n", [t(fun() -> binary_to_term(b([131, 97, 1]), [safe | used]) end)]),
    io:format("~w~n", [t(fun() -> binary_to_term("abc") end)]),
    io:format("~w~n", [t(fun() -> binary_to_term(Bits) end)]),
    io:format("~w~n", [t(fun() -> term_to_binary(a, [bogus]) end)]),
    io:format("~w~n", [t(fun() -> term_to_binary(a, [{minor_version, 3}]) end)]),
    io:format("~w~n", [t(fun() -> term_to_binary(a, [{compressed, 10}]) end)]),
    io:format("~w~n", [t(fun() -> term_to_binary(a, [compressed | x]) end)]),
    io:format("~w~n", [t(fun() -> term_to_binary(a, x) end)]),
    io:format("~w~n", [t(fun() -> term_to_binary(a, [local, deterministic, {minor_version, 1}]) end)]),
    ok.
