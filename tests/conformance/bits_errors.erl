-module(bits_errors).
-export([main/1]).

%% Errors the bit syntax raises: construction with a value of the wrong
%% type, a bad size, a code point out of range; a failed match.

main(_) ->
    [A, N, F, B, Bits, Big, Neg] = id([a, -1, 1.5, <<1, 2, 3>>, <<1:3>>, 1 bsl 70, -5]),
    show("atom int", fun() -> <<A:8>> end),
    show("float int", fun() -> <<F:8>> end),
    show("negative size", fun() -> <<1:N>> end),
    show("atom size", fun() -> <<1:A>> end),
    show("float size", fun() -> <<1:F>> end),
    show("bad float size", fun() -> <<F:(id(12))/float>> end),
    show("atom float", fun() -> <<A/float>> end),
    show("huge float", fun() -> <<Big:32/float>> end),
    show("binary too short", fun() -> <<B:4/binary>> end),
    show("binary of atom", fun() -> <<A/binary>> end),
    show("bits as binary", fun() -> <<Bits/binary>> end),
    show("binary of int", fun() -> <<N/binary>> end),
    show("bits sized too long", fun() -> <<Bits:4/bits>> end),
    show("utf8 surrogate", fun() -> <<(id(16#d800))/utf8>> end),
    show("utf8 too big", fun() -> <<(id(16#110000))/utf8>> end),
    show("utf8 negative", fun() -> <<Neg/utf8>> end),
    show("utf16 atom", fun() -> <<A/utf16>> end),
    show("utf32 float", fun() -> <<F/utf32>> end),
    show("bignum size", fun() -> <<1:Big>> end),
    show("second segment", fun() -> <<1, A, 2>> end),
    show("ok after error", fun() -> <<1, (id(2)), 3>> end),
    show("badmatch", fun() -> <<X:8>> = B, X end),
    show("badmatch bits", fun() -> <<_:2/binary>> = Bits end),
    show("case_clause", fun() -> case B of <<X:16>> -> X end end),
    show("function_clause", fun() -> f(B) end),
    show("catch", fun() -> {'EXIT', {R, _}} = catch <<A>>, R end),
    ok.

id(X) -> X.

f(<<X:8>>) -> X.

show(Label, F) ->
    R = try F() of
            V -> {ok, V}
        catch
            C:E -> {C, E}
        end,
    io:format("~s: ~p~n", [Label, R]).
