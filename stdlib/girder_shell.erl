%% The interactive shell (`girder shell`): the read-eval-print loop and the
%% shell commands (help(), c(Mod), i(), ...).
%%
%% Two processes, as in OTP's shell: the loop (the VM's main process) reads
%% an expression sequence, keeps the variable bindings and the results of
%% earlier commands; an evaluator process runs each compiled expression.
%% When an expression raises, the evaluator dies and a new one is started,
%% so `self()` changes, and the bindings survive because the loop has them.
%%
%% The BIFs this module calls are in src/shell/bifs.rs: read_expr/1 (blocks
%% the scheduler while it waits for a line), prepare/3 (parses and compiles
%% the text into a throw-away module whose eval/N takes the bound variables
%% and returns {Value, NewBindings}), format_value/1, format_exception/3,
%% compile_file/1 and load_module/1.
-module(girder_shell).
-export([start/0, evaluator/1]).
%% Shell commands, reached from expressions through local stubs.
-export([help/0, c/1, l/1, i/0, m/1, flush/0, regs/0, q/0, v/1, pwd/0, cd/1, ls/0, rr/1]).

-define(HISTORY, '$girder_shell_history').
%% How many results v(N) can reach, as OTP keeps by default.
-define(RESULTS, 20).

start() ->
    loop(1, [], [], new_evaluator(), 1).

new_evaluator() ->
    Shell = self(),
    Pid = spawn(girder_shell, evaluator, [Shell]),
    {Pid, erlang:monitor(process, Pid)}.

%% N: the command number; Bs: orddict of bindings; Hist: [{N, Value}];
%% Eval: the evaluator {Pid, MonitorRef}; Seq: names throw-away modules.
loop(N, Bs, Hist, Eval, Seq) ->
    case girder_shell:read_expr(N) of
        eof ->
            io:put_chars("*** Terminating erlang (nonode@nohost)\n"),
            ok;
        {ok, Text} ->
            Names = [K || {K, _} <- Bs],
            case girder_shell:prepare(Text, Names, Seq) of
                {error, Message, false} ->
                    io:put_chars(Message),
                    loop(N, Bs, Hist, Eval, Seq + 1);
                {error, Message, true} ->
                    io:put_chars(Message),
                    loop(N + 1, Bs, Hist, Eval, Seq + 1);
                {command, q} ->
                    io:put_chars("ok\n"),
                    ok;
                {command, f} ->
                    result(N, ok, [], Hist, Eval, Seq);
                {command, f, Name} ->
                    result(N, ok, lists:keydelete(Name, 1, Bs), Hist, Eval, Seq);
                {command, b} ->
                    [io:put_chars([atom_to_list(K), " = ", girder_shell:format_value(V)]) || {K, V} <- Bs],
                    result(N, ok, Bs, Hist, Eval, Seq);
                {eval, Mod} ->
                    Values = [V || {_, V} <- Bs],
                    {Pid, Ref} = Eval,
                    Pid ! {eval, self(), Mod, Values, Hist},
                    receive
                        {Pid, {value, V, New}} ->
                            result(N, V, merge(New, Bs), Hist, Eval, Seq);
                        {Pid, {exception, Class, Reason, Stack}} ->
                            io:put_chars(girder_shell:format_exception(Class, Reason, Stack)),
                            receive {'DOWN', Ref, process, Pid, _} -> ok end,
                            loop(N + 1, Bs, Hist, new_evaluator(), Seq + 1);
                        {'DOWN', Ref, process, Pid, Why} ->
                            io:put_chars(girder_shell:format_exception(exit, Why, [])),
                            loop(N + 1, Bs, Hist, new_evaluator(), Seq + 1)
                    end
            end
    end.

result(N, V, Bs, Hist, Eval, Seq) ->
    io:put_chars(girder_shell:format_value(V)),
    Kept = lists:sublist([{N, V} | Hist], ?RESULTS),
    loop(N + 1, Bs, Kept, Eval, Seq + 1).

merge([], Bs) -> Bs;
merge([{K, V} | T], Bs) -> merge(T, orddict:store(K, V, Bs)).

%% The evaluator: runs one compiled expression sequence at a time, with the
%% results of earlier commands in its dictionary for v/1.
evaluator(Shell) ->
    receive
        {eval, Shell, Mod, Values, Hist} ->
            put(?HISTORY, Hist),
            try erlang:apply(Mod, eval, Values) of
                {V, New} ->
                    Shell ! {self(), {value, V, New}},
                    evaluator(Shell)
            catch
                Class:Reason:Stack ->
                    Shell ! {self(), {exception, Class, Reason, Stack}}
            end
    end.

%% ------------------------------------------------------------------ commands

help() ->
    io:put_chars(
      "** shell commands **\n"
      "b()        -- print the variable bindings\n"
      "f()        -- forget every variable binding\n"
      "f(X)       -- forget the binding of X\n"
      "v(N)       -- the value of command N (N =< 0: N commands back)\n"
      "q()        -- leave the shell\n"
      "** commands of the c module **\n"
      "c(Mod)     -- compile Mod.erl (or a file name) and load it\n"
      "l(Mod)     -- load Mod again from its source on the code path\n"
      "i()        -- a table of the processes\n"
      "m(Mod)     -- what module Mod exports\n"
      "flush()    -- print and drop the messages sent to the shell\n"
      "regs()     -- a table of the registered processes\n"
      "pwd()      -- print the working directory\n"
      "cd(Dir)    -- change the working directory\n"
      "ls()       -- list the files of the working directory\n"
      "rr(Mod)    -- read the record definitions of Mod (or a file)\n"
      "help()     -- this text\n"),
    true.

%% c(Mod) and l(Mod): through the code server as it stands today. When the
%% `c` and `code` modules land (issue 6, hot loading), these become
%% c:c(Mod) and c:l(Mod).
c(Mod) -> girder_shell:compile_file(Mod).

l(Mod) -> girder_shell:load_module(Mod).

%% rr(ModOrFile): read the record definitions of a module's source or of a
%% file, so results print as records and expressions can use them.
rr(What) -> girder_shell:read_records(What).

q() -> erlang:halt(0).

v(N) when is_integer(N) ->
    Hist = case get(?HISTORY) of undefined -> []; H -> H end,
    Key = case N =< 0 of
              true ->
                  case Hist of
                      [{Last, _} | _] -> Last + 1 + N;
                      [] -> N
                  end;
              false -> N
          end,
    case lists:keyfind(Key, 1, Hist) of
        {_, V} -> V;
        false -> erlang:error({bad_argument, N})
    end.

flush() ->
    receive
        M ->
            io:format("Shell got ~p~n", [M]),
            flush()
    after 0 -> ok
    end.

i() ->
    io:format("~-21s ~-33s ~8s ~8s ~4s~n", ["Pid", "Initial Call", "Heap", "Reds", "Msgs"]),
    io:format("~-21s ~-33s ~8s~n", ["Registered", "Current Function", "Stack"]),
    Rows = [I || P <- processes(), (I = info(P)) =/= undefined],
    [print_row(R) || R <- Rows],
    {Reds, Msgs} = lists:foldl(fun({_, _, _, _, R, M, _, _}, {RA, MA}) -> {RA + R, MA + M} end, {0, 0}, Rows),
    io:format("~-21s ~-33s ~8s ~8w ~4w~n", ["Total", "", "", Reds, Msgs]),
    ok.

info(P) ->
    Items = [registered_name, initial_call, current_function, reductions,
             message_queue_len, heap_size, stack_size],
    case erlang:process_info(P, Items) of
        undefined -> undefined;
        L ->
            Get = fun(K) -> case lists:keyfind(K, 1, L) of {_, V} -> V; false -> undefined end end,
            {P, Get(registered_name), Get(initial_call), Get(current_function),
             Get(reductions), Get(message_queue_len), Get(heap_size), Get(stack_size)}
    end.

print_row({P, Name, Init, Cur, Reds, Msgs, Heap, Stack}) ->
    io:format("~-21s ~-33s ~8w ~8w ~4w~n", [pid_str(P), cut(mfa(Init), 33), num(Heap), num(Reds), num(Msgs)]),
    RegName = case Name of [] -> ""; undefined -> ""; _ -> atom_to_list(Name) end,
    io:format("~-21s ~-33s ~8w~n", [cut(RegName, 21), cut(mfa(Cur), 33), num(Stack)]).

num(N) when is_integer(N) -> N;
num(_) -> 0.

mfa({M, F, A}) -> atom_to_list(M) ++ ":" ++ atom_to_list(F) ++ "/" ++ integer_to_list(A);
mfa(_) -> "".

cut(S, N) -> lists:sublist(S, N).

regs() ->
    io:format("~n** Registered procs on node nonode@nohost **~n"),
    io:format("~-21s ~-12s ~-33s ~5s ~4s~n", ["Name", "Pid", "Initial Call", "Reds", "Msgs"]),
    Names = lists:sort(registered()),
    [case whereis(Name) of
         undefined -> ok;
         P ->
             case info(P) of
                 undefined -> ok;
                 {_, _, Init, _, Reds, Msgs, _, _} ->
                     io:format("~-21s ~-12s ~-33s ~5w ~4w~n",
                               [cut(atom_to_list(Name), 21), pid_str(P), cut(mfa(Init), 33), num(Reds), num(Msgs)])
             end
     end || Name <- Names],
    ok.

m(Mod) when is_atom(Mod) ->
    Exports = Mod:module_info(exports),
    io:format("Module: ~w~n", [Mod]),
    io:format("Exports:~n"),
    [io:format("  ~w/~w~n", [F, A]) || {F, A} <- lists:sort(Exports)],
    ok.

pwd() ->
    io:format("~s~n", [girder_shell:cwd()]),
    ok.

cd(Dir) ->
    girder_shell:set_cwd(Dir),
    pwd().

ls() ->
    [io:format("~s~n", [F]) || F <- lists:sort(girder_shell:list_dir("."))],
    ok.

pid_str(P) -> lists:flatten(io_lib:format("~w", [P])).
