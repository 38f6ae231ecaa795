-module(bin_core).
-export([main/1]).
b(L) -> list_to_binary(L).
e(F) -> try F() catch C:R -> {C, R} end.
main(_) ->
    L = [b([]), b("abc"), b([1,2,3]), b("a\nb\"c"), b([104,195,169,108,108,111]), b([104,233]), b([0]), b("abc"++[0]),
         b(lists:duplicate(100, $a)), b(lists:seq(1,60)), b("\t\e\b"), list_to_bitstring([1, b("xy"), b([])])],
    [io:format("~w~n~p~n~tp~n~W~n~P~n~s~n", [B, B, B, B, 3, B, 3, io_lib:format("~p",[B])]) || B <- L],
    io:format("~p~n", [[b(lists:duplicate(30, $a)), b(lists:duplicate(50, $b)), {x, b(lists:duplicate(90, $c))}]]),
    io:format("~s|~ts|~10s|~-6s|~.2s~n", [b("abc"), b([104,195,169,108,108,111]), b("xy"), b("z"), b("hello")]),
    io:format("~p~n", [{b("key"), [b(lists:seq(1,30))]}]),
    io:format("~W ~W ~W~n", [b([1,2,3,4,5]), 1, b([1,2,3,4,5]), 2, b([1,2,3]), 4]),
    io:format("~P ~P~n", [b("abcdef"), 2, b("abcdef"), 4]),
    Big = b(lists:duplicate(1000, $z)),
    io:format("~p ~p ~p ~p~n", [byte_size(Big), bit_size(b("ab")), size(b("abc")), iolist_size([Big, "ab", [b("c")]])]),
    io:format("~p~n", [[is_binary(Big), is_bitstring(Big), is_binary(a), Big == b(lists:duplicate(1000, $z)), b("abc") < b("abd"), b("ab") < b("abc"), b("b") > b("abc"), [] < b("")]]),
    io:format("~p~n", [lists:sort([b("b"), b("a"), b(""), b("ab"), Big, 1, atom, "list"])]),
    io:format("~p~n", [[binary_to_list(b("hello")), binary_to_list(b("hello"), 2, 4), binary_part(b("hello"), 1, 3), binary_part(b("hello"), {5, -2}), split_binary(b("hello"), 2)]]),
    io:format("~p~n", [[atom_to_binary(hello), atom_to_binary('héllo', latin1), binary_to_atom(b("xyz")), binary_to_integer(b("-123")), binary_to_integer(b("ff"), 16), integer_to_binary(255, 16), float_to_binary(1.5), binary_to_float(b("2.5e3"))]]),
    io:format("~p~n", [[e(fun() -> binary_to_list(x) end), e(fun() -> list_to_binary([256]) end), e(fun() -> binary_part(b("ab"), 1, 5) end), e(fun() -> list_to_binary(b("x")) end), iolist_to_binary(b("x")), e(fun() -> iolist_to_binary([a]) end)]]),
    Self = self(),
    P = spawn(fun() -> receive {B, From} -> From ! {echo, byte_size(B), binary_part(B, 0, 3)} end end),
    P ! {Big, Self},
    receive {echo, N, Part} -> io:format("~p ~p~n", [N, Part]) end,
    put(k, Big), io:format("~p~n", [byte_size(get(k))]),
    io:put_chars([b("put "), "chars", $\n]),
    io:format(b("fmt ~p~n"), [ok]),
    ok.
