%% The code module's bookkeeping: is_loaded, which, ensure_loaded,
%% module_loaded, function_exported, delete, load_file's errors.
-module(hl_api).
-export([main/1]).

main(_) ->
    ok = file:write_file("hl_m.erl", "-module(hl_m).\n-export([f/0]).\nf() -> 1.\n"),
    io:format("before: ~p ~p ~p~n",
              [erlang:module_loaded(hl_m), code:is_loaded(hl_m), erlang:function_exported(hl_m, f, 0)]),
    io:format("c: ~p~n", [c:c(hl_m)]),
    io:format("after: ~p ~p ~p ~p~n",
              [erlang:module_loaded(hl_m), element(1, code:is_loaded(hl_m)),
               erlang:function_exported(hl_m, f, 0), erlang:function_exported(hl_m, g, 0)]),
    io:format("bif exported: ~p~n", [erlang:function_exported(erlang, length, 1)]),
    io:format("which is a file: ~p~n", [is_list(code:which(hl_m))]),
    io:format("in all_loaded: ~p~n", [lists:keymember(hl_m, 1, code:all_loaded())]),
    io:format("ensure_loaded: ~p ~p~n", [code:ensure_loaded(hl_m), code:ensure_loaded(hl_no_such)]),
    io:format("load_file missing: ~p~n", [code:load_file(hl_no_such)]),
    io:format("which missing: ~p~n", [code:which(hl_no_such)]),
    io:format("c missing: ~p, l missing: ~p~n", [c:c(hl_no_such), c:l(hl_no_such)]),
    io:format("purge unknown: ~p ~p~n", [code:purge(hl_no_such), code:soft_purge(hl_no_such)]),
    io:format("add_path: ~p ~p~n", [code:add_path("/no/such/dir"), code:add_patha(".")]),
    io:format("old: ~p~n", [erlang:check_old_code(hl_m)]),
    io:format("l: ~p~n", [c:l(hl_m)]),
    io:format("old: ~p~n", [erlang:check_old_code(hl_m)]),
    io:format("soft_purge: ~p~n", [code:soft_purge(hl_m)]),
    io:format("delete: ~p ~p ~p~n", [code:delete(hl_m), erlang:module_loaded(hl_m), erlang:check_old_code(hl_m)]),
    io:format("purge: ~p ~p~n", [code:purge(hl_m), erlang:check_old_code(hl_m)]),
    io:format("write to a missing dir: ~p~n", [file:write_file("/no/such/dir/x", "a")]),
    io:format("delete: ~p ~p~n", [file:delete("hl_m.erl"), file:delete("hl_m.erl")]),
    ok.
