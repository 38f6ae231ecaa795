%% filename: file names as strings or binaries, Unix conventions.
%%
%% Every function works on a flat list of characters: a binary argument
%% is taken as its bytes (UTF-8 for names that are not ASCII) and the
%% result made a binary again, so binaries in give binaries out, as in OTP.
-module(filename).
-export([absname/1, absname/2, basename/1, basename/2, dirname/1, extension/1,
         flatten/1, join/1, join/2, rootname/1, rootname/2, split/1]).

%% ---- representation --------------------------------------------------------

flatten(B) when is_binary(B) -> B;
flatten(A) when is_atom(A) -> atom_to_list(A);
flatten(L) when is_list(L) -> flat(L, []).

flat([H | T], Tail) when is_list(H) -> flat(H, flat(T, Tail));
flat([H | T], Tail) when is_atom(H) -> atom_to_list(H) ++ flat(T, Tail);
flat([H | T], Tail) when is_binary(H) -> binary_to_list(H) ++ flat(T, Tail);
flat([H | T], Tail) when is_integer(H) -> [H | flat(T, Tail)];
flat([], Tail) -> Tail.

%% The characters of a name, and whether it was a binary.
chars(B) when is_binary(B) -> {binary_to_list(B), true};
chars(N) -> {flatten(N), false}.

%% A list result back in the caller's representation.
back(L, true) -> list_to_binary(L);
back(L, false) -> L.

%% A name's characters as UTF-8 bytes (for mixing strings into binaries).
bytes(B) when is_binary(B) -> binary_to_list(B);
bytes(N) -> binary_to_list(unicode:characters_to_binary(flatten(N))).

%% ---- basename, dirname, extension, rootname ---------------------------------

basename(Name) ->
    {L, Bin} = chars(Name),
    back(base(L), Bin).

%% What follows the last "/", one trailing "/" ignored.
base(L) -> after_last_slash(drop_one_slash(L)).

drop_one_slash(L) ->
    case lists:reverse(L) of
        [$/ | R] -> lists:reverse(R);
        _ -> L
    end.

after_last_slash(L) -> after_last_slash(L, L).
after_last_slash([$/ | T], _) -> after_last_slash(T, T);
after_last_slash([_ | T], Acc) -> after_last_slash(T, Acc);
after_last_slash([], Acc) -> Acc.

%% Ext is removed from the base name when the whole name ends with it.
basename(Name, Ext) ->
    {L, Bin0} = chars(Name),
    {E, Bin1} = chars(Ext),
    Bin = Bin0 orelse Bin1,
    B = base(L),
    case lists:suffix(E, L) andalso lists:suffix(E, B) of
        true -> back(lists:sublist(B, length(B) - length(E)), Bin);
        false -> back(B, Bin)
    end.

dirname(Name) ->
    {L, Bin} = chars(Name),
    back(dir(L), Bin).

dir(L) ->
    case lists:reverse(L) of
        [] -> ".";
        Rev ->
            case lists:dropwhile(fun(C) -> C =/= $/ end, Rev) of
                [] -> ".";
                WithSlash ->
                    case lists:dropwhile(fun(C) -> C =:= $/ end, WithSlash) of
                        [] -> "/";
                        D -> lists:reverse(D)
                    end
            end
    end.

%% The position (1-based) of the last "." after the last "/", or 0.
last_dot(L) -> last_dot(L, 1, 0).
last_dot([$. | T], I, _) -> last_dot(T, I + 1, I);
last_dot([$/ | T], I, _) -> last_dot(T, I + 1, 0);
last_dot([_ | T], I, D) -> last_dot(T, I + 1, D);
last_dot([], _, D) -> D.

%% From the last dot of the last component, unless that dot begins it.
extension(Name) ->
    {L, Bin} = chars(Name),
    E = case last_dot(L) of
            0 -> [];
            1 -> [];
            D ->
                case lists:nth(D - 1, L) of
                    $/ -> [];
                    _ -> lists:nthtail(D - 1, L)
                end
        end,
    back(E, Bin).

%% Everything before the last dot of the last component, unless that
%% dot follows a "/".
rootname(Name) ->
    {L, Bin} = chars(Name),
    R = case last_dot(L) of
            0 -> L;
            1 -> [];
            D ->
                case lists:nth(D - 1, L) of
                    $/ -> L;
                    _ -> lists:sublist(L, D - 1)
                end
        end,
    back(R, Bin).

rootname(Name, Ext) ->
    {L, Bin0} = chars(Name),
    {E, Bin1} = chars(Ext),
    Bin = Bin0 orelse Bin1,
    case lists:suffix(E, L) of
        true ->
            Root = lists:sublist(L, length(L) - length(E)),
            case lists:reverse(Root) of
                [$/ | _] -> back(L, Bin);
                _ -> back(Root, Bin)
            end;
        false -> back(L, Bin)
    end.

%% ---- split and join ---------------------------------------------------------

split(Name) ->
    {L, Bin} = chars(Name),
    [back(C, Bin) || C <- components(L)].

%% "/" first for an absolute name, then the parts between slashes.
components([$/ | T]) -> ["/" | parts(T)];
components(L) -> parts(L).

parts(L) ->
    case lists:splitwith(fun(C) -> C =/= $/ end, L) of
        {[], []} -> [];
        {[], [$/ | T]} -> parts(T);
        {P, []} -> [P];
        {P, [$/ | T]} -> [P | parts(T)]
    end.

join([Name]) ->
    {L, Bin} = chars(Name),
    back(normalize(L), Bin);
join([A, B | Rest]) -> join([join(A, B) | Rest]).

join(A, B) when is_binary(A); is_binary(B) ->
    list_to_binary(join_chars(bytes(A), bytes(B)));
join(A, B) ->
    join_chars(flatten(A), flatten(B)).

join_chars(_, [$/ | _] = B) -> normalize(B);
join_chars([], []) -> [];
join_chars(A, []) -> normalize(A);
join_chars(A, B) -> normalize(A ++ "/" ++ B).

%% Slashes collapsed, no trailing slash, and "." parts dropped except the
%% first and the last.
normalize(L) ->
    case components(L) of
        [] -> [];
        ["/" | Ps] -> "/" ++ glue(drop_dots(Ps, true));
        Ps -> glue(drop_dots(Ps, false))
    end.

drop_dots([P], _) -> [P];
drop_dots(["." | Ps], false) -> ["." | drop_dots(Ps, true)];
drop_dots(["." | Ps], true) -> drop_dots(Ps, true);
drop_dots([P | Ps], _) -> [P | drop_dots(Ps, true)];
drop_dots([], _) -> [].

glue([]) -> [];
glue([P]) -> P;
glue([P | Ps]) -> P ++ "/" ++ glue(Ps).

%% ---- absname ----------------------------------------------------------------

absname(Name) ->
    {ok, Cwd} = file:get_cwd(),
    absname(Name, Cwd).

absname(Name, Dir) ->
    case chars(Name) of
        {[$/ | _], _} -> join([Name]);
        _ -> join(Dir, Name)
    end.
