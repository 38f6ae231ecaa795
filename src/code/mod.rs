//! Loaded code: bytecode modules, the export table and the code server that
//! finds, compiles and loads modules on demand.

pub mod instr;
pub mod server;

use crate::heap::Arena;
use crate::term::{Atom, Term};
use instr::Instr;
use std::sync::atomic::{AtomicPtr, Ordering};

/// A function of a module, for stack traces, exports and disassembly.
#[derive(Clone, Debug)]
pub struct FunctionInfo {
    pub name: Atom,
    pub arity: u32,
    /// Index of the FuncInfo instruction; the body starts right after it.
    pub start: u32,
    /// One past the function's last instruction.
    pub end: u32,
    pub line: u32,
}

/// A fun expression's code: a lifted function with arguments then captured
/// values (and the fun itself last, for named funs).
#[derive(Debug)]
pub struct Lambda {
    pub module: Atom,
    /// Index among the module's lambdas (the `N` of `#Fun<m.N.U>`).
    pub index: u32,
    pub arity: u32,
    pub num_free: u32,
    /// Entry label in the module's code.
    pub entry: u32,
    /// The lifted function's name, as OTP names it (`-main/1-fun-0-`).
    pub name: Atom,
    /// A stable number identifying the code (the `U` of `#Fun<m.N.U>`).
    pub uniq: u32,
    /// The module version this lambda belongs to; set when the module is
    /// loaded.
    pub code: AtomicPtr<Module>,
}

impl Lambda {
    /// The version the fun runs in; None once that version is purged (or
    /// never loaded).
    pub fn module_code(&self) -> Option<&'static Module> {
        let p = self.code.load(Ordering::Acquire);
        if p.is_null() {
            None
        } else {
            Some(crate::heap::static_ref(p))
        }
    }
}

pub struct Module {
    pub name: Atom,
    pub file: String,
    pub code: Vec<Instr>,
    /// Source line of each instruction (0 = unknown).
    pub lines: Vec<u32>,
    pub functions: Vec<FunctionInfo>,
    /// Constant table: immediates and terms in `literals`.
    pub consts: Vec<Term>,
    pub literals: Arena,
    /// Targets of external calls, by import index.
    pub imports: Vec<&'static Export>,
    pub lambdas: Vec<&'static Lambda>,
    /// (name, arity) pairs exported, with the entry label.
    pub exports: Vec<(Atom, u32, u32)>,
    /// Module attributes for module_info(attributes).
    pub attributes: Term,
    /// Compiled code and call counts, per instruction (see `crate::jit`).
    pub jit: crate::jit::Table,
}

impl Module {
    /// The function containing instruction `pc`.
    pub fn function_at(&self, pc: usize) -> Option<&FunctionInfo> {
        let i = self.functions.partition_point(|f| (f.start as usize) <= pc);
        if i == 0 {
            return None;
        }
        let f = &self.functions[i - 1];
        if pc < f.end as usize {
            Some(f)
        } else {
            None
        }
    }
    pub fn line_at(&self, pc: usize) -> u32 {
        self.lines.get(pc).copied().unwrap_or(0)
    }
}

/// Where an external call goes: the newest loaded version of `m:f/a`.
pub struct Export {
    pub module: Atom,
    pub function: Atom,
    pub arity: u32,
    /// The module's current version (shared by all its exports: switching
    /// it is what makes loading atomic, see code::server).
    slot: &'static AtomicPtr<Module>,
    /// A cache: valid only while its version is the slot's.
    target: AtomicPtr<Target>,
}

/// A resolved export: the module version and the entry label.
pub struct Target {
    pub module: &'static Module,
    pub entry: u32,
}

impl Export {
    pub fn new(module: Atom, function: Atom, arity: u32, slot: &'static AtomicPtr<Module>) -> Export {
        Export { module, function, arity, slot, target: AtomicPtr::new(std::ptr::null_mut()) }
    }
    /// The cached target, if it is in the current version.
    #[inline]
    pub fn target(&self) -> Option<&'static Target> {
        let cur = self.slot.load(Ordering::Acquire);
        let p = self.target.load(Ordering::Acquire);
        if p.is_null() {
            return None;
        }
        let t: &'static Target = crate::heap::static_ref(p);
        if std::ptr::eq(t.module, cur) {
            Some(t)
        } else {
            None
        }
    }
    /// The module's current version.
    pub fn current(&self) -> Option<&'static Module> {
        let p = self.slot.load(Ordering::Acquire);
        if p.is_null() {
            None
        } else {
            Some(crate::heap::static_ref(p))
        }
    }
    pub fn set_target(&self, t: Option<&'static Target>) {
        let p = t.map_or(std::ptr::null_mut(), |t| t as *const Target as *mut Target);
        self.target.store(p, Ordering::Release);
    }
}
