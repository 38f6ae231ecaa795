//! The assembler: collects instructions with symbolic labels, line numbers
//! and constants, then resolves labels into code indices.

use crate::code::instr::{ArithOp, Cmp, Dst, Instr, Label, Src, TypeTest};
use crate::heap::Arena;
use crate::term::Term;
use std::collections::HashMap;

#[derive(Default)]
pub struct Asm {
    pub code: Vec<Instr>,
    pub lines: Vec<u32>,
    /// Label id -> code index.
    label_pos: Vec<u32>,
    pub consts: Vec<Term>,
    const_index: HashMap<u64, u32>,
    pub literals: Arena,
    pub line: u32,
}

pub const NO_POS: u32 = u32::MAX;

impl Asm {
    pub fn new() -> Asm {
        let mut a = Asm { label_pos: vec![0], ..Default::default() };
        // Index 0 is never a jump target: a fail label of 0 means "raise".
        a.emit(Instr::FuncInfo { function: u32::MAX });
        a
    }

    pub fn emit(&mut self, i: Instr) -> usize {
        self.code.push(i);
        self.lines.push(self.line);
        self.code.len() - 1
    }

    pub fn new_label(&mut self) -> Label {
        self.label_pos.push(NO_POS);
        (self.label_pos.len() - 1) as Label
    }

    pub fn bind(&mut self, l: Label) {
        self.label_pos[l as usize] = self.code.len() as u32;
    }

    pub fn pos(&self) -> u32 {
        self.code.len() as u32
    }

    /// The constant-table index of `t` (immediates deduplicated).
    pub fn constant(&mut self, t: Term) -> u32 {
        if t.is_immediate() {
            if let Some(&i) = self.const_index.get(&t.0) {
                return i;
            }
            self.const_index.insert(t.0, self.consts.len() as u32);
        }
        self.consts.push(t);
        (self.consts.len() - 1) as u32
    }

    pub fn label_position(&self, l: Label) -> u32 {
        self.label_pos[l as usize]
    }

    /// Replace label ids by code indices in every instruction.
    pub fn resolve(&mut self) {
        let pos = self.label_pos.clone();
        let r = |l: &mut Label| {
            if *l != 0 {
                let p = pos[*l as usize];
                assert!(p != NO_POS, "unbound label {l}");
                *l = p;
            }
        };
        for ins in self.code.iter_mut() {
            match ins {
                Instr::Call { target, .. } | Instr::CallLast { target, .. } | Instr::CallOnly { target, .. } => {
                    r(target)
                }
                Instr::Jump { target } => r(target),
                Instr::Test { fail, .. }
                | Instr::IsType { fail, .. }
                | Instr::IsTupleArity { fail, .. }
                | Instr::IsFunctionArity { fail, .. }
                | Instr::GetMapElement { fail, .. }
                | Instr::Arith { fail, .. }
                | Instr::Bif { fail, .. }
                | Instr::BsStart { fail, .. }
                | Instr::BsSkip { fail, .. }
                | Instr::BsMatchLit { fail, .. }
                | Instr::BsTestTail { fail, .. } => r(fail),
                Instr::BsBuild { build } => r(&mut build.fail),
                Instr::BsGet { get } => r(&mut get.fail),
                Instr::SelectVal { fail, table, .. } => {
                    r(fail);
                    for (_, l) in table.iter_mut() {
                        r(l);
                    }
                }
                Instr::SelectArity { fail, table, .. } => {
                    r(fail);
                    for (_, l) in table.iter_mut() {
                        r(l);
                    }
                }
                Instr::TryBegin { handler } => r(handler),
                Instr::LoopRec { fail } => r(fail),
                Instr::LoopRecNext { target } | Instr::Wait { target } | Instr::WaitTimeout { target, .. } => r(target),
                _ => {}
            }
        }
        self.specialise();
    }

    /// Rewrite generic instructions into the specialised forms the
    /// interpreter runs faster (after labels are resolved).
    fn specialise(&mut self) {
        // Fuse pairs that end a function. The second instruction stays in
        // place, so a jump to it still works.
        for i in 0..self.code.len().saturating_sub(1) {
            let fused = match (&self.code[i], &self.code[i + 1]) {
                (Instr::Deallocate { n }, Instr::Return {}) => Instr::DeallocateReturn { n: *n },
                (Instr::Move { src, dst: Dst::X(0) }, Instr::Return {}) => Instr::MoveReturn { src: *src },
                _ => continue,
            };
            self.code[i] = fused;
        }
        for ins in self.code.iter_mut() {
            let new = match *ins {
                Instr::Test { cmp, fail, a, b } => match cmp {
                    Cmp::Lt => Instr::IsLt { fail, a, b },
                    Cmp::Ge => Instr::IsGe { fail, a, b },
                    Cmp::EqExact => Instr::IsEqExact { fail, a, b },
                    Cmp::NeExact => Instr::IsNeExact { fail, a, b },
                    _ => continue,
                },
                Instr::Arith { op: ArithOp::Add, fail, a, b, dst, live } => Instr::Add { fail, a, b, dst, live },
                Instr::Arith { op: ArithOp::Sub, fail, a, b, dst, live } => Instr::Sub { fail, a, b, dst, live },
                Instr::Arith { op: ArithOp::Mul, fail, a, b, dst, live } => Instr::Mul { fail, a, b, dst, live },
                Instr::Arith { op: ArithOp::FDiv, fail, a, b, dst, live } => Instr::FDiv { fail, a, b, dst, live },
                _ => continue,
            };
            *ins = new;
        }
        let consts = &self.consts;
        let small = |s: Src| match s {
            Src::Lit(i) if consts[i as usize].is_small() => Some(consts[i as usize]),
            _ => None,
        };
        let imm = |s: Src| match s {
            Src::Lit(i) if consts[i as usize].is_immediate() => Some(consts[i as usize]),
            _ => None,
        };
        for ins in self.code.iter_mut() {
            let new = match *ins {
                Instr::Move { src: Src::X(s), dst: Dst::X(d) } => Instr::MoveXX { src: s, dst: d },
                Instr::Move { src: Src::X(s), dst: Dst::Y(d) } => Instr::MoveXY { src: s, dst: d },
                Instr::Move { src: Src::Y(s), dst: Dst::X(d) } => Instr::MoveYX { src: s, dst: d },
                Instr::IsLt { fail, a: Src::X(x), b } if small(b).is_some() => {
                    Instr::IsLtXI { fail, x, imm: small(b).unwrap() }
                }
                Instr::IsGe { fail, a: Src::X(x), b } if small(b).is_some() => {
                    Instr::IsGeXI { fail, x, imm: small(b).unwrap() }
                }
                Instr::IsEqExact { fail, a: Src::X(x), b } if imm(b).is_some() => {
                    Instr::IsEqXI { fail, x, imm: imm(b).unwrap() }
                }
                Instr::IsNeExact { fail, a: Src::X(x), b } if imm(b).is_some() => {
                    Instr::IsNeXI { fail, x, imm: imm(b).unwrap() }
                }
                Instr::Add { fail, a, b, dst, live } if small(b).is_some() => {
                    Instr::AddI { fail, a, imm: small(b).unwrap(), dst, live }
                }
                Instr::Sub { fail, a, b, dst, live } if small(b).is_some() => {
                    Instr::SubI { fail, a, imm: small(b).unwrap(), dst, live }
                }
                _ => continue,
            };
            *ins = new;
        }
        // Pairs executed together become one instruction that does both
        // and steps over the second (which stays in place: it may be a
        // jump target).
        for i in 0..self.code.len().saturating_sub(1) {
            let fused = match (&self.code[i], &self.code[i + 1]) {
                (&Instr::Allocate { n }, &Instr::MoveXY { src: src1, dst: dst1 }) => match self.code.get(i + 2) {
                    Some(&Instr::MoveXY { src: src2, dst: dst2 }) => {
                        Instr::AllocateMoveXY2 { n, src1, dst1, src2, dst2 }
                    }
                    _ => Instr::AllocateMoveXY { n, src: src1, dst: dst1 },
                },
                (&Instr::Add { fail, a, b, dst, live }, Instr::MoveXY { .. }) => {
                    Instr::AddMoveXY { fail, a, b, dst, live }
                }
                (Instr::IsLtXI { fail, x, imm }, Instr::Return {}) => {
                    Instr::IsLtXIReturn { fail: *fail, x: *x, imm: *imm }
                }
                (&Instr::AddI { fail, a, imm, dst, live }, Instr::Call { .. }) => {
                    Instr::AddICall { fail, a, imm, dst, live }
                }
                (&Instr::SubI { fail, a, imm, dst, live }, Instr::Call { .. }) => {
                    Instr::SubICall { fail, a, imm, dst, live }
                }
                (&Instr::Add { fail, a, b, dst, live }, Instr::DeallocateReturn { .. }) => {
                    Instr::AddDeallocateReturn { fail, a, b, dst, live }
                }
                (&Instr::MoveXY { src: src1, dst: dst1 }, &Instr::MoveXY { src: src2, dst: dst2 }) => {
                    Instr::MoveXY2 { src1, dst1, src2, dst2 }
                }
                (&Instr::MoveYX { src, dst }, Instr::Call { .. }) => Instr::MoveYXCall { src, dst },
                (&Instr::IsEqXI { fail, x, imm }, &Instr::MoveReturn { src }) => {
                    Instr::IsEqXIMoveReturn { fail, x, imm, src }
                }
                (&Instr::MoveYX { src: src1, dst: dst1 }, &Instr::MoveYX { src: src2, dst: dst2 }) => {
                    Instr::MoveYX2 { src1, dst1, src2, dst2 }
                }
                (&Instr::IsType { test: TypeTest::NonEmptyList, fail, src }, &Instr::GetList { src: src2, hd, tl })
                    if src == src2 =>
                {
                    Instr::IsConsGetList { fail, src, hd, tl }
                }
                (&Instr::CmpValue { cmp, a, b, dst: Dst::X(d) }, &Instr::IsEqXI { fail, x, imm })
                    if x == d && imm == Term::TRUE =>
                {
                    Instr::CmpValueIsTrue { cmp, fail, a, b, dst: d }
                }
                (
                    &Instr::IsTupleArity { fail, src, arity },
                    &Instr::GetTupleElement { src: s2, index: 0, dst: Dst::X(d) },
                ) if s2 == src => {
                    let n = element_run(&self.code, i + 1);
                    Instr::IsTupleArityGetX { fail, src, arity, dst: d, n }
                }
                (&Instr::GetTupleElement { src, index, dst: Dst::X(d) }, _) => {
                    let n = element_run(&self.code, i);
                    if n < 2 {
                        continue;
                    }
                    Instr::GetTupleElementsX { src, index, dst: d, n }
                }
                (&Instr::TestHeap { need, live }, Instr::PutTuple { elems, dst }) if elems.len() == 2 => {
                    Instr::TestHeapPutTuple2 { need, a: elems[0], b: elems[1], dst: *dst, live }
                }
                _ => continue,
            };
            self.code[i] = fused;
        }
        // Fusions with the fused forms made above.
        for i in 0..self.code.len().saturating_sub(1) {
            if let (&Instr::MoveXY { src, dst }, Instr::AddICall { .. } | Instr::SubICall { .. }) =
                (&self.code[i], &self.code[i + 1])
            {
                self.code[i] = Instr::MoveXYArithICall { src, dst };
            }
        }
    }
}

/// The length of the run of `GetTupleElement`s starting at `code[i]`:
/// elements index, index+1, ... of one source into x_d, x_d+1, ..., ending
/// at the first that overwrites the source (the rest would read the new
/// value). At least 1; `code[i]` must be a `GetTupleElement` into x_d.
fn element_run(code: &[Instr], i: usize) -> u16 {
    let Instr::GetTupleElement { src, index, dst: Dst::X(d) } = code[i] else {
        unreachable!("element_run starts at a GetTupleElement into an X register")
    };
    let clobbered = |k: u16| matches!(src, Src::X(s) if s == d + k);
    let mut n: u16 = 1;
    while !clobbered(n - 1) && n < u16::MAX {
        match code.get(i + n as usize) {
            Some(&Instr::GetTupleElement { src: s2, index: i2, dst: Dst::X(d2) })
                if s2 == src && i2 == index + n as u32 && d2 == d + n =>
            {
                n += 1
            }
            _ => break,
        }
    }
    n
}
