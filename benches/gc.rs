//! Allocation and collection on a process heap, without the interpreter:
//! building terms with `Alloc`, and `gc::collect` over heaps of three
//! shapes (one long list, a wide tree of tuples, mostly garbage with a
//! little live data), and over a list built in heap fragments. The heap
//! is built in the untimed setup of each batch, so the `gc/` figures are
//! the collection alone.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use girder::heap::{gc, Alloc, Heap};
use girder::term::Term;
use std::hint::black_box;
use std::time::Duration;

/// A list of `n` small integers, built one cons cell at a time.
fn long_list(h: &mut Heap, n: usize) -> Term {
    let mut l = Term::NIL;
    for i in 0..n {
        l = h.cons(Term::small(i as i64), l);
    }
    l
}

/// A tree of tuples: `width` children per node, `depth` levels, floats at
/// the leaves.
fn tuple_tree(h: &mut Heap, width: usize, depth: usize) -> Term {
    if depth == 0 {
        return h.float(width as f64);
    }
    let kids: Vec<Term> = (0..width).map(|_| tuple_tree(h, width, depth - 1)).collect();
    h.tuple(&kids)
}

/// `n` short-lived 3-tuples and lists, of which one in `keep_every` is
/// kept on a live list.
fn mostly_garbage(h: &mut Heap, n: usize, keep_every: usize) -> Term {
    let mut live = Term::NIL;
    for i in 0..n {
        let l = h.list(&[Term::small(i as i64), Term::small(1), Term::small(2)]);
        let t = h.tuple(&[Term::small(i as i64), l, Term::NIL]);
        if i % keep_every == 0 {
            live = h.cons(t, live);
        }
    }
    live
}

/// Collect `h` with `root` as the only root; returns the live words.
fn collect(mut h: Heap, root: Term) -> usize {
    let mut roots = [root];
    gc::collect(&mut h, 0, &mut [&mut roots[..]]);
    black_box(roots[0]);
    h.used()
}

/// A heap whose data `shape` builds has been through two collections, so
/// that it lies in the old generation, and then 10k words of fresh
/// garbage with a short live list on top: the state a minor collection
/// of a long-lived process meets.
fn aged(shape: fn(&mut Heap) -> Term) -> (Heap, [Term; 2]) {
    let mut h = Heap::default();
    let root = shape(&mut h);
    let mut roots = [root, Term::NIL];
    gc::collect(&mut h, 0, &mut [&mut roots[..]]);
    gc::collect(&mut h, 0, &mut [&mut roots[..]]);
    let _garbage = mostly_garbage(&mut h, 1000, 1_000_000);
    roots[1] = long_list(&mut h, 100);
    (h, roots)
}

/// Collect `h` (a minor collection, or a full sweep when `full`).
fn collect_gen(mut h: Heap, mut roots: [Term; 2], full: bool) -> usize {
    if full {
        h.request_collection();
    }
    gc::collect(&mut h, 0, &mut [&mut roots[..]]);
    black_box(roots);
    h.used()
}

fn config<'a>(c: &'a mut Criterion, name: &str) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    g
}

fn allocation(c: &mut Criterion) {
    let mut g = config(c, "alloc");
    g.bench_function("list 100k cells", |b| {
        b.iter(|| {
            let mut h = Heap::new(gc::next_heap_size(200_000));
            black_box(long_list(&mut h, 100_000));
        })
    });
    g.bench_function("tuple tree 8^5", |b| {
        b.iter(|| {
            let mut h = Heap::new(gc::next_heap_size(400_000));
            black_box(tuple_tree(&mut h, 8, 5));
        })
    });
    g.bench_function("list 100k cells, small heap", |b| {
        // Starts at the minimum heap size: most cells land in fragments.
        b.iter(|| {
            let mut h = Heap::default();
            black_box(long_list(&mut h, 100_000));
        })
    });
    g.finish();
}

/// A heap shape to collect: its name and how to build it.
type Shape = (&'static str, fn(&mut Heap) -> Term);

fn generations(c: &mut Criterion) {
    let shapes: [Shape; 3] = [
        ("long list 100k", |h| long_list(h, 100_000)),
        ("tuple tree 8^5", |h| tuple_tree(h, 8, 5)),
        ("many small live 100k, 10% live", |h| mostly_garbage(h, 100_000, 10)),
    ];
    // Sanity: a minor collection leaves the old data alone; a full sweep
    // brings it back into the young block.
    let (h, roots) = aged(|h| long_list(h, 1000));
    assert_eq!(h.old_used_words(), 2000);
    assert_eq!(collect_gen(h, roots, false), 200);
    let (h, roots) = aged(|h| long_list(h, 1000));
    assert_eq!(collect_gen(h, roots, true), 2200);

    let mut g = config(c, "gc-generational");
    for (name, shape) in shapes {
        g.bench_function(format!("minor, old {name}"), |b| {
            b.iter_batched(|| aged(shape), |(h, r)| collect_gen(h, r, false), BatchSize::SmallInput)
        });
        g.bench_function(format!("full sweep, {name}"), |b| {
            b.iter_batched(|| aged(shape), |(h, r)| collect_gen(h, r, true), BatchSize::SmallInput)
        });
    }
    g.finish();
}

fn collection(c: &mut Criterion) {
    // Sanity: live data survives with its size.
    let mut h = Heap::default();
    let l = long_list(&mut h, 1000);
    assert_eq!(collect(h, l), 2000);

    let mut g = config(c, "gc");
    g.bench_function("long list 100k", |b| {
        b.iter_batched(
            || {
                let mut h = Heap::new(gc::next_heap_size(200_000));
                let root = long_list(&mut h, 100_000);
                (h, root)
            },
            |(h, root)| collect(h, root),
            BatchSize::SmallInput,
        )
    });
    // The same list built from the minimum heap size, so it lies in some
    // 200 heap fragments, as terms a BIF builds do.
    g.bench_function("long list 100k in fragments", |b| {
        b.iter_batched(
            || {
                let mut h = Heap::default();
                let root = long_list(&mut h, 100_000);
                (h, root)
            },
            |(h, root)| collect(h, root),
            BatchSize::SmallInput,
        )
    });
    g.bench_function("tuple tree 8^5", |b| {
        b.iter_batched(
            || {
                let mut h = Heap::default();
                let root = tuple_tree(&mut h, 8, 5);
                (h, root)
            },
            |(h, root)| collect(h, root),
            BatchSize::SmallInput,
        )
    });
    g.bench_function("mostly garbage 100k, 1% live", |b| {
        b.iter_batched(
            || {
                let mut h = Heap::new(gc::next_heap_size(1_000_000));
                let root = mostly_garbage(&mut h, 100_000, 100);
                (h, root)
            },
            |(h, root)| collect(h, root),
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

criterion_group!(benches, allocation, collection, generations);
criterion_main!(benches);
