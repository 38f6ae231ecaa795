%% A conditional without its -endif.
-module(unterminated_ifdef).
-ifdef(DEBUG).
-define(LOG, true).
