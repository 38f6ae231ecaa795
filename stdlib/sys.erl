%% sys: system messages to processes that follow the behaviour protocol.
%%
%% A client sends {system, From, Request}; the process hands it to
%% handle_system_msg/6, which calls back into the behaviour module
%% (system_continue/3, system_terminate/4, system_get_state/1,
%% system_replace_state/2, system_code_change/4).
-module(sys).
-export([get_state/1, get_state/2, replace_state/2, replace_state/3,
         suspend/1, suspend/2, resume/1, resume/2, terminate/2, terminate/3,
         change_code/4, change_code/5, handle_system_msg/6]).

get_state(Name) -> get_state(Name, 5000).
get_state(Name, Timeout) -> send_system_msg(Name, get_state, Timeout, get_state, [Name]).

replace_state(Name, Fun) -> replace_state(Name, Fun, 5000).
replace_state(Name, Fun, Timeout) ->
    send_system_msg(Name, {replace_state, Fun}, Timeout, replace_state, [Name, Fun]).

suspend(Name) -> suspend(Name, 5000).
suspend(Name, Timeout) -> send_system_msg(Name, suspend, Timeout, suspend, [Name]).

resume(Name) -> resume(Name, 5000).
resume(Name, Timeout) -> send_system_msg(Name, resume, Timeout, resume, [Name]).

terminate(Name, Reason) -> terminate(Name, Reason, infinity).
terminate(Name, Reason, Timeout) ->
    send_system_msg(Name, {terminate, Reason}, Timeout, terminate, [Name, Reason]).

change_code(Name, Mod, Vsn, Extra) -> change_code(Name, Mod, Vsn, Extra, 5000).
change_code(Name, Mod, Vsn, Extra, Timeout) ->
    send_system_msg(Name, {change_code, Mod, Vsn, Extra}, Timeout, change_code,
                    [Name, Mod, Vsn, Extra]).

send_system_msg(Name, Request, Timeout, F, Args) ->
    case catch girder_gen:call(Name, system, Request, Timeout) of
        {ok, Reply} -> sys_reply(Reply);
        {'EXIT', Reason} -> exit({Reason, {sys, F, Args}})
    end.

%% A callback that failed in the process is raised in the caller.
sys_reply({'$girder_sys_error', Class, Reason}) -> erlang:Class(Reason);
sys_reply(Reply) -> Reply.

%% Called by a behaviour's loop; never returns (continues through
%% Mod:system_continue/3 or ends through Mod:system_terminate/4).
handle_system_msg(Msg, From, Parent, Mod, Debug, Misc) ->
    handle(running, Msg, From, Parent, Mod, Debug, Misc).

handle(Mode, get_state, From, Parent, Mod, Debug, Misc) ->
    Reply = case catch Mod:system_get_state(Misc) of
                {ok, State} -> State;
                Other -> {'$girder_sys_error', error, {callback_failed, {Mod, system_get_state}, Other}}
            end,
    girder_gen:reply(From, Reply),
    continue(Mode, Parent, Mod, Debug, Misc);
handle(Mode, {replace_state, Fun}, From, Parent, Mod, Debug, Misc) ->
    case catch Mod:system_replace_state(Fun, Misc) of
        {ok, NState, NMisc} ->
            girder_gen:reply(From, NState),
            continue(Mode, Parent, Mod, Debug, NMisc);
        Other ->
            girder_gen:reply(From, {'$girder_sys_error', error,
                                    {callback_failed, {Mod, system_replace_state}, Other}}),
            continue(Mode, Parent, Mod, Debug, Misc)
    end;
handle(_Mode, suspend, From, Parent, Mod, Debug, Misc) ->
    girder_gen:reply(From, ok),
    continue(suspended, Parent, Mod, Debug, Misc);
handle(_Mode, resume, From, Parent, Mod, Debug, Misc) ->
    girder_gen:reply(From, ok),
    continue(running, Parent, Mod, Debug, Misc);
handle(_Mode, {terminate, Reason}, From, Parent, Mod, Debug, Misc) ->
    girder_gen:reply(From, ok),
    Mod:system_terminate(Reason, Parent, Debug, Misc);
handle(suspended, {change_code, Module, Vsn, Extra}, From, Parent, Mod, Debug, Misc) ->
    case catch Mod:system_code_change(Misc, Module, Vsn, Extra) of
        {ok, NMisc} ->
            girder_gen:reply(From, ok),
            continue(suspended, Parent, Mod, Debug, NMisc);
        Else ->
            girder_gen:reply(From, {error, Else}),
            continue(suspended, Parent, Mod, Debug, Misc)
    end;
handle(Mode, Other, From, Parent, Mod, Debug, Misc) ->
    girder_gen:reply(From, {error, {unknown_system_msg, Other}}),
    continue(Mode, Parent, Mod, Debug, Misc).

continue(running, Parent, Mod, Debug, Misc) ->
    Mod:system_continue(Parent, Debug, Misc);
continue(suspended, Parent, Mod, Debug, Misc) ->
    receive
        {system, From, Msg} ->
            handle(suspended, Msg, From, Parent, Mod, Debug, Misc);
        {'EXIT', Parent, Reason} ->
            Mod:system_terminate(Reason, Parent, Debug, Misc)
    end.
