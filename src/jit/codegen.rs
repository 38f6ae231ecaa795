//! Bytecode to Cranelift IR, one Erlang function at a time (see the module
//! comment in `jit/mod.rs` for what runs natively and what leaves).
//!
//! Every instruction gets a block. An instruction either does its work and
//! jumps to the next block (or a label's block), or jumps to the exit block
//! with its own index, leaving the machine state as it was before it, so
//! the interpreter runs it. The state the code keeps in SSA variables (the
//! stack and heap pointers, the reductions and the continuation register)
//! is stored back into the `Ctx` at the exit block.

use super::RETURN;
use crate::bif;
use crate::code::instr::{ArithOp, Cmp, Dst, Instr, Src, TypeTest};
use crate::code::Module;
use crate::term::{header, Subtag, Term};
use crate::vm::process::MAX_X;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::types::{F64, I32, I64};
use cranelift_codegen::ir::{AbiParam, Block, BlockArg, InstBuilder, JumpTableData, MemFlagsData, UserFuncName, Value};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext, Variable};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, Linkage, Module as _};
use std::cell::RefCell;
use std::collections::BTreeSet;

/// Byte offsets of the `Ctx` fields.
mod off {
    use super::super::Ctx;
    use std::mem::offset_of;
    pub const X: i32 = offset_of!(Ctx, x) as i32;
    pub const YTOP: i32 = offset_of!(Ctx, ytop) as i32;
    pub const YEND: i32 = offset_of!(Ctx, yend) as i32;
    pub const HTOP: i32 = offset_of!(Ctx, htop) as i32;
    pub const HLIM: i32 = offset_of!(Ctx, hlim) as i32;
    pub const REDS: i32 = offset_of!(Ctx, reds) as i32;
    pub const CPM: i32 = offset_of!(Ctx, cp_module) as i32;
    pub const CPP: i32 = offset_of!(Ctx, cp_pc) as i32;
}

/// One code generator per scheduler thread: compiled code is plain
/// machine code that any thread may run, and it is never freed (module
/// versions are not freed either).
struct Jit {
    module: JITModule,
    ctx: cranelift_codegen::Context,
    fctx: FunctionBuilderContext,
    count: u32,
}

thread_local! {
    static JIT: RefCell<Option<Jit>> = const { RefCell::new(None) };
}

fn new_jit() -> Option<Jit> {
    let mut flags = settings::builder();
    flags.set("use_colocated_libcalls", "false").ok()?;
    flags.set("is_pic", "false").ok()?;
    flags.set("opt_level", "speed").ok()?;
    let isa = cranelift_native::builder().ok()?.finish(settings::Flags::new(flags)).ok()?;
    let module = JITModule::new(JITBuilder::with_isa(isa, default_libcall_names()));
    let ctx = module.make_context();
    Some(Jit { module, ctx, fctx: FunctionBuilderContext::new(), count: 0 })
}

/// Compile the function whose FuncInfo is at `start` (body `start + 1 ..
/// end`): the code's address and the instruction indices it may be
/// entered at (the entry and the return point after each call).
///
/// A failure leaves the function to the interpreter. So does a panic in
/// the code generator (a bug, reported on standard error by the panic
/// hook): the program goes on, and this thread's generator starts afresh.
pub fn compile(m: &'static Module, start: usize, end: usize) -> Option<(u64, Vec<usize>)> {
    JIT.with(|j| {
        let run = std::panic::AssertUnwindSafe(|| {
            let mut j = j.borrow_mut();
            if j.is_none() {
                *j = new_jit();
            }
            j.as_mut()?.build(m, start, end)
        });
        match std::panic::catch_unwind(run) {
            Ok(r) => r,
            Err(_) => {
                *j.borrow_mut() = None;
                None
            }
        }
    })
}

impl Jit {
    fn build(&mut self, m: &'static Module, start: usize, end: usize) -> Option<(u64, Vec<usize>)> {
        let mut sig = self.module.make_signature();
        sig.params.push(AbiParam::new(I64));
        sig.params.push(AbiParam::new(I64));
        sig.returns.push(AbiParam::new(I64));
        self.count += 1;
        let id = self.module.declare_function(&format!("g{}", self.count), Linkage::Local, &sig).ok()?;
        self.ctx.func.signature = sig;
        self.ctx.func.name = UserFuncName::user(0, id.as_u32());
        let entries = {
            let config = self.module.target_config();
            let b = FunctionBuilder::new(&mut self.ctx.func, &mut self.fctx);
            let mut t = Translator::new(b, m, start, end);
            t.function();
            let entries = t.entries.iter().copied().collect::<Vec<_>>();
            t.b.seal_all_blocks();
            t.b.finalize(config);
            entries
        };
        let defined = self.module.define_function(id, &mut self.ctx);
        self.module.clear_context(&mut self.ctx);
        defined.ok()?;
        self.module.finalize_definitions().ok()?;
        Some((self.module.get_finalized_function(id) as u64, entries))
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Op {
    Add,
    Sub,
    Mul,
    FDiv,
}

/// The header of a boxed float.
const FLOAT_HEADER: u64 = header(Subtag::Float, 1);

struct Translator<'a> {
    b: FunctionBuilder<'a>,
    m: &'static Module,
    start: usize,
    end: usize,
    /// Block of instruction `start + 1 + i`.
    blocks: Vec<Block>,
    /// Indices the code may be entered at: the entry, the return points,
    /// and the instruction after each one the code leaves to the
    /// interpreter (which re-enters there after running that one).
    entries: BTreeSet<usize>,
    /// The return points (after each call).
    returns: BTreeSet<usize>,
    /// The block that jumps to the entry `pc`.
    dispatch: Block,
    /// The `pc` argument.
    pc: Value,
    exit: Block,
    /// The instruction being translated.
    cur: usize,
    ctx: Value,
    xb: Value,
    yend: Value,
    hlim: Value,
    ytop: Variable,
    htop: Variable,
    reds: Variable,
    cpm: Variable,
    cpp: Variable,
}

fn flags() -> MemFlagsData {
    MemFlagsData::trusted()
}

/// Does the instruction leave a return point after it (a call that comes
/// back to the next instruction)?
fn is_call(ins: &Instr) -> bool {
    matches!(
        ins,
        Instr::Call { .. }
            | Instr::CallExt { .. }
            | Instr::CallFun { .. }
            | Instr::Apply { .. }
            | Instr::CallBif { .. }
    )
}

impl<'a> Translator<'a> {
    fn new(mut b: FunctionBuilder<'a>, m: &'static Module, start: usize, end: usize) -> Self {
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        let blocks: Vec<Block> = (start + 1..end).map(|_| b.create_block()).collect();
        let exit = b.create_block();
        b.append_block_param(exit, I64);
        let dispatch = b.create_block();
        let mut returns = BTreeSet::new();
        for pc in start + 1..end {
            if is_call(&m.code[pc]) && pc + 1 < end {
                returns.insert(pc + 1);
            }
        }
        let mut entries = returns.clone();
        entries.insert(start + 1);
        b.switch_to_block(entry);
        let ctx = b.block_params(entry)[0];
        let load = |b: &mut FunctionBuilder, o: i32| b.ins().load(I64, flags(), ctx, o);
        let xb = load(&mut b, off::X);
        let yend = load(&mut b, off::YEND);
        let hlim = load(&mut b, off::HLIM);
        let vars: Vec<Variable> = (0..5).map(|_| b.declare_var(I64)).collect();
        for (v, o) in vars.iter().zip([off::YTOP, off::HTOP, off::REDS, off::CPM, off::CPP]) {
            let val = load(&mut b, o);
            b.def_var(*v, val);
        }
        let mut t = Translator {
            b,
            m,
            start,
            end,
            blocks,
            entries,
            returns,
            dispatch,
            pc: ctx,
            exit,
            cur: start,
            ctx,
            xb,
            yend,
            hlim,
            ytop: vars[0],
            htop: vars[1],
            reds: vars[2],
            cpm: vars[3],
            cpp: vars[4],
        };
        // Enter at `pc` through the dispatch block, filled in last (when
        // every resume point is known).
        t.pc = t.b.block_params(entry)[1];
        t.b.ins().jump(t.dispatch, &[]);
        t
    }

    fn block(&self, pc: usize) -> Option<Block> {
        (pc > self.start && pc < self.end).then(|| self.blocks[pc - self.start - 1])
    }

    /// Leave: the interpreter goes on at `pc` (or runs the continuation
    /// for `RETURN`).
    fn exit(&mut self, pc: u64) {
        let v = self.b.ins().iconst(I64, pc as i64);
        self.b.ins().jump(self.exit, &[BlockArg::Value(v)]);
    }

    /// Branch to `then` when `cond` is nonzero, else leave at `pc`.
    fn guard_or_exit(&mut self, ok: Value, pc: usize) -> Block {
        let cont = self.b.create_block();
        let pcv = self.b.ins().iconst(I64, pc as i64);
        self.b.ins().brif(ok, cont, &[], self.exit, &[BlockArg::Value(pcv)]);
        self.b.switch_to_block(cont);
        cont
    }

    /// Go to instruction `pc`, or leave there if it is outside the function.
    fn goto(&mut self, pc: usize) {
        match self.block(pc) {
            Some(blk) => {
                self.b.ins().jump(blk, &[]);
            }
            None => self.exit(pc as u64),
        }
    }

    /// Go to `next` when `cond` is nonzero, else to `fail` (labels).
    fn branch(&mut self, cond: Value, next: usize, fail: usize) {
        let (t, f) = (self.target(next), self.target(fail));
        self.b.ins().brif(cond, t.0, &t.1, f.0, &f.1);
    }

    /// A label as a branch target: its block, or the exit block with it
    /// (label 0, "raise", leaves at the current instruction).
    fn target(&mut self, pc: usize) -> (Block, Vec<BlockArg>) {
        match self.block(pc) {
            Some(blk) if pc != 0 => (blk, vec![]),
            _ => {
                let pc = if pc == 0 { self.cur } else { pc };
                let v = self.b.ins().iconst(I64, pc as i64);
                (self.exit, vec![BlockArg::Value(v)])
            }
        }
    }

    fn x_off(i: u16) -> i32 {
        ((i as usize & (MAX_X - 1)) * 8) as i32
    }

    fn get(&mut self, s: Src) -> Value {
        match s {
            Src::X(i) => self.b.ins().load(I64, flags(), self.xb, Self::x_off(i)),
            Src::Y(i) => {
                let yt = self.b.use_var(self.ytop);
                self.b.ins().load(I64, flags(), yt, -8 * (i as i32 + 1))
            }
            Src::Lit(i) => self.b.ins().iconst(I64, self.m.consts[i as usize].0 as i64),
        }
    }

    fn put(&mut self, d: Dst, v: Value) {
        match d {
            Dst::X(i) => {
                self.b.ins().store(flags(), v, self.xb, Self::x_off(i));
            }
            Dst::Y(i) => {
                let yt = self.b.use_var(self.ytop);
                self.b.ins().store(flags(), v, yt, -8 * (i as i32 + 1));
            }
        }
    }

    /// `v` is a small integer (as a 0/1 value).
    fn is_small(&mut self, v: Value) -> Value {
        let t = self.b.ins().band_imm_s(v, 0xf);
        self.b.ins().icmp_imm_s(IntCC::Equal, t, 0b0011)
    }

    fn both_small(&mut self, a: Value, b: Value) -> Value {
        let ta = self.b.ins().bxor_imm_s(a, 0b0011);
        let tb = self.b.ins().bxor_imm_s(b, 0b0011);
        let t = self.b.ins().bor(ta, tb);
        let t = self.b.ins().band_imm_s(t, 0xf);
        self.b.ins().icmp_imm_s(IntCC::Equal, t, 0)
    }

    fn primary_tag_is(&mut self, v: Value, tag: i64) -> Value {
        let t = self.b.ins().band_imm_s(v, 3);
        self.b.ins().icmp_imm_s(IntCC::Equal, t, tag)
    }

    fn function(&mut self) {
        for pc in self.start + 1..self.end {
            let blk = self.blocks[pc - self.start - 1];
            self.b.switch_to_block(blk);
            self.cur = pc;
            self.instruction(pc);
        }
        // The dispatch: a jump table over the function's indices.
        self.b.switch_to_block(self.dispatch);
        let (start, pc) = (self.start, self.pc);
        let rel = self.b.ins().iadd_imm_s(pc, -(start as i64 + 1));
        let rel = self.b.ins().ireduce(I32, rel);
        let entries = std::mem::take(&mut self.entries);
        self.jump_table(rel, &entries, pc);
        self.entries = entries;
        // The exit: store the state back and return the index.
        self.b.switch_to_block(self.exit);
        let next = self.b.block_params(self.exit)[0];
        let ctx = self.ctx;
        for (v, o) in [
            (self.ytop, off::YTOP),
            (self.htop, off::HTOP),
            (self.reds, off::REDS),
            (self.cpm, off::CPM),
            (self.cpp, off::CPP),
        ] {
            let val = self.b.use_var(v);
            self.b.ins().store(flags(), val, ctx, o);
        }
        self.b.ins().return_(&[next]);
    }

    /// Push a frame of `n` slots (the interpreter's `Stack::allocate`).
    fn allocate(&mut self, n: u16, pc: usize) {
        let yt = self.b.use_var(self.ytop);
        let new = self.b.ins().iadd_imm_s(yt, 8 * (n as i64 + 2));
        let fits = self.b.ins().icmp(IntCC::UnsignedLessThanOrEqual, new, self.yend);
        self.guard_or_exit(fits, pc);
        let cpm = self.b.use_var(self.cpm);
        let cpp = self.b.use_var(self.cpp);
        let cpw = self.b.ins().ishl_imm_s(cpp, 3);
        self.b.ins().store(flags(), cpm, yt, 0);
        self.b.ins().store(flags(), cpw, yt, 8);
        let nil = self.b.ins().iconst(I64, Term::NIL.0 as i64);
        for i in 0..n as i32 {
            self.b.ins().store(flags(), nil, yt, 16 + 8 * i);
        }
        self.b.def_var(self.ytop, new);
    }

    /// Pop a frame of `n` slots into the continuation register.
    fn deallocate(&mut self, n: u16) {
        let yt = self.b.use_var(self.ytop);
        let base = self.b.ins().iadd_imm_s(yt, -8 * (n as i64 + 2));
        let m = self.b.ins().load(I64, flags(), base, 0);
        let w = self.b.ins().load(I64, flags(), base, 8);
        let pc = self.b.ins().ushr_imm_s(w, 3);
        self.b.def_var(self.cpm, m);
        self.b.def_var(self.cpp, pc);
        self.b.def_var(self.ytop, base);
    }

    /// Return to the continuation: within this function's code when it is
    /// one of its return points, else through the interpreter.
    fn ret(&mut self) {
        let cpm = self.b.use_var(self.cpm);
        let here = self.b.ins().icmp_imm_s(IntCC::Equal, cpm, self.m as *const Module as i64);
        let local = self.b.create_block();
        let rv = self.b.ins().iconst(I64, RETURN as i64);
        self.b.ins().brif(here, local, &[], self.exit, &[BlockArg::Value(rv)]);
        self.b.switch_to_block(local);
        let cpp = self.b.use_var(self.cpp);
        let rel = self.b.ins().iadd_imm_s(cpp, -(self.start as i64 + 1));
        let rel = self.b.ins().ireduce(I32, rel);
        let rv = self.b.ins().iconst(I64, RETURN as i64);
        let returns = std::mem::take(&mut self.returns);
        self.jump_table(rel, &returns, rv);
        self.returns = returns;
    }

    /// Jump to the block of instruction `start + 1 + rel` when it is in
    /// `targets`, else to the exit with `otherwise`.
    fn jump_table(&mut self, rel: Value, targets: &BTreeSet<usize>, otherwise: Value) {
        let (start, end) = (self.start, self.end);
        // A BlockCall per entry: the SSA builder appends arguments to them.
        let call = |t: &mut Self, i: usize| {
            if targets.contains(&i) {
                let blk = t.blocks[i - start - 1];
                t.b.func.dfg.block_call(blk, &[])
            } else {
                t.b.func.dfg.block_call(t.exit, &[BlockArg::Value(otherwise)])
            }
        };
        let dflt = call(self, 0);
        let table: Vec<_> = (start + 1..end).map(|i| call(self, i)).collect();
        let jt = self.b.create_jump_table(JumpTableData::new(dflt, &table));
        self.b.ins().br_table(rel, jt);
    }

    /// A local call to this function's own entry: spend a reduction (leave
    /// when the slice is nearly spent, so the interpreter yields), set the
    /// continuation and jump.
    fn self_call(&mut self, pc: usize, cont: Option<usize>, dealloc: Option<u16>) {
        let reds = self.b.use_var(self.reds);
        let ok = self.b.ins().icmp_imm_s(IntCC::SignedGreaterThan, reds, 1);
        self.guard_or_exit(ok, pc);
        let r = self.b.ins().iadd_imm_s(reds, -1);
        self.b.def_var(self.reds, r);
        if let Some(n) = dealloc {
            self.deallocate(n);
        }
        if let Some(c) = cont {
            let m = self.b.ins().iconst(I64, self.m as *const Module as i64);
            let p = self.b.ins().iconst(I64, c as i64);
            self.b.def_var(self.cpm, m);
            self.b.def_var(self.cpp, p);
        }
        self.goto(self.start + 1);
    }

    /// Bump-allocate `words` words, leaving at `pc` when they do not fit.
    fn alloc(&mut self, words: usize, pc: usize) -> Value {
        let ht = self.b.use_var(self.htop);
        let new = self.b.ins().iadd_imm_s(ht, 8 * words as i64);
        let fits = self.b.ins().icmp(IntCC::UnsignedLessThanOrEqual, new, self.hlim);
        self.guard_or_exit(fits, pc);
        self.b.def_var(self.htop, new);
        ht
    }

    /// `x <cc> imm` on small integers (tagged words compare as their
    /// values), else leave.
    fn cmp_small(&mut self, pc: usize, a: Value, b: Value, cc: IntCC, fail: u32) {
        let ok = self.both_small(a, b);
        self.guard_or_exit(ok, pc);
        let c = self.b.ins().icmp(cc, a, b);
        self.branch(c, pc + 1, fail as usize);
    }

    fn instruction(&mut self, pc: usize) {
        let ins = &self.m.code[pc];
        match *ins {
            Instr::Move { src, dst } => {
                let v = self.get(src);
                self.put(dst, v);
                self.goto(pc + 1);
            }
            Instr::MoveXX { src, dst } => self.mov(Src::X(src), Dst::X(dst), pc),
            Instr::MoveXY { src, dst }
            | Instr::MoveXY2 { src1: src, dst1: dst, .. }
            | Instr::MoveXYArithICall { src, dst } => self.mov(Src::X(src), Dst::Y(dst), pc),
            Instr::MoveYX { src, dst }
            | Instr::MoveYX2 { src1: src, dst1: dst, .. }
            | Instr::MoveYXCall { src, dst } => self.mov(Src::Y(src), Dst::X(dst), pc),
            Instr::Swap { a, b } => {
                let va = self.get(Src::from(a));
                let vb = self.get(Src::from(b));
                self.put(a, vb);
                self.put(b, va);
                self.goto(pc + 1);
            }
            Instr::Allocate { n } | Instr::AllocateMoveXY { n, .. } | Instr::AllocateMoveXY2 { n, .. } => {
                self.allocate(n, pc);
                self.goto(pc + 1);
            }
            Instr::Deallocate { n } => {
                self.deallocate(n);
                self.goto(pc + 1);
            }
            Instr::Return {} => self.ret(),
            Instr::DeallocateReturn { n } => {
                self.deallocate(n);
                self.ret();
            }
            Instr::MoveReturn { src } => {
                let v = self.get(src);
                self.put(Dst::X(0), v);
                self.ret();
            }
            Instr::Call { target, .. } if target as usize == self.start + 1 => self.self_call(pc, Some(pc + 1), None),
            Instr::CallLast { target, dealloc, .. } if target as usize == self.start + 1 => {
                self.self_call(pc, None, Some(dealloc))
            }
            Instr::CallOnly { target, .. } if target as usize == self.start + 1 => self.self_call(pc, None, None),
            Instr::Jump { target } => self.goto(target as usize),
            Instr::IsEqXI { fail, x, imm } | Instr::IsEqXIMoveReturn { fail, x, imm, .. } => {
                let v = self.get(Src::X(x));
                let c = self.b.ins().icmp_imm_s(IntCC::Equal, v, imm.0 as i64);
                self.branch(c, pc + 1, fail as usize);
            }
            Instr::IsNeXI { fail, x, imm } => {
                let v = self.get(Src::X(x));
                let c = self.b.ins().icmp_imm_s(IntCC::NotEqual, v, imm.0 as i64);
                self.branch(c, pc + 1, fail as usize);
            }
            Instr::IsLtXI { fail, x, imm } | Instr::IsLtXIReturn { fail, x, imm } => {
                let v = self.get(Src::X(x));
                let i = self.b.ins().iconst(I64, imm.0 as i64);
                self.cmp_small(pc, v, i, IntCC::SignedLessThan, fail)
            }
            Instr::IsGeXI { fail, x, imm } => {
                let v = self.get(Src::X(x));
                let i = self.b.ins().iconst(I64, imm.0 as i64);
                self.cmp_small(pc, v, i, IntCC::SignedGreaterThanOrEqual, fail)
            }
            Instr::IsLt { fail, a, b } => {
                let (va, vb) = (self.get(a), self.get(b));
                self.cmp_small(pc, va, vb, IntCC::SignedLessThan, fail)
            }
            Instr::IsGe { fail, a, b } => {
                let (va, vb) = (self.get(a), self.get(b));
                self.cmp_small(pc, va, vb, IntCC::SignedGreaterThanOrEqual, fail)
            }
            Instr::IsEqExact { fail, a, b } => self.eq_exact(pc, a, b, pc + 1, fail as usize),
            Instr::IsNeExact { fail, a, b } => self.eq_exact(pc, a, b, fail as usize, pc + 1),
            Instr::Add { a, b, dst, .. }
            | Instr::AddMoveXY { a, b, dst, .. }
            | Instr::AddDeallocateReturn { a, b, dst, .. } => self.arith(pc, Op::Add, a, b, dst),
            Instr::Sub { a, b, dst, .. } => self.arith(pc, Op::Sub, a, b, dst),
            Instr::Mul { a, b, dst, .. } => self.arith(pc, Op::Mul, a, b, dst),
            Instr::FDiv { a, b, dst, .. } => self.arith(pc, Op::FDiv, a, b, dst),
            Instr::CmpValue { cmp, a, b, dst } => self.cmp_value(pc, cmp, a, b, dst),
            Instr::CmpValueIsTrue { cmp, a, b, dst, .. } => self.cmp_value(pc, cmp, a, b, Dst::X(dst)),
            Instr::AddI { a, imm, dst, .. } | Instr::AddICall { a, imm, dst, .. } => {
                let va = self.get(a);
                let vb = self.b.ins().iconst(I64, imm.0 as i64);
                self.arith_values(pc, Op::Add, va, vb, dst)
            }
            Instr::SubI { a, imm, dst, .. } | Instr::SubICall { a, imm, dst, .. } => {
                let va = self.get(a);
                let vb = self.b.ins().iconst(I64, imm.0 as i64);
                self.arith_values(pc, Op::Sub, va, vb, dst)
            }
            Instr::IsType { test, fail, src } => self.is_type(pc, test, fail as usize, src),
            Instr::IsConsGetList { fail, src, .. } => self.is_type(pc, TypeTest::NonEmptyList, fail as usize, src),
            Instr::IsTupleArity { fail, src, arity } | Instr::IsTupleArityGetX { fail, src, arity, .. } => {
                let v = self.get(src);
                let boxed = self.primary_tag_is(v, 2);
                let then = self.b.create_block();
                let (f, fa) = self.target(fail as usize);
                self.b.ins().brif(boxed, then, &[], f, &fa);
                self.b.switch_to_block(then);
                let h = self.b.ins().load(I64, flags(), v, -2);
                let c = self.b.ins().icmp_imm_s(IntCC::Equal, h, header(Subtag::Tuple, arity as usize) as i64);
                self.branch(c, pc + 1, fail as usize);
            }
            Instr::GetTupleElement { src, index, dst } => self.get_element(src, index, dst, pc),
            Instr::GetTupleElementsX { src, index, dst, .. } => self.get_element(src, index, Dst::X(dst), pc),
            Instr::GetList { src, hd, tl } => {
                let v = self.get(src);
                let h = self.b.ins().load(I64, flags(), v, -1);
                let t = self.b.ins().load(I64, flags(), v, 7);
                self.put(hd, h);
                self.put(tl, t);
                self.goto(pc + 1);
            }
            Instr::GetHd { src, dst } => {
                let v = self.get(src);
                let h = self.b.ins().load(I64, flags(), v, -1);
                self.put(dst, h);
                self.goto(pc + 1);
            }
            Instr::GetTl { src, dst } => {
                let v = self.get(src);
                let t = self.b.ins().load(I64, flags(), v, 7);
                self.put(dst, t);
                self.goto(pc + 1);
            }
            Instr::TestHeap { need, .. } | Instr::TestHeapPutTuple2 { need, .. } => {
                let ht = self.b.use_var(self.htop);
                let new = self.b.ins().iadd_imm_s(ht, 8 * need as i64);
                let fits = self.b.ins().icmp(IntCC::UnsignedLessThanOrEqual, new, self.hlim);
                self.guard_or_exit(fits, pc);
                self.goto(pc + 1);
            }
            Instr::PutList { hd, tl, dst } => {
                let (h, t) = (self.get(hd), self.get(tl));
                let p = self.alloc(2, pc);
                self.b.ins().store(flags(), h, p, 0);
                self.b.ins().store(flags(), t, p, 8);
                let c = self.b.ins().iadd_imm_s(p, 1);
                self.put(dst, c);
                self.goto(pc + 1);
            }
            Instr::PutTuple { ref elems, dst } => {
                let vals: Vec<Value> = elems.iter().map(|s| self.get(*s)).collect();
                let p = self.alloc(vals.len() + 1, pc);
                let h = self.b.ins().iconst(I64, header(Subtag::Tuple, vals.len()) as i64);
                self.b.ins().store(flags(), h, p, 0);
                for (i, v) in vals.into_iter().enumerate() {
                    self.b.ins().store(flags(), v, p, 8 * (i as i32 + 1));
                }
                let t = self.b.ins().iadd_imm_s(p, 2);
                self.put(dst, t);
                self.goto(pc + 1);
            }
            Instr::SelectVal { src, fail, ref table }
                if table.len() <= 16 && table.iter().all(|(t, _)| t.is_immediate()) =>
            {
                let v = self.get(src);
                for &(t, label) in table.iter() {
                    let c = self.b.ins().icmp_imm_s(IntCC::Equal, v, t.0 as i64);
                    let next = self.b.create_block();
                    let (tb, ta) = self.target(label as usize);
                    self.b.ins().brif(c, tb, &ta, next, &[]);
                    self.b.switch_to_block(next);
                }
                self.goto(fail as usize);
            }
            Instr::MakeFun { lambda, ref free, dst } => self.make_fun(pc, lambda, free, dst),
            Instr::Arith { op, a, b, dst, .. } => match op {
                ArithOp::Add => self.arith(pc, Op::Add, a, b, dst),
                ArithOp::Sub => self.arith(pc, Op::Sub, a, b, dst),
                ArithOp::Mul => self.arith(pc, Op::Mul, a, b, dst),
                ArithOp::FDiv => self.arith(pc, Op::FDiv, a, b, dst),
                ArithOp::Bsl => self.leave(pc),
                _ => self.int_op(pc, op, a, b, dst),
            },
            Instr::Bif { bif, ref args, dst, .. } => self.bif(pc, bif, args, dst),
            // The interpreter runs this one and comes back after it.
            _ => self.leave(pc),
        }
    }

    /// `a op b`: small integers (not for `/`), else floats (small integers
    /// converted), else leave at `pc`; so do overflow and results that are
    /// not finite, for the interpreter to make a bignum or raise.
    fn arith(&mut self, pc: usize, op: Op, a: Src, b: Src, dst: Dst) {
        let (va, vb) = (self.get(a), self.get(b));
        self.arith_values(pc, op, va, vb, dst)
    }

    /// `arith` on values (an immediate operand is a constant, whose tests
    /// Cranelift folds away).
    fn arith_values(&mut self, pc: usize, op: Op, va: Value, vb: Value, dst: Dst) {
        let float = self.b.create_block();
        if op != Op::FDiv {
            let ints = self.b.create_block();
            let small = self.both_small(va, vb);
            self.b.ins().brif(small, ints, &[], float, &[]);
            self.b.switch_to_block(ints);
            let bv = self.b.ins().band_imm_s(vb, !0xf);
            let (r, of) = match op {
                Op::Add => self.b.ins().sadd_overflow(va, bv),
                Op::Sub => self.b.ins().ssub_overflow(va, bv),
                _ => {
                    // a * (b << 4), then the tag.
                    let x = self.b.ins().sshr_imm_s(va, 4);
                    let (p, of) = self.b.ins().smul_overflow(x, bv);
                    (self.b.ins().bor_imm_s(p, 0b0011), of)
                }
            };
            let no = self.b.ins().icmp_imm_s(IntCC::Equal, of, 0);
            self.guard_or_exit(no, pc);
            self.put(dst, r);
            self.goto(pc + 1);
        } else {
            self.b.ins().jump(float, &[]);
        }
        self.b.switch_to_block(float);
        let x = self.float_of(va, pc);
        let y = self.float_of(vb, pc);
        let r = match op {
            Op::Add => self.b.ins().fadd(x, y),
            Op::Sub => self.b.ins().fsub(x, y),
            Op::Mul => self.b.ins().fmul(x, y),
            Op::FDiv => self.b.ins().fdiv(x, y),
        };
        self.put_float(pc, r, dst);
    }

    /// The number `v` as a float: a small integer converted, or a boxed
    /// float's value; anything else leaves at `pc`.
    fn float_of(&mut self, v: Value, pc: usize) -> Value {
        let join = self.b.create_block();
        self.b.append_block_param(join, F64);
        let small = self.b.create_block();
        let other = self.b.create_block();
        let is_small = self.is_small(v);
        self.b.ins().brif(is_small, small, &[], other, &[]);
        self.b.switch_to_block(small);
        let i = self.b.ins().sshr_imm_s(v, 4);
        let f = self.b.ins().fcvt_from_sint(F64, i);
        self.b.ins().jump(join, &[BlockArg::Value(f)]);
        self.b.switch_to_block(other);
        let boxed = self.primary_tag_is(v, 2);
        self.guard_or_exit(boxed, pc);
        let h = self.b.ins().load(I64, flags(), v, -2);
        let is_float = self.b.ins().icmp_imm_s(IntCC::Equal, h, FLOAT_HEADER as i64);
        self.guard_or_exit(is_float, pc);
        let f = self.b.ins().load(F64, flags(), v, 6);
        self.b.ins().jump(join, &[BlockArg::Value(f)]);
        self.b.switch_to_block(join);
        self.b.block_params(join)[0]
    }

    /// A comparison as a value (`true`/`false` in `dst`): small integers
    /// for `<`/`>=`, immediates for the equalities, else leave at `pc`.
    fn cmp_value(&mut self, pc: usize, cmp: Cmp, a: Src, b: Src, dst: Dst) {
        let (va, vb) = (self.get(a), self.get(b));
        let c = match cmp {
            Cmp::Lt | Cmp::Ge => {
                let ok = self.both_small(va, vb);
                self.guard_or_exit(ok, pc);
                let cc = if cmp == Cmp::Lt { IntCC::SignedLessThan } else { IntCC::SignedGreaterThanOrEqual };
                self.b.ins().icmp(cc, va, vb)
            }
            Cmp::Eq | Cmp::Ne => {
                // Two immediates are equal (even with ==) only as one word.
                let ia = self.primary_tag_is(va, 3);
                let ib = self.primary_tag_is(vb, 3);
                let both = self.b.ins().band(ia, ib);
                self.guard_or_exit(both, pc);
                let cc = if cmp == Cmp::Eq { IntCC::Equal } else { IntCC::NotEqual };
                self.b.ins().icmp(cc, va, vb)
            }
            Cmp::EqExact | Cmp::NeExact => {
                // Equal words, or an immediate against anything else.
                let same = self.b.ins().icmp(IntCC::Equal, va, vb);
                let ia = self.primary_tag_is(va, 3);
                let ib = self.primary_tag_is(vb, 3);
                let known = self.b.ins().bor(ia, ib);
                let known = self.b.ins().bor(known, same);
                self.guard_or_exit(known, pc);
                if cmp == Cmp::EqExact {
                    same
                } else {
                    self.b.ins().icmp_imm_s(IntCC::Equal, same, 0)
                }
            }
        };
        let t = self.b.ins().iconst(I64, Term::TRUE.0 as i64);
        let f = self.b.ins().iconst(I64, Term::FALSE.0 as i64);
        let v = self.b.ins().select(c, t, f);
        self.put(dst, v);
        self.goto(pc + 1);
    }

    /// Hand instruction `pc` to the interpreter, and come back after it.
    fn leave(&mut self, pc: usize) {
        if pc + 1 < self.end {
            self.entries.insert(pc + 1);
        }
        self.exit(pc as u64)
    }

    /// A closure over lambda `lambda` of the module (the heap's `closure`).
    fn make_fun(&mut self, pc: usize, lambda: u32, free: &[Src], dst: Dst) {
        let l = self.m.lambdas[lambda as usize] as *const crate::code::Lambda as i64;
        let vals: Vec<Value> = free.iter().map(|s| self.get(*s)).collect();
        let p = self.alloc(2 + vals.len(), pc);
        let h = self.b.ins().iconst(I64, header(Subtag::Fun, 1 + vals.len()) as i64);
        self.b.ins().store(flags(), h, p, 0);
        let lv = self.b.ins().iconst(I64, l);
        self.b.ins().store(flags(), lv, p, 8);
        for (i, v) in vals.into_iter().enumerate() {
            self.b.ins().store(flags(), v, p, 16 + 8 * i as i32);
        }
        let t = self.b.ins().iadd_imm_s(p, 2);
        self.put(dst, t);
        self.goto(pc + 1);
    }

    /// `div`, `rem`, `band`, `bor`, `bxor`, `bsr` on small integers; the
    /// rest (and division by zero) goes to the interpreter.
    fn int_op(&mut self, pc: usize, op: ArithOp, a: Src, b: Src, dst: Dst) {
        let (va, vb) = (self.get(a), self.get(b));
        let ok = self.both_small(va, vb);
        self.guard_or_exit(ok, pc);
        let x = self.b.ins().sshr_imm_s(va, 4);
        let y = self.b.ins().sshr_imm_s(vb, 4);
        let r = match op {
            ArithOp::IDiv | ArithOp::Rem => {
                let nz = self.b.ins().icmp_imm_s(IntCC::NotEqual, y, 0);
                self.guard_or_exit(nz, pc);
                // x >= -2^59, so x / -1 does not overflow i64; it may
                // leave the small range (-2^59 div -1), checked below.
                let q = if op == ArithOp::IDiv { self.b.ins().sdiv(x, y) } else { self.b.ins().srem(x, y) };
                let t = self.b.ins().ishl_imm_s(q, 4);
                let back = self.b.ins().sshr_imm_s(t, 4);
                let fits = self.b.ins().icmp(IntCC::Equal, back, q);
                self.guard_or_exit(fits, pc);
                self.b.ins().bor_imm_s(t, 0b0011)
            }
            ArithOp::Band => self.b.ins().band(va, vb),
            ArithOp::Bor => self.b.ins().bor(va, vb),
            ArithOp::Bxor => {
                let r = self.b.ins().bxor(va, vb);
                self.b.ins().bor_imm_s(r, 0b0011)
            }
            _ => {
                // Bsr by 0..63 (a larger or negative shift: the interpreter).
                let inr = self.b.ins().icmp_imm_u(IntCC::UnsignedLessThan, y, 64);
                self.guard_or_exit(inr, pc);
                let s = self.b.ins().sshr(x, y);
                let s = self.b.ins().ishl_imm_s(s, 4);
                self.b.ins().bor_imm_s(s, 0b0011)
            }
        };
        self.put(dst, r);
        self.goto(pc + 1);
    }

    /// A float result: leave at `pc` unless finite (the interpreter
    /// raises badarith), else box it into `dst`.
    fn put_float(&mut self, pc: usize, r: Value, dst: Dst) {
        let bits = self.b.ins().bitcast(I64, MemFlagsData::new(), r);
        // Finite: the exponent is not all ones.
        let e = self.b.ins().band_imm_s(bits, 0x7ff0_0000_0000_0000);
        let finite = self.b.ins().icmp_imm_s(IntCC::NotEqual, e, 0x7ff0_0000_0000_0000);
        self.guard_or_exit(finite, pc);
        let p = self.alloc(2, pc);
        let h = self.b.ins().iconst(I64, FLOAT_HEADER as i64);
        self.b.ins().store(flags(), h, p, 0);
        self.b.ins().store(flags(), bits, p, 8);
        let t = self.b.ins().iadd_imm_s(p, 2);
        self.put(dst, t);
        self.goto(pc + 1);
    }

    /// The guard BIFs worth running natively; the others (and every error)
    /// go to the interpreter.
    fn bif(&mut self, pc: usize, b: u16, args: &[Src], dst: Dst) {
        match (b, args) {
            (bif::HD | bif::TL, &[s]) => {
                let v = self.get(s);
                let cons = self.primary_tag_is(v, 1);
                self.guard_or_exit(cons, pc);
                let off = if b == bif::HD { -1 } else { 7 };
                let r = self.b.ins().load(I64, flags(), v, off);
                self.put(dst, r);
                self.goto(pc + 1);
            }
            (bif::TUPLE_SIZE, &[s]) => {
                let v = self.get(s);
                let h = self.tuple_header(v, pc);
                let n = self.b.ins().ushr_imm_s(h, 6);
                let n = self.b.ins().ishl_imm_s(n, 4);
                let r = self.b.ins().bor_imm_s(n, 0b0011);
                self.put(dst, r);
                self.goto(pc + 1);
            }
            (bif::ELEMENT, &[i, t]) => {
                let (vi, vt) = (self.get(i), self.get(t));
                let small = self.is_small(vi);
                self.guard_or_exit(small, pc);
                let h = self.tuple_header(vt, pc);
                let n = self.b.ins().sshr_imm_s(vi, 4);
                let arity = self.b.ins().ushr_imm_s(h, 6);
                // 1 <= n <= arity, as one unsigned test on n - 1.
                let n1 = self.b.ins().iadd_imm_s(n, -1);
                let inr = self.b.ins().icmp(IntCC::UnsignedLessThan, n1, arity);
                self.guard_or_exit(inr, pc);
                let off = self.b.ins().ishl_imm_s(n, 3);
                let addr = self.b.ins().iadd(vt, off);
                let r = self.b.ins().load(I64, flags(), addr, -2);
                self.put(dst, r);
                self.goto(pc + 1);
            }
            (bif::NEG, &[s]) => {
                let v = self.get(s);
                let ints = self.b.create_block();
                let float = self.b.create_block();
                let small = self.is_small(v);
                self.b.ins().brif(small, ints, &[], float, &[]);
                self.b.switch_to_block(ints);
                let zero = self.b.ins().iconst(I64, 0);
                let bv = self.b.ins().band_imm_s(v, !0xf);
                let (r, of) = self.b.ins().ssub_overflow(zero, bv);
                let no = self.b.ins().icmp_imm_s(IntCC::Equal, of, 0);
                self.guard_or_exit(no, pc);
                let r = self.b.ins().bor_imm_s(r, 0b0011);
                self.put(dst, r);
                self.goto(pc + 1);
                self.b.switch_to_block(float);
                let x = self.float_of(v, pc);
                let r = self.b.ins().fneg(x);
                self.put_float(pc, r, dst);
            }
            (bif::MATH_SQRT, &[s]) => {
                let v = self.get(s);
                let x = self.float_of(v, pc);
                // A negative argument gives NaN: the interpreter raises.
                let r = self.b.ins().sqrt(x);
                self.put_float(pc, r, dst);
            }
            _ => self.leave(pc),
        }
    }

    /// The header of tuple `v`; anything else leaves at `pc`.
    fn tuple_header(&mut self, v: Value, pc: usize) -> Value {
        let boxed = self.primary_tag_is(v, 2);
        self.guard_or_exit(boxed, pc);
        let h = self.b.ins().load(I64, flags(), v, -2);
        let st = self.b.ins().band_imm_s(h, 0b11_1100);
        let is_tuple = self.b.ins().icmp_imm_s(IntCC::Equal, st, (Subtag::Tuple as i64) << 2);
        self.guard_or_exit(is_tuple, pc);
        h
    }

    fn mov(&mut self, s: Src, d: Dst, pc: usize) {
        let v = self.get(s);
        self.put(d, v);
        self.goto(pc + 1);
    }

    fn get_element(&mut self, src: Src, index: u32, dst: Dst, pc: usize) {
        let v = self.get(src);
        let e = self.b.ins().load(I64, flags(), v, 8 * (index as i32 + 1) - 2);
        self.put(dst, e);
        self.goto(pc + 1);
    }

    /// `a =:= b`: go to `eq` or `ne`. Equal words are exactly equal; an
    /// immediate is exactly equal only to the same word; two boxed or list
    /// terms need the interpreter.
    fn eq_exact(&mut self, pc: usize, a: Src, b: Src, eq: usize, ne: usize) {
        let (va, vb) = (self.get(a), self.get(b));
        let same = self.b.ins().icmp(IntCC::Equal, va, vb);
        let differ = self.b.create_block();
        let (eb, ea) = self.target(eq);
        self.b.ins().brif(same, eb, &ea, differ, &[]);
        self.b.switch_to_block(differ);
        let ia = self.primary_tag_is(va, 3);
        let ib = self.primary_tag_is(vb, 3);
        let imm = self.b.ins().bor(ia, ib);
        self.guard_or_exit(imm, pc);
        self.goto(ne);
    }

    /// Go to `pc + 1` when `v` is boxed with one of `kinds` (or a small
    /// integer, with `small`), else to `fail`.
    fn boxed_kind(&mut self, v: Value, kinds: &[Subtag], small: bool, pc: usize, fail: usize) {
        let boxed_block = self.b.create_block();
        let not_small = self.b.create_block();
        if small {
            let s = self.is_small(v);
            let (t, ta) = self.target(pc + 1);
            self.b.ins().brif(s, t, &ta, not_small, &[]);
        } else {
            self.b.ins().jump(not_small, &[]);
        }
        self.b.switch_to_block(not_small);
        let boxed = self.primary_tag_is(v, 2);
        let (f, fa) = self.target(fail);
        self.b.ins().brif(boxed, boxed_block, &[], f, &fa);
        self.b.switch_to_block(boxed_block);
        let h = self.b.ins().load(I64, flags(), v, -2);
        let st = self.b.ins().ushr_imm_s(h, 2);
        let st = self.b.ins().band_imm_s(st, 0xf);
        let mask: i64 = kinds.iter().map(|k| 1i64 << (*k as u8)).sum();
        let m = self.b.ins().iconst(I64, mask);
        let bit = self.b.ins().ushr(m, st);
        let bit = self.b.ins().band_imm_s(bit, 1);
        self.branch(bit, pc + 1, fail);
    }

    fn is_type(&mut self, pc: usize, test: TypeTest, fail: usize, src: Src) {
        let v = self.get(src);
        let c = match test {
            TypeTest::NonEmptyList => self.primary_tag_is(v, 1),
            TypeTest::Nil => self.b.ins().icmp_imm_s(IntCC::Equal, v, Term::NIL.0 as i64),
            TypeTest::List => {
                let cons = self.primary_tag_is(v, 1);
                let nil = self.b.ins().icmp_imm_s(IntCC::Equal, v, Term::NIL.0 as i64);
                self.b.ins().bor(cons, nil)
            }
            TypeTest::Atom => {
                let t = self.b.ins().band_imm_s(v, 0xf);
                self.b.ins().icmp_imm_s(IntCC::Equal, t, 0b0111)
            }
            TypeTest::Boolean => {
                let t = self.b.ins().icmp_imm_s(IntCC::Equal, v, Term::TRUE.0 as i64);
                let f = self.b.ins().icmp_imm_s(IntCC::Equal, v, Term::FALSE.0 as i64);
                self.b.ins().bor(t, f)
            }
            TypeTest::Integer => return self.boxed_kind(v, &[Subtag::PosBig, Subtag::NegBig], true, pc, fail),
            TypeTest::Number => {
                return self.boxed_kind(v, &[Subtag::PosBig, Subtag::NegBig, Subtag::Float], true, pc, fail)
            }
            TypeTest::Float => return self.boxed_kind(v, &[Subtag::Float], false, pc, fail),
            TypeTest::Map => return self.boxed_kind(v, &[Subtag::Map], false, pc, fail),
            TypeTest::Reference => return self.boxed_kind(v, &[Subtag::Ref], false, pc, fail),
            TypeTest::Function => return self.boxed_kind(v, &[Subtag::Fun, Subtag::Export], false, pc, fail),
            TypeTest::Tuple => return self.boxed_kind(v, &[Subtag::Tuple], false, pc, fail),
            // Binaries, pids, ports: the interpreter, then back here.
            _ => return self.leave(pc),
        };
        self.branch(c, pc + 1, fail);
    }
}
