%% application: load from a spec tuple, environments, start with dependencies,
%% ensure_all_started, stop (prep_stop, stop, the tree shut down), the
%% errors of start, stop, load and unload, kernel and stdlib always running.
-module(app_control).
-behaviour(application).
-export([main/1, start/2, stop/1, init/1, prep_stop/1]).
main(_) ->
    catch logger:remove_handler(default),
    catch logger:add_handler(default, logger_std_h, #{config => #{type => standard_error}}),
    P = fun(X) -> io:format("~p~n", [X]) end,
    P(application:start(kernel)),
    P(application:start(stdlib)),
    P(application:ensure_started(kernel)),
    P(application:start(nosuchapp)),
    P(application:load({application, myapp, [{description, "My app"}, {vsn, "1.0"}, {modules, []},
        {registered, []}, {applications, [kernel, stdlib]}, {mod, {app_control, [hello]}}, {env, [{color, blue}, {size, 3}]}]})),
    P(application:load({application, myapp, []})),
    P(application:get_env(myapp, color)),
    P(application:get_env(myapp, nokey)),
    P(application:get_env(myapp, nokey, dflt)),
    P(application:set_env(myapp, size, 4)),
    P(application:get_env(myapp, size)),
    P(lists:sort(application:get_all_env(myapp))),
    P(lists:keymember(myapp, 1, application:loaded_applications())),
    P(lists:keymember(myapp, 1, application:which_applications())),
    P(application:start(myapp)),
    P(application:start(myapp)),
    P(lists:keyfind(myapp, 1, application:which_applications())),
    P(whereis(app_control_sup) =/= undefined),
    P(application:stop(myapp)),
    P(whereis(app_control_sup)),
    P(application:stop(myapp)),
    P(application:load({application, dep_app, [{applications, [kernel, myapp]}, {mod, {app_control, [dep]}}]})),
    P(application:start(dep_app)),
    P(application:ensure_all_started(dep_app)),
    P(application:ensure_all_started(dep_app)),
    P(application:stop(dep_app)),
    P(application:stop(myapp)),
    P(application:load({application, bad_app, [{mod, {app_control, [bad]}}]})),
    P(application:start(bad_app)),
    P(application:load({application, err_app, [{mod, {app_control, [err]}}]})),
    P(application:start(err_app)),
    P(application:load({application, lib_app, [{description, "a library"}]})),
    P(application:start(lib_app)),
    P(application:stop(lib_app)),
    P(application:unload(lib_app)),
    P(application:get_env(lib_app, x)),
    P(application:unload(lib_app)),
    P(application:get_env(kernel, nonexistent_key)),
    ok.
start(normal, [bad]) -> {oops};
start(normal, [err]) -> {error, no_way};
start(normal, Args) ->
    io:format("start ~p~n", [Args]),
    supervisor:start_link({local, list_to_atom("app_control_sup" ++ case Args of [dep] -> "2"; _ -> "" end)}, ?MODULE, []).
prep_stop(S) -> io:format("prep_stop ~p~n", [S]), S.
stop(S) -> io:format("stop ~p~n", [S]), ok.
init([]) -> {ok, {#{}, []}}.
