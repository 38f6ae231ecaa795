-module(phash2_binaries).
-export([main/1]).
main(_) ->
    B = fun list_to_binary/1,
    L = [B([]), B("a"), B("ab"), B("abc"), B("abcd"), B("hello world"), B("hello world!"), B("hello world!!"),
         B(lists:seq(0, 255)), B(lists:duplicate(100, 7)), {B("x"), B("yz")}, [B("a"), 1, B("")],
         list_to_bitstring([B("ab"), list_to_bitstring([])]), binary_part(B("hello"), 1, 3),
         #{B("k") => B("v")}, [1,2,3], "abc", <<1:3>>, <<"abc", 1:1>>, <<255, 7:5>>, {<<2:2>>, <<>>},
         binary_part(<<"xhello">>, 1, 4), <<0:100>>],
    [io:format("~p ~p~n", [erlang:phash2(X), erlang:phash2(X, 1000)]) || X <- L].
