-module(proc_dict).
-export([main/1]).

%% The process dictionary is per process: a new process starts with an
%% empty one, changes in one process are invisible to others, and a
%% dictionary can be sent as a value.
main(_) ->
    Self = self(),
    io:format("put new: ~p~n", [put(k1, v1)]),
    io:format("put old: ~p~n", [put(k1, v2)]),
    put(k2, [1, 2, 3]),
    put({tuple, key}, #{a => 1}),
    io:format("get: ~p ~p ~p ~p~n", [get(k1), get(k2), get({tuple, key}), get(missing)]),
    Child = spawn(fun() ->
                          Self ! {child_sees, get(k1), get()},
                          put(k1, child_value),
                          put(child_only, yes),
                          Self ! {child_after, get(k1), lists:sort(get_keys())},
                          receive {dump, To} -> To ! {child_dict, lists:sort(get())} end
                  end),
    receive {child_sees, V, D} -> io:format("child starts empty: ~p ~p~n", [V, D]) end,
    receive {child_after, V2, K2} -> io:format("child changes: ~p ~p~n", [V2, K2]) end,
    io:format("ours unchanged: ~p ~p~n", [get(k1), get(child_only)]),
    Child ! {dump, Self},
    receive {child_dict, CD} -> io:format("child dict: ~p~n", [CD]) end,
    %% A spawned closure sees values captured, not the dictionary.
    put(captured, no),
    X = get(k2),
    spawn(fun() -> Self ! {closure, X, get(captured)} end),
    receive {closure, CX, CG} -> io:format("closure: ~p ~p~n", [CX, CG]) end,
    io:format("keys: ~p~n", [lists:sort(get_keys())]),
    io:format("keys with value no: ~p~n", [get_keys(no)]),
    io:format("erase: ~p ~p~n", [erase(k1), erase(k1)]),
    io:format("erase all: ~p~n", [lists:sort(erase())]),
    io:format("empty: ~p~n", [get()]),
    %% Many processes each keeping their own counter.
    Ps = [spawn(fun() -> count_loop(I) end) || I <- lists:seq(1, 20)],
    [P ! bump || P <- Ps, _ <- [1, 2, 3]],
    [P ! {report, Self} || P <- Ps],
    Counts = [receive {count, P, N} -> N end || P <- Ps],
    io:format("counts: ~p~n", [Counts]),
    ok.

count_loop(I) ->
    put(count, I * 100),
    count_loop().

count_loop() ->
    receive
        bump -> put(count, get(count) + 1), count_loop();
        {report, To} -> To ! {count, self(), get(count)}
    end.
