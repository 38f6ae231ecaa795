%% girder stdlib: proplists
%%
%% Written for girder from the documented behaviour of OTP 25's
%% `proplists` module (results and error reasons checked against OTP).
%% A property is either an atom Key (short for {Key, true}) or a tuple
%% whose first element is the key; entries of any other form are
%% ignored.  Keys are compared with =:=.
%%
%% Errors follow OTP: the functions that walk the list themselves fail
%% with function_clause on an improper list or a non-list; compact/1,
%% normalize/2 and the substitute_* functions fail with {bad_generator, T}
%% (they are list comprehensions in OTP).
-module(proplists).

-export([append_values/2, compact/1, delete/2, expand/2, from_map/1,
         get_all_values/2, get_bool/2, get_keys/1, get_value/2, get_value/3,
         is_defined/2, lookup/2, lookup_all/2, normalize/2, property/1,
         property/2, split/2, substitute_aliases/2, substitute_negations/2,
         to_map/1, to_map/2, unfold/1]).

%%% ------------------------------------------------------------------
%%% Normal forms
%%% ------------------------------------------------------------------

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

%% The key an entry defines, if any.
key_of(Entry) when is_atom(Entry) -> {ok, Entry};
key_of(Entry) when tuple_size(Entry) >= 1 -> {ok, element(1, Entry)};
key_of(_) -> error.

%%% ------------------------------------------------------------------
%%% Lookup
%%% ------------------------------------------------------------------

lookup(Key, [Entry | Rest]) ->
    case is_key(Key, Entry) of
        true when is_atom(Entry) -> {Key, true};
        true -> Entry;
        false -> lookup(Key, Rest)
    end;
lookup(_, []) -> none.

lookup_all(Key, [Entry | Rest]) ->
    case is_key(Key, Entry) of
        true when is_atom(Entry) -> [{Key, true} | lookup_all(Key, Rest)];
        true -> [Entry | lookup_all(Key, Rest)];
        false -> lookup_all(Key, Rest)
    end;
lookup_all(_, []) -> [].

is_defined(Key, [Entry | Rest]) ->
    case is_key(Key, Entry) of
        true -> true;
        false -> is_defined(Key, Rest)
    end;
is_defined(_, []) -> false.

get_value(Key, List) -> get_value(Key, List, undefined).

%% The first entry for Key decides: an atom gives true, a pair its value,
%% any other tuple the default.
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

get_all_values(Key, [Entry | Rest]) ->
    case is_key(Key, Entry) of
        true when is_atom(Entry) -> [true | get_all_values(Key, Rest)];
        true ->
            case Entry of
                {_, Value} -> [Value | get_all_values(Key, Rest)];
                _ -> get_all_values(Key, Rest)
            end;
        false -> get_all_values(Key, Rest)
    end;
get_all_values(_, []) -> [].

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
get_keys(List) -> lists:sort(lists:uniq(keys_of(List))).

keys_of([Entry | Rest]) ->
    case key_of(Entry) of
        {ok, Key} -> [Key | keys_of(Rest)];
        error -> keys_of(Rest)
    end;
keys_of([]) -> [].

delete(Key, [Entry | Rest]) ->
    case is_key(Key, Entry) of
        true -> delete(Key, Rest);
        false -> [Entry | delete(Key, Rest)]
    end;
delete(_, []) -> [].

%% Every entry whose key is in Keys goes to that key's group (to each of
%% them if the key is listed twice); the others stay in Rest, in order.
split(List, Keys) ->
    Empty = maps:from_list([{K, []} || K <- Keys]),
    {Groups, Rest} = lists:foldr(fun(Entry, {Gs, Other}) ->
                                         case key_of(Entry) of
                                             {ok, K} when is_map_key(K, Gs) ->
                                                 {Gs#{K := [Entry | map_get(K, Gs)]}, Other};
                                             _ -> {Gs, [Entry | Other]}
                                         end
                                 end, {Empty, []}, List),
    {[map_get(K, Groups) || K <- Keys], Rest}.

%%% ------------------------------------------------------------------
%%% Substitution and normalisation
%%% ------------------------------------------------------------------

%% Each entry is renamed by the first alias whose key it has (renamed
%% entries are not looked at again).
substitute_aliases(Aliases, List) -> [alias(Aliases, Entry) || Entry <- List].

alias([{From, To} | Aliases], Entry) ->
    case is_key(From, Entry) of
        true when is_atom(Entry) -> property(To, true);
        true -> property(setelement(1, Entry, To));
        false -> alias(Aliases, Entry)
    end;
alias([], Entry) -> Entry.

%% The first negation whose key an entry has turns it into {To, false}
%% when it was true (an atom or {Key, true}) and {To, true} otherwise.
substitute_negations(Negations, List) -> [negate(Negations, Entry) || Entry <- List].

negate([{From, To} | Negations], Entry) ->
    case is_key(From, Entry) of
        true when is_atom(Entry) -> property(To, false);
        true ->
            case Entry of
                {_, true} -> property(To, false);
                _ -> property(To, true)
            end;
        false -> negate(Negations, Entry)
    end;
negate([], Entry) -> Entry.

normalize(List, Stages) -> compact(apply_stages(List, Stages)).

apply_stages(List, [{aliases, Aliases} | Stages]) ->
    apply_stages(substitute_aliases(Aliases, List), Stages);
apply_stages(List, [{negations, Negations} | Stages]) ->
    apply_stages(substitute_negations(Negations, List), Stages);
apply_stages(List, [{expand, Expansions} | Stages]) ->
    apply_stages(expand(Expansions, List), Stages);
apply_stages(List, []) -> List.

%% expand(Expansions, List): for each {Property, Expansion} (the first one
%% for each key; other elements are skipped), the first entry of List
%% with that key is replaced by the terms of Expansion when it has the
%% same normal form as Property, and the later entries with that key are
%% deleted.  Inserted terms are not expanded again.  Finally the list is
%% flattened one level: list entries of List are spliced in too.
expand(Expansions, List) when is_list(List) ->
    Wanted = first_per_key([{property(P), E} || {P, E} <- Expansions], []),
    Expanded = expand_each(Wanted, plain_items(List)),
    flatten_items(Expanded).

plain_items([Entry | Rest]) -> [{plain, Entry} | plain_items(Rest)];
plain_items([]) -> [].

%% ++ fails with badarg on an improper expansion, as in OTP.
flatten_items([{plain, Entry} | Rest]) when is_list(Entry) -> Entry ++ flatten_items(Rest);
flatten_items([{plain, Entry} | Rest]) -> [Entry | flatten_items(Rest)];
flatten_items([{expanded, Terms} | Rest]) when is_list(Terms) -> Terms ++ flatten_items(Rest);
flatten_items([{expanded, Term} | Rest]) -> [Term | flatten_items(Rest)];
flatten_items([]) -> [].

first_per_key([{P, _} = X | Rest], Seen) ->
    Key = case key_of(P) of
              {ok, K} -> {ok, K};
              error -> {term, P}
          end,
    case lists:member(Key, Seen) of
        true -> first_per_key(Rest, Seen);
        false -> [{Key, X} | first_per_key(Rest, [Key | Seen])]
    end;
first_per_key([], _) -> [].

expand_each([{{ok, Key}, {P, Terms}} | Rest], Work) ->
    expand_each(Rest, expand_key(Work, Key, P, Terms, []));
expand_each([{{term, _}, _} | Rest], Work) ->
    expand_each(Rest, Work);
expand_each([], Work) -> Work.

%% Finds the first plain entry with Key; Seen is the part before it.
expand_key([{plain, Entry} = Item | Rest], Key, P, Terms, Seen) ->
    case is_key(Key, Entry) of
        true ->
            case property(Entry) =:= P of
                true ->
                    Later = [I || {Kind, E} = I <- Rest,
                                  Kind =:= expanded orelse not is_key(Key, E)],
                    lists:reverse(Seen, [{expanded, Terms} | Later]);
                false -> lists:reverse(Seen, [Item | Rest])
            end;
        false -> expand_key(Rest, Key, P, Terms, [Item | Seen])
    end;
expand_key([Item | Rest], Key, P, Terms, Seen) ->
    expand_key(Rest, Key, P, Terms, [Item | Seen]);
expand_key([], _, _, _, Seen) -> lists:reverse(Seen).

%%% ------------------------------------------------------------------
%%% Maps
%%% ------------------------------------------------------------------

%% Earlier entries take precedence; an entry that is neither an atom nor
%% a pair (like {Key}) hides the later entries of its key and adds none.
to_map(List) -> to_map_from_end(reverse_entries(List, []), #{}).

reverse_entries([Entry | Rest], Acc) -> reverse_entries(Rest, [Entry | Acc]);
reverse_entries([], Acc) -> Acc.

to_map_from_end([Entry | Rest], Map) when is_atom(Entry) ->
    to_map_from_end(Rest, Map#{Entry => true});
to_map_from_end([{Key, Value} | Rest], Map) ->
    to_map_from_end(Rest, Map#{Key => Value});
to_map_from_end([Entry | Rest], Map) when tuple_size(Entry) >= 1 ->
    to_map_from_end(Rest, maps:remove(element(1, Entry), Map));
to_map_from_end([_ | Rest], Map) ->
    to_map_from_end(Rest, Map);
to_map_from_end([], Map) -> Map.

to_map(List, Stages) -> to_map(apply_stages(List, Stages)).

from_map(Map) -> maps:to_list(Map).
