%% expect: bits_binary_not_last.erl:8:7
%% expect: a binary field without size is only allowed at the end of a binary pattern
%% A rest segment (binary without a size) followed by another segment.
-module(bits_binary_not_last).
-export([main/1]).

main(_) ->
    <<A/binary, B:8>> = <<1, 2>>,
    {A, B}.
