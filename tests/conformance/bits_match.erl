-module(bits_match).
-export([main/1]).

%% Bit syntax matching: every segment type, endianness, signedness, units,
%% rest segments, sizes from earlier segments and bound variables, literal
%% strings, and patterns in every place patterns occur.

main(_) ->
    ints(),
    floats(),
    binaries(),
    utf(),
    sizes(),
    places(),
    failures(),
    parse(),
    ok.

show(Label, V) -> io:format("~s: ~p~n", [Label, V]).

ints() ->
    <<A:16, B:16/little, C:8/signed, D:12, E:4/signed>> = <<1, 2, 1, 2, 255, 16#ab, 16#cf>>,
    show("ints", [A, B, C, D, E]),
    <<F:12/little, G:20/little>> = <<16#ab, 16#c0:4, 16#abcde:20>>,
    show("little odd", [F, G]),
    <<H:12/little-signed>> = <<-2:12/little-signed>>,
    show("little signed", H),
    <<I:2/unit:8, J:1/little-unit:16>> = <<1, 2, 3, 4>>,
    show("unit", [I, J]),
    <<K:64, L:64/signed, M:64/little>> = <<-1:64, -1:64, 1:64/little>>,
    show("64", [K, L, M]),
    <<N:3, O:5, P:1, Q:7>> = <<16#ab, 16#cd>>,
    show("bits", [N, O, P, Q]),
    <<R:0, S/binary>> = <<1>>,
    show("zero", [R, S]),
    <<X:8/native, Y:16/native>> = <<1, 2, 3>>,
    show("native", [X, Y]),
    <<Z:5/little-signed-integer-unit:8>> = <<255, 255, 255, 255, 127>>,
    show("spec order", Z).

floats() ->
    <<A/float, B:32/float, C:16/float, D:64/float-little, E:32/little-float, F:16/float-little>> =
        <<1.5/float, 2.5:32/float, -0.5:16/float, 0.1:64/float-little, 3.0:32/little-float, 1.0:16/little-float>>,
    show("floats", [A, B, C, D, E, F]),
    <<_:3, G:32/float, _:5>> = <<1:3, 1.25:32/float, 0:5>>,
    show("unaligned", G),
    <<H:4/float-unit:16>> = <<2.0/float>>,
    show("unit", H),
    show("inf", [m_float(<<16#7f800000:32>>), m_float(<<16#7fc00000:32>>), m_float(<<16#7c00:16>>),
                 m_float(<<1.0:32/float>>), m_float(<<16#7ff0000000000000:64>>)]).

m_float(<<F:32/float>>) -> F;
m_float(<<F:16/float>>) -> F;
m_float(<<F:64/float>>) -> F;
m_float(_) -> nomatch.

binaries() ->
    Bin = <<1, 2, 3, 4, 5, 6, 7>>,
    <<A:2/binary, B/binary>> = Bin,
    show("split", [A, B]),
    <<C:3/bytes, D:4/bits, E/bits>> = Bin,
    show("bits", [C, D, E]),
    <<F:1, G:2/binary, H/bitstring>> = Bin,
    show("unaligned", [F, G, H]),
    <<_:4, I/binary-unit:4>> = Bin,
    show("unit rest", I),
    <<J:3/binary-unit:4, _/bits>> = Bin,
    show("unit size", J),
    show("rest must be bytes", [rest_bytes(<<1:12>>), rest_bytes(<<1:16>>)]),
    <<K:2/binary, L:2/binary>> = <<"abcd">>,
    show("two", [K, L]),
    Big = list_to_binary(lists:seq(0, 199)),
    <<M:100/binary, N:99/binary, O>> = Big,
    show("big", [byte_size(M), byte_size(N), O, binary_part(M, 99, 1)]),
    <<_:3, P:150/binary, _/bits>> = Big,
    show("big unaligned", [byte_size(P), binary_part(P, 0, 1)]),
    <<Q/binary>> = <<>>,
    show("empty", Q),
    <<R:1/binary, _/binary>> = <<16#12, 3>>,
    <<S:4, U:4>> = R,
    show("nested", [S, U]).

rest_bytes(<<_:4, R/binary>>) -> R;
rest_bytes(_) -> nomatch.

utf() ->
    Bin = <<$a/utf8, 16#e9/utf8, 16#20ac/utf8, 16#1f600/utf8, 16#1f600/utf16, 16#e9/utf16-little,
            16#1f600/utf32, 16#20ac/utf32-little>>,
    <<A/utf8, B/utf8, C/utf8, D/utf8, E/utf16, F/utf16-little, G/utf32, H/utf32-little>> = Bin,
    show("utf", [A, B, C, D, E, F, G, H]),
    show("decode", decode(<<"h", 16#e9/utf8, "llo", 16#1f600/utf8>>)),
    show("bad utf8", [m_utf8(<<16#c0, 16#80>>), m_utf8(<<16#ed, 16#a0, 16#80>>), m_utf8(<<16#f4, 16#90, 16#80, 16#80>>),
                      m_utf8(<<16#e2, 16#82>>), m_utf8(<<16#80>>), m_utf8(<<16#e2, 16#82, 16#ac>>)]),
    show("bad utf16", [m_utf16(<<16#dc00:16>>), m_utf16(<<16#d800:16, 16#41:16>>), m_utf16(<<16#d83d:16, 16#de00:16>>)]),
    show("bad utf32", [m_utf32(<<16#110000:32>>), m_utf32(<<16#d800:32>>), m_utf32(<<16#10ffff:32>>)]),
    <<"é"/utf8, Rest/binary>> = <<16#e9/utf8, "x">>,
    show("literal utf8", Rest).

decode(<<>>) -> [];
decode(<<C/utf8, R/binary>>) -> [C | decode(R)].

m_utf8(<<C/utf8>>) -> C;
m_utf8(_) -> nomatch.
m_utf16(<<C/utf16>>) -> C;
m_utf16(_) -> nomatch.
m_utf32(<<C/utf32>>) -> C;
m_utf32(_) -> nomatch.

sizes() ->
    <<N:8, Data:N/binary, Rest/binary>> = <<3, "abcdef">>,
    show("prefix", [N, Data, Rest]),
    <<S:4, V:S/unit:2, _/bits>> = <<3:4, 63:6, 0:6>>,
    show("size unit", [S, V]),
    Len = 2,
    <<W:Len/binary, _/binary>> = <<"xyz">>,
    show("bound", W),
    <<L:8, X:(L * 8), Y:(L - 1)/binary>> = <<2, 1, 2, "a">>,
    show("expr", [L, X, Y]),
    T = {3},
    <<Z:(element(1, T))/binary>> = <<"abc">>,
    show("guard bif", Z),
    show("fun head", [sized(2, <<"ab">>), sized(3, <<"ab">>)]),
    show("two sizes", two(<<2, 3, "abcde">>)),
    show("bad size", [bad_size(a, <<1>>), bad_size(-1, <<1>>), bad_size(8, <<1>>)]).

sized(N, Bin) ->
    case Bin of
        <<B:N/binary>> -> B;
        _ -> nomatch
    end.

two(<<A, B, X:A/binary, Y:B/binary>>) -> {X, Y}.

bad_size(N, Bin) ->
    case Bin of
        <<X:N>> -> X;
        _ -> nomatch
    end.

places() ->
    B = <<"GET /index.html">>,
    R1 = case B of
             <<"POST ", _/binary>> -> post;
             <<"GET ", Path/binary>> -> {get, Path}
         end,
    show("case", R1),
    self() ! {data, <<1, 2, 3>>},
    R2 = receive {data, <<H, T/binary>>} -> {H, T} end,
    show("receive", R2),
    F = fun(<<X:4, Y:4>>) -> X + Y; (_) -> none end,
    show("fun", [F(<<16#12>>), F(<<1, 2>>)]),
    show("list comp", [X || <<X:4>> <= <<16#1234:16>>]),
    show("list comp filter", [X || <<X>> <= <<1, 2, 3, 4, 5, 6>>, X rem 2 =:= 0]),
    show("generator with literal", [X || <<1, X>> <= <<1, 2, 3, 4, 1, 5>>]),
    show("generator leftover", [X || <<X:8>> <= <<1, 2, 3:4>>]),
    show("generator utf8", [{C} || <<C/utf8>> <= <<"h", 16#e9/utf8, "!">>]),
    show("generator sized", [{K, V} || <<K:8, L:8, V:L/binary>> <= <<1, 2, "ab", 2, 1, "c">>]),
    M = 4,
    show("generator outer size", [X || <<X:M>> <= <<16#abcd:16>>]),
    show("tuple", match_tuple({<<1, 2>>, <<3>>})),
    show("match in match", begin <<A:8, _/binary>> = Whole = <<9, 8>>, {A, Whole} end),
    show("bound value", [same(<<1, 1>>), same(<<1, 2>>)]),
    show("literal compare", [lit(<<"abc">>), lit(<<1:1, 2:7>>), lit(<<0:3>>), lit(<<"abd">>)]),
    show("nested tuple", case {x, <<7:3>>} of {x, <<V:3>>} -> V end).

match_tuple({<<A, B>>, <<C>>}) -> A + B + C.

same(<<X, X>>) -> same;
same(_) -> different.

lit(<<"abc">>) -> abc;
lit(<<1:1, 2:7>>) -> bits;
lit(<<0:3>>) -> three;
lit(_) -> other.

failures() ->
    show("too short", try <<X:16>> = id(<<1>>), X catch error:E -> E end),
    show("too long", [m_one(<<1, 2>>), m_one(<<1>>), m_one(<<>>), m_one(not_a_binary)]),
    show("not binary", [m_rest(<<1:7>>), m_rest(<<1:8>>), m_rest(a)]),
    show("value mismatch", [m_lit(<<1, 2>>), m_lit(<<2, 2>>)]),
    show("out of range literal", [m_range(<<255>>), m_range(<<1>>)]).

id(X) -> X.

m_one(<<X>>) -> X;
m_one(_) -> nomatch.

m_rest(<<X/binary>>) -> X;
m_rest(_) -> nomatch.

m_lit(<<1, X>>) -> X;
m_lit(_) -> nomatch.

m_range(<<-1:8>>) -> minus_one;
m_range(<<-1:8/signed>>) -> signed_minus_one;
m_range(_) -> other.

%% A stream of length-prefixed records.
parse() ->
    Stream = << <<(byte_size(P)):16, P/binary>> || P <- [<<"one">>, <<"two">>, <<>>, <<"three">>] >>,
    show("records", records(Stream, [])).

records(<<Len:16, Payload:Len/binary, Rest/binary>>, Acc) -> records(Rest, [Payload | Acc]);
records(<<>>, Acc) -> lists:reverse(Acc).
