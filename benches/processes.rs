//! Processes: the cost of spawning a process that exits at once, of one
//! message round trip between two processes, and of one context switch.
//! Each iteration is one `run_main` of an Erlang function doing N of the
//! thing; criterion reports the time per iteration and, from the
//! throughput, per element.

mod support;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use girder::code::Module;
use girder::term::{Atom, Term};
use girder::vm::interp;
use girder::vm::process::Process;
use std::hint::black_box;
use std::time::Duration;

const SRC: &str = r#"
-module(bench_processes).
-export([spawn_chain/1, ping_pong/1, switch/1, count/1]).

%% spawn+exit: each process spawns the next and ends, so at most two are
%% alive; the last one tells the first.
spawn_chain(N) ->
    Self = self(),
    spawn(fun() -> chain(N - 1, Self) end),
    receive done -> N end.

chain(0, Parent) -> Parent ! done;
chain(N, Parent) -> spawn(fun() -> chain(N - 1, Parent) end).

%% N round trips: a small message there and back.
ping_pong(N) ->
    Pong = spawn(fun pong/0),
    ping(Pong, N).

ping(Pong, 0) -> Pong ! stop, 0;
ping(Pong, N) ->
    Pong ! {self(), N},
    receive N -> ping(Pong, N - 1) end.

pong() ->
    receive
        {From, N} -> From ! N, pong();
        stop -> ok
    end.

%% Two processes counting N calls each, run with a budget of one
%% reduction: every call preempts, so about 2N switches.
switch(N) ->
    Self = self(),
    spawn(fun() -> count(N), Self ! done end),
    count(N),
    receive done -> N end.

count(0) -> ok;
count(N) -> count(N - 1).
"#;

/// Run `m:f(n)` as the main process of a fresh scheduler run with the
/// given reduction budget; the result is a small integer.
fn run(m: &Module, f: &str, n: i64, budget: i32) -> i64 {
    let mut p = Process::new(Term::pid(0));
    interp::prepare_call(&mut p, m.name, Atom::intern(f), &[Term::small(n)]).expect("exported");
    let cfg = girder::vm::sched::Config { schedulers: 2, budget };
    match girder::vm::sched::run_main(Box::new(p), cfg) {
        Some(girder::vm::sched::MainExit { result: Ok(v), .. }) => v.as_small().expect("a small integer"),
        _ => panic!("{f}({n}) crashed or deadlocked"),
    }
}

fn processes(c: &mut Criterion) {
    let m = support::load("bench_processes", SRC);
    // count/1 alone needs no scheduler.
    assert!(support::call(m, "count", &[Term::small(10)], |v| v.as_atom()).is_some());
    assert_eq!(run(m, "spawn_chain", 10, 4000), 10);
    assert_eq!(run(m, "ping_pong", 10, 4000), 0);
    assert_eq!(run(m, "switch", 10, 1), 10);
    let mut g = c.benchmark_group("processes");
    g.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    const N: i64 = 10_000;
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("spawn+exit x10000", |b| b.iter(|| run(m, "spawn_chain", black_box(N), 4000)));
    g.bench_function("round trip x10000", |b| b.iter(|| run(m, "ping_pong", black_box(N), 4000)));
    g.throughput(Throughput::Elements(2 * N as u64));
    g.bench_function("context switch x20000", |b| b.iter(|| run(m, "switch", black_box(N), 1)));
    g.finish();
}

criterion_group!(benches, processes);
criterion_main!(benches);
