-module(binaries).
-export([main/1]).

%% Binaries through the collector and between processes: heap binaries,
%% off-heap (reference-counted) ones, sub-binaries of both, kept live
%% across collections, sent, stored in the dictionary, and dropped.

main(Args) ->
    Reps = case Args of [N] -> list_to_integer(N); [] -> 30 end,
    Small = list_to_binary("small heap binary"),
    Big = list_to_binary(lists:duplicate(5000, $b)),
    put(big, binary_part(Big, 100, 200)),
    Kept = [binary_part(Big, I, 70) || I <- lists:seq(0, 9)],
    Sums = [round(Reps) || _ <- [x]],
    R = loop(Reps, Small, Big, Kept, 0),
    Echo = spawn(fun echo/0),
    Replies = [begin
                   Echo ! {self(), binary_part(Big, I * 10, 100 + I)},
                   receive {echo, B} -> byte_size(B) end
               end || I <- lists:seq(1, Reps)],
    Echo ! stop,
    {A, B} = split_binary(get(big), 50),
    io:format("~p ~p ~p ~p~n", [R, lists:sum(Replies), Sums, [byte_size(A), byte_size(B)]]),
    io:format("~p~n", [[byte_size(K) || K <- Kept]]),
    io:format("~p~n", [binary_part(get(big), 0, 10)]),
    io:format("~p~n", [Small]),
    appends(Reps, Echo).

%% Appends: a writable buffer grown in place, old handles kept across
%% collections, and an appended binary sent while both sides grow it.
appends(Reps, Echo) ->
    Acc = app(<<>>, Reps * 50),
    Old = [app(Acc, I) || I <- lists:seq(1, 5)],
    Echo2 = spawn(fun echo/0),
    Echo2 ! {self(), Acc},
    Mine = app(Acc, 300),
    Theirs = receive {echo, B} -> app(B, 200) end,
    Echo2 ! stop,
    _ = Echo,
    io:format("~p ~p ~p ~p~n", [byte_size(Acc), [byte_size(O) || O <- Old], byte_size(Mine), byte_size(Theirs)]),
    io:format("~p~n", [binary:part(Mine, byte_size(Acc) - 3, 6)]).

app(B, 0) -> B;
app(B, N) -> app(<<B/binary, (N band 255)>>, N - 1).

loop(0, _Small, _Big, _Kept, Acc) ->
    Acc;
loop(N, Small, Big, Kept, Acc) ->
    %% Garbage: fresh off-heap binaries and sub-binaries that die at once.
    Junk = [list_to_binary([Small, integer_to_list(I), Big]) || I <- lists:seq(1, 20)],
    Subs = [binary_part(J, 3, 80) || J <- Junk],
    Lists = [binary_to_list(S, 1, 5) || S <- Subs],
    Total = lists:sum([byte_size(J) || J <- Junk]) + length(Lists),
    Pid = spawn(fun() -> receive {From, Bins} -> From ! {sizes, [byte_size(X) || X <- Bins]} end end),
    Pid ! {self(), [hd(Junk), lists:last(Subs), Small | Kept]},
    S = receive {sizes, L} -> lists:sum(L) end,
    loop(N - 1, Small, Big, Kept, Acc + Total + S).

echo() ->
    receive
        {From, B} -> From ! {echo, B}, echo();
        stop -> ok
    end.
