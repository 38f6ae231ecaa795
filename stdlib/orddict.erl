%% girder stdlib: orddict
%%
%% Written for girder from the documented behaviour of OTP 25's `orddict`
%% module.  An orddict is a list of {Key, Value} pairs ordered by key;
%% keys are compared with < and > (so 1 and 1.0 are the same key).
-module(orddict).

-compile({no_auto_import, [size/1]}).

-export([append/3, append_list/3, erase/2, fetch/2, fetch_keys/1, filter/2,
         find/2, fold/3, from_list/1, is_empty/1, is_key/2, map/2, merge/3,
         new/0, size/1, store/3, take/2, to_list/1, update/3, update/4,
         update_counter/3]).

new() -> [].

is_empty([]) -> true;
is_empty([_ | _]) -> false.

size(Dict) -> length(Dict).

to_list(Dict) -> Dict.

%% The last value given for a key wins.
from_list([]) -> [];
from_list([{_, _}] = Pairs) -> Pairs;
from_list(Pairs) -> lists:ukeysort(1, lists:reverse(Pairs)).

is_key(Key, [{K, _} | _]) when Key < K -> false;
is_key(Key, [{K, _} | Dict]) when Key > K -> is_key(Key, Dict);
is_key(_, [{_, _} | _]) -> true;
is_key(_, []) -> false.

fetch(Key, [{K, _} | Dict]) when Key > K -> fetch(Key, Dict);
fetch(Key, [{K, Value} | _]) when Key == K -> Value.

find(Key, [{K, _} | _]) when Key < K -> error;
find(Key, [{K, _} | Dict]) when Key > K -> find(Key, Dict);
find(_, [{_, Value} | _]) -> {ok, Value};
find(_, []) -> error.

fetch_keys(Dict) -> [K || {K, _} <- Dict].

erase(Key, [{K, _} = E | Dict]) when Key < K -> [E | Dict];
erase(Key, [{K, _} = E | Dict]) when Key > K -> [E | erase(Key, Dict)];
erase(_, [{_, _} | Dict]) -> Dict;
erase(_, []) -> [].

take(Key, Dict) -> take(Key, Dict, []).

take(Key, [{K, _} | _], _) when Key < K -> error;
take(Key, [{K, _} = E | Dict], Seen) when Key > K -> take(Key, Dict, [E | Seen]);
take(_, [{_, Value} | Dict], Seen) -> {Value, lists:reverse(Seen, Dict)};
take(_, [], _) -> error.

store(Key, New, [{K, _} = E | Dict]) when Key < K -> [{Key, New}, E | Dict];
store(Key, New, [{K, _} = E | Dict]) when Key > K -> [E | store(Key, New, Dict)];
store(Key, New, [{_, _} | Dict]) -> [{Key, New} | Dict];
store(Key, New, []) -> [{Key, New}].

append(Key, New, [{K, _} = E | Dict]) when Key < K -> [{Key, [New]}, E | Dict];
append(Key, New, [{K, _} = E | Dict]) when Key > K -> [E | append(Key, New, Dict)];
append(Key, New, [{_, Old} | Dict]) -> [{Key, Old ++ [New]} | Dict];
append(Key, New, []) -> [{Key, [New]}].

append_list(Key, New, [{K, _} = E | Dict]) when Key < K -> [{Key, New}, E | Dict];
append_list(Key, New, [{K, _} = E | Dict]) when Key > K ->
    [E | append_list(Key, New, Dict)];
append_list(Key, New, [{_, Old} | Dict]) -> [{Key, Old ++ New} | Dict];
append_list(Key, New, []) -> [{Key, New}].

update(Key, Fun, [{K, _} = E | Dict]) when Key > K -> [E | update(Key, Fun, Dict)];
update(Key, Fun, [{K, Value} | Dict]) when Key == K -> [{Key, Fun(Value)} | Dict].

update(Key, _, Init, [{K, _} = E | Dict]) when Key < K -> [{Key, Init}, E | Dict];
update(Key, Fun, Init, [{K, _} = E | Dict]) when Key > K ->
    [E | update(Key, Fun, Init, Dict)];
update(Key, Fun, _, [{_, Value} | Dict]) -> [{Key, Fun(Value)} | Dict];
update(Key, _, Init, []) -> [{Key, Init}].

update_counter(Key, Inc, [{K, _} = E | Dict]) when Key < K -> [{Key, Inc}, E | Dict];
update_counter(Key, Inc, [{K, _} = E | Dict]) when Key > K ->
    [E | update_counter(Key, Inc, Dict)];
update_counter(Key, Inc, [{_, Value} | Dict]) -> [{Key, Value + Inc} | Dict];
update_counter(Key, Inc, []) -> [{Key, Inc}].

fold(Fun, Acc, [{Key, Value} | Dict]) -> fold(Fun, Fun(Key, Value, Acc), Dict);
fold(Fun, Acc, []) when is_function(Fun, 3) -> Acc.

map(Fun, [{Key, Value} | Dict]) ->
    New = Fun(Key, Value),
    [{Key, New} | map(Fun, Dict)];
map(Fun, []) when is_function(Fun, 2) -> [].

filter(Pred, [{Key, Value} = E | Dict]) ->
    case Pred(Key, Value) of
        true -> [E | filter(Pred, Dict)];
        false -> filter(Pred, Dict)
    end;
filter(Pred, []) when is_function(Pred, 2) -> [].

merge(Fun, [{K1, _} = E1 | D1], [{K2, _} | _] = D2) when K1 < K2 ->
    [E1 | merge(Fun, D1, D2)];
merge(Fun, [{K1, _} | _] = D1, [{K2, _} = E2 | D2]) when K1 > K2 ->
    [E2 | merge(Fun, D1, D2)];
merge(Fun, [{K1, V1} | D1], [{_, V2} | D2]) ->
    [{K1, Fun(K1, V1, V2)} | merge(Fun, D1, D2)];
merge(Fun, [], D2) when is_function(Fun, 3) -> D2;
merge(Fun, D1, []) when is_function(Fun, 3) -> D1.
