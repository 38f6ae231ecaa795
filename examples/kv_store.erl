%% A supervised key-value store: one gen_server per shard, each key lives
%% in the shard its hash picks (erlang:phash2 is not in girder yet, so the
%% hash is a sum of the key's characters). A supervisor (one_for_one)
%% restarts a shard that crashes; that shard starts empty again, the
%% others keep their data. Everything is in this one module: the API, the
%% supervisor callback and the shard server.
-module(kv_store).
-behaviour(supervisor).
-behaviour(gen_server).
-export([main/1]).
-export([start_link/1, store/2, fetch/1, delete/1, keys/0, stats/0, crash_shard/1]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2,
         start_shard/1]).

-define(SHARDS, 4).

main(_) ->
    %% OTP prints a crashed shard's report; send it to standard error.
    catch logger:remove_handler(default),
    catch logger:add_handler(default, logger_std_h, #{config => #{type => standard_error}}),
    process_flag(trap_exit, true),
    {ok, _Sup} = start_link(?SHARDS),
    Words = ["apple", "banana", "cherry", "date", "elderberry", "fig", "grape",
             "honeydew", "kiwi", "lemon", "mango", "nectarine"],
    [ok = store(W, length(W)) || W <- Words],
    io:format("stored ~p keys~n", [length(keys())]),
    io:format("fetch(\"mango\") = ~p~n", [fetch("mango")]),
    io:format("fetch(\"zucchini\") = ~p~n", [fetch("zucchini")]),
    ok = delete("fig"),
    io:format("after delete: ~p keys~n", [length(keys())]),
    io:format("per shard: ~p~n", [stats()]),
    Victim = shard_of("apple"),
    io:format("crashing shard ~p (holds apple)~n", [Victim]),
    crash_shard(Victim),
    io:format("fetch(\"apple\") after the crash = ~p~n", [fetch("apple")]),
    io:format("per shard: ~p~n", [stats()]),
    io:format("keys left: ~p~n", [lists:sort(keys())]),
    io:format("shards running: ~p~n",
              [length([P || {_, P, worker, _} <- supervisor:which_children(kv_sup), is_pid(P)])]),
    ok.

%%% API

start_link(N) -> supervisor:start_link({local, kv_sup}, ?MODULE, {sup, N}).

store(Key, Value) -> gen_server:call(shard(Key), {put, Key, Value}).
fetch(Key) -> gen_server:call(shard(Key), {get, Key}).
delete(Key) -> gen_server:cast(shard(Key), {delete, Key}), gen_server:call(shard(Key), sync).
keys() -> lists:append([gen_server:call(name(I), keys) || I <- lists:seq(1, ?SHARDS)]).
stats() -> [{I, length(gen_server:call(name(I), keys))} || I <- lists:seq(1, ?SHARDS)].

%% Crashes a shard and waits for the supervisor to have replaced it.
crash_shard(I) ->
    Old = whereis(name(I)),
    Ref = monitor(process, Old),
    gen_server:cast(Old, crash),
    receive {'DOWN', Ref, process, Old, _} -> ok end,
    wait_restarted(name(I), Old).

wait_restarted(Name, Old) ->
    case whereis(Name) of
        P when is_pid(P), P =/= Old -> ok;
        _ -> timer:sleep(1), wait_restarted(Name, Old)
    end.

shard(Key) -> name(shard_of(Key)).
shard_of(Key) -> lists:sum(Key) rem ?SHARDS + 1.
name(I) -> list_to_atom("kv_shard_" ++ integer_to_list(I)).

start_shard(I) -> gen_server:start_link({local, name(I)}, ?MODULE, {shard, I}, []).

%%% Callbacks: the supervisor ({sup, N}) and the shards ({shard, I}).

init({sup, N}) ->
    Specs = [#{id => {shard, I}, start => {?MODULE, start_shard, [I]}} || I <- lists:seq(1, N)],
    {ok, {#{strategy => one_for_one, intensity => 3, period => 5}, Specs}};
init({shard, _I}) ->
    {ok, #{}}.

handle_call({put, K, V}, _From, Map) -> {reply, ok, Map#{K => V}};
handle_call({get, K}, _From, Map) -> {reply, maps:find(K, Map), Map};
handle_call(keys, _From, Map) -> {reply, maps:keys(Map), Map};
handle_call(sync, _From, Map) -> {reply, ok, Map}.

handle_cast({delete, K}, Map) -> {noreply, maps:remove(K, Map)};
handle_cast(crash, _Map) -> exit(crashed_on_purpose).

handle_info(_Msg, Map) -> {noreply, Map}.

terminate(_Reason, _Map) -> ok.
