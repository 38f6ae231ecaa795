//! The instruction set, declared once. The `instructions!` table below
//! generates the `Instr` enum (typed operands), each instruction's name and
//! reduction cost; the disassembler prints instructions from the same table.
//!
//! Conventions (as on BEAM):
//! - arguments are passed in x0..x(n-1); a result comes back in x0;
//! - Y registers are slots of the current stack frame, y0 on top;
//! - `fail` is an absolute index into the module's code; 0 means "raise"
//!   (index 0 is never a jump target: every module starts with a header);
//! - `live` is how many X registers hold values at an allocating
//!   instruction, i.e. the roots the collector must keep.

use crate::term::Term;
use std::fmt;

/// Operand: where a value comes from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Src {
    X(u16),
    Y(u16),
    /// Index into the module's constant table (immediates and literals).
    Lit(u32),
}

/// Destination register.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Dst {
    X(u16),
    Y(u16),
}

impl From<Dst> for Src {
    fn from(d: Dst) -> Src {
        match d {
            Dst::X(i) => Src::X(i),
            Dst::Y(i) => Src::Y(i),
        }
    }
}

impl fmt::Debug for Src {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Src::X(i) => write!(f, "x{i}"),
            Src::Y(i) => write!(f, "y{i}"),
            Src::Lit(i) => write!(f, "lit{i}"),
        }
    }
}
impl fmt::Debug for Dst {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Src::from(*self).fmt(f)
    }
}

/// A jump target: an index into the module's code.
pub type Label = u32;

/// The set of X registers x0..x63 that hold values at an allocating
/// instruction (bit i = x_i): the collector's register roots.
pub type Live = u64;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeTest {
    Integer,
    Float,
    Number,
    Atom,
    Boolean,
    /// `[]` or a cons cell
    List,
    NonEmptyList,
    Nil,
    Tuple,
    Map,
    Function,
    Pid,
    Reference,
    Binary,
    Bitstring,
    Port,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Lt,
    Ge,
    Eq,
    Ne,
    EqExact,
    NeExact,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
    FDiv,
    IDiv,
    Rem,
    Band,
    Bor,
    Bxor,
    Bsl,
    Bsr,
}

/// Runtime errors raised by a single instruction with the value at hand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// `{badmatch, V}`
    Badmatch,
    /// `{case_clause, V}`
    CaseClause,
    /// `{try_clause, V}`
    TryClause,
    /// `{badarg, V}` (a non-boolean in andalso/orelse)
    BadBool,
    /// `if_clause` (value ignored)
    IfClause,
    /// `{badrecord, V}`
    Badrecord,
    /// `{badmap, V}`
    Badmap,
    /// `{badkey, V}`
    Badkey,
    /// `badarg`
    Badarg,
}

/// Operands of `PutMap`, boxed to keep `Instr` small.
#[derive(Clone, Debug)]
pub struct MapBuild {
    pub base: Option<Src>,
    pub assoc: Box<[(Src, Src)]>,
    pub exact: Box<[(Src, Src)]>,
    pub dst: Dst,
    pub live: Live,
}

/// The type of a bit-syntax segment (`binary`, `bytes`, `bitstring` and
/// `bits` are all `Binary`; their default unit tells them apart).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SegType {
    Integer,
    Float,
    Binary,
    Utf8,
    Utf16,
    Utf32,
}

/// A segment's type specifiers, resolved at compile time: the size of a
/// segment is `size * unit` bits. `native` is resolved to the machine's
/// endianness by the compiler.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SegSpec {
    pub ty: SegType,
    pub unit: u16,
    pub little: bool,
    pub signed: bool,
}

/// One segment of a bitstring under construction: `value:size/spec`.
/// `size` None means the whole value (binary segments) or no size at all
/// (utf segments); the compiler fills in the defaults of the others.
#[derive(Clone, Copy, Debug)]
pub struct BuildSeg {
    pub spec: SegSpec,
    pub value: Src,
    pub size: Option<Src>,
}

/// Operands of `BsBuild`, boxed to keep `Instr` small.
#[derive(Clone, Debug)]
pub struct BsBuildOps {
    pub segs: Box<[BuildSeg]>,
    /// 0: raise badarg; otherwise jump here (a guard).
    pub fail: Label,
    pub dst: Dst,
    pub live: Live,
}

/// Operands of `BsGet`, boxed to keep `Instr` small.
#[derive(Clone, Debug)]
pub struct BsGetOps {
    pub fail: Label,
    /// The bitstring being matched.
    pub src: Src,
    /// The X register holding the bit position in `src` (a small integer).
    pub pos: u16,
    pub spec: SegSpec,
    /// None: the rest of the bitstring (binary segments only), or no size
    /// (utf segments).
    pub size: Option<Src>,
    pub dst: Dst,
    pub live: Live,
}

macro_rules! instructions {
    ($( $(#[doc = $doc:expr])* $name:ident { $($field:ident : $ty:ty),* } = $reds:expr ),* $(,)?) => {
        /// `repr(u8)`: the tag is the first byte, so dispatch is one load.
        #[derive(Clone, Debug)]
        #[repr(u8)]
        pub enum Instr {
            $( $(#[doc = $doc])* $name { $($field: $ty),* } ),*
        }
        impl Instr {
            pub fn name(&self) -> &'static str {
                match self { $(Instr::$name { .. } => stringify!($name)),* }
            }
            /// Reductions the instruction spends.
            pub fn reductions(&self) -> i32 {
                match self { $(Instr::$name { .. } => $reds),* }
            }
        }
    };
}

instructions! {
    /// Start of a function: where function_clause errors name the function.
    FuncInfo { function: u32 } = 0,
    /// Copy a value.
    Move { src: Src, dst: Dst } = 0,
    /// Exchange two registers.
    Swap { a: Dst, b: Dst } = 0,
    /// Push a frame: the continuation and `n` Y slots set to [].
    Allocate { n: u16 } = 0,
    /// Pop the frame of `n` slots, restoring the continuation.
    Deallocate { n: u16 } = 0,
    /// Jump to the continuation.
    Return {} = 1,
    /// `Deallocate` then `Return` (peephole).
    DeallocateReturn { n: u16 } = 1,
    /// `Allocate` then a move of x_src to y_dst; skips the `MoveXY` that
    /// follows it (peephole: saving the first argument in a new frame).
    AllocateMoveXY { n: u16, src: u16, dst: u16 } = 0,
    /// `Allocate` then two moves of x registers to y slots; skips the two
    /// `MoveXY`s that follow it (peephole: saving two arguments).
    AllocateMoveXY2 { n: u16, src1: u16, dst1: u16, src2: u16, dst2: u16 } = 0,
    /// `Move` to x0 then `Return` (peephole).
    MoveReturn { src: Src } = 1,
    /// Local call; the continuation is the next instruction.
    Call { arity: u16, target: Label } = 1,
    /// Local tail call after popping a frame of `dealloc` slots.
    CallLast { arity: u16, target: Label, dealloc: u16 } = 1,
    /// Local tail call without a frame.
    CallOnly { arity: u16, target: Label } = 1,
    /// Call through the module's import table (newest version of the callee).
    CallExt { arity: u16, import: u32 } = 1,
    CallExtLast { arity: u16, import: u32, dealloc: u16 } = 1,
    CallExtOnly { arity: u16, import: u32 } = 1,
    /// Call the fun in x[arity] with arguments x0..x(arity-1).
    CallFun { arity: u16 } = 1,
    CallFunLast { arity: u16, dealloc: u16 } = 1,
    /// Tail call of a fun from a function without a frame.
    CallFunOnly { arity: u16 } = 1,
    /// Call a built-in; arguments x0..x(n-1), result in x0. Clobbers X.
    CallBif { bif: u16, arity: u16 } = 1,
    CallBifLast { bif: u16, arity: u16, dealloc: u16 } = 1,
    /// Tail call of a built-in from a function without a frame.
    CallBifOnly { bif: u16, arity: u16 } = 1,
    /// `M:F(Args)` with M and F computed: x[arity] = M, x[arity+1] = F.
    Apply { arity: u16 } = 1,
    ApplyLast { arity: u16, dealloc: u16 } = 1,
    ApplyOnly { arity: u16 } = 1,
    Jump { target: Label } = 0,
    /// Fail unless `a <cmp> b`.
    Test { cmp: Cmp, fail: Label, a: Src, b: Src } = 0,
    /// Specialised `Test`s (the assembler rewrites the common ones).
    IsLt { fail: Label, a: Src, b: Src } = 0,
    IsGe { fail: Label, a: Src, b: Src } = 0,
    IsEqExact { fail: Label, a: Src, b: Src } = 0,
    IsNeExact { fail: Label, a: Src, b: Src } = 0,
    /// Specialised `Arith` for + and - (tagged small-integer fast path).
    Add { fail: Label, a: Src, b: Src, dst: Dst, live: Live } = 0,
    /// `Add` then the `DeallocateReturn` that follows (peephole:
    /// `f(..) + g(..)` at the end of a function).
    AddDeallocateReturn { fail: Label, a: Src, b: Src, dst: Dst, live: Live } = 0,
    /// `Add` then the `MoveXY` that follows (peephole: a partial sum
    /// saved in the frame across the next call); skips it.
    AddMoveXY { fail: Label, a: Src, b: Src, dst: Dst, live: Live } = 0,
    Sub { fail: Label, a: Src, b: Src, dst: Dst, live: Live } = 0,
    /// Specialised `Arith` for * and / (tagged small-integer and boxed
    /// float fast paths: nbody-style float code runs these).
    Mul { fail: Label, a: Src, b: Src, dst: Dst, live: Live } = 0,
    FDiv { fail: Label, a: Src, b: Src, dst: Dst, live: Live } = 0,
    /// Operand-specialised forms (the assembler rewrites to these when the
    /// operands are registers of one kind or small immediates), so the hot
    /// paths decode no operand kinds.
    MoveXX { src: u16, dst: u16 } = 0,
    MoveXY { src: u16, dst: u16 } = 0,
    MoveYX { src: u16, dst: u16 } = 0,
    /// Two `MoveXY`s (or `MoveYX`s) in a row (peephole: saving several
    /// values in a frame, reloading arguments); skips the second.
    MoveXY2 { src1: u16, dst1: u16, src2: u16, dst2: u16 } = 0,
    MoveYX2 { src1: u16, dst1: u16, src2: u16, dst2: u16 } = 0,
    /// `MoveYX` then the `Call` that follows (peephole: reloading an
    /// argument from the frame); the call's operands are read from it.
    MoveYXCall { src: u16, dst: u16 } = 0,
    /// x < imm / x >= imm with a small-integer immediate.
    IsLtXI { fail: Label, x: u16, imm: Term } = 0,
    /// `IsLtXI` then `Return` (peephole: a base case returning when
    /// x < imm); skips the `Return` that follows it.
    IsLtXIReturn { fail: Label, x: u16, imm: Term } = 0,
    IsGeXI { fail: Label, x: u16, imm: Term } = 0,
    /// x =:= imm / x =/= imm for an immediate: word equality.
    IsEqXI { fail: Label, x: u16, imm: Term } = 0,
    IsNeXI { fail: Label, x: u16, imm: Term } = 0,
    /// `IsEqXI` then the `MoveReturn` that follows (peephole: a base case
    /// such as `f(0) -> Value`); skips it.
    IsEqXIMoveReturn { fail: Label, x: u16, imm: Term, src: Src } = 1,
    /// a + imm / a - imm with a small-integer immediate.
    AddI { fail: Label, a: Src, imm: Term, dst: Dst, live: Live } = 0,
    SubI { fail: Label, a: Src, imm: Term, dst: Dst, live: Live } = 0,
    /// `AddI`/`SubI` then the `Call` that follows (peephole: `f(N - 1)`);
    /// the call's operands are read from that `Call`.
    AddICall { fail: Label, a: Src, imm: Term, dst: Dst, live: Live } = 0,
    SubICall { fail: Label, a: Src, imm: Term, dst: Dst, live: Live } = 0,
    /// `MoveXY` then the `AddICall`/`SubICall` that follows (peephole: the
    /// second call of `f(N - 1) + f(N - 2)`); skips it.
    MoveXYArithICall { src: u16, dst: u16 } = 0,
    /// Fail unless the value has the type.
    IsType { test: TypeTest, fail: Label, src: Src } = 0,
    IsTupleArity { fail: Label, src: Src, arity: u32 } = 0,
    /// `IsTupleArity` then `n` `GetTupleElement`s of elements 0, 1, ...
    /// of the same tuple into x_dst, x_dst+1, ... (peephole: the head of
    /// a tuple pattern); skips the `n` that follow it.
    IsTupleArityGetX { fail: Label, src: Src, arity: u32, dst: u16, n: u16 } = 0,
    IsFunctionArity { fail: Label, src: Src, arity: Src } = 0,
    /// Jump on an atom or integer value; `fail` if none matches.
    SelectVal { src: Src, fail: Label, table: Box<[(Term, Label)]> } = 0,
    /// Jump on tuple arity.
    SelectArity { src: Src, fail: Label, table: Box<[(u32, Label)]> } = 0,
    /// `IsType NonEmptyList` then the `GetList` of the same source
    /// (peephole: a `[H | T]` pattern); skips the `GetList`.
    IsConsGetList { fail: Label, src: Src, hd: Dst, tl: Dst } = 0,
    /// Split a cons cell (the source was tested to be one).
    GetList { src: Src, hd: Dst, tl: Dst } = 0,
    GetHd { src: Src, dst: Dst } = 0,
    GetTl { src: Src, dst: Dst } = 0,
    /// Element `index` (0-based) of a tuple (tested before).
    GetTupleElement { src: Src, index: u32, dst: Dst } = 0,
    /// `n` `GetTupleElement`s of consecutive elements from `index` into
    /// consecutive X registers from `dst` (peephole: a tuple pattern);
    /// skips the `n - 1` that follow it.
    GetTupleElementsX { src: Src, index: u32, dst: u16, n: u16 } = 0,
    /// Fail unless the map has the key; otherwise fetch its value.
    GetMapElement { fail: Label, src: Src, key: Src, dst: Dst } = 0,
    /// Make sure `need` words are free, collecting with `live` X registers.
    TestHeap { need: u32, live: Live } = 0,
    PutList { hd: Src, tl: Src, dst: Dst } = 0,
    PutTuple { elems: Box<[Src]>, dst: Dst } = 0,
    /// `TestHeap` then a `PutTuple` of two elements (peephole: building a
    /// pair, operands inline); skips that `PutTuple`, and runs a
    /// `DeallocateReturn` that follows it (a function returning a pair).
    TestHeapPutTuple2 { need: u32, a: Src, b: Src, dst: Dst, live: Live } = 0,
    /// Build a closure over module lambda `lambda` with captured values.
    MakeFun { lambda: u32, free: Box<[Src]>, dst: Dst } = 1,
    /// Build a map from `base` (or a new one when None) with the pairs;
    /// `exact` pairs must exist (`:=`), otherwise `{badkey,K}`.
    PutMap { map: Box<MapBuild> } = 1,
    /// Arithmetic; on error jump to `fail` (guards) or raise (fail = 0).
    Arith { op: ArithOp, fail: Label, a: Src, b: Src, dst: Dst, live: Live } = 0,
    /// A built-in with its arguments in operands; may allocate; does not
    /// clobber X registers other than `dst`. Errors jump to `fail` or raise.
    Bif { bif: u16, fail: Label, args: Box<[Src]>, dst: Dst, live: Live } = 0,
    /// Compare and produce true/false (comparison used as a value).
    CmpValue { cmp: Cmp, a: Src, b: Src, dst: Dst } = 0,
    /// `CmpValue` into x_dst then an `IsEqXI` of x_dst against `true`
    /// (peephole: `case A < B of true -> ...`); skips that test.
    CmpValueIsTrue { cmp: Cmp, fail: Label, a: Src, b: Src, dst: u16 } = 0,
    /// receive: x0 = the message at the save position, or jump to `fail`
    /// when every message has been tried.
    LoopRec { fail: Label } = 0,
    /// receive: the message did not match; try the next one.
    LoopRecNext { target: Label } = 0,
    /// receive: every clause needs the reference in `src`: skip messages
    /// that arrived before it was made (the make_ref/receive pattern).
    RecvMarkUse { src: Src } = 0,
    /// receive: a clause matched; take the message out of the mailbox.
    RemoveMessage {} = 0,
    /// receive: wait for a message, then continue at `target`.
    Wait { target: Label } = 0,
    /// receive ... after: wait until a message or the timeout; on timeout
    /// fall through to the next instruction.
    WaitTimeout { target: Label, timeout: Src } = 0,
    /// receive ... after: the timeout happened.
    TimeoutReset {} = 0,
    /// Install an exception handler at `handler` (x0..x2 = class, reason, stacktrace).
    TryBegin { handler: Label } = 0,
    /// Remove the innermost handler.
    TryEnd {} = 0,
    /// In a `catch` handler: turn x0..x2 into the value of `catch Expr` in x0.
    CatchValue { live: Live } = 0,
    /// Raise class/reason with the given stacktrace term (rethrow).
    Raise { class: Src, reason: Src, trace: Src } = 0,
    /// Raise an error built from the value.
    Error { kind: ErrorKind, src: Src } = 0,
    /// Raise function_clause for the function whose arguments are x0..x(arity-1).
    FunctionClause { arity: u16 } = 0,
    /// Record field access with the tuple tested: `{badrecord, V}` otherwise.
    RecordCheck { src: Src, name: Src, size: u32 } = 0,
    /// Build a bitstring `<<Segs>>` (see `vm::bits`); a bad segment raises
    /// badarg or jumps to `fail` in a guard. Allocates with `live` roots.
    BsBuild { build: Box<BsBuildOps> } = 1,
    /// Start matching a bitstring: fail unless `src` is one; the position
    /// register x_pos := 0. Matching keeps `src` as it is and walks x_pos:
    /// no allocation per segment.
    BsStart { fail: Label, src: Src, pos: u16 } = 0,
    /// Take a segment at x_pos into `dst` and advance x_pos; fail when the
    /// bits there do not form a value of the type (too few bits, an
    /// invalid code point, a float that is not finite, a bad size).
    BsGet { get: Box<BsGetOps> } = 0,
    /// Skip `size * unit` bits (`size` None: the rest, which must be a
    /// multiple of `unit`).
    BsSkip { fail: Label, src: Src, pos: u16, size: Option<Src>, unit: u16 } = 0,
    /// The bits at x_pos must equal the literal bitstring `lit`; advance
    /// past them.
    BsMatchLit { fail: Label, src: Src, pos: u16, lit: Src } = 0,
    /// Fail unless x_pos is at the end of `src`.
    BsTestTail { fail: Label, src: Src, pos: u16 } = 0,
}
