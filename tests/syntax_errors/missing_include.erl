%% An include file that does not exist.
-module(missing_include).
-include("no_such_file.hrl").
