//! Building stacktrace terms: `[{Module, Function, ArityOrArgs, [{file, F}, {line, L}]}]`,
//! innermost call first, at most `DEPTH` entries (OTP's default backtrace depth).

use super::exception::Exception;
use super::process::Process;
use crate::code::Module;
use crate::heap::Alloc;
use crate::term::{atoms, Term};

const DEPTH: usize = 8;

fn location(p: &mut Process, m: &Module, pc: usize) -> Term {
    let line = m.line_at(pc);
    if line == 0 {
        return Term::NIL;
    }
    let file = p.heap.str_list(&m.file);
    let f = p.heap.tuple(&[Term::atom(atoms::FILE), file]);
    let l = p.heap.tuple(&[Term::atom(atoms::LINE), Term::small(line as i64)]);
    p.heap.list(&[f, l])
}

fn frame(p: &mut Process, m: &Module, pc: usize, args: Option<&[Term]>) -> Option<Term> {
    let f = m.function_at(pc)?.clone();
    let loc = location(p, m, pc);
    let a = match args {
        Some(a) => p.heap.list(a),
        None => Term::small(f.arity as i64),
    };
    Some(p.heap.tuple(&[Term::atom(m.name), Term::atom(f.name), a, loc]))
}

fn build_inner(p: &mut Process, m: &'static Module, pc: usize, top: Option<Term>, args: Option<&[Term]>) -> Term {
    let mut entries: Vec<Term> = Vec::new();
    if let Some(t) = top {
        entries.push(t);
    }
    if let Some(f) = frame(p, m, pc, args) {
        entries.push(f);
    }
    for (cm, cpc) in p.stack.continuations() {
        if entries.len() >= DEPTH {
            break;
        }
        if let Some(cm) = cm {
            if let Some(f) = frame(p, cm, (cpc as usize).saturating_sub(1), None) {
                entries.push(f);
            }
        }
    }
    entries.truncate(DEPTH);
    p.heap.list(&entries)
}

/// The stacktrace of an exception raised at `pc` in `m`.
pub fn build(p: &mut Process, m: &'static Module, pc: usize, e: &Exception) -> Term {
    let top = e
        .bif
        .filter(|b| *b != crate::bif::erlang::NO_BIF_FRAME.unwrap())
        .map(|(bm, bf, args)| p.heap.tuple(&[Term::atom(bm), Term::atom(bf), args, Term::NIL]));
    build_inner(p, m, pc, top, None)
}

/// The stacktrace of a function_clause error: the function with its arguments.
pub fn build_with_args(p: &mut Process, m: &'static Module, pc: usize, args: &[Term]) -> Term {
    build_inner(p, m, pc, None, Some(args))
}
