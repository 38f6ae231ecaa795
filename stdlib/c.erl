%% Shell commands as functions, as OTP's `c` module offers them: c/1
%% compiles and loads a module, l/1 reloads one. Both purge the old code
%% first (killing the processes that still run it), as OTP's do.
-module(c).
-export([c/1, l/1]).

%% c(Mod | File) -> {ok, Mod} | error. Mod.erl is looked for in the
%% current directory, then on the code path; a diagnostic goes to
%% standard error.
c(Mod) when is_atom(Mod) ->
    case girder_code:prepare(atom_to_list(Mod) ++ ".erl") of
        {error, nofile} -> compiled(girder_code:load(Mod));
        {ok, M} ->
            girder_code:purge(M),
            compiled(girder_code:finish(M));
        Error -> compiled(Error)
    end;
c(File) ->
    Name = case lists:suffix(".erl", File) of
               true -> File;
               false -> File ++ ".erl"
           end,
    compiled(girder_code:load(Name)).

compiled({module, M}) -> {ok, M};
compiled({error, nofile}) -> {error, non_existing};
compiled({error, _}) -> error.

%% l(Mod) -> {module, Mod} | {error, Why}: purge and load from the code path.
l(Mod) when is_atom(Mod) ->
    code:purge(Mod),
    code:load_file(Mod).
