-module(bits_comp).
-export([main/1]).

%% Binary comprehensions and bit-string generators, in list and binary
%% comprehensions, with filters, several generators and their errors.

main(_) ->
    show("bc list", << <<X:8>> || X <- [1, 2, 3] >>),
    show("bc list wide", << <<X:16/little>> || X <- [1, 256] >>),
    show("bc bits", << <<X:3>> || X <- [1, 2, 3, 4, 5] >>),
    show("bc filter", << <<X>> || X <- lists:seq(1, 10), X rem 3 =:= 0 >>),
    show("bc guard filter", << <<X>> || X <- [1, a, 2, b], is_integer(X) >>),
    show("bc two gens", << <<X, Y>> || X <- [1, 2], Y <- [7, 8] >>),
    show("bc bin gen", << <<(X + 1)>> || <<X>> <= <<1, 2, 3>> >>),
    show("bc nibble swap", << <<B:4, A:4>> || <<A:4, B:4>> <= <<16#12, 16#34>> >>),
    show("bc bits gen", << <<X:1>> || <<X:2>> <= <<2#10110011>> >>),
    show("bc head var", << B || B <- [<<1>>, <<2, 3>>, <<4:4>>] >>),
    show("bc mixed gens", << <<X, Y>> || <<X>> <= <<1, 2>>, Y <- [a_code(), 0] >>),
    show("bc empty", << <<X>> || X <- [] >>),
    show("bc utf8", << <<C/utf8>> || C <- [16#e9, 16#20ac, $a] >>),
    show("bc to upper", << <<(upper(C))>> || <<C>> <= <<"hello world">> >>),
    show("bc nested", << << <<Y>> || Y <- lists:seq(1, X) >> || X <- [1, 2, 3] >>),
    show("lc bin gen", [X * 2 || <<X>> <= <<1, 2, 3>>]),
    show("lc two bin gens", [{X, Y} || <<X>> <= <<1, 2>>, <<Y>> <= <<3, 4>>]),
    show("lc bin gen pairs", [{K, V} || <<K, V>> <= <<1, 2, 3, 4, 5>>]),
    show("lc bin gen big", length([X || <<X:32>> <= list_to_binary(lists:duplicate(4000, 7))])),
    show("bc big", byte_size(<< <<X:32>> || X <- lists:seq(1, 10000) >>)),
    show("bc sum", lists:sum([X || <<X:16>> <= << <<Y:16>> || Y <- lists:seq(1, 1000) >>])),
    Limit = 2,
    show("bc outer var", << <<X>> || X <- [1, 2, 3, 4], X > Limit >>),
    show("bc bound size", << <<X:Limit/binary>> || X <- [<<"ab">>, <<"cde">>] >>),
    show("errors", [
        catch_it(fun() -> << <<X>> || X <- a >> end),
        catch_it(fun() -> << <<X>> || X <- [1 | b] >> end),
        catch_it(fun() -> << <<X>> || <<X>> <= a >> end),
        catch_it(fun() -> [X || <<X>> <= [1]] end),
        catch_it(fun() -> << X || X <- [1, 2] >> end),
        catch_it(fun() -> << <<X>> || X <- [a] >> end),
        catch_it(fun() -> << <<X>> || X <- [1], bad() >> end)
    ]),
    ok.

show(Label, V) -> io:format("~s: ~p~n", [Label, V]).

a_code() -> $a.

bad() -> maybe.

upper(C) when C >= $a, C =< $z -> C - 32;
upper(C) -> C.

catch_it(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.
