%% The matching fast paths (small integer segments read straight from the
%% bytes, binary segments as windows on the original binary, a match view
%% resolved once per match): every width, sign, endianness and alignment,
%% on heap and off-heap binaries, in loops long enough to collect.
-module(bits_fastpath).
-export([main/1]).

main(_) ->
    Small = list_to_binary(lists:seq(1, 40)),
    Big = list_to_binary([X band 255 || X <- lists:seq(0, 300, 3)]),
    lists:foreach(fun(B) -> ints(B), bins(B) end, [Small, Big]),
    %% At a bit offset: the same reads from a sub-binary that starts at bit 3.
    <<_:3, Odd/bits>> = Big,
    ints(Odd),
    bins(Odd),
    signs(),
    records(),
    nested(),
    tails(),
    ok.

ints(B) ->
    Sizes = [0, 1, 3, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 48, 55, 56, 57, 63, 64, 65, 100],
    [begin
         <<U:N, _/bits>> = B,
         <<S:N/signed, _/bits>> = B,
         <<L:N/little, _/bits>> = B,
         <<LS:N/little-signed, _/bits>> = B,
         <<_:5, U5:N, _/bits>> = B,
         <<_:8, U8:N/unit:1, _/bits>> = B,
         io:format("~p: ~p ~p ~p ~p ~p ~p~n", [N, U, S, L, LS, U5, U8])
     end || N <- Sizes],
    %% Sizes in other units.
    <<A:2/unit:8, C:3/unit:4, _/bits>> = B,
    io:format("units ~p ~p~n", [A, C]),
    %% Too few bits: no match.
    Len = bit_size(B),
    io:format("short ~p ~p~n", [catch (fun(<<_:Len, X:8>>) -> X; (_) -> none end)(B),
                                 (fun(<<X:(Len + 1)>>) -> X; (_) -> none end)(B)]).

bins(B) ->
    <<H:3/binary, T/binary>> = pad(B),
    <<Hb:5/bits, Tb/bits>> = B,
    <<_:1/binary, M:4/binary, _/bits>> = B,
    io:format("~p ~p ~p ~p ~p~n", [H, byte_size(T), Hb, bit_size(Tb), M]),
    %% A whole binary matched as a binary segment is itself.
    <<All/binary>> = pad(B),
    <<AllB/bits>> = B,
    io:format("~p ~p~n", [All =:= pad(B), AllB =:= B]),
    %% Rest that is not a whole number of units: no match.
    io:format("~p~n", [case B of <<_:1, R/binary>> -> byte_size(R); _ -> odd end]),
    %% Negative and non-integer sizes do not match.
    Neg = -1,
    Atom = foo,
    io:format("~p ~p~n", [case B of <<X:Neg/binary, _/bits>> -> X; _ -> neg end,
                          case B of <<X2:Atom/binary, _/bits>> -> X2; _ -> atom end]).

pad(B) when is_binary(B) -> B;
pad(B) -> <<B/bits, 0:(8 - bit_size(B) rem 8)>>.

signs() ->
    B = <<255, 128, 0, 1, 127, 255, 255, 255>>,
    <<A:8/signed, C:16/signed, D:32/signed, E:8>> = B,
    <<F:16/little-signed, G:32/little-signed, H:16/little>> = B,
    <<I:56/signed, J:8/signed>> = B,
    <<K:4/signed, L:12/signed, _/bits>> = B,
    io:format("~p~n", [[A, C, D, E, F, G, H, I, J, K, L]]).

%% Length-prefixed records, many times over (collections happen mid-loop).
records() ->
    Stream = << <<(I rem 70):16, (I rem 3):8, (binary:copy(<<I>>, I rem 70))/binary>> || I <- lists:seq(1, 300) >>,
    Sums = [walk(Stream, 0) || _ <- lists:seq(1, 50)],
    io:format("records ~p ~p~n", [hd(Sums), lists:usort(Sums)]),
    Payloads = collect(Stream, []),
    io:format("payloads ~p ~p~n", [length(Payloads), lists:sum([X || <<X, _/binary>> <- Payloads])]).

walk(<<Len:16, Kind:8, Payload:Len/binary, Rest/binary>>, Acc) ->
    walk(Rest, Acc + Kind * 1000 + byte_size(Payload) + lists:sum(binary_to_list(Payload)));
walk(<<>>, Acc) -> Acc.

collect(<<Len:16, _:8, Payload:Len/binary, Rest/binary>>, Acc) ->
    %% Keep the payloads alive while allocating.
    _ = lists:seq(1, 20),
    collect(Rest, [Payload | Acc]);
collect(<<>>, Acc) -> Acc.

%% A sub-binary matched again, and the two matches interleaved.
nested() ->
    B = list_to_binary(lists:seq(0, 199)),
    <<_:10/binary, Mid:100/binary, _/binary>> = B,
    <<_:7, Inner:50/bits, _/bits>> = Mid,
    <<P:8, Q:16, R:26>> = Inner,
    io:format("nested ~p ~p ~p ~p~n", [P, Q, R, [X || <<X:16>> <= Mid]]),
    io:format("zip ~p~n", [zip(Mid, B, [])]).

zip(<<X, R1/binary>>, <<Y:16, R2/binary>>, Acc) -> zip(R1, R2, [X + Y | Acc]);
zip(_, _, Acc) -> lists:sum(Acc).

tails() ->
    F = fun(<<X:8>>) -> {one, X};
           (<<X:8, Y:8>>) -> {two, X, Y};
           (<<>>) -> empty;
           (<<X:3>>) -> {bits, X};
           (_) -> other
        end,
    io:format("~p~n", [[F(B) || B <- [<<>>, <<1>>, <<1, 2>>, <<1, 2, 3>>, <<5:3>>, <<5:4>>]]]).
