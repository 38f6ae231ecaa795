//! The bit syntax: parsing a stream of length-prefixed records (the
//! matching loop: a position register, a sub-binary per payload, no
//! allocation per segment), building a binary by appending a byte at a
//! time, and a binary comprehension.

mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use girder::term::Term;
use std::hint::black_box;
use std::time::Duration;

const SRC: &str = r#"
-module(bench_bits).
-export([parse/1, append/1, comp/1]).

%% 1,000 records of <<Len:16, Kind:8, Payload:Len/binary>>, parsed N times.
parse(N) ->
    Stream = << <<(I rem 40):16, (I rem 3):8, 0:((I rem 40) * 8)>> || I <- lists:seq(1, 1000) >>,
    parse_loop(N, Stream, 0).

parse_loop(0, _, Acc) -> Acc;
parse_loop(N, Stream, Acc) -> parse_loop(N - 1, Stream, records(Stream, Acc)).

records(<<Len:16, Kind:8, Payload:Len/binary, Rest/binary>>, Acc) ->
    records(Rest, Acc + Kind + byte_size(Payload));
records(<<>>, Acc) -> Acc.

%% A binary of N bytes built by appending one byte at a time.
append(N) -> byte_size(append(N, <<>>)).

append(0, B) -> B;
append(N, B) -> append(N - 1, <<B/binary, (N band 255):8>>).

%% A binary comprehension over N integers, then summed by a generator.
comp(N) ->
    B = << <<X:16/little>> || X <- lists:seq(1, N) >>,
    lists:sum([X || <<X:16/little>> <= B]).
"#;

fn bits(c: &mut Criterion) {
    let m = support::load("bench_bits", SRC);
    let small = |v: Term| v.as_small();
    let one = support::call(m, "parse", &[Term::small(1)], small).expect("a small integer");
    assert_eq!(one, 20500, "the records parsed changed");
    let mut g = c.benchmark_group("bits");
    g.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    g.bench_function("parse 1000 records x100", |b| {
        b.iter(|| support::call(m, "parse", &[black_box(Term::small(100))], small))
    });
    g.bench_function("append 10000 bytes", |b| {
        b.iter(|| support::call(m, "append", &[black_box(Term::small(10_000))], small))
    });
    g.bench_function("comprehension 10000", |b| {
        b.iter(|| support::call(m, "comp", &[black_box(Term::small(10_000))], small))
    });
    g.finish();
}

criterion_group!(benches, bits);
criterion_main!(benches);
