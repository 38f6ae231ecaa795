//! Pattern matching: a function of many clauses over tuples, atoms,
//! lists and literals, applied to a list of inputs that reaches every
//! clause, 200 times over.

mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use girder::term::Term;
use std::hint::black_box;
use std::time::Duration;

const SRC: &str = r#"
-module(bench_match).
-export([run/1]).

run(N) -> loop(N, inputs(), 0).

loop(0, _, Acc) -> Acc;
loop(N, Inputs, Acc) -> loop(N - 1, Inputs, sum(Inputs, Acc)).

sum([], Acc) -> Acc;
sum([X | Xs], Acc) -> sum(Xs, Acc + classify(X)).

classify({point, X, Y}) when X > Y -> 1;
classify({point, _, _}) -> 2;
classify({circle, {X, Y}, R}) when R > 10, X =:= Y -> 3;
classify({circle, _, _}) -> 4;
classify({rect, {_, _}, {_, _}}) -> 5;
classify({line, A, A}) -> 6;
classify({line, _, _}) -> 7;
classify({tag, red}) -> 8;
classify({tag, green}) -> 9;
classify({tag, blue}) -> 10;
classify({tag, _}) -> 11;
classify(red) -> 12;
classify(green) -> 13;
classify(blue) -> 14;
classify(undefined) -> 15;
classify([]) -> 16;
classify([a]) -> 17;
classify([a, b | _]) -> 18;
classify([_ | _]) -> 19;
classify({}) -> 20;
classify({_, _, _, _}) -> 21;
classify(0) -> 22;
classify(N) when is_integer(N), N > 100 -> 23;
classify(N) when is_integer(N) -> 24;
classify(F) when is_float(F) -> 25;
classify(_) -> 26.

inputs() ->
    [{point, 2, 1}, {point, 1, 2}, {circle, {3, 3}, 20}, {circle, {1, 2}, 5},
     {rect, {0, 0}, {4, 4}}, {line, x, x}, {line, x, y}, {tag, red},
     {tag, green}, {tag, blue}, {tag, other}, red, green, blue, undefined,
     [], [a], [a, b, c], [z, y], {}, {1, 2, 3, 4}, 0, 1000, 7, 2.5, "str",
     other_atom, {point, 5, 5}].
"#;

fn matching(c: &mut Criterion) {
    let m = support::load("bench_match", SRC);
    let one = support::call(m, "run", &[Term::small(1)], |v| v.as_small()).expect("a small integer");
    assert_eq!(one, 372, "the clauses chosen changed");
    let mut g = c.benchmark_group("matching");
    g.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    g.bench_function("classify 28 inputs x200", |b| {
        b.iter(|| support::call(m, "run", &[black_box(Term::small(200))], |v| v.as_small()))
    });
    g.finish();
}

criterion_group!(benches, matching);
criterion_main!(benches);
