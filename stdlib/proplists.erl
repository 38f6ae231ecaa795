%% girder stdlib: proplists
%%
%% Written for girder from the documented behaviour of OTP 25's
%% `proplists` module.  A property is either an atom Key (short for
%% {Key, true}) or a tuple whose first element is the key; entries of
%% any other form are ignored.  Keys are compared with =:=.
-module(proplists).

-export([append_values/2, compact/1, delete/2, from_map/1, get_all_values/2,
         get_bool/2, get_keys/1, get_value/2, get_value/3, is_defined/2,
         lookup/2, lookup_all/2, normalize/2, property/1, property/2,
         split/2, substitute_aliases/2, substitute_negations/2, to_map/1,
         unfold/1]).

property({Key, true}) when is_atom(Key) -> Key;
property(Property) -> Property.

property(Key, true) when is_atom(Key) -> Key;
property(Key, Value) -> {Key, Value}.

unfold([Key | Rest]) when is_atom(Key) -> [{Key, true} | unfold(Rest)];
unfold([Other | Rest]) -> [Other | unfold(Rest)];
unfold([]) -> [].

compact(List) -> [property(P) || P <- List].

%% is_key(Key, Entry): does Entry define Key?
is_key(Key, Key) when is_atom(Key) -> true;
is_key(Key, Entry) when tuple_size(Entry) >= 1, element(1, Entry) =:= Key -> true;
is_key(_, _) -> false.

lookup(Key, [Entry | Rest]) ->
    case is_key(Key, Entry) of
        true when is_atom(Entry) -> {Key, true};
        true -> Entry;
        false -> lookup(Key, Rest)
    end;
lookup(_, []) -> none.

lookup_all(Key, List) ->
    [case is_atom(Entry) of true -> {Key, true}; false -> Entry end
     || Entry <- List, is_key(Key, Entry)].

is_defined(Key, List) -> lists:any(fun(Entry) -> is_key(Key, Entry) end, List).

get_value(Key, List) -> get_value(Key, List, undefined).

get_value(Key, [Entry | Rest], Default) ->
    case is_key(Key, Entry) of
        true when is_atom(Entry) -> true;
        true ->
            case Entry of
                {_, Value} -> Value;
                _ -> Default
            end;
        false -> get_value(Key, Rest, Default)
    end;
get_value(_, [], Default) -> Default.

get_all_values(Key, List) ->
    [case Entry of {_, Value} -> Value; _ -> true end
     || Entry <- List, is_key(Key, Entry), is_atom(Entry) orelse tuple_size(Entry) =:= 2].

append_values(Key, List) ->
    lists:append([case Value of
                      _ when is_list(Value) -> Value;
                      _ -> [Value]
                  end || Value <- get_all_values(Key, List)]).

get_bool(Key, [Entry | Rest]) ->
    case is_key(Key, Entry) of
        true -> Entry =:= Key orelse Entry =:= {Key, true};
        false -> get_bool(Key, Rest)
    end;
get_bool(_, []) -> false.

%% OTP returns the keys in the order of a hash set; girder returns them
%% sorted (keys that are == but not =:=, like 1 and 1.0, are both kept).
get_keys(List) ->
    lists:sort(lists:uniq([case Entry of
                     _ when is_atom(Entry) -> Entry;
                     _ -> element(1, Entry)
                 end || Entry <- List,
                        is_atom(Entry) orelse (is_tuple(Entry) andalso tuple_size(Entry) >= 1)])).

delete(Key, List) -> [Entry || Entry <- List, not is_key(Key, Entry)].

split(List, Keys) ->
    {Groups, Rest} = lists:foldr(fun(Entry, {Gs, Other}) ->
                                         case key_of(Entry) of
                                             {ok, K} ->
                                                 case Gs of
                                                     #{K := Es} -> {Gs#{K := [Entry | Es]}, Other};
                                                     #{} -> {Gs, [Entry | Other]}
                                                 end;
                                             error -> {Gs, [Entry | Other]}
                                         end
                                 end, {maps:from_list([{K, []} || K <- Keys]), []}, List),
    {[maps:get(K, Groups) || K <- Keys], Rest}.

key_of(Entry) when is_atom(Entry) -> {ok, Entry};
key_of(Entry) when is_tuple(Entry), tuple_size(Entry) >= 1 -> {ok, element(1, Entry)};
key_of(_) -> error.

substitute_aliases(Aliases, List) ->
    [lists:foldl(fun({From, To}, E) -> rename(E, From, To) end, Entry, Aliases)
     || Entry <- List].

rename(Key, Key, To) when is_atom(Key) -> property(To, true);
rename(Entry, Key, To) when tuple_size(Entry) >= 1, element(1, Entry) =:= Key ->
    property(setelement(1, Entry, To));
rename(Entry, _, _) -> Entry.

substitute_negations(Negations, List) ->
    [lists:foldl(fun({From, To}, E) -> negate(E, From, To) end, Entry, Negations)
     || Entry <- List].

negate(Key, Key, To) when is_atom(Key) -> property(To, false);
negate({Key, true}, Key, To) -> property(To, false);
negate({Key, false}, Key, To) -> property(To, true);
negate(Entry, Key, To) when tuple_size(Entry) >= 1, element(1, Entry) =:= Key ->
    property(To, true);
negate(Entry, _, _) -> Entry.

normalize(List, [{aliases, Aliases} | Stages]) ->
    normalize(substitute_aliases(Aliases, List), Stages);
normalize(List, [{negations, Negations} | Stages]) ->
    normalize(substitute_negations(Negations, List), Stages);
normalize(List, []) -> compact(List).

%% Earlier entries take precedence.
to_map(List) ->
    lists:foldr(fun(Entry, Map) when is_atom(Entry) -> Map#{Entry => true};
                   ({Key, Value}, Map) -> Map#{Key => Value};
                   (_, Map) -> Map
                end, #{}, List).

from_map(Map) -> maps:to_list(Map).
