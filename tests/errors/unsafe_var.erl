%% expect: unsafe_var.erl:12:5
%% expect: variable 'Z' unsafe in 'case'
%% A variable bound in one case branch only, used after the case.
-module(unsafe_var).
-export([main/1]).

main(Args) ->
    case Args of
        [] -> Z = 1;
        _ -> ok
    end,
    Z.
