%% A bank ledger: records for accounts and transactions, a map from
%% account id to account, and a fold that applies transactions in order,
%% refusing overdrafts.
-module(ledger).
-export([main/1]).

-record(account, {id, owner, balance = 0, history = []}).
-record(tx, {kind, account, amount, to}).

main(_) ->
    Accounts = open_accounts([{1, "Ada"}, {2, "Grace"}, {3, "Joe"}]),
    Txs = [#tx{kind = deposit, account = 1, amount = 500},
           #tx{kind = deposit, account = 2, amount = 120},
           #tx{kind = withdraw, account = 1, amount = 75},
           #tx{kind = transfer, account = 1, amount = 200, to = 3},
           #tx{kind = withdraw, account = 2, amount = 1000},
           #tx{kind = transfer, account = 3, amount = 50, to = 4},
           #tx{kind = deposit, account = 3, amount = 30}],
    {Final, Rejected} = lists:foldl(fun apply_tx/2, {Accounts, []}, Txs),
    io:format("~-6s ~-8s ~8s~n", ["id", "owner", "balance"]),
    [print_account(A) || {_, A} <- lists:sort(maps:to_list(Final))],
    io:format("total: ~p~n", [total(Final)]),
    io:format("rejected:~n"),
    [io:format("  ~p ~p of ~p: ~p~n", [K, Amt, Acc, Why])
     || {#tx{kind = K, account = Acc, amount = Amt}, Why} <- lists:reverse(Rejected)],
    Richest = richest(Final),
    io:format("richest: ~s with ~p~n", [Richest#account.owner, Richest#account.balance]),
    io:format("history of 1: ~p~n", [lists:reverse((maps:get(1, Final))#account.history)]),
    ok.

open_accounts(People) ->
    maps:from_list([{Id, #account{id = Id, owner = Name}} || {Id, Name} <- People]).

apply_tx(#tx{kind = deposit, account = Id, amount = Amt} = Tx, {Accts, Rej}) ->
    case Accts of
        #{Id := A} -> {Accts#{Id := credit(A, Amt, deposit)}, Rej};
        _ -> {Accts, [{Tx, no_such_account} | Rej]}
    end;
apply_tx(#tx{kind = withdraw, account = Id, amount = Amt} = Tx, {Accts, Rej}) ->
    case debit(maps:get(Id, Accts), Amt, withdraw) of
        {ok, A} -> {Accts#{Id := A}, Rej};
        {error, Why} -> {Accts, [{Tx, Why} | Rej]}
    end;
apply_tx(#tx{kind = transfer, account = From, amount = Amt, to = To} = Tx, {Accts, Rej}) ->
    case {maps:find(From, Accts), maps:find(To, Accts)} of
        {{ok, A}, {ok, B}} ->
            case debit(A, Amt, {transfer_to, To}) of
                {ok, A1} ->
                    {Accts#{From := A1, To := credit(B, Amt, {transfer_from, From})}, Rej};
                {error, Why} ->
                    {Accts, [{Tx, Why} | Rej]}
            end;
        _ ->
            {Accts, [{Tx, no_such_account} | Rej]}
    end.

credit(#account{balance = B, history = H} = A, Amt, What) ->
    A#account{balance = B + Amt, history = [{What, Amt} | H]}.

debit(#account{balance = B}, Amt, _) when Amt > B ->
    {error, {insufficient_funds, B}};
debit(#account{balance = B, history = H} = A, Amt, What) ->
    {ok, A#account{balance = B - Amt, history = [{What, -Amt} | H]}}.

print_account(#account{id = Id, owner = Owner, balance = B}) ->
    io:format("~-6w ~-8s ~8w~n", [Id, Owner, B]).

total(Accts) ->
    maps:fold(fun(_, #account{balance = B}, Sum) -> Sum + B end, 0, Accts).

richest(Accts) ->
    [First | Rest] = maps:values(Accts),
    lists:foldl(fun(A, Best) when A#account.balance > Best#account.balance -> A;
                   (_, Best) -> Best
                end, First, Rest).
