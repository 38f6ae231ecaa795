-module(bin_append).
-export([main/1]).

%% Appending to binaries: girder extends a writable buffer in place when no
%% other handle can see the change (see term::binary "Appending"). These
%% cases check that every handle keeps the value it had.

main(_) ->
    old_handles(),
    across_send(),
    odd_lengths(),
    big_loop(),
    with_matching(),
    external_format(),
    multi_segment(),
    errors().

old_handles() ->
    A = id(<<>>),
    B = <<A/binary, 1>>,
    C = <<B/binary, 2>>,
    D = <<B/binary, 3>>,
    E = <<C/binary, 4>>,
    F = <<D/binary, 5>>,
    G = <<C/binary, 6>>,
    io:format("~p~n", [[A, B, C, D, E, F, G]]),
    %% A match result that ends where the buffer ends.
    <<_, Rest/binary>> = E,
    R2 = <<Rest/binary, 7>>,
    E2 = <<E/binary, 8>>,
    io:format("~p ~p ~p ~p~n", [Rest, R2, E, E2]).

across_send() ->
    Acc = grow(<<"start">>, 0, 300),
    Self = self(),
    Pid = spawn(fun() ->
                        receive {bin, B} ->
                                B2 = grow(B, 1000, 500),
                                Self ! {back, B, B2}
                        end
                end),
    Pid ! {bin, Acc},
    Mine = grow(Acc, 2000, 400),
    receive
        {back, Orig, Theirs} ->
            io:format("~p ~p ~p~n", [Orig =:= Acc, byte_size(Theirs), ck(Theirs)]),
            io:format("~p ~p~n", [byte_size(Mine), ck(Mine)]),
            Mine2 = grow(Mine, 7, 100),
            Theirs2 = grow(Theirs, 9, 100),
            io:format("~p ~p ~p~n", [ck(Mine2), ck(Theirs2), ck(Acc)])
    end.

grow(B, _, 0) -> B;
grow(B, K, N) -> grow(<<B/binary, ((K + N) band 255)>>, K, N - 1).

odd_lengths() ->
    A = id(<<5:3>>),
    B = <<A/bitstring, 1:1>>,
    C = <<B/bitstring, 255:8>>,
    D = <<B/bitstring, 2:2>>,
    E = <<C/bitstring, 3:4>>,
    F = <<E/binary, 9>>,
    io:format("~w~n", [[A, B, C, D, E, F]]),
    Bits = bit_loop(id(<<>>), 1000),
    io:format("~p ~p~n", [bit_size(Bits), ck(<<Bits/bitstring, 0:(8 - bit_size(Bits) rem 8)>>)]),
    X = <<(id(<<1, 2>>))/binary, 1:1>>,
    Y = <<X/bitstring, 0:7>>,
    Z = <<X/bitstring, 1:7, 99>>,
    io:format("~p ~p ~p~n", [X, Y, Z]),
    %% A bitstring that starts at a bit offset.
    <<_:3, Tail/bitstring>> = id(<<"abcdefgh">>),
    T2 = <<Tail/bitstring, 7:3>>,
    T3 = <<T2/binary, "xy">>,
    io:format("~p ~p~n", [T2, T3]).

bit_loop(B, 0) -> B;
bit_loop(B, N) -> bit_loop(<<B/bitstring, (N band 1):1>>, N - 1).

big_loop() ->
    B = loop(id(<<>>), 100000),
    io:format("~p ~p ~p~n", [byte_size(B), ck(B), binary:last(B)]),
    W = wloop(id(<<"w">>), 30000),
    io:format("~p ~p~n", [byte_size(W), ck(W)]).

loop(B, 0) -> B;
loop(B, N) -> loop(<<B/binary, (N band 255):8>>, N - 1).

wloop(B, 0) -> B;
wloop(B, N) -> wloop(<<B/binary, N:32, "x", (N * 7):16/little>>, N - 1).

with_matching() ->
    B = loop(id(<<>>), 1000),
    S = sum(B, 0),
    <<First:100/binary, Second/binary>> = B,
    F2 = <<First/binary, "first">>,
    S2 = <<Second/binary, "second">>,
    B2 = <<B/binary, "whole">>,
    io:format("~p ~p ~p ~p ~p~n", [S, byte_size(F2), byte_size(S2), byte_size(B2), binary:part(F2, 95, 10)]),
    io:format("~p ~p~n", [binary:part(S2, byte_size(S2) - 10, 10), binary:part(B2, byte_size(B2) - 10, 10)]),
    Split = consume(B, <<>>, 0),
    io:format("~p~n", [Split]).

sum(<<X, Rest/binary>>, Acc) -> sum(Rest, Acc + X);
sum(<<>>, Acc) -> Acc.

%% Take two bytes at a time off one binary while appending to another.
consume(<<X, Y, Rest/binary>>, Out, N) -> consume(Rest, <<Out/binary, (X bxor Y)>>, N + 1);
consume(_, Out, N) -> {N, byte_size(Out), ck(Out)}.

external_format() ->
    B = loop(id(<<>>), 300),
    T = term_to_binary({B, [B]}),
    {B1, [B2]} = binary_to_term(T),
    io:format("~p ~p ~p~n", [B1 =:= B, B2 =:= B, byte_size(T)]),
    C = <<B/binary, 1, 2, 3>>,
    io:format("~p ~p~n", [term_to_binary(C) =:= term_to_binary(binary_to_list(C)), binary_to_term(term_to_binary(C)) =:= C]),
    Small = <<(id(<<"ab">>))/binary, "c">>,
    io:format("~p ~p~n", [term_to_binary(Small), Small]),
    Odd = <<(id(<<"ab">>))/binary, 3:4>>,
    io:format("~p~n", [binary_to_term(term_to_binary(Odd)) =:= Odd]).

multi_segment() ->
    A = id(<<"x">>),
    B = <<A/binary, A/binary, 1:16, 2.5/float, "s"/utf8, 1024/utf16>>,
    C = <<B/binary, B/binary>>,
    io:format("~p~n~p~n", [B, C]),
    io:format("~p~n", [[iolist_to_binary([C, B]), list_to_binary([<<B/binary, 0>>])]]),
    M = #{k => <<A/binary, "v">>},
    io:format("~p ~p~n", [M, split_binary(C, 3)]).

errors() ->
    A = id(<<1:3>>),
    R1 = (catch <<A/binary, 1>>),
    R2 = (catch <<(id(atom))/binary, 1>>),
    R3 = (catch <<(id(<<1>>))/binary, (id(x)):8>>),
    io:format("~p~n", [[element(1, R1), element(1, R2), element(1, R3)]]).

id(X) -> X.

%% A checksum that depends on every byte and its position.
ck(B) -> ck(B, 0, 1).
ck(<<X, Rest/binary>>, Acc, I) -> ck(Rest, (Acc * 31 + X * I) band 16#ffffffff, I + 1);
ck(<<>>, Acc, _) -> Acc.
