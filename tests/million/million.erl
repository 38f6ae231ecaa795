%% One million processes: spawn them all (each waits in receive), send
%% every one a message, and see every one exit (each reports back and
%% ends; a monitor-free count keeps the parent's mailbox small).
-module(million).
-export([main/1]).

main(Args) ->
    N = case Args of [A] -> list_to_integer(A); [] -> 1000000 end,
    Self = self(),
    Pids = spawn_all(N, Self, []),
    io:format("spawned ~p~n", [length(Pids)]),
    send_all(Pids, 0),
    Sum = collect(N, 0),
    io:format("all ~p replied, sum ~p~n", [N, Sum]),
    io:format("expected sum ~p~n", [N * (N + 1) div 2]),
    wait_gone(Pids),
    io:format("all exited~n").

spawn_all(0, _, Acc) -> Acc;
spawn_all(K, Parent, Acc) ->
    P = spawn(fun() -> receive {go, I} -> Parent ! {done, I} end end),
    spawn_all(K - 1, Parent, [P | Acc]).

send_all([], _) -> ok;
send_all([P | Ps], I) -> P ! {go, I + 1}, send_all(Ps, I + 1).

collect(0, Sum) -> Sum;
collect(K, Sum) -> receive {done, I} -> collect(K - 1, Sum + I) end.

%% A process that has replied ends right after; yield until it has.
wait_gone([]) -> ok;
wait_gone([P | Ps] = All) ->
    case is_process_alive(P) of
        true -> receive after 1 -> wait_gone(All) end;
        false -> wait_gone(Ps)
    end.
