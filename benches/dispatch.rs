//! Instruction dispatch and calls: `fib(20)` (about 22,000 calls, with
//! comparisons, arithmetic and stack frames), and a tail-recursive counting
//! loop, each in a fresh process. Also the fast paths the assembler's
//! specialised instructions take: boxed float `*` and `/` (`floats`),
//! integer products past the small range (`lcg`, i128 arithmetic), and a
//! comprehension with a filter (its fun calls itself directly), and
//! building and walking a binary tree of pairs (`trees`: tuple tests that
//! extract, pair construction, base cases that return a constant).

mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use girder::term::Term;
use std::hint::black_box;
use std::time::Duration;

const SRC: &str = r#"
-module(bench_dispatch).
-export([fib/1, count/1, floats/1, lcg/1, lc/1, trees/1]).

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).

count(N) -> count(N, 0).
count(0, Acc) -> Acc;
count(N, Acc) -> count(N - 1, Acc + 1).

floats(N) -> floats(N, 1.5, 0.0).
floats(0, _, Acc) -> trunc(Acc);
floats(N, X, Acc) -> floats(N - 1, X, Acc + X * 2.0 / (X * X)).

lcg(N) -> lcg(N, 42).
lcg(0, Seed) -> Seed;
lcg(N, Seed) -> lcg(N - 1, (Seed * 1103515245 + 12345) rem 2147483648).

trees(D) -> check(make(D)).
make(0) -> {nil, nil};
make(D) -> {make(D - 1), make(D - 1)}.
check({nil, nil}) -> 1;
check({L, R}) -> 1 + check(L) + check(R).

lc(N) -> L = lists:seq(1, N), length([X || X <- L, X rem 3 =:= 0]) + length([X || X <- L, X < N div 2]).
"#;

fn dispatch(c: &mut Criterion) {
    let m = support::load("bench_dispatch", SRC);
    assert_eq!(support::call(m, "fib", &[Term::small(20)], |v| v.as_small()), Some(6765));
    assert_eq!(support::call(m, "floats", &[Term::small(1000)], |v| v.as_small()), Some(1333));
    assert_eq!(support::call(m, "lc", &[Term::small(9)], |v| v.as_small()), Some(3 + 3));
    assert_eq!(support::call(m, "lcg", &[Term::small(100_000)], |v| v.as_small()), Some(2060208906));
    assert_eq!(support::call(m, "trees", &[Term::small(4)], |v| v.as_small()), Some(31));
    let mut g = c.benchmark_group("dispatch");
    g.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    g.bench_function("fib(20)", |b| {
        b.iter(|| support::call(m, "fib", &[black_box(Term::small(20))], |v| v.as_small()))
    });
    g.bench_function("count(100000)", |b| {
        b.iter(|| support::call(m, "count", &[black_box(Term::small(100_000))], |v| v.as_small()))
    });
    g.bench_function("floats(100000)", |b| {
        b.iter(|| support::call(m, "floats", &[black_box(Term::small(100_000))], |v| v.as_small()))
    });
    g.bench_function("lcg(100000)", |b| {
        b.iter(|| support::call(m, "lcg", &[black_box(Term::small(100_000))], |v| v.as_small()))
    });
    g.bench_function("lc(100000)", |b| {
        b.iter(|| support::call(m, "lc", &[black_box(Term::small(100_000))], |v| v.as_small()))
    });
    g.bench_function("trees(12)", |b| {
        b.iter(|| support::call(m, "trees", &[black_box(Term::small(12))], |v| v.as_small()))
    });
    g.finish();
}

criterion_group!(benches, dispatch);
criterion_main!(benches);
