-module(bits_construct).
-export([main/1]).

%% Bit syntax construction: every segment type, sizes, units, endianness,
%% signedness, literal strings, bignums, sub-byte bitstrings.

main(_) ->
    ints(),
    floats(),
    binaries(),
    utf(),
    strings(),
    sizes(),
    bignums(),
    misc(),
    ok.

show(Label, B) -> io:format("~s: ~w~n", [Label, B]).

ints() ->
    [X, Y, Z] = [300, -2, 16#abcde],
    show("default", <<X, Y, Z>>),
    show("16 big", <<X:16>>),
    show("16 little", <<X:16/little>>),
    show("16 native", <<X:16/native>>),
    show("12 big", <<Z:12>>),
    show("12 little", <<Z:12/little>>),
    show("20 little", <<Z:20/little>>),
    show("9 little", <<16#123:9/little>>),
    show("signed -2 12 little", <<Y:12/little-signed>>),
    show("signed -1 1", <<Y:1/signed>>),
    show("unit", <<X:2/unit:8>>),
    show("unit little", <<X:2/little-unit:8>>),
    show("4 little signed unit 8", <<Y:4/little-signed-integer-unit:8>>),
    show("zero", <<X:0>>),
    show("64", <<X:64, Y:64>>),
    show("63 little", <<Y:63/little>>),
    show("bits", <<1:1, 2:3, 7:2>>),
    show("negative wraps", <<-1:8, -256:16, -129:8>>),
    show("odd", <<X:7, Y:13/little, Z:33>>).

floats() ->
    [F, G, I] = [1.5, -0.1, 3],
    show("64", <<F/float>>),
    show("32", <<F:32/float>>),
    show("16", <<F:16/float>>),
    show("little 64", <<G:64/float-little>>),
    show("little 32", <<G:32/little-float>>),
    show("little 16", <<G:16/float-little>>),
    show("int as float", <<I/float, I:32/float>>),
    show("unit", <<F:4/float-unit:16>>),
    show("half edges", <<65504.0:16/float, 1.0e-7:16/float, 0.1:16/float, 1.0e10:16/float>>),
    show("f32 overflow", <<1.0e300:32/float>>),
    show("unaligned", <<1:3, F:32/float, 1:5>>),
    show("neg zero", <<-0.0/float>>).

binaries() ->
    B = <<1, 2, 3, 4>>,
    Bits = <<5:3>>,
    show("binary", <<B/binary>>),
    show("bytes", <<B/bytes, B/binary>>),
    show("sized", <<B:2/binary>>),
    show("sized unit", <<B:4/binary-unit:4>>),
    show("bits", <<Bits/bits, B/bitstring>>),
    show("sized bits", <<B:10/bits>>),
    show("unaligned binary", <<1:1, B/binary, 0:7>>),
    show("nested", <<(<<1, 2>>)/binary, (<<>>)/binary, <<3>>/binary>>),
    Big = list_to_binary(lists:seq(1, 100)),
    B2 = <<Big/binary, Big/binary>>,
    show("big size", byte_size(B2)),
    show("big tail", binary_part(B2, 195, 5)),
    show("big unaligned", byte_size(<<1:4, Big/binary, 0:4>>)).

utf() ->
    [A, E, Euro, Smile] = [$a, 16#e9, 16#20ac, 16#1f600],
    show("utf8", <<A/utf8, E/utf8, Euro/utf8, Smile/utf8>>),
    show("utf16", <<A/utf16, E/utf16, Euro/utf16, Smile/utf16>>),
    show("utf16 little", <<A/utf16-little, Smile/little-utf16>>),
    show("utf32", <<A/utf32, Smile/utf32>>),
    show("utf32 little", <<A/utf32-little, Smile/utf32-little>>),
    show("max", <<16#10ffff/utf8, 16#10ffff/utf16>>),
    show("literal", <<"é"/utf8>>),
    show("literal 16", <<"ab"/utf16>>).

strings() ->
    show("string", <<"abc">>),
    show("string and more", <<"ab", 0, "cd":16>>),
    show("string 16 little", <<"ab":16/little>>),
    show("string 4", <<"ab":4>>),
    show("empty", <<"">>),
    show("empty binary", <<>>),
    X = 1,
    show("mixed", <<"head", X, "tail">>).

sizes() ->
    N = 3,
    L = [1, 2],
    show("expr size", <<7:(N * 2)>>),
    show("length size", <<7:(length(L) + 1)/unit:8>>),
    Abc = <<"abcdef">>,
    show("size var binary", <<Abc:N/binary>>),
    T = {5},
    show("element size", <<1:(element(1, T))>>),
    show("map size", <<1:(map_size(#{a => 1, b => 2}))>>).

bignums() ->
    Big = 1 bsl 100 + 12345,
    show("big 128", <<Big:128>>),
    show("big 104 little", <<Big:104/little>>),
    show("big truncated", <<Big:16>>),
    show("neg big", <<(-Big):128>>),
    show("small in wide", <<-1:72, 1:72/little>>),
    show("odd wide", <<Big:101/little>>),
    show("odd wide big", <<Big:101>>).

misc() ->
    F = fun(X) -> <<X:8, X:8/little>> end,
    show("fun", F(200)),
    show("in list", [<<1>>, <<"x">>, <<>>]),
    show("in tuple", {<<1:1>>, <<1:9>>}),
    show("bitstring size", [bit_size(<<1:17>>), byte_size(<<1:17>>)]),
    show("is_binary", [is_binary(<<1:8>>), is_binary(<<1:7>>), is_bitstring(<<1:7>>)]),
    show("guard", [g(<<1>>), g(<<1, 2>>), g(a)]),
    show("guard build", [h(7), h(300), h(x)]),
    show("acc", acc(lists:seq(1, 10), <<>>)),
    show("acc bits", accb(lists:seq(1, 8), <<>>)).

g(B) when byte_size(B) =:= 1 -> one;
g(B) when is_binary(B) -> many;
g(_) -> none.

h(X) when <<X:8>> =:= <<7>> -> seven;
h(X) when is_integer(X) -> other;
h(_) -> bad.

acc([], B) -> B;
acc([X | T], B) -> acc(T, <<B/binary, X:8>>).

accb([], B) -> B;
accb([X | T], B) -> accb(T, <<B/bits, X:3>>).
