%% unicode:characters_to_list/1,2 and characters_to_binary/1,2,3:
%% encodings, chardata shapes, and the error/incomplete tuples.
-module(unicode_chars).
-export([main/1]).

b(L) -> list_to_binary(L).

t(F) ->
    try F() of
        V -> V
    catch
        C:R -> {C, R}
    end.

main(_) ->
    L = [
        fun() -> unicode:characters_to_list([$a, 16#110000, $b]) end,
        fun() -> unicode:characters_to_list([[$a, -1], $b]) end,
        fun() -> unicode:characters_to_list([$x, [b([97, 255, 98])], "c"]) end,
        fun() -> unicode:characters_to_list([$x, b([97, 195])]) end,
        fun() -> unicode:characters_to_list(b([97, 226, 130])) end,
        fun() -> unicode:characters_to_list(b([97, 226, 130]), latin1) end,
        fun() -> unicode:characters_to_list([256, b([200])], latin1) end,
        fun() -> unicode:characters_to_list(abc) end,
        fun() -> unicode:characters_to_list([a]) end,
        fun() -> unicode:characters_to_list([$a | $b]) end,
        fun() -> unicode:characters_to_list([$a | b("b")]) end,
        fun() -> unicode:characters_to_list(b([104, 195, 169, 226, 130, 172, 240, 159, 152, 128])) end,
        fun() -> unicode:characters_to_list(b([104, 195, 169]), unicode) end,
        fun() -> unicode:characters_to_list(b([104, 195, 169]), utf8) end,
        fun() -> unicode:characters_to_binary([$a, 1024, b("xyz")]) end,
        fun() -> unicode:characters_to_binary([$a, 200], unicode, latin1) end,
        fun() -> unicode:characters_to_binary(b([200, 65]), latin1) end,
        fun() -> unicode:characters_to_binary(b([200, 65]), latin1, utf8) end,
        fun() -> unicode:characters_to_binary("ab", unicode, utf16) end,
        fun() -> unicode:characters_to_binary([16#1F600], unicode, {utf16, little}) end,
        fun() -> unicode:characters_to_binary([16#1F600, $a], unicode, utf32) end,
        fun() -> unicode:characters_to_binary([16#1F600, $a], unicode, {utf32, little}) end,
        fun() -> unicode:characters_to_binary([16#1F600, $a], unicode, {utf32, big}) end,
        fun() -> unicode:characters_to_list(b([0, 97, 216, 61, 222, 0]), utf16) end,
        fun() -> unicode:characters_to_list(b([97, 0, 61, 216, 0, 222]), {utf16, little}) end,
        fun() -> unicode:characters_to_list(b([0, 97, 216, 61]), utf16) end,
        fun() -> unicode:characters_to_list(b([0, 0, 0, 97]), utf32) end,
        fun() -> unicode:characters_to_list(b([0, 0, 0, 97, 0, 0]), utf32) end,
        fun() -> unicode:characters_to_list(b([97]), bogus) end,
        fun() -> unicode:characters_to_binary(b([97]), utf8, bogus) end,
        fun() -> unicode:characters_to_binary(b([237, 160, 128])) end,
        fun() -> unicode:characters_to_binary([16#D800]) end,
        fun() -> unicode:characters_to_binary(b([192, 128])) end,
        fun() -> unicode:characters_to_binary([]) end,
        fun() -> unicode:characters_to_list(b([])) end,
        fun() -> unicode:characters_to_list([[[]], b([]), [233]]) end,
        fun() -> unicode:characters_to_binary([b([97]), [1024 | b([98, 255])]]) end,
        fun() -> unicode:characters_to_binary(b("plain")) end,
        fun() -> unicode:characters_to_binary([233, 1000], latin1) end,
        fun() -> unicode:characters_to_binary([[104, 105] | b("!")], unicode, latin1) end
    ],
    [io:format("~w~n", [t(F)]) || F <- L],
    ok.
