%% The code server's interface, as OTP's `code` module offers it. girder
%% loads modules from source: load_file/1 finds Mod.erl on the code path
%% and compiles it. See girder_code.erl and src/code/server.rs.
-module(code).
-export([load_file/1, ensure_loaded/1, purge/1, soft_purge/1, delete/1,
         is_loaded/1, all_loaded/0, which/1, add_path/1, add_patha/1,
         add_pathz/1, add_paths/1, get_path/0]).

%% {module, Mod} | {error, nofile | badfile | not_purged}
load_file(Mod) when is_atom(Mod) ->
    case girder_code:prepare(Mod) of
        {ok, Mod} -> girder_code:finish(Mod);
        {ok, _Other} -> {error, badfile};
        Error -> Error
    end.

ensure_loaded(Mod) when is_atom(Mod) ->
    case erlang:module_loaded(Mod) of
        true -> {module, Mod};
        false -> load_file(Mod)
    end.

purge(Mod) when is_atom(Mod) -> girder_code:purge(Mod).

soft_purge(Mod) when is_atom(Mod) -> girder_code:soft_purge(Mod).

delete(Mod) when is_atom(Mod) -> girder_code:delete(Mod).

is_loaded(Mod) when is_atom(Mod) -> girder_code:is_loaded(Mod).

all_loaded() -> girder_code:all_loaded().

which(Mod) when is_atom(Mod) -> girder_code:which(Mod).

add_path(Dir) -> girder_code:add_path(Dir, false).

add_pathz(Dir) -> girder_code:add_path(Dir, false).

add_patha(Dir) -> girder_code:add_path(Dir, true).

add_paths(Dirs) ->
    lists:foreach(fun(D) -> girder_code:add_path(D, false) end, Dirs).

get_path() -> girder_code:get_path().
