//! Built-in functions implemented in Rust, declared in one table:
//! `module:name/arity => function`. The compiler turns calls of these into
//! `Bif`/`CallBif` instructions; `apply` and funs reach them through
//! `lookup`.
//!
//! A BIF never triggers a collection: it allocates with `Alloc`, which
//! falls back to heap fragments when the heap is full. The interpreter
//! reserves `BIF_RESERVE` words before each call so that is rare.

pub mod binary;
pub mod binary_mod;
pub mod code;
pub mod convert;
pub mod dict;
pub mod erlang;
pub mod etf;
pub mod file;
pub mod hash;
pub mod io;
pub mod lists;
pub mod maps;
pub mod math;
pub mod number;
pub mod os;
pub mod phash2;
pub mod process;
pub mod stdin;
pub mod tuple;
pub mod types;
pub mod unicode;

use crate::term::Atom;
use crate::vm::exception::BifResult;
use crate::vm::process::Process;
use std::collections::HashMap;
use std::sync::OnceLock;

pub type BifFn = fn(&mut Process, &[Term]) -> BifResult;
use crate::term::Term;

/// Words the interpreter makes free before calling a BIF.
pub const BIF_RESERVE: usize = 64;

pub struct BifEntry {
    pub module: Atom,
    pub name: Atom,
    pub arity: u32,
    pub f: BifFn,
    /// Allowed in guards.
    pub guard: bool,
    /// May continue in Erlang code (`Exception::trap`): always called as a
    /// real call, never inline.
    pub trap: bool,
}

macro_rules! bif_table {
    ($($id:ident = $m:literal : $f:literal / $a:literal => $func:path $(, $flag:ident)?);* $(;)?) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[repr(u16)]
        enum BifIndex { $($id),* }
        $(pub const $id: u16 = BifIndex::$id as u16;)*
        fn build_table() -> Vec<BifEntry> {
            vec![$(BifEntry {
                module: Atom::intern($m),
                name: Atom::intern($f),
                arity: $a,
                f: $func,
                guard: bif_table!(@guard $($flag)?),
                trap: bif_table!(@trap $($flag)?),
            }),*]
        }
    };
    (@guard guard) => { true };
    (@guard $($other:ident)?) => { false };
    (@trap trap) => { true };
    (@trap $($other:ident)?) => { false };
}

include!("table.rs");

pub fn table() -> &'static [BifEntry] {
    static T: OnceLock<Vec<BifEntry>> = OnceLock::new();
    T.get_or_init(build_table)
}

fn index() -> &'static HashMap<(Atom, Atom, u32), u16> {
    static I: OnceLock<HashMap<(Atom, Atom, u32), u16>> = OnceLock::new();
    I.get_or_init(|| table().iter().enumerate().map(|(i, e)| ((e.module, e.name, e.arity), i as u16)).collect())
}

/// The BIF `m:f/a`, if there is one.
pub fn lookup(m: Atom, f: Atom, a: u32) -> Option<u16> {
    index().get(&(m, f, a)).copied()
}

/// Whether BIF `b` may trap to Erlang code (so must be called, not inlined).
pub fn traps(b: u16) -> bool {
    table()[b as usize].trap
}

/// Whether `erlang:f/a` is a BIF allowed in guards.
pub fn is_guard_bif(f: &str, a: u32) -> bool {
    lookup(crate::term::atoms::ERLANG, Atom::intern(f), a).is_some_and(|i| table()[i as usize].guard)
}
