//! What a process costs while it does not run, and that the register file
//! it borrows while it runs (`interp::run(p, regs, budget)`) can be shared
//! by processes taking turns (issue 4: one million idle processes).

use girder::code::server;
use girder::heap::Alloc;
use girder::term::{Atom, Term};
use girder::vm::interp::{self, Exit};
use girder::vm::process::{Process, Registers, MAX_X};
use girder::vm::sched::Message;

const SRC: &str = "
-module(pm_regs).
-export([sum/4, wide/8]).

%% Count down N, keeping three accumulators in x1..x3: a call that yields
%% must keep them.
sum(0, A, B, C) -> [A, B, C];
sum(N, A, B, C) -> sum(N - 1, A + 1, B + N, [N | C]).

%% Eight arguments, all live across the yielding call.
wide(0, B, C, D, E, F, G, H) -> {B, C, D, E, F, G, H};
wide(N, B, C, D, E, F, G, H) -> wide(N - 1, C, D, E, F, G, H, B).
";

fn load() -> Atom {
    static M: std::sync::OnceLock<Atom> = std::sync::OnceLock::new();
    *M.get_or_init(|| server::install(girder::compile::compile_source("pm_regs.erl", SRC).unwrap()).name)
}

#[test]
fn the_register_file_is_not_part_of_a_process() {
    assert!(
        std::mem::size_of::<Process>() < std::mem::size_of::<Term>() * MAX_X / 4,
        "Process is {} bytes",
        std::mem::size_of::<Process>()
    );
}

#[test]
fn a_new_process_costs_a_few_hundred_words() {
    let m = load();
    let mut p = Process::new(Term::pid(1));
    let args = [Term::small(3), Term::small(0), Term::small(0), Term::NIL];
    interp::prepare_call(&mut p, m, Atom::intern("sum"), &args).unwrap();
    let words = p.memory_words();
    // OTP 25: 2,640 bytes (330 words) for a process waiting in receive.
    assert!((128..=200).contains(&words), "{words} words");
}

#[test]
fn memory_counts_messages_and_heap_growth() {
    let mut p = Process::new(Term::pid(1));
    let before = p.memory_words();
    let big: Vec<Term> = (0..1000).map(Term::small).collect();
    let list = p.heap.list(&big); // does not fit: a heap fragment
    assert!(p.memory_words() >= before + 2000, "{} -> {}", before, p.memory_words());
    let before = p.memory_words();
    p.mailbox.push_back(Message::new(list));
    assert!(p.memory_words() >= before + 2000, "{} -> {}", before, p.memory_words());
}

/// Run processes in turns of `budget` reductions on one register file,
/// scribbling over it between turns, until each is done.
fn run_in_turns(procs: &mut [Process], budget: i32) -> Vec<String> {
    let mut regs = Registers::new();
    let mut out: Vec<Option<String>> = vec![None; procs.len()];
    while out.iter().any(Option::is_none) {
        for (i, p) in procs.iter_mut().enumerate() {
            if out[i].is_some() {
                continue;
            }
            regs.fill(Term::atom(Atom::intern("garbage")));
            match interp::run(p, &mut regs, budget) {
                Exit::Yield => {}
                Exit::Done(v) => {
                    let mut s = String::new();
                    girder::format::write_term(&mut s, v, None);
                    out[i] = Some(s);
                }
                Exit::Crash(e) => panic!("{}", girder::cli::crash_report(&e)),
                Exit::Wait => panic!("waits"),
            }
        }
    }
    out.into_iter().map(Option::unwrap).collect()
}

#[test]
fn processes_taking_turns_keep_their_registers() {
    let m = load();
    let mut procs: Vec<Process> = (0..3)
        .map(|i| {
            let mut p = Process::new(Term::pid(10 + i));
            let args = [Term::small(5 + i as i64), Term::small(100 * i as i64), Term::small(0), Term::NIL];
            interp::prepare_call(&mut p, m, Atom::intern("sum"), &args).unwrap();
            p
        })
        .collect();
    let mut wide = Process::new(Term::pid(20));
    let wargs: Vec<Term> = (0..8).map(|i| Term::small(if i == 0 { 5 } else { i * 11 })).collect();
    interp::prepare_call(&mut wide, m, Atom::intern("wide"), &wargs).unwrap();
    procs.push(wide);
    for budget in [1, 2, 4000] {
        let mut ps: Vec<Process> = Vec::new();
        for p in &procs {
            let mut q = Process::new(p.pid);
            q.resume = p.resume;
            q.saved = p.saved.clone();
            ps.push(q);
        }
        // Expected: what OTP 25 returns for these calls.
        assert_eq!(
            run_in_turns(&mut ps, budget),
            ["[5,15,[1,2,3,4,5]]", "[106,21,[1,2,3,4,5,6]]", "[207,28,[1,2,3,4,5,6,7]]", "{66,77,11,22,33,44,55}"],
            "budget {budget}"
        );
    }
}
