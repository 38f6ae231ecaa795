//! Erlang exceptions as the VM carries them: a class, a reason term and,
//! once raised, a stacktrace term.

use crate::heap::{Alloc, Heap};
use crate::term::{atoms, Atom, Term};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Error,
    Throw,
    Exit,
}

impl Class {
    pub fn atom(self) -> Atom {
        match self {
            Class::Error => atoms::ERROR,
            Class::Throw => atoms::THROW,
            Class::Exit => atoms::EXIT,
        }
    }
    pub fn from_atom(a: Atom) -> Option<Class> {
        match a {
            atoms::ERROR => Some(Class::Error),
            atoms::THROW => Some(Class::Throw),
            atoms::EXIT => Some(Class::Exit),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Exception {
    pub class: Class,
    pub reason: Term,
    /// The stacktrace, or NON_VALUE until the interpreter builds it.
    pub trace: Term,
    /// For errors raised by a BIF: the BIF's module, name and argument
    /// list, which OTP puts at the top of the stacktrace.
    pub bif: Option<(Atom, Atom, Term)>,
    /// The process is being killed by an exit signal: no `catch` or `try`
    /// sees it (OTP's exit signals are not exceptions in the receiver).
    pub signal: bool,
}

impl Exception {
    pub fn new(class: Class, reason: Term) -> Exception {
        Exception { class, reason, trace: Term::NON_VALUE, bif: None, signal: false }
    }
    /// Death by an exit signal with `reason` (see `signal`).
    pub fn exit_signal(reason: Term) -> Exception {
        Exception { signal: true, ..Exception::new(Class::Exit, reason) }
    }
    pub fn error(reason: Term) -> Exception {
        Exception::new(Class::Error, reason)
    }
    pub fn badarg() -> Exception {
        Exception::error(Term::atom(atoms::BADARG))
    }
    pub fn badarith() -> Exception {
        Exception::error(Term::atom(atoms::BADARITH))
    }
    /// Not an exception: a BIF (flagged `trap` in the table) asks the
    /// interpreter to continue in Erlang code, calling `m:f` with the
    /// BIF's own arguments (BEAM calls this a trap). Used for work that
    /// must wait for a message, such as process_info of another process.
    pub fn trap(m: Atom, f: Atom) -> Exception {
        Exception { bif: Some((m, f, Term::NIL)), ..Exception::error(Term::NON_VALUE) }
    }
    /// The function a trapping BIF continues in.
    pub fn as_trap(&self) -> Option<(Atom, Atom)> {
        match self.bif {
            Some((m, f, _)) if self.reason == Term::NON_VALUE => Some((m, f)),
            _ => None,
        }
    }
    /// `{Tag, Value}` errors such as `{badmatch, V}`.
    pub fn tagged(heap: &mut Heap, tag: Atom, v: Term) -> Exception {
        Exception::error(heap.tuple(&[Term::atom(tag), v]))
    }
}

pub type BifResult = Result<Term, Exception>;
