%% expect: bits_undefined_type.erl:9:7
%% expect: bit type foo undefined
%% A segment with a type specifier that does not exist.
-module(bits_undefined_type).
-export([main/1]).

main(_) ->
    X = 1,
    <<X:8/foo>>.
