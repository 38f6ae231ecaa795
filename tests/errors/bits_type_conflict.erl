%% expect: bits_type_conflict.erl:9:7
%% expect: conflict in type specification for bit field: 'binary' and 'float'
%% Two types given for one segment.
-module(bits_type_conflict).
-export([main/1]).

main(_) ->
    X = 1,
    <<X/float-binary>>.
