%% expect: bits_size_from_head.erl:10:10
%% expect: variable 'N' is unbound
%% A binary segment size may use a variable bound before the pattern or
%% earlier in the same binary, not one bound elsewhere in the same head
%% (OTP 25's rule; girder once accepted this).
-module(bits_size_from_head).
-export([main/1]).

main(_) -> f(1, <<1:1>>).
f(N, <<X:N>>) -> X.
