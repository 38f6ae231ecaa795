%% A chat room with one process per user. The room is a process that
%% monitors every member: when a user leaves, or crashes, the room hears
%% of it (a 'DOWN' message), tells the others and carries on. A user's
%% crash is that user's alone: nothing is shared, so nothing else breaks.
%%
%% Everything the users see is kept in their own inbox (a process state),
%% and printed at the end, so the output does not depend on scheduling.
-module(chat_room).
-export([main/1]).

main(_) ->
    %% OTP prints a crashed process's report; send it to standard error.
    catch logger:remove_handler(default),
    catch logger:add_handler(default, logger_std_h, #{config => #{type => standard_error}}),
    Room = start_room(self()),
    [Ada, Bob, Cy] = [join(Room, Name) || Name <- [ada, bob, cy]],
    io:format("in the room: ~p~n", [who(Room)]),
    post(Ada, "hello, all"),
    post(Bob, "hi ada"),
    Dee = join(Room, dee),
    post(Cy, "welcome, dee"),
    io:format("in the room: ~p~n", [who(Room)]),
    %% bob's process receives a message it cannot handle and crashes.
    Bob ! {garbage, 42},
    receive {left, bob, Why} -> io:format("the room saw bob go: ~p~n", [Why]) end,
    post(Dee, "what happened to bob?"),
    leave(Cy),
    post(Ada, "bye cy"),
    io:format("in the room: ~p~n", [who(Room)]),
    io:format("messages posted: ~p~n", [count(Room)]),
    [print_inbox(U) || U <- [Ada, Cy, Dee]],
    ok.

%% ---- The room --------------------------------------------------------------

start_room(Observer) ->
    spawn(fun() -> room(Observer, #{}, 0) end).

%% Members: a map from the user's pid to {Name, MonitorRef}.
room(Observer, Members, Count) ->
    receive
        {join, Pid, Name, From} ->
            Ref = erlang:monitor(process, Pid),
            broadcast(Members, {notice, Name, "joined"}),
            From ! {self(), ok},
            room(Observer, Members#{Pid => {Name, Ref}}, Count);
        {post, Pid, Text, From} ->
            #{Pid := {Name, _}} = Members,
            broadcast(maps:remove(Pid, Members), {said, Name, Text}),
            From ! {self(), ok},
            room(Observer, Members, Count + 1);
        {leave, Pid, From} ->
            {{Name, Ref}, Rest} = maps:take(Pid, Members),
            erlang:demonitor(Ref, [flush]),
            broadcast(Rest, {notice, Name, "left"}),
            From ! {self(), ok},
            room(Observer, Rest, Count);
        {'DOWN', _Ref, process, Pid, Reason} ->
            {{Name, _}, Rest} = maps:take(Pid, Members),
            broadcast(Rest, {notice, Name, "crashed"}),
            Observer ! {left, Name, crash_kind(Reason)},
            room(Observer, Rest, Count);
        {who, From} ->
            From ! {self(), lists:sort([N || {N, _} <- maps:values(Members)])},
            room(Observer, Members, Count);
        {count, From} ->
            From ! {self(), Count},
            room(Observer, Members, Count)
    end.

crash_kind({Error, _Stack}) when is_tuple(Error) -> element(1, Error);
crash_kind(Reason) -> Reason.

broadcast(Members, Msg) ->
    [Pid ! Msg || Pid <- maps:keys(Members)],
    ok.

call(Room, Msg) ->
    Room ! Msg,
    receive {Room, Reply} -> Reply end.

who(Room) -> call(Room, {who, self()}).
count(Room) -> call(Room, {count, self()}).

%% ---- A user ----------------------------------------------------------------

%% A user's process: the room it is in, and what it has seen, newest first.
join(Room, Name) ->
    Me = self(),
    Pid = spawn(fun() -> user(Room, Name, []) end),
    Pid ! {join, Me},
    receive {Pid, joined} -> Pid end.

post(User, Text) -> user_call(User, {post, Text}).
leave(User) -> user_call(User, leave).

user_call(User, Msg) ->
    User ! {Msg, self()},
    receive {User, Reply} -> Reply end.

print_inbox(User) ->
    {Name, Lines} = user_call(User, inbox),
    io:format("~p saw:~n", [Name]),
    [io:format("  ~s~n", [L]) || L <- Lines],
    ok.

user(Room, Name, Seen) ->
    receive
        {join, From} ->
            ok = call(Room, {join, self(), Name, self()}),
            From ! {self(), joined},
            user(Room, Name, Seen);
        {{post, Text}, From} ->
            ok = call(Room, {post, self(), Text, self()}),
            From ! {self(), ok},
            user(Room, Name, Seen);
        {leave, From} ->
            ok = call(Room, {leave, self(), self()}),
            From ! {self(), ok},
            user(none, Name, ["(left the room)" | Seen]);
        {inbox, From} ->
            From ! {self(), {Name, lists:reverse(Seen)}},
            user(Room, Name, Seen);
        {said, Who, Text} ->
            user(Room, Name, [io_lib:format("~p: ~s", [Who, Text]) | Seen]);
        {notice, Who, What} ->
            user(Room, Name, [io_lib:format("* ~p ~s", [Who, What]) | Seen]);
        {garbage, N} ->
            %% A stand-in for a bug in one user's code: it crashes on a
            %% message it does not expect.
            {expected, text} = {got, N}
    end.
