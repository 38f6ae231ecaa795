-module(shell_rec).
-export([make/0]).
-record(point, {x = 0, y = 0}).
-record(person, {name, age = 0, email = "none", tags = [], address = {street, "Main", 12}}).
-record(empty, {}).
make() -> {#point{x = 1, y = 2}, #person{name = "Joe"}}.
