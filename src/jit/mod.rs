//! A baseline JIT: hot functions are translated to machine code with
//! Cranelift, instruction by instruction, keeping the interpreter's state
//! layout (X registers in the register file, Y slots and continuations on
//! the process stack, bump allocation on the process heap).
//!
//! The generated code only runs fast paths. Whenever an instruction needs
//! anything else (a collection, a bignum, an exception, a call into
//! another function, a yield, a receive), the code stops *before* that
//! instruction and hands its index back: the interpreter runs it, with
//! every effect of the earlier instructions already in place. So the JIT
//! never raises, never collects and never yields, and the interpreter stays
//! the one definition of every slow path and every error.
//!
//! What runs natively: moves, frames, tests on small integers, atoms and
//! tuples, `+`/`-` on small integers, tuple and list construction and
//! matching, and calls and returns within the function itself (a recursive
//! function such as `make/1` or `fib/1` runs without leaving its machine
//! code). The fused instructions of `compile::asm` are read as their first
//! part: each steps into the next instruction, which is the second part.
//!
//! Tiering: a function is compiled after `GIRDER_JIT_THRESHOLD` calls
//! (default 1000; `GIRDER_JIT=0` turns the JIT off), counted in its entry
//! slot of the module's [`Table`].
//!
//! `unsafe`: entering generated code is inherently unchecked, so this
//! module is the one place outside term/heap/gc that holds `unsafe`: the
//! call into compiled code and the hand-over of the stack and heap windows
//! the code writes to (see `enter`).

mod codegen;

use crate::code::Module;
use crate::heap::stack::Cont;
use crate::term::Term;
use crate::vm::process::{Process, MAX_X};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// What the generated code returns instead of an instruction index: run
/// the continuation (`return_to_cp` in the interpreter).
pub const RETURN: u64 = u64::MAX;

/// The machine state the generated code works on, loaded from the process
/// before the call and stored back after it (`#[repr(C)]`: the code reads
/// the fields at fixed offsets, see `codegen::off`).
#[repr(C)]
pub struct Ctx {
    /// x0: the register file.
    pub x: *mut Term,
    /// One past the top word of the stack, and the end of its capacity.
    pub ytop: *mut Term,
    pub yend: *mut Term,
    /// The heap's bump pointer and the end of the room it may use.
    pub htop: *mut u64,
    pub hlim: *mut u64,
    /// Reductions left in the slice.
    pub reds: i64,
    /// The continuation register: module address (0: none) and index.
    pub cp_module: u64,
    pub cp_pc: u64,
}

/// Compiled code: `fn(ctx, pc) -> next`, entered at `pc` (the function's
/// entry or the return point after one of its calls).
pub type Code = extern "C" fn(*mut Ctx, u64) -> u64;

/// Per module, one slot per instruction: 0 (nothing), a call counter
/// `(n << 1) | 1` at each function's entry until it is compiled, or the
/// address of the compiled code at its entry and return points.
pub struct Table {
    slots: Box<[AtomicU64]>,
}

fn config() -> (bool, u64) {
    static C: OnceLock<(bool, u64)> = OnceLock::new();
    *C.get_or_init(|| {
        let on = std::env::var("GIRDER_JIT").map(|v| v != "0").unwrap_or(true);
        let threshold = std::env::var("GIRDER_JIT_THRESHOLD")
            .ok()
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(1000)
            .clamp(1, 1 << 40);
        (on, threshold)
    })
}

impl Table {
    /// The table of a module with `len` instructions whose functions
    /// start (at their FuncInfo) at `starts`.
    pub fn new(len: usize, starts: impl Iterator<Item = u32>) -> Table {
        let slots: Box<[AtomicU64]> = (0..len).map(|_| AtomicU64::new(0)).collect();
        let (on, threshold) = config();
        if on {
            for s in starts {
                if let Some(slot) = slots.get(s as usize + 1) {
                    slot.store((threshold << 1) | 1, Ordering::Relaxed);
                }
            }
        }
        Table { slots }
    }

    #[inline(always)]
    pub fn get(&self, pc: usize) -> u64 {
        match self.slots.get(pc) {
            Some(s) => s.load(Ordering::Relaxed),
            None => 0,
        }
    }
}

/// The compiled code at `pc` of `m`, counting a call when the function is
/// not compiled yet and compiling it when the count runs out.
#[inline]
pub fn code_at(m: &'static Module, pc: usize, slot: u64) -> Option<u64> {
    if slot & 1 == 0 {
        return Some(slot);
    }
    let left = slot >> 1;
    if left > 1 {
        // A lost update between schedulers only delays compilation.
        m.jit.slots[pc].store(((left - 1) << 1) | 1, Ordering::Relaxed);
        return None;
    }
    compile(m, pc)
}

/// Compile the function whose entry is `pc`; on success publish the code
/// at its entry and return points.
#[cold]
fn compile(m: &'static Module, pc: usize) -> Option<u64> {
    let slot = &m.jit.slots[pc];
    let f = m.function_at(pc).filter(|f| f.start as usize + 1 == pc && selected(m, f));
    let compiled = f.and_then(|f| codegen::compile(m, f.start as usize, f.end as usize));
    match compiled {
        Some((addr, entries)) => {
            for e in entries {
                m.jit.slots[e].store(addr, Ordering::Relaxed);
            }
            slot.store(addr, Ordering::Relaxed);
            Some(addr)
        }
        None => {
            slot.store(0, Ordering::Relaxed);
            None
        }
    }
}

/// `GIRDER_JIT_ONLY=TEXT` (for finding a miscompiled function): compile
/// only the functions whose `module:name/arity` contains TEXT.
fn selected(m: &Module, f: &crate::code::FunctionInfo) -> bool {
    static ONLY: OnceLock<Option<String>> = OnceLock::new();
    match ONLY.get_or_init(|| std::env::var("GIRDER_JIT_ONLY").ok()) {
        None => true,
        Some(text) => format!("{}:{}/{}", m.name.name(), f.name.name(), f.arity).contains(text.as_str()),
    }
}

/// A run of compiled code for one process: the machine state is loaded
/// into a `Ctx` when the session opens, stays there while control passes
/// from one compiled function to another, and is stored back when it
/// closes. Nothing else may touch the process's stack or heap meanwhile
/// (the session holds the process).
pub struct Session<'a> {
    p: &'a mut Process,
    ctx: Ctx,
}

impl<'a> Session<'a> {
    pub fn open(p: &'a mut Process, x: &mut [Term; MAX_X], reds: i32, cp: Cont<Module>) -> Session<'a> {
        let (ytop, yend) = p.stack.jit_window();
        let (htop, hlim) = p.heap.jit_window();
        let ctx = Ctx {
            x: x.as_mut_ptr(),
            ytop,
            yend,
            htop,
            hlim,
            reds: reds as i64,
            cp_module: cp.0.map_or(0, |m| m as *const Module as u64),
            cp_pc: cp.1 as u64,
        };
        Session { p, ctx }
    }

    /// Run compiled code `addr` (from the JIT table of the module whose
    /// code runs) at `pc`: the instruction to interpret next, or RETURN.
    #[inline]
    pub fn run(&mut self, addr: u64, pc: usize) -> u64 {
        // SAFETY: `addr` was produced by `codegen::compile` for a function
        // of the running module, with the `Code` signature. The code writes
        // only X registers below MAX_X, stack words between `ytop` and
        // `yend` (the stack's spare capacity, after checking there is
        // room), and heap words between `htop` and `hlim` (checking each
        // allocation against `hlim`, as the interpreter's bump does); it
        // reads the frames and heap objects the bytecode says are there.
        unsafe {
            let code: Code = std::mem::transmute::<u64, Code>(addr);
            code(&mut self.ctx, pc as u64)
        }
    }

    pub fn reds(&self) -> i32 {
        self.ctx.reds as i32
    }

    /// The continuation register.
    pub fn cp(&self) -> Cont<Module> {
        // SAFETY: cp_module is 0 or was set from a `&'static Module` (by
        // `open`, `call`, a frame compiled code or `Stack::allocate` wrote).
        unsafe { crate::heap::stack::cont_from_raw(self.ctx.cp_module, self.ctx.cp_pc as u32) }
    }

    /// Spend a reduction for a call made on behalf of compiled code.
    pub fn spend(&mut self) {
        self.ctx.reds -= 1;
    }

    /// Set the continuation register (a call returning to `pc` of `m`).
    pub fn set_cp(&mut self, m: &'static Module, pc: usize) {
        self.ctx.cp_module = m as *const Module as u64;
        self.ctx.cp_pc = pc as u64;
    }

    /// Pop the frame of `n` slots into the continuation register (the
    /// `dealloc` of a `CallLast`).
    pub fn deallocate(&mut self, n: u16) {
        // SAFETY: the bytecode pops only frames it pushed: the top `n + 2`
        // words are a frame (a continuation and `n` slots) between the
        // stack's base and `ytop`.
        unsafe {
            let base = self.ctx.ytop.sub(n as usize + 2);
            self.ctx.cp_module = (*base).0;
            self.ctx.cp_pc = (*base.add(1)).0 >> 3;
            self.ctx.ytop = base;
        }
    }

    /// Store the state back into the process and the interpreter's
    /// registers.
    pub fn close(self, reds: &mut i32, cp: &mut Cont<Module>) {
        *reds = self.reds();
        *cp = self.cp();
        // SAFETY: compiled code and `deallocate` moved `ytop` only within
        // the stack's window and wrote every word below it; they moved
        // `htop` only up to `hlim`, writing whole objects.
        unsafe {
            self.p.stack.jit_commit(self.ctx.ytop);
            self.p.heap.jit_commit(self.ctx.htop);
        }
    }
}
