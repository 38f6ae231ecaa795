%% string functions (OTP 20+ API) on binaries: binaries in, binaries out,
%% and {badarg, Bin} for a binary that is not UTF-8.
-module(string_binaries).
-export([main/1]).
t(F) -> try F() catch C:R -> {C,R} end.
main(_) ->
  B = unicode:characters_to_binary("  Hello, World , héllo  "),
  L = [
   t(fun() -> string:trim(B) end), t(fun() -> string:trim(B, leading) end), t(fun() -> string:trim(B, trailing, " o") end),
   t(fun() -> string:split(list_to_binary("a,b,c"), ",") end), t(fun() -> string:split(list_to_binary("a,b,c"), ",", all) end), t(fun() -> string:split(list_to_binary("a,b,c"), list_to_binary(","), trailing) end),
   t(fun() -> string:split(list_to_binary("abc"), "x") end),
   t(fun() -> string:lexemes(B, " ,") end), t(fun() -> string:find(B, "o") end), t(fun() -> string:find(B, "o", trailing) end), t(fun() -> string:find(B, "zz") end),
   t(fun() -> string:replace(B, "o", "0") end), t(fun() -> string:replace(B, "o", "0", all) end),
   t(fun() -> string:prefix(list_to_binary("foobar"), "foo") end), t(fun() -> string:prefix(list_to_binary("foobar"), "x") end),
   t(fun() -> string:slice(B, 3) end), t(fun() -> string:slice(B, 3, 4) end), t(fun() -> string:slice(unicode:characters_to_binary("héllo"), 1, 2) end),
   t(fun() -> string:uppercase(unicode:characters_to_binary("héllo")) end), t(fun() -> string:lowercase(unicode:characters_to_binary("HÉLLO")) end), t(fun() -> string:titlecase(unicode:characters_to_binary("héllo")) end), t(fun() -> string:casefold(unicode:characters_to_binary("HÉLLO")) end),
   t(fun() -> string:length(unicode:characters_to_binary("héllo")) end), t(fun() -> string:equal(list_to_binary("abc"), "abc") end), t(fun() -> string:equal(list_to_binary("abc"), list_to_binary("ABC"), true) end),
   t(fun() -> string:pad(list_to_binary("ab"), 5) end), t(fun() -> string:pad(list_to_binary("ab"), 5, leading, $-) end), t(fun() -> string:pad(list_to_binary("ab"), 6, both) end),
   t(fun() -> string:chomp(list_to_binary("abc\r\n")) end), t(fun() -> string:take(list_to_binary("abc123"), "abc") end), t(fun() -> string:take(list_to_binary("abc123"), "123", true, trailing) end),
   t(fun() -> string:reverse(list_to_binary("abc")) end), t(fun() -> string:next_grapheme(unicode:characters_to_binary("héllo")) end), t(fun() -> string:next_codepoint(unicode:characters_to_binary("héllo")) end),
   t(fun() -> string:to_integer(list_to_binary("123abc")) end), t(fun() -> string:to_float(list_to_binary("1.5e3x")) end), t(fun() -> string:is_empty(list_to_binary([])) end), t(fun() -> string:is_empty([list_to_binary([]), ""]) end),
   t(fun() -> string:nth_lexeme(list_to_binary("a b c"), 2, " ") end), t(fun() -> string:to_graphemes(unicode:characters_to_binary("héllo")) end),
   t(fun() -> string:uppercase(list_to_binary([104, 233]) ) end), t(fun() -> string:to_upper(list_to_binary("abc")) end), t(fun() -> string:trim(list_to_binary([])) end), t(fun() -> string:split(list_to_binary([]), ",") end),
   t(fun() -> string:find(list_to_binary("abc"), "") end), t(fun() -> string:split(list_to_binary("a,b"), "") end), t(fun() -> string:lexemes(list_to_binary([]), " ") end),
   t(fun() -> string:take(list_to_binary([]), "a") end), t(fun() -> string:slice(list_to_binary("abc"), 5) end), t(fun() -> string:prefix(list_to_binary("abc"), "") end)
  ],
  [io:format("~w~n", [X]) || X <- L].
