%% expect: bits_utf_size.erl:8:7
%% expect: neither size nor unit must be given for segments of type utf8/utf16/utf32
%% A utf8 segment with a size.
-module(bits_utf_size).
-export([main/1]).

main(_) ->
    <<1:8/utf8>>.
