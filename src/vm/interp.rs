//! The interpreter: one function that runs a process for a budget of
//! reductions.
//!
//! Safe points, where the collector may run: `TestHeap`, the slow paths of
//! `Arith`/`Bif`/`PutMap` (with their `live` count), and calls (with the
//! arguments live) when heap fragments have piled up.

use super::exception::{BifResult, Class, Exception};
use super::process::{live_first, Handler, Process, Registers, Resume, MAX_X};
use super::{arith, bits, stacktrace};
use crate::bif;
use crate::code::instr::{ArithOp, Cmp, Dst, ErrorKind, Instr, MapBuild, SegType, Src, TypeTest};
use crate::code::{server, Lambda, Module};
use crate::heap::Alloc;
use crate::term::order::{compare, eq, eq_exact};
use crate::term::{atoms, Atom, Subtag, Term};
use std::cmp::Ordering;

pub enum Exit {
    /// Budget spent; `process.resume` says where to continue.
    Yield,
    /// The initial call returned this value.
    Done(Term),
    /// An exception was not caught.
    Crash(Exception),
    /// Waiting in receive; `process.resume` says where to continue.
    Wait,
}

/// What a call resolves to.
enum Callee {
    Code(&'static Module, u32),
    Bif(u16),
}

/// Set up `p` to call `module:function(args)` when run.
pub fn prepare_call(p: &mut Process, m: Atom, f: Atom, args: &[Term]) -> Result<(), Exception> {
    let md = server::ensure_loaded(m).map_err(|_| Exception::error(Term::atom(atoms::UNDEF)))?;
    let entry = md
        .exports
        .iter()
        .find(|(n, a, _)| *n == f && *a as usize == args.len())
        .map(|e| e.2)
        .ok_or_else(|| Exception::error(Term::atom(atoms::UNDEF)))?;
    p.saved.clear();
    p.saved.extend_from_slice(args);
    p.resume = Some(Resume { module: md, pc: entry, cp: (None, 0) });
    Ok(())
}

#[inline(always)]
fn cmp_holds(cmp: Cmp, a: Term, b: Term) -> bool {
    match cmp {
        Cmp::Lt => {
            if Term::both_small(a, b) {
                a.small_value() < b.small_value()
            } else {
                compare(a, b) == Ordering::Less
            }
        }
        Cmp::Ge => {
            if Term::both_small(a, b) {
                a.small_value() >= b.small_value()
            } else {
                compare(a, b) != Ordering::Less
            }
        }
        Cmp::Eq => eq(a, b),
        Cmp::Ne => !eq(a, b),
        Cmp::EqExact => eq_exact(a, b),
        Cmp::NeExact => !eq_exact(a, b),
    }
}

fn type_holds(test: TypeTest, t: Term) -> bool {
    match test {
        TypeTest::Integer => t.is_integer(),
        TypeTest::Float => t.is_float(),
        TypeTest::Number => t.is_number(),
        TypeTest::Atom => t.is_atom(),
        TypeTest::Boolean => t.is_boolean(),
        TypeTest::List => t.is_list() || t.is_nil(),
        TypeTest::NonEmptyList => t.is_list(),
        TypeTest::Nil => t.is_nil(),
        TypeTest::Tuple => t.is_tuple(),
        TypeTest::Map => t.is_map(),
        TypeTest::Function => t.is_fun(),
        TypeTest::Pid => t.is_pid(),
        TypeTest::Reference => t.is_ref(),
        TypeTest::Binary => t.is_binary(),
        TypeTest::Bitstring => t.is_bitstring(),
        TypeTest::Port => false,
    }
}

/// GIRDER_VERIFY_EACH=1 (debug builds): check the heap before every
/// instruction, to find the one that corrupts it.
fn verify_each() -> bool {
    static V: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *V.get_or_init(|| std::env::var_os("GIRDER_VERIFY_EACH").is_some())
}

/// Copy tuple elements into x_d, x_d+1, ...: small runs word by word,
/// since `copy_from_slice` of a length known only at run time is a call
/// to memcpy, which costs more than the copy of a pair.
#[inline(always)]
fn copy_elements(xreg: &mut [Term], d: usize, el: &[Term]) {
    match *el {
        [a] => xreg[d] = a,
        [a, b] => {
            xreg[d] = a;
            xreg[d + 1] = b;
        }
        [a, b, c] => {
            xreg[d] = a;
            xreg[d + 1] = b;
            xreg[d + 2] = c;
        }
        _ => xreg[d..d + el.len()].copy_from_slice(el),
    }
}

/// What `jit_run` leaves the interpreter to do.
enum JitOut {
    /// Go on at the same instruction (nothing compiled there yet).
    Stay,
    /// Go on at this instruction.
    At(&'static Module, u32),
    /// The process's first call returned (x0 holds the value).
    Done,
}

/// Run compiled code from instruction `pc` of `module` (slot: its entry in
/// the module's JIT table), following calls and returns into other
/// compiled code, until the code hands an instruction to the interpreter.
#[inline(never)]
fn jit_run(
    p: &mut Process,
    xreg: &mut [Term; MAX_X],
    mut module: &'static Module,
    mut pc: usize,
    mut slot: u64,
    reds: &mut i32,
    cp: &mut crate::heap::stack::Cont<Module>,
) -> JitOut {
    if slot & 1 == 1 {
        match crate::jit::code_at(module, pc, slot) {
            Some(c) => slot = c,
            None => return JitOut::Stay,
        }
    }
    let compiled = |s: u64| s != 0 && s & 1 == 0;
    let mut s = crate::jit::Session::open(p, xreg, *reds, *cp);
    let out = loop {
        let next = s.run(slot, pc);
        if next == crate::jit::RETURN {
            match s.cp() {
                (Some(m), c) => {
                    module = m;
                    pc = c as usize;
                    slot = module.jit.get(pc);
                    if !compiled(slot) {
                        break JitOut::At(module, c);
                    }
                    continue;
                }
                (None, _) => break JitOut::Done,
            }
        }
        // A call the compiled code left to the interpreter: made here when
        // the callee is compiled too (the interpreter's Call, without its
        // dispatch). Anything else goes back to the interpreter.
        let next = next as usize;
        let (callee, entry) = match module.code[next] {
            Instr::Call { target, .. } | Instr::CallLast { target, .. } | Instr::CallOnly { target, .. } => {
                (module, target as usize)
            }
            Instr::CallExt { import, .. } | Instr::CallExtLast { import, .. } | Instr::CallExtOnly { import, .. } => {
                match module.imports[import as usize].target() {
                    Some(t) => (t.module, t.entry as usize),
                    None => break JitOut::At(module, next as u32),
                }
            }
            _ => break JitOut::At(module, next as u32),
        };
        let t = callee.jit.get(entry);
        if !compiled(t) || s.reds() <= 1 {
            break JitOut::At(module, next as u32);
        }
        match module.code[next] {
            Instr::Call { .. } | Instr::CallExt { .. } => s.set_cp(module, next + 1),
            Instr::CallLast { dealloc, .. } | Instr::CallExtLast { dealloc, .. } => s.deallocate(dealloc),
            _ => {}
        }
        s.spend();
        module = callee;
        pc = entry;
        slot = t;
    };
    s.close(reds, cp);
    out
}

/// The lambda a closure runs.
pub fn closure_lambda(f: Term) -> &'static Lambda {
    let w = f.boxed_body()[0].0;
    crate::heap::static_ref(w as *mut Lambda)
}

/// Run `p` for at most `budget` reductions with the register file `regs`
/// (the caller's, one per scheduler thread; see process.rs for what a
/// process keeps of it between runs).
pub fn run(p: &mut Process, regs: &mut Registers, budget: i32) -> Exit {
    let resume = p.resume.take().expect("process has no code to run");
    let xreg: &mut [Term; MAX_X] = regs;
    if !p.saved.is_empty() {
        xreg[..p.saved.len()].copy_from_slice(&p.saved);
        p.saved.clear();
    }
    let mut module: &'static Module = resume.module;
    let mut code: &'static [Instr] = &module.code;
    let mut consts: &'static [Term] = &module.consts;
    let mut pc = resume.pc as usize;
    let mut cp = resume.cp;
    let mut reds = budget;
    // The bitstring being matched, resolved once per match (see
    // `bits::MatchView`).
    let mut mview = bits::MatchView::EMPTY;
    // Where compiled code that handed an instruction to the interpreter
    // takes over again (see `jit_check`); usize::MAX: nowhere.
    let mut jit_resume = usize::MAX;

    macro_rules! get {
        ($s:expr) => {
            match $s {
                Src::X(i) => xreg[i as usize & (MAX_X - 1)],
                Src::Y(i) => p.stack.y(i),
                Src::Lit(i) => consts[i as usize],
            }
        };
    }
    macro_rules! put {
        ($d:expr, $v:expr) => {{
            let v = $v;
            debug_assert!(v.0 & 3 != 0, "writing a non-term {:#x} at pc {}", v.0, pc - 1);
            match $d {
                Dst::X(i) => xreg[i as usize & (MAX_X - 1)] = v,
                Dst::Y(i) => p.stack.set_y(i, v),
            }
        }};
    }
    macro_rules! jump_to {
        ($m:expr, $pc:expr) => {{
            module = $m;
            code = &module.code;
            consts = &module.consts;
            pc = $pc as usize;
        }};
    }
    // The match view of `$t`: the cached one when it is still good.
    macro_rules! view {
        ($t:expr) => {{
            let t: Term = $t;
            if mview.src != t || mview.epoch != p.heap.collections {
                mview = bits::MatchView::of(t, p.heap.collections).expect("BsStart tested for a bitstring");
            }
            mview
        }};
    }
    // Run compiled code at `pc` when there is some (or count a call at a
    // function's entry until it is compiled).
    macro_rules! jit_check {
        () => {{
            let slot = module.jit.get(pc);
            if slot != 0 {
                match jit_run(p, xreg, module, pc, slot, &mut reds, &mut cp) {
                    JitOut::Stay => {}
                    JitOut::At(m, c) => {
                        jump_to!(m, c);
                        // Compiled code goes on after the instruction it
                        // left to the interpreter.
                        jit_resume = pc + 1;
                    }
                    JitOut::Done => {
                        p.reductions += (budget - reds).max(0) as u64;
                        return Exit::Done(xreg[0]);
                    }
                }
            }
        }};
    }
    // Continue at the continuation; the first call's return leaves run().
    macro_rules! return_to_cp {
        () => {{
            match cp {
                (Some(m), c) if std::ptr::eq(m, module) => pc = c as usize,
                (Some(m), c) => jump_to!(m, c),
                (None, _) => {
                    p.reductions += (budget - reds).max(0) as u64;
                    return Exit::Done(xreg[0]);
                }
            }
            jit_check!();
        }};
    }
    // Raise an exception: unwind to the innermost handler or leave.
    macro_rules! raise {
        ($e:expr) => {{
            let mut e: Exception = $e;
            if e.trace == Term::NON_VALUE {
                e.trace = stacktrace::build(p, module, pc.saturating_sub(1), &e);
            }
            match if e.signal { None } else { p.handlers.pop() } {
                Some(h) => {
                    p.stack.truncate(h.stack_len);
                    xreg[0] = Term::atom(e.class.atom());
                    xreg[1] = e.reason;
                    xreg[2] = e.trace;
                    jump_to!(h.module, h.label);
                    continue;
                }
                None => {
                    p.reductions += (budget - reds).max(0) as u64;
                    return Exit::Crash(e);
                }
            }
        }};
    }
    // Spend a reduction for a call; yield at the call when the budget is spent.
    macro_rules! call_reds {
        ($arity:expr, $resume_m:expr, $resume_pc:expr) => {{
            reds -= 1;
            if reds <= 0 {
                // Fragments left by BIFs are also collected by the next
                // safe point that needs room (has_room counts them); a
                // yield is a good moment to absorb them.
                if p.heap.frag_words() > 0 && !p.heap.has_room(0) {
                    p.gc(xreg, 0, live_first($arity as usize));
                }
                p.reductions += budget as u64;
                p.saved.extend_from_slice(&xreg[..$arity as usize]);
                p.resume = Some(Resume { module: $resume_m, pc: $resume_pc as u32, cp });
                return Exit::Yield;
            }
        }};
    }
    macro_rules! fail_or_raise {
        ($fail:expr, $e:expr) => {{
            if $fail != 0 {
                pc = $fail as usize;
                continue;
            } else {
                raise!($e)
            }
        }};
    }
    macro_rules! enter_callee {
        ($callee:expr, $arity:expr) => {{
            match $callee {
                Callee::Code(m, entry) => {
                    jump_to!(m, entry);
                    jit_check!();
                }
                Callee::Bif(b) => {
                    let args: Vec<Term> = xreg[..$arity as usize].to_vec();
                    match call_bif(p, b, &args) {
                        Ok(v) => {
                            xreg[0] = v;
                            match cp {
                                (Some(m), c) => jump_to!(m, c),
                                (None, _) => return Exit::Done(v),
                            }
                        }
                        Err(e) => match e.as_trap() {
                            // The arguments are still in x0..; the
                            // continuation is the BIF's.
                            Some((tm, tf)) => match resolve_mfa(p, xreg, tm, tf, $arity as u32) {
                                Ok(Callee::Code(m, entry)) => jump_to!(m, entry),
                                Ok(Callee::Bif(_)) => raise!(Exception::badarg()),
                                Err(e) => raise!(e),
                            },
                            None => raise!(e),
                        },
                    }
                }
            }
        }};
    }

    // The `Call` at `pc` that the instruction just run was fused with.
    macro_rules! fused_call {
        () => {{
            if let Instr::Call { arity, target } = code[pc] {
                pc += 1;
                cp = (Some(module), pc as u32);
                call_reds!(arity, module, target);
                pc = target as usize;
                jit_check!();
            }
        }};
    }

    // `AddICall`/`SubICall` `$ins` then the `Call` at `pc` (see instr.rs).
    macro_rules! arith_i_call {
        ($ins:expr) => {{
            if let Instr::AddICall { fail, a, imm, dst, live } | Instr::SubICall { fail, a, imm, dst, live } = $ins {
                let ins = $ins;
                let va = get!(*a);
                let is_add = matches!(ins, Instr::AddICall { .. });
                let fast = if va.is_small() {
                    let (x, y) = (va.0 as i64, (imm.0 & !0xf) as i64);
                    if is_add {
                        x.checked_add(y)
                    } else {
                        x.checked_sub(y)
                    }
                } else {
                    None
                };
                match fast {
                    Some(r) => put!(*dst, Term(r as u64)),
                    None => {
                        let op = if is_add { ArithOp::Add } else { ArithOp::Sub };
                        match arith::binary(p, xreg, op, va, *imm, *live) {
                            Ok(v) => put!(*dst, v),
                            Err(e) => fail_or_raise!(*fail, e),
                        }
                    }
                }
                // The Call this was fused with.
                fused_call!();
            }
        }};
    }

    // `MoveYXCall`: x_dst := y_src, then the `Call` at `pc`.
    macro_rules! move_yx_call {
        ($src:expr, $dst:expr) => {{
            xreg[$dst as usize & (MAX_X - 1)] = p.stack.y($src);
            // The Call this was fused with.
            fused_call!();
        }};
    }

    // `IsEqXIMoveReturn`.
    macro_rules! is_eq_xi_move_return {
        ($fail:expr, $x:expr, $imm:expr, $src:expr) => {{
            if xreg[$x as usize & (MAX_X - 1)] == $imm {
                xreg[0] = get!($src);
                return_to_cp!();
            } else {
                pc = $fail as usize;
            }
        }};
    }
    // `IsEqXI`; when it holds, an `IsEqXIMoveReturn` after it runs
    // without a dispatch (a pattern of two constants, `{nil, nil}`).
    macro_rules! is_eq_xi {
        ($fail:expr, $x:expr, $imm:expr) => {{
            // An immediate is exactly equal only to the same word.
            if xreg[$x as usize & (MAX_X - 1)] != $imm {
                pc = $fail as usize;
            } else if let Instr::IsEqXIMoveReturn { fail, x, imm, src } = code[pc] {
                // (It returns or jumps: pc need not step over it.)
                is_eq_xi_move_return!(fail, x, imm, src)
            }
        }};
    }

    loop {
        if pc == jit_resume {
            jit_resume = usize::MAX;
            jit_check!();
        }
        let ins = &code[pc];
        if cfg!(debug_assertions) && verify_each() {
            if let Err(e) = crate::heap::gc::verify(&p.heap, &[], &crate::code::server::is_literal) {
                panic!("heap corrupt before pc {pc} ({:?}) in {}: {e}", ins, module.name.name());
            }
        }
        pc += 1;
        match ins {
            Instr::FuncInfo { .. } => {}
            Instr::Move { src, dst } => put!(*dst, get!(*src)),
            Instr::Swap { a, b } => {
                let va = get!(Src::from(*a));
                let vb = get!(Src::from(*b));
                put!(*a, vb);
                put!(*b, va);
            }
            Instr::Allocate { n } => p.stack.allocate(*n as usize, cp),
            Instr::AllocateMoveXY { n, src, dst } => {
                p.stack.allocate(*n as usize, cp);
                p.stack.set_y(*dst, xreg[*src as usize & (MAX_X - 1)]);
                pc += 1; // the MoveXY this replaces
                         // A frame is made for a call: run the first call's
                         // argument set-up without a dispatch (`f(N - 1)`).
                let next = &code[pc];
                if let Instr::AddICall { .. } | Instr::SubICall { .. } = next {
                    pc += 1;
                    arith_i_call!(next)
                }
            }
            Instr::AllocateMoveXY2 { n, src1, dst1, src2, dst2 } => {
                p.stack.allocate(*n as usize, cp);
                p.stack.set_y(*dst1, xreg[*src1 as usize & (MAX_X - 1)]);
                p.stack.set_y(*dst2, xreg[*src2 as usize & (MAX_X - 1)]);
                pc += 2; // the two MoveXYs this replaces
                         // A frame is made for a call: run the first call without
                         // a dispatch.
                if let Instr::MoveYXCall { src, dst } = code[pc] {
                    pc += 1;
                    move_yx_call!(src, dst)
                }
            }
            Instr::Deallocate { n } => cp = p.stack.deallocate(*n as usize),
            Instr::Return {} => return_to_cp!(),
            Instr::DeallocateReturn { n } => {
                cp = p.stack.deallocate(*n as usize);
                return_to_cp!()
            }
            Instr::MoveReturn { src } => {
                xreg[0] = get!(*src);
                return_to_cp!()
            }
            Instr::Call { arity, target } => {
                cp = (Some(module), pc as u32);
                call_reds!(*arity, module, *target);
                pc = *target as usize;
                jit_check!();
            }
            Instr::CallLast { arity, target, dealloc } => {
                cp = p.stack.deallocate(*dealloc as usize);
                call_reds!(*arity, module, *target);
                pc = *target as usize;
                jit_check!();
            }
            Instr::CallOnly { arity, target } => {
                call_reds!(*arity, module, *target);
                pc = *target as usize;
                jit_check!();
            }
            Instr::CallExt { arity, import }
            | Instr::CallExtLast { arity, import, .. }
            | Instr::CallExtOnly { arity, import } => {
                match ins {
                    Instr::CallExt { .. } => cp = (Some(module), pc as u32),
                    Instr::CallExtLast { dealloc, .. } => cp = p.stack.deallocate(*dealloc as usize),
                    _ => {}
                }
                let exp = module.imports[*import as usize];
                let callee = match exp.target() {
                    Some(t) => Callee::Code(t.module, t.entry),
                    None => match resolve_mfa(p, xreg, exp.module, exp.function, *arity as u32) {
                        Ok(c) => c,
                        Err(e) => raise!(e),
                    },
                };
                if let Callee::Code(m, entry) = callee {
                    call_reds!(*arity, m, entry);
                }
                enter_callee!(callee, *arity);
            }
            Instr::Apply { arity } | Instr::ApplyLast { arity, .. } | Instr::ApplyOnly { arity } => {
                let m = xreg[*arity as usize];
                let f = xreg[*arity as usize + 1];
                match ins {
                    Instr::Apply { .. } => cp = (Some(module), pc as u32),
                    Instr::ApplyLast { dealloc, .. } => cp = p.stack.deallocate(*dealloc as usize),
                    _ => {}
                }
                let callee = match (m.as_atom(), f.as_atom()) {
                    (Some(ma), Some(fa)) => match resolve_mfa(p, xreg, ma, fa, *arity as u32) {
                        Ok(c) => c,
                        Err(e) => raise!(e),
                    },
                    _ => raise!(Exception::badarg()),
                };
                if let Callee::Code(m, entry) = callee {
                    call_reds!(*arity, m, entry);
                }
                enter_callee!(callee, *arity);
            }
            Instr::CallFun { arity } | Instr::CallFunLast { arity, .. } | Instr::CallFunOnly { arity } => {
                let arity = *arity as usize;
                let f = xreg[arity];
                let callee = match prepare_fun_call(p, xreg, f, arity) {
                    Ok(c) => c,
                    Err(e) => raise!(e),
                };
                match ins {
                    Instr::CallFun { .. } => cp = (Some(module), pc as u32),
                    Instr::CallFunLast { dealloc, .. } => cp = p.stack.deallocate(*dealloc as usize),
                    _ => {}
                }
                if let Callee::Code(m, entry) = callee {
                    // A closure's body also reads its free variables and the
                    // fun itself, placed after the arguments: all live.
                    let live = match f.boxed_subtag() {
                        Some(Subtag::Fun) => arity + f.boxed_body().len(),
                        _ => arity,
                    };
                    call_reds!(live, m, entry);
                }
                enter_callee!(callee, arity);
            }
            Instr::CallBif { bif, arity }
            | Instr::CallBifLast { bif, arity, .. }
            | Instr::CallBifOnly { bif, arity } => {
                reds -= 1;
                let n = *arity as usize;
                if *bif == bif::APPLY2 || *bif == bif::APPLY3 {
                    // apply/2,3: spread the argument list and call.
                    let callee = match prepare_apply(p, xreg, *bif, n) {
                        Ok(c) => c,
                        Err(e) => raise!(e),
                    };
                    let args_n = match callee.1 {
                        Some(k) => k,
                        None => raise!(Exception::badarg()),
                    };
                    match ins {
                        Instr::CallBif { .. } => cp = (Some(module), pc as u32),
                        Instr::CallBifLast { dealloc, .. } => cp = p.stack.deallocate(*dealloc as usize),
                        _ => {}
                    }
                    enter_callee!(callee.0, args_n);
                    continue;
                }
                p.ensure(xreg, bif::BIF_RESERVE, live_first(n));
                let args: [Term; 4] = [xreg[0], xreg[1], xreg[2], xreg[3]];
                let r = if n <= 4 {
                    call_bif(p, *bif, &args[..n])
                } else {
                    let many: Vec<Term> = xreg[..n].into();
                    call_bif(p, *bif, &many)
                };
                match r {
                    Err(e) if e.as_trap().is_some() => {
                        let (tm, tf) = e.as_trap().unwrap();
                        let callee = match resolve_mfa(p, xreg, tm, tf, n as u32) {
                            Ok(c) => c,
                            Err(e) => raise!(e),
                        };
                        match ins {
                            Instr::CallBif { .. } => cp = (Some(module), pc as u32),
                            Instr::CallBifLast { dealloc, .. } => cp = p.stack.deallocate(*dealloc as usize),
                            _ => {}
                        }
                        enter_callee!(callee, n);
                    }
                    Ok(v) => {
                        xreg[0] = v;
                        let tail = match ins {
                            Instr::CallBifLast { dealloc, .. } => {
                                cp = p.stack.deallocate(*dealloc as usize);
                                true
                            }
                            Instr::CallBifOnly { .. } => true,
                            _ => false,
                        };
                        if tail {
                            match cp {
                                (Some(m), c) => jump_to!(m, c),
                                (None, _) => return Exit::Done(v),
                            }
                        }
                    }
                    Err(e) => raise!(e),
                }
            }
            Instr::Jump { target } => pc = *target as usize,
            Instr::MoveXX { src, dst } => xreg[*dst as usize & (MAX_X - 1)] = xreg[*src as usize & (MAX_X - 1)],
            Instr::MoveXY { src, dst } => p.stack.set_y(*dst, xreg[*src as usize & (MAX_X - 1)]),
            Instr::MoveYX { src, dst } => xreg[*dst as usize & (MAX_X - 1)] = p.stack.y(*src),
            Instr::MoveXY2 { src1, dst1, src2, dst2 } => {
                p.stack.set_y(*dst1, xreg[*src1 as usize & (MAX_X - 1)]);
                p.stack.set_y(*dst2, xreg[*src2 as usize & (MAX_X - 1)]);
                pc += 1; // the second MoveXY
            }
            Instr::MoveYX2 { src1, dst1, src2, dst2 } => {
                xreg[*dst1 as usize & (MAX_X - 1)] = p.stack.y(*src1);
                xreg[*dst2 as usize & (MAX_X - 1)] = p.stack.y(*src2);
                pc += 1; // the second MoveYX
            }
            Instr::MoveYXCall { src, dst } => move_yx_call!(*src, *dst),
            Instr::IsConsGetList { fail, src, hd, tl } => {
                let v = get!(*src);
                if v.is_list() {
                    let (h, t) = v.cons_parts();
                    put!(*hd, h);
                    put!(*tl, t);
                    pc += 1; // the GetList
                } else {
                    pc = *fail as usize;
                }
            }
            Instr::GetTupleElementsX { src, index, dst, n } => {
                let (i, n, d) = (*index as usize, *n as usize, *dst as usize);
                let el = &get!(*src).boxed_body()[i..i + n];
                copy_elements(&mut xreg[..], d, el);
                pc += n - 1; // the GetTupleElements this stands for
            }
            Instr::CmpValueIsTrue { cmp, fail, a, b, dst } => {
                let r = cmp_holds(*cmp, get!(*a), get!(*b));
                xreg[*dst as usize & (MAX_X - 1)] = Term::bool(r);
                if r {
                    pc += 1; // the IsEqXI
                } else {
                    pc = *fail as usize;
                }
            }
            Instr::Mul { fail, a, b, dst, live } | Instr::FDiv { fail, a, b, dst, live } => {
                let (va, vb) = (get!(*a), get!(*b));
                let is_mul = matches!(ins, Instr::Mul { .. });
                if va.is_float() && vb.is_float() {
                    let (x, y) = (va.float_value(), vb.float_value());
                    let r = if is_mul { x * y } else { x / y };
                    // Not finite (overflow, division by zero): badarith,
                    // raised by the general path.
                    if r.is_finite() {
                        if !p.heap.has_room(2) {
                            p.gc(xreg, 2, *live);
                        }
                        let t = p.heap.float(r);
                        put!(*dst, t);
                        continue;
                    }
                } else if is_mul && Term::both_small(va, vb) {
                    if let Some(r) = va.small_value().checked_mul(vb.small_value()) {
                        if Term::fits_small(r) {
                            put!(*dst, Term::small(r));
                            continue;
                        }
                    }
                }
                let op = if is_mul { ArithOp::Mul } else { ArithOp::FDiv };
                if let Some(Some(f)) = arith::float_fast(op, va, vb) {
                    if f.is_finite() {
                        if !p.heap.has_room(2) {
                            p.gc(xreg, 2, *live);
                        }
                        let t = p.heap.float(f);
                        put!(*dst, t);
                        continue;
                    }
                }
                match arith::binary(p, xreg, op, va, vb, *live) {
                    Ok(v) => put!(*dst, v),
                    Err(e) => fail_or_raise!(*fail, e),
                }
            }
            Instr::IsLtXI { fail, x, imm } => {
                let v = xreg[*x as usize & (MAX_X - 1)];
                let lt = if v.is_small() { (v.0 as i64) < (imm.0 as i64) } else { compare(v, *imm) == Ordering::Less };
                if !lt {
                    pc = *fail as usize;
                }
            }
            Instr::IsLtXIReturn { fail, x, imm } => {
                let v = xreg[*x as usize & (MAX_X - 1)];
                let lt = if v.is_small() { (v.0 as i64) < (imm.0 as i64) } else { compare(v, *imm) == Ordering::Less };
                if lt {
                    return_to_cp!();
                } else {
                    pc = *fail as usize;
                    // The other clause usually starts with a frame: do that
                    // here, saving a dispatch.
                    if let Instr::AllocateMoveXY { n, src, dst } = code[pc] {
                        p.stack.allocate(n as usize, cp);
                        p.stack.set_y(dst, xreg[src as usize & (MAX_X - 1)]);
                        pc += 2; // that and the MoveXY it replaces
                    }
                }
            }
            Instr::IsGeXI { fail, x, imm } => {
                let v = xreg[*x as usize & (MAX_X - 1)];
                let ge = if v.is_small() { (v.0 as i64) >= (imm.0 as i64) } else { compare(v, *imm) != Ordering::Less };
                if !ge {
                    pc = *fail as usize;
                }
            }
            Instr::IsEqXI { fail, x, imm } => is_eq_xi!(*fail, *x, *imm),
            Instr::IsEqXIMoveReturn { fail, x, imm, src } => is_eq_xi_move_return!(*fail, *x, *imm, *src),
            Instr::IsNeXI { fail, x, imm } => {
                if xreg[*x as usize & (MAX_X - 1)] == *imm {
                    pc = *fail as usize;
                }
            }
            Instr::AddICall { .. } | Instr::SubICall { .. } => arith_i_call!(ins),
            Instr::MoveXYArithICall { src, dst } => {
                p.stack.set_y(*dst, xreg[*src as usize & (MAX_X - 1)]);
                // The AddICall or SubICall this was fused with.
                let next = &code[pc];
                pc += 1;
                arith_i_call!(next)
            }
            Instr::AddI { fail, a, imm, dst, live } | Instr::SubI { fail, a, imm, dst, live } => {
                let va = get!(*a);
                let is_add = matches!(ins, Instr::AddI { .. });
                if va.is_small() {
                    let (x, y) = (va.0 as i64, (imm.0 & !0xf) as i64);
                    let r = if is_add { x.checked_add(y) } else { x.checked_sub(y) };
                    if let Some(r) = r {
                        put!(*dst, Term(r as u64));
                        continue;
                    }
                }
                let op = if is_add { ArithOp::Add } else { ArithOp::Sub };
                match arith::binary(p, xreg, op, va, *imm, *live) {
                    Ok(v) => put!(*dst, v),
                    Err(e) => fail_or_raise!(*fail, e),
                }
            }
            Instr::IsLt { fail, a, b } => {
                let (va, vb) = (get!(*a), get!(*b));
                // Tagged small integers order like their values.
                let lt = if Term::both_small(va, vb) {
                    (va.0 as i64) < (vb.0 as i64)
                } else {
                    compare(va, vb) == Ordering::Less
                };
                if !lt {
                    pc = *fail as usize;
                }
            }
            Instr::IsGe { fail, a, b } => {
                let (va, vb) = (get!(*a), get!(*b));
                let ge = if Term::both_small(va, vb) {
                    (va.0 as i64) >= (vb.0 as i64)
                } else {
                    compare(va, vb) != Ordering::Less
                };
                if !ge {
                    pc = *fail as usize;
                }
            }
            Instr::IsEqExact { fail, a, b } => {
                let (va, vb) = (get!(*a), get!(*b));
                if va != vb && (va.is_immediate() || vb.is_immediate() || !eq_exact(va, vb)) {
                    pc = *fail as usize;
                }
            }
            Instr::IsNeExact { fail, a, b } => {
                let (va, vb) = (get!(*a), get!(*b));
                if va == vb || (!va.is_immediate() && !vb.is_immediate() && eq_exact(va, vb)) {
                    pc = *fail as usize;
                }
            }
            Instr::Add { fail, a, b, dst, live } | Instr::Sub { fail, a, b, dst, live } => {
                let (va, vb) = (get!(*a), get!(*b));
                let is_add = matches!(ins, Instr::Add { .. });
                if Term::both_small(va, vb) {
                    // On tagged words: (a<<4|3) + (b<<4) = (a+b)<<4|3; an i64
                    // overflow is exactly a result outside the small range.
                    let (x, y) = (va.0 as i64, (vb.0 & !0xf) as i64);
                    let r = if is_add { x.checked_add(y) } else { x.checked_sub(y) };
                    if let Some(r) = r {
                        put!(*dst, Term(r as u64));
                        continue;
                    }
                }
                let op = if is_add { ArithOp::Add } else { ArithOp::Sub };
                if let Some(Some(f)) = arith::float_fast(op, va, vb) {
                    if f.is_finite() {
                        if !p.heap.has_room(2) {
                            p.gc(xreg, 2, *live);
                        }
                        let t = p.heap.float(f);
                        put!(*dst, t);
                        continue;
                    }
                }
                match arith::binary(p, xreg, op, va, vb, *live) {
                    Ok(v) => put!(*dst, v),
                    Err(e) => fail_or_raise!(*fail, e),
                }
            }
            Instr::AddMoveXY { fail, a, b, dst, live } => {
                let (va, vb) = (get!(*a), get!(*b));
                let fast =
                    if Term::both_small(va, vb) { (va.0 as i64).checked_add((vb.0 & !0xf) as i64) } else { None };
                match fast {
                    Some(r) => put!(*dst, Term(r as u64)),
                    None => match arith::binary(p, xreg, ArithOp::Add, va, vb, *live) {
                        Ok(v) => put!(*dst, v),
                        Err(e) => fail_or_raise!(*fail, e),
                    },
                }
                // The MoveXY this was fused with.
                if let Instr::MoveXY { src, dst } = code[pc] {
                    pc += 1;
                    p.stack.set_y(dst, xreg[src as usize & (MAX_X - 1)]);
                    // The next call, without a dispatch (`A + f(B)`).
                    if let Instr::MoveYXCall { src, dst } = code[pc] {
                        pc += 1;
                        move_yx_call!(src, dst)
                    }
                }
            }
            Instr::AddDeallocateReturn { fail, a, b, dst, live } => {
                let (va, vb) = (get!(*a), get!(*b));
                let fast =
                    if Term::both_small(va, vb) { (va.0 as i64).checked_add((vb.0 & !0xf) as i64) } else { None };
                match fast {
                    Some(r) => put!(*dst, Term(r as u64)),
                    None => match arith::binary(p, xreg, ArithOp::Add, va, vb, *live) {
                        Ok(v) => put!(*dst, v),
                        Err(e) => fail_or_raise!(*fail, e),
                    },
                }
                // The DeallocateReturn this was fused with.
                if let Instr::DeallocateReturn { n } = code[pc] {
                    cp = p.stack.deallocate(n as usize);
                    return_to_cp!();
                }
            }
            Instr::Test { cmp, fail, a, b } => {
                if !cmp_holds(*cmp, get!(*a), get!(*b)) {
                    pc = *fail as usize;
                }
            }
            Instr::CmpValue { cmp, a, b, dst } => {
                let r = cmp_holds(*cmp, get!(*a), get!(*b));
                put!(*dst, Term::bool(r));
            }
            Instr::IsType { test, fail, src } => {
                if !type_holds(*test, get!(*src)) {
                    pc = *fail as usize;
                }
            }
            Instr::IsTupleArity { fail, src, arity } => {
                let t = get!(*src);
                if !(t.is_tuple() && t.boxed_body().len() == *arity as usize) {
                    pc = *fail as usize;
                }
            }
            Instr::IsTupleArityGetX { fail, src, arity, dst, n } => {
                let t = get!(*src);
                if t.is_tuple() && t.boxed_body().len() == *arity as usize {
                    let (d, n) = (*dst as usize, *n as usize);
                    copy_elements(&mut xreg[..], d, &t.boxed_body()[..n]);
                    pc += n; // the GetTupleElements this stands for
                             // An element compared with a constant (`{nil, _}`),
                             // without a dispatch.
                    if let Instr::IsEqXI { fail, x, imm } = code[pc] {
                        pc += 1;
                        is_eq_xi!(fail, x, imm)
                    }
                } else {
                    pc = *fail as usize;
                }
            }
            Instr::IsFunctionArity { fail, src, arity } => {
                let f = get!(*src);
                let a = get!(*arity);
                if !(a.is_small() && fun_arity(f) == Some(a.small_value() as u32)) {
                    pc = *fail as usize;
                }
            }
            Instr::SelectVal { src, fail, table } => {
                let v = get!(*src);
                pc = *fail as usize;
                for (k, l) in table.iter() {
                    if *k == v {
                        pc = *l as usize;
                        break;
                    }
                }
            }
            Instr::SelectArity { src, fail, table } => {
                let v = get!(*src);
                pc = *fail as usize;
                if v.is_tuple() {
                    let n = v.boxed_body().len() as u32;
                    for (k, l) in table.iter() {
                        if *k == n {
                            pc = *l as usize;
                            break;
                        }
                    }
                }
            }
            Instr::GetList { src, hd, tl } => {
                let (h, t) = get!(*src).cons_parts();
                put!(*hd, h);
                put!(*tl, t);
            }
            Instr::GetHd { src, dst } => put!(*dst, get!(*src).head()),
            Instr::GetTl { src, dst } => put!(*dst, get!(*src).tail()),
            Instr::GetTupleElement { src, index, dst } => {
                let v = get!(*src).boxed_body()[*index as usize];
                put!(*dst, v)
            }
            Instr::GetMapElement { fail, src, key, dst } => {
                let m = get!(*src);
                match bif::maps::lookup(m, get!(*key)) {
                    Some(v) => put!(*dst, v),
                    None => pc = *fail as usize,
                }
            }
            Instr::TestHeap { need, live } => p.ensure(xreg, *need as usize, *live),
            Instr::PutList { hd, tl, dst } => {
                let c = p.heap.cons(get!(*hd), get!(*tl));
                put!(*dst, c)
            }
            Instr::TestHeapPutTuple2 { need, a, b, dst, live } => {
                p.ensure(xreg, *need as usize, *live);
                let t = p.heap.tuple(&[get!(*a), get!(*b)]);
                put!(*dst, t);
                pc += 1; // the PutTuple
                if let Instr::DeallocateReturn { n } = code[pc] {
                    cp = p.stack.deallocate(n as usize);
                    return_to_cp!();
                }
            }
            Instr::PutTuple { elems, dst } => {
                let n = elems.len();
                let t = p.heap.tuple_filled(n, Term::NIL);
                for (i, s) in elems.iter().enumerate() {
                    crate::heap::set_element_raw(t, i, get!(*s));
                }
                put!(*dst, t)
            }
            Instr::MakeFun { lambda, free, dst } => {
                let l = module.lambdas[*lambda as usize];
                let vals: Vec<Term> = free.iter().map(|s| get!(*s)).collect();
                let f = p.heap.closure(l as *const Lambda as u64, &vals);
                put!(*dst, f)
            }
            Instr::PutMap { map } => {
                let MapBuild { base, assoc, exact, dst, live } = &**map;
                let need = bif::maps::need_words(base.map(|b| get!(b)), assoc.len());
                p.ensure(xreg, need, *live);
                let base_t = base.map(|b| get!(b));
                let a: Vec<(Term, Term)> = assoc.iter().map(|(k, v)| (get!(*k), get!(*v))).collect();
                let e: Vec<(Term, Term)> = exact.iter().map(|(k, v)| (get!(*k), get!(*v))).collect();
                match bif::maps::put_many(p, base_t, &a, &e) {
                    Ok(m) => put!(*dst, m),
                    Err(e) => raise!(e),
                }
            }
            Instr::Arith { op, fail, a, b, dst, live } => {
                let (va, vb) = (get!(*a), get!(*b));
                if Term::both_small(va, vb) {
                    let (x, y) = (va.small_value(), vb.small_value());
                    let fast = match op {
                        ArithOp::Add => Some(x + y),
                        ArithOp::Sub => Some(x - y),
                        ArithOp::Mul => x.checked_mul(y),
                        _ => None,
                    };
                    if let Some(r) = fast {
                        if Term::fits_small(r) {
                            put!(*dst, Term::small(r));
                            continue;
                        }
                    }
                }
                if let Some(Some(f)) = arith::float_fast(*op, va, vb) {
                    if f.is_finite() {
                        if !p.heap.has_room(2) {
                            p.gc(xreg, 2, *live);
                        }
                        let t = p.heap.float(f);
                        put!(*dst, t);
                        continue;
                    }
                }
                match arith::binary(p, xreg, *op, va, vb, *live) {
                    Ok(v) => put!(*dst, v),
                    Err(e) => fail_or_raise!(*fail, e),
                }
            }
            Instr::Bif { bif, fail, args, dst, live } => {
                p.ensure(xreg, bif::BIF_RESERVE, *live);
                let mut vals: [Term; 4] = [Term::NIL; 4];
                for (i, s) in args.iter().enumerate() {
                    vals[i] = get!(*s);
                }
                match call_bif(p, *bif, &vals[..args.len()]) {
                    Ok(v) => put!(*dst, v),
                    Err(e) => fail_or_raise!(*fail, e),
                }
            }
            Instr::LoopRec { fail } => {
                // Where the process is, for a check_process_code signal
                // answered while draining.
                p.resume = Some(Resume { module, pc: (pc - 1) as u32, cp });
                let killed = super::sched::drain_inbox(p);
                p.resume = None;
                if let Some(e) = killed {
                    raise!(e)
                }
                match p.mailbox.get(p.save) {
                    Some(m) => {
                        xreg[0] = m.term;
                    }
                    None => pc = *fail as usize,
                }
            }
            Instr::LoopRecNext { target } => {
                p.save += 1;
                pc = *target as usize;
            }
            Instr::RecvMarkUse { src } => {
                let r = get!(*src);
                if let (true, Some((serial, pos))) = (r.is_ref(), p.recv_mark) {
                    if r.boxed_body()[0].0 == serial {
                        p.save = p.save.max(pos);
                    }
                }
            }
            Instr::RemoveMessage {} => {
                if let Some((serial, pos)) = p.recv_mark {
                    if p.save < pos {
                        p.recv_mark = Some((serial, pos - 1));
                    }
                }
                if let Some(m) = p.mailbox.remove(p.save) {
                    p.heap.adopt(m.arena);
                }
                p.save = 0;
                p.timeout_at = None;
            }
            Instr::Wait { target } | Instr::WaitTimeout { target, .. } => {
                if let Instr::WaitTimeout { timeout, .. } = ins {
                    let t = get!(*timeout);
                    if t != Term::atom(atoms::INFINITY) {
                        let ms = match t.as_small() {
                            Some(ms) if ms >= 0 => ms as u64,
                            _ => {
                                let e = Exception::error(Term::atom(Atom::intern("timeout_value")));
                                raise!(e)
                            }
                        };
                        let now = std::time::Instant::now();
                        let at = *p.timeout_at.get_or_insert(now + std::time::Duration::from_millis(ms));
                        if ms == 0 || now >= at {
                            // Timed out: continue with the `after` body.
                            continue;
                        }
                    }
                }
                // Wait only if nothing arrived meanwhile (the scheduler
                // checks once more after parking the process).
                match &p.handle {
                    Some(h) => {
                        if !h.inbox.lock().unwrap().is_empty() {
                            pc = *target as usize;
                            continue;
                        }
                    }
                    None => {
                        // Not a scheduled process: nothing can ever arrive.
                        if p.timeout_at.is_none() {
                            let e = Exception::error(Term::atom(Atom::intern("deadlock")));
                            raise!(e)
                        }
                    }
                }
                // A waiting process holds no X registers (receive runs in
                // a frame): a good moment to absorb received messages.
                if !p.heap.has_room(0) {
                    p.gc(xreg, 0, 0);
                }
                p.reductions += (budget - reds).max(0) as u64;
                // Nothing to save; give back what an earlier yield held.
                p.saved = Vec::new();
                p.resume = Some(Resume { module, pc: *target, cp });
                return Exit::Wait;
            }
            Instr::TimeoutReset {} => {
                p.save = 0;
                p.timeout_at = None;
            }
            Instr::TryBegin { handler } => {
                p.handlers.push(Handler { stack_len: p.stack.len(), module, label: *handler });
            }
            Instr::TryEnd {} => {
                p.handlers.pop();
            }
            Instr::CatchValue { live } => {
                let class = xreg[0].as_atom().and_then(Class::from_atom).unwrap_or(Class::Error);
                p.ensure(xreg, 6, *live | 0b111);
                let v = match class {
                    Class::Throw => xreg[1],
                    Class::Exit => p.heap.tuple(&[Term::atom(atoms::EXIT_CAPS), xreg[1]]),
                    Class::Error => {
                        let inner = p.heap.tuple(&[xreg[1], xreg[2]]);
                        p.heap.tuple(&[Term::atom(atoms::EXIT_CAPS), inner])
                    }
                };
                xreg[0] = v;
            }
            Instr::Raise { class, reason, trace } => {
                let c = get!(*class).as_atom().and_then(Class::from_atom).unwrap_or(Class::Error);
                let mut e = Exception::new(c, get!(*reason));
                e.trace = get!(*trace);
                raise!(e)
            }
            Instr::Error { kind, src } => {
                let v = get!(*src);
                let e = match kind {
                    ErrorKind::Badmatch => Exception::tagged(&mut p.heap, atoms::BADMATCH, v),
                    ErrorKind::CaseClause => Exception::tagged(&mut p.heap, atoms::CASE_CLAUSE, v),
                    ErrorKind::TryClause => Exception::tagged(&mut p.heap, atoms::TRY_CLAUSE, v),
                    ErrorKind::Badrecord => Exception::tagged(&mut p.heap, atoms::BADRECORD, v),
                    ErrorKind::Badmap => Exception::tagged(&mut p.heap, atoms::BADMAP, v),
                    ErrorKind::Badkey => Exception::tagged(&mut p.heap, atoms::BADKEY, v),
                    ErrorKind::BadBool => Exception::tagged(&mut p.heap, atoms::BADARG, v),
                    ErrorKind::IfClause => Exception::error(Term::atom(atoms::IF_CLAUSE)),
                    ErrorKind::Badarg => Exception::badarg(),
                };
                raise!(e)
            }
            Instr::FunctionClause { arity } => {
                let args = xreg[..*arity as usize].to_vec();
                let mut e = Exception::error(Term::atom(atoms::FUNCTION_CLAUSE));
                e.trace = stacktrace::build_with_args(p, module, pc - 1, &args);
                raise!(e)
            }
            // ---- the bit syntax (see vm::bits) ----
            Instr::BsBuild { build } => {
                let ops = &**build;
                let mut vals: Vec<(Term, Option<Term>)> = Vec::with_capacity(ops.segs.len());
                vals.extend(ops.segs.iter().map(|s| (get!(s.value), s.size.map(|z| get!(z)))));
                match bits::build_size(&ops.segs, &vals) {
                    Err(e) => {
                        let e = match e {
                            bits::BuildError::Badarg => Exception::badarg(),
                            bits::BuildError::SystemLimit => Exception::error(Term::atom(atoms::SYSTEM_LIMIT)),
                        };
                        fail_or_raise!(ops.fail, e)
                    }
                    Ok(n) if bits::is_append(&ops.segs) => {
                        p.ensure(xreg, bits::APPEND_WORDS, ops.live);
                        // The collection may have moved the values.
                        vals.clear();
                        vals.extend(ops.segs.iter().map(|s| (get!(s.value), s.size.map(|z| get!(z)))));
                        let t = bits::build_append(&mut p.heap, &ops.segs, &vals, n);
                        put!(ops.dst, t)
                    }
                    Ok(n) => {
                        p.ensure(xreg, bits::bitstring_words(n), ops.live);
                        // The collection may have moved the values.
                        vals.clear();
                        vals.extend(ops.segs.iter().map(|s| (get!(s.value), s.size.map(|z| get!(z)))));
                        let mut w = bits::Writer::with_capacity(n);
                        bits::build_write(&mut w, &ops.segs, &vals);
                        let t = w.finish(&mut p.heap);
                        put!(ops.dst, t)
                    }
                }
            }
            Instr::BsStart { fail, src, pos } => match bits::MatchView::of(get!(*src), p.heap.collections) {
                Some(v) => {
                    mview = v;
                    xreg[*pos as usize & (MAX_X - 1)] = Term::small(0);
                }
                None => pc = *fail as usize,
            },
            Instr::BsGet { get } => {
                let g = &**get;
                let at = xreg[g.pos as usize & (MAX_X - 1)].small_value() as usize;
                let size = g.size.map(|s| get!(s));
                let v = view!(get!(g.src));
                // The common segments first: integers that are small
                // whatever their value, and binaries (a SubBin each).
                let got = match g.spec.ty {
                    SegType::Integer => bits::get_small_int(&v.bits, at, g.spec, size),
                    SegType::Binary => match bits::binary_seg_bits(&v.bits, at, g.spec.unit, size) {
                        None => bits::Got::NoMatch,
                        Some(n) => {
                            // A collection moves the bitstring: view it again.
                            p.ensure(xreg, 4, g.live);
                            let v = view!(get!(g.src));
                            bits::Got::Value(bits::view_slice(&mut p.heap, &v, at, n), n)
                        }
                    },
                    _ => bits::Got::Slow,
                };
                match got {
                    bits::Got::Value(t, n) => {
                        put!(g.dst, t);
                        xreg[g.pos as usize & (MAX_X - 1)] = Term::small((at + n) as i64);
                    }
                    bits::Got::NoMatch => pc = g.fail as usize,
                    bits::Got::Slow => match bits::get_plan(&v.bits, at, g.spec, size) {
                        None => pc = g.fail as usize,
                        Some((n, words)) => {
                            if words > 0 {
                                p.ensure(xreg, words, g.live);
                            }
                            let t = get!(g.src);
                            let v = bits::get_value(&mut p.heap, t, at, g.spec, n);
                            put!(g.dst, v);
                            xreg[g.pos as usize & (MAX_X - 1)] = Term::small((at + n) as i64);
                        }
                    },
                }
            }
            Instr::BsSkip { fail, src, pos, size, unit } => {
                let at = xreg[*pos as usize & (MAX_X - 1)].small_value() as usize;
                let v = view!(get!(*src));
                match bits::skip_plan(&v.bits, at, size.map(|s| get!(s)), *unit) {
                    Some(n) => xreg[*pos as usize & (MAX_X - 1)] = Term::small((at + n) as i64),
                    None => pc = *fail as usize,
                }
            }
            Instr::BsMatchLit { fail, src, pos, lit } => {
                let at = xreg[*pos as usize & (MAX_X - 1)].small_value() as usize;
                let v = view!(get!(*src));
                let l = get!(*lit).bits().expect("a literal bitstring");
                if bits::bits_equal_at(&v.bits, at, &l) {
                    xreg[*pos as usize & (MAX_X - 1)] = Term::small((at + l.len) as i64);
                } else {
                    pc = *fail as usize;
                }
            }
            Instr::BsTestTail { fail, src, pos } => {
                let at = xreg[*pos as usize & (MAX_X - 1)].small_value() as usize;
                if view!(get!(*src)).bits.len != at {
                    pc = *fail as usize;
                }
            }
            Instr::RecordCheck { src, name, size } => {
                let t = get!(*src);
                let ok = t.as_tuple().is_some_and(|el| el.len() == *size as usize && el[0] == get!(*name));
                if !ok {
                    raise!(Exception::tagged(&mut p.heap, atoms::BADRECORD, t))
                }
            }
        }
    }
}

/// The arity of a fun term.
pub fn fun_arity(f: Term) -> Option<u32> {
    match f.boxed_subtag()? {
        Subtag::Fun => Some(closure_lambda(f).arity),
        Subtag::Export => Some(f.boxed_body()[2].small_value() as u32),
        _ => None,
    }
}

/// Resolve `m:f/a` to code or a BIF, loading the module if needed.
fn resolve_mfa(p: &mut Process, xreg: &[Term; MAX_X], m: Atom, f: Atom, a: u32) -> Result<Callee, Exception> {
    if let Some(b) = bif::lookup(m, f, a) {
        return Ok(Callee::Bif(b));
    }
    let exp = server::export(m, f, a);
    if exp.current().is_none() {
        if let Err(server::LoadError::Compile(msg)) = server::ensure_loaded(m) {
            crate::bif::io::flush();
            eprintln!("=ERROR REPORT==== Loading of module {} failed:\n{msg}", m.name());
        }
    }
    match server::resolve(exp) {
        Some((md, entry)) => Ok(Callee::Code(md, entry)),
        None => {
            let regs: Vec<Term> = xreg[..a as usize].into();
            let args = p.heap.list(&regs);
            let mut e = Exception::error(Term::atom(atoms::UNDEF));
            e.bif = Some((m, f, args));
            Err(e)
        }
    }
}

/// Check a fun call and place the captured values after the arguments.
fn prepare_fun_call(p: &mut Process, xreg: &mut [Term; MAX_X], f: Term, arity: usize) -> Result<Callee, Exception> {
    match f.boxed_subtag() {
        Some(Subtag::Fun) => {
            let l = closure_lambda(f);
            if l.arity as usize != arity {
                return Err(badarity(p, xreg, f, arity));
            }
            // A fun of a purged version is a bad fun, as on BEAM.
            let Some(md) = l.module_code() else {
                return Err(Exception::tagged(&mut p.heap, atoms::BADFUN, f));
            };
            let free = &f.boxed_body()[1..];
            xreg[arity..arity + free.len()].copy_from_slice(free);
            xreg[arity + free.len()] = f;
            Ok(Callee::Code(md, l.entry))
        }
        Some(Subtag::Export) => {
            let b = f.boxed_body();
            if b[2].small_value() as usize != arity {
                return Err(badarity(p, xreg, f, arity));
            }
            resolve_mfa(p, xreg, b[0].as_atom().unwrap(), b[1].as_atom().unwrap(), arity as u32)
        }
        _ => {
            let e = Exception::tagged(&mut p.heap, atoms::BADFUN, f);
            Err(e)
        }
    }
}

fn badarity(p: &mut Process, xreg: &[Term; MAX_X], f: Term, arity: usize) -> Exception {
    let regs: Vec<Term> = xreg[..arity].into();
    let args = p.heap.list(&regs);
    let inner = p.heap.tuple(&[f, args]);
    Exception::tagged(&mut p.heap, atoms::BADARITY, inner)
}

/// apply(F, Args) / apply(M, F, Args): returns the callee and the arity.
fn prepare_apply(
    p: &mut Process,
    xreg: &mut [Term; MAX_X],
    which: u16,
    _n: usize,
) -> Result<(Callee, Option<usize>), Exception> {
    let (fun_or_m, f, list) =
        if which == bif::APPLY2 { (xreg[0], Term::NON_VALUE, xreg[1]) } else { (xreg[0], xreg[1], xreg[2]) };
    let args = list.list_to_vec().ok_or_else(Exception::badarg)?;
    if args.len() > 255 {
        return Err(Exception::badarg());
    }
    xreg[..args.len()].copy_from_slice(&args);
    if which == bif::APPLY2 {
        xreg[args.len()] = fun_or_m;
        let c = prepare_fun_call(p, xreg, fun_or_m, args.len())?;
        Ok((c, Some(args.len())))
    } else {
        match (fun_or_m.as_atom(), f.as_atom()) {
            (Some(m), Some(fa)) => Ok((resolve_mfa(p, xreg, m, fa, args.len() as u32)?, Some(args.len()))),
            _ => Err(Exception::badarg()),
        }
    }
}

/// Call BIF number `b`; on error, remember the BIF and its arguments for
/// the stacktrace.
pub fn call_bif(p: &mut Process, b: u16, args: &[Term]) -> BifResult {
    let entry = &bif::table()[b as usize];
    (entry.f)(p, args).map_err(|mut e| {
        if e.bif.is_none() && e.trace == Term::NON_VALUE {
            let l = p.heap.list(args);
            e.bif = Some((entry.module, entry.name, l));
        }
        e
    })
}

/// How pids, references and funs print (registered as the formatter's
/// `DESCRIBE`): a closure as OTP's `#Fun<Module.Index.Uniq>`.
pub fn describe(t: Term) -> String {
    if t.boxed_subtag() == Some(Subtag::Fun) {
        let l = closure_lambda(t);
        let mut m = String::new();
        crate::format::write_term(&mut m, Term::atom(l.module), None);
        return format!("#Fun<{m}.{}.{}>", l.index, l.uniq);
    }
    crate::format::describe_plain(t)
}
