//! Instruction dispatch and calls: `fib(20)` (about 22,000 calls, with
//! comparisons, arithmetic and stack frames), and a tail-recursive counting
//! loop, each in a fresh process.

mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use girder::term::Term;
use std::hint::black_box;
use std::time::Duration;

const SRC: &str = r#"
-module(bench_dispatch).
-export([fib/1, count/1]).

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).

count(N) -> count(N, 0).
count(0, Acc) -> Acc;
count(N, Acc) -> count(N - 1, Acc + 1).
"#;

fn dispatch(c: &mut Criterion) {
    let m = support::load("bench_dispatch", SRC);
    assert_eq!(support::call(m, "fib", &[Term::small(20)], |v| v.as_small()), Some(6765));
    let mut g = c.benchmark_group("dispatch");
    g.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    g.bench_function("fib(20)", |b| {
        b.iter(|| support::call(m, "fib", &[black_box(Term::small(20))], |v| v.as_small()))
    });
    g.bench_function("count(100000)", |b| {
        b.iter(|| support::call(m, "count", &[black_box(Term::small(100_000))], |v| v.as_small()))
    });
    g.finish();
}

criterion_group!(benches, dispatch);
criterion_main!(benches);
