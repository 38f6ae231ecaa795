%% Issue 5: memory stays bounded while many 1 KB binaries flow through a
%% pipeline of processes. The source makes one binary with list_to_binary
%% and sends it again and again, every other time a fresh copy (so
%% off-heap binaries are made and freed all the time); each stage
%% forwards to the next; the sink acknowledges every window so at most
%% a window of messages is in flight. At the end the program prints the
%% number of bytes that arrived and the VM's peak resident set (VmHWM).
-module(pipeline).
-export([main/1]).

-define(WINDOW, 500).
-define(STAGES, 4).

main([Count]) -> run(list_to_integer(Count));
main([]) -> run(10000).

run(N) ->
    Bin = list_to_binary(lists:duplicate(1024, $x)),
    Self = self(),
    Sink = spawn_link(fun() -> sink(Self, 0, 0) end),
    First = lists:foldl(fun(_, Next) -> spawn_link(fun() -> stage(Next) end) end, Sink,
                        lists:seq(1, ?STAGES)),
    send(First, Bin, N, 0),
    First ! {done, self()},
    receive {total, Bytes} -> ok end,
    io:format("bytes ~p~n", [Bytes]),
    {ok, Status} = file:read_file("/proc/self/status"),
    Key = list_to_binary("VmHWM:"),
    [Line] = [L || L <- binary:split(Status, list_to_binary("\n"), [global]),
                   binary:longest_common_prefix([L, Key]) =:= 6],
    io:format("~s~n", [Line]).

send(_, _, 0, _) -> ok;
send(To, Bin, N, Sent) when Sent =:= ?WINDOW ->
    receive ack -> ok end,
    send(To, Bin, N, 0);
send(To, Bin, N, Sent) ->
    Msg = case N rem 2 of
              0 -> Bin;
              1 -> binary:copy(Bin)
          end,
    To ! {data, Msg},
    send(To, Bin, N - 1, Sent + 1).

stage(Next) ->
    receive
        {data, B} ->
            Next ! {data, B},
            stage(Next);
        {done, _} = D ->
            Next ! D
    end.

sink(Source, Bytes, Seen) ->
    receive
        {data, B} when Seen + 1 =:= ?WINDOW ->
            Source ! ack,
            sink(Source, Bytes + byte_size(B), 0);
        {data, B} ->
            sink(Source, Bytes + byte_size(B), Seen + 1);
        {done, From} ->
            From ! {total, Bytes}
    end.
