//! Code generation: a module's functions to register-machine bytecode.
//!
//! Register allocation, per function clause:
//! - A clause whose body makes a call that is not a tail call ("frame
//!   mode") keeps every variable in a Y slot of its frame; X registers only
//!   hold temporaries inside one expression, and a value that must survive a
//!   later call in the same expression is spilled to a Y temporary.
//! - A clause without such calls keeps its variables in X registers,
//!   allocated monotonically, so a variable's register is never reused.
//! - Variables are given their location by name, so every branch of a
//!   `case` binds a variable in the same place and the join needs no moves.
//!
//! Clause selection tests each clause's patterns in turn against the
//! argument registers; a failing test jumps to the next clause.

use super::asm::Asm;
use crate::code::instr::*;
use crate::code::FunctionInfo;
use crate::heap::Alloc;
use crate::syntax::ast::*;
use crate::term::{atoms, Atom, Term};
use num_traits::ToPrimitive;
use std::collections::{HashMap, HashSet};

/// A compile error with its location.
#[derive(Debug, Clone)]
pub struct CompileError {
    pub code: &'static str,
    pub message: String,
    pub loc: Loc,
    pub label: String,
}

type R<T> = Result<T, CompileError>;

fn err<T>(code: &'static str, loc: Loc, message: impl Into<String>, label: impl Into<String>) -> R<T> {
    Err(CompileError { code, message: message.into(), loc, label: label.into() })
}

/// Highest X register a clause may use before it is recompiled in frame mode.
const MAX_X_NOFRAME: u16 = 60;
/// Highest X register for temporaries in frame mode.
const MAX_X: u16 = 62;

pub struct LambdaDef {
    pub index: u32,
    pub name: Atom,
    pub arity: u32,
    pub num_free: u32,
    pub entry: Label,
}

pub(super) struct PendingLambda {
    pub(super) index: u32,
    pub(super) name: String,
    pub(super) arity: u32,
    pub(super) free: Vec<String>,
    pub(super) self_name: Option<String>,
    pub(super) clauses: Vec<Clause>,
    pub(super) loc: Loc,
}

/// Per-clause state.
#[derive(Default, Clone)]
pub(super) struct Scope {
    pub(super) vars: HashMap<String, Src>,
    pub(super) unsafe_vars: HashSet<String>,
}

/// The variables bound at the end of one branch.
pub type ScopeSnapshot = HashMap<String, Src>;

#[derive(Default)]
pub(super) struct Clause_ {
    pub(super) frame: bool,
    pub(super) in_head: bool,
    pub(super) next_x: u16,
    pub(super) valid: Live,
    pub(super) y_of_name: HashMap<String, u16>,
    pub(super) x_of_name: HashMap<String, u16>,
    pub(super) y_next: u16,
    pub(super) y_free: Vec<u16>,
    /// Instructions whose frame size is patched when the clause is done.
    pub(super) patches: Vec<usize>,
}

pub struct Codegen<'a> {
    pub module: Atom,
    pub asm: Asm,
    pub(super) records: &'a HashMap<String, Vec<RecordFieldDef>>,
    /// (name, arity) -> entry label of local functions.
    pub locals: HashMap<(String, u32), Label>,
    pub(super) imported: &'a HashMap<(String, u32), String>,
    pub imports: Vec<(Atom, Atom, u32)>,
    pub(super) import_index: HashMap<(Atom, Atom, u32), u32>,
    pub lambdas: Vec<LambdaDef>,
    pub(super) pending: Vec<PendingLambda>,
    pub functions: Vec<FunctionInfo>,
    pub(super) stubs: Vec<(Label, Instr, u32)>,
    pub(super) scope: Scope,
    pub(super) c: Clause_,
    pub(super) fun_name: String,
    pub(super) fun_arity: u32,
    pub(super) lambda_count: u32,
    /// OTP's fun numbers by source offset (see lower::Lowerer).
    pub fun_numbers: HashMap<u32, u32>,
    /// Set while compiling `fun f/N`: the lambda's name.
    pub(super) fun_ref_name: Option<String>,
    /// Set while compiling a named fun whose name no head pattern
    /// rebinds: calls of that name with the fun's arity become direct
    /// local calls (see `call`).
    pub(super) self_call: Option<SelfCall>,
    /// The variables bound before the patterns being compiled began: the
    /// only ones a binary segment size may use besides those bound earlier
    /// in the same binary (None: no check).
    pub(super) pattern_base: Option<HashSet<String>>,
}

/// A named fun, for direct calls of itself: `F(Args)` inside
/// `fun F(...) -> ... end` is a `Call` of the fun's entry with the
/// registers a `CallFun` would have set up: the arguments, the free
/// variables (still bound to the same values) and the fun itself.
pub(super) struct SelfCall {
    pub(super) name: String,
    pub(super) arity: u32,
    pub(super) free: Vec<String>,
    pub(super) entry: Label,
}

fn bit(r: u16) -> Live {
    if r < 64 {
        1u64 << r
    } else {
        0
    }
}

impl<'a> Codegen<'a> {
    pub fn new(
        module: Atom,
        records: &'a HashMap<String, Vec<RecordFieldDef>>,
        imported: &'a HashMap<(String, u32), String>,
    ) -> Codegen<'a> {
        Codegen {
            module,
            asm: Asm::new(),
            records,
            locals: HashMap::new(),
            imported,
            imports: Vec::new(),
            import_index: HashMap::new(),
            lambdas: Vec::new(),
            pending: Vec::new(),
            functions: Vec::new(),
            stubs: Vec::new(),
            scope: Scope::default(),
            c: Clause_::default(),
            fun_name: String::new(),
            fun_arity: 0,
            lambda_count: 0,
            fun_numbers: HashMap::new(),
            fun_ref_name: None,
            self_call: None,
            pattern_base: None,
        }
    }

    pub(super) fn emit(&mut self, i: Instr) -> usize {
        self.asm.emit(i)
    }
    pub(super) fn lit(&mut self, t: Term) -> Src {
        Src::Lit(self.asm.constant(t))
    }

    fn import(&mut self, m: Atom, f: Atom, a: u32) -> u32 {
        if let Some(&i) = self.import_index.get(&(m, f, a)) {
            return i;
        }
        let i = self.imports.len() as u32;
        self.imports.push((m, f, a));
        self.import_index.insert((m, f, a), i);
        i
    }

    // ---- registers ----------------------------------------------------

    pub(super) fn new_x(&mut self, loc: Loc) -> R<u16> {
        let r = self.c.next_x;
        let limit = if self.c.frame { MAX_X } else { MAX_X_NOFRAME };
        if r >= limit {
            return err("E0100", loc, "expression too complex: out of registers", "here");
        }
        self.c.next_x += 1;
        Ok(r)
    }
    pub(super) fn new_y(&mut self) -> u16 {
        if let Some(y) = self.c.y_free.pop() {
            return y;
        }
        self.c.y_next += 1;
        self.c.y_next - 1
    }
    pub(super) fn free_y(&mut self, y: u16) {
        self.c.y_free.push(y);
    }
    pub(super) fn mark_written(&mut self, d: Dst) {
        if let Dst::X(r) = d {
            self.c.valid |= bit(r);
        }
    }
    /// Live mask for an instruction writing `dst`.
    pub(super) fn live_excluding(&self, d: Option<Dst>) -> Live {
        match d {
            Some(Dst::X(r)) => self.c.valid & !bit(r),
            _ => self.c.valid,
        }
    }
    /// Live mask for an instruction that reads `srcs` after a possible
    /// collection and then writes `dst`.
    pub(super) fn live_with(&self, d: Option<Dst>, srcs: &[Src]) -> Live {
        let mut l = self.live_excluding(d);
        for s in srcs {
            if let Src::X(r) = s {
                l |= bit(*r);
            }
        }
        l
    }

    pub(super) fn temp(&mut self, hint: Option<Dst>, loc: Loc) -> R<Dst> {
        match hint {
            Some(d) => Ok(d),
            None => Ok(Dst::X(self.new_x(loc)?)),
        }
    }
    pub(super) fn after_call(&mut self) {
        // A call clobbers every X register; the result is in x0.
        self.c.valid = 1;
        self.c.next_x = self.c.next_x.max(1);
        if self.c.frame {
            self.c.next_x = 1;
        }
    }

    // ---- variables ----------------------------------------------------

    pub(super) fn lookup_var(&self, name: &str, loc: Loc) -> R<Src> {
        if let Some(s) = self.scope.vars.get(name) {
            return Ok(*s);
        }
        if self.scope.unsafe_vars.contains(name) {
            return err("E0002", loc, format!("variable '{name}' unsafe in 'case'"), "bound in only some branches");
        }
        err("E0001", loc, format!("variable '{name}' is unbound"), "not bound here")
    }

    /// Bind a new variable to the value in `src`.
    pub(super) fn bind_var(&mut self, name: &str, src: Src, loc: Loc) -> R<()> {
        if self.c.frame && !self.c.in_head {
            let y = match self.c.y_of_name.get(name) {
                Some(&y) => y,
                None => {
                    let y = self.new_y();
                    self.c.y_of_name.insert(name.to_string(), y);
                    y
                }
            };
            if src != Src::Y(y) {
                self.emit(Instr::Move { src, dst: Dst::Y(y) });
            }
            self.scope.vars.insert(name.to_string(), Src::Y(y));
        } else if let Some(&r) = self.c.x_of_name.get(name) {
            if src != Src::X(r) {
                self.emit(Instr::Move { src, dst: Dst::X(r) });
            }
            self.c.valid |= bit(r);
            self.scope.vars.insert(name.to_string(), Src::X(r));
        } else {
            let r = match src {
                // Alias a temporary: it is never reused in this clause
                // (no-frame registers are monotonic; head temporaries in
                // frame mode move to Y before the body).
                Src::X(r) if r >= self.param_count() || self.c.in_head => r,
                _ => {
                    let r = self.new_x(loc)?;
                    self.emit(Instr::Move { src, dst: Dst::X(r) });
                    r
                }
            };
            self.c.valid |= bit(r);
            self.c.x_of_name.insert(name.to_string(), r);
            self.scope.vars.insert(name.to_string(), Src::X(r));
        }
        Ok(())
    }

    pub(super) fn param_count(&self) -> u16 {
        0
    }

    /// `record_info(fields, R)` and `record_info(size, R)`: constants.
    fn record_info(&mut self, what: &Expr, rec: &Expr, loc: Loc) -> R<Src> {
        let (Expr::Atom(what, _), Expr::Atom(rec, _)) = (what, rec) else {
            return err("E0024", loc, "illegal record info", "record_info/2 takes two atoms");
        };
        let Some(defs) = self.records.get(rec) else {
            return err("E0022", loc, format!("record {rec} undefined"), "no such record");
        };
        let t = match what.as_str() {
            "size" => Term::small(defs.len() as i64 + 1),
            "fields" => {
                let names: Vec<Term> = defs.iter().map(|d| Term::atom(Atom::intern(&d.name))).collect();
                self.asm.literals.list(&names)
            }
            _ => return err("E0024", loc, "illegal record info", "expected fields or size"),
        };
        Ok(self.lit(t))
    }

    pub(super) fn snapshot(&self) -> ScopeSnapshot {
        self.scope.vars.clone()
    }

    /// After a branching construct: a variable bound in every branch is
    /// bound after it (at the same location, by construction); one bound
    /// in only some branches is unsafe to use.
    pub(super) fn join(&mut self, before: Scope, outs: Vec<ScopeSnapshot>) {
        let mut scope = before.clone();
        if let Some(first) = outs.first() {
            for (name, loc) in first {
                if before.vars.contains_key(name) {
                    continue;
                }
                if outs.iter().all(|o| o.contains_key(name)) {
                    scope.vars.insert(name.clone(), *loc);
                } else {
                    scope.unsafe_vars.insert(name.clone());
                }
            }
        }
        for o in outs.iter().skip(1) {
            for name in o.keys() {
                if !scope.vars.contains_key(name) && !before.vars.contains_key(name) {
                    scope.unsafe_vars.insert(name.clone());
                }
            }
        }
        self.scope = scope;
    }

    pub(super) fn scope_insert(&mut self, name: &str, s: Src) {
        self.scope.vars.insert(name.to_string(), s);
    }

    pub(super) fn lambda_counter_next(&mut self) -> u32 {
        self.lambdas.len() as u32 + self.pending.len() as u32
    }

    /// Queue a fun's clauses for compilation as a lifted function; returns
    /// its module-local lambda index.
    pub(super) fn add_lambda(
        &mut self,
        name: String,
        arity: u32,
        free: Vec<String>,
        self_name: Option<String>,
        clauses: Vec<Clause>,
        loc: Loc,
    ) -> u32 {
        let index = self.lambdas.len() as u32;
        let entry = self.asm.new_label();
        self.lambdas.push(LambdaDef { index, name: Atom::intern(&name), arity, num_free: free.len() as u32, entry });
        self.pending.push(PendingLambda { index, name, arity, free, self_name, clauses, loc });
        index
    }

    pub(super) fn pop_pending(&mut self) -> Option<PendingLambda> {
        if self.pending.is_empty() {
            None
        } else {
            Some(self.pending.remove(0))
        }
    }

    pub(super) fn lambda_entry(&self, index: u32) -> Label {
        self.lambdas[index as usize].entry
    }

    pub(super) fn set_fun_context(&mut self, name: &str) {
        // Funs inside a fun are named after the enclosing function.
        let _ = name;
    }

    // ---- functions ----------------------------------------------------

    pub fn function(&mut self, f: &Function) -> R<()> {
        let entry = self.locals[&(f.name.clone(), f.arity)];
        self.fun_name = f.name.clone();
        self.fun_arity = f.arity;
        self.lambda_count = 0;
        self.clauses_function(Atom::intern(&f.name), f.arity, entry, &f.clauses, &[], None, f.loc)
    }

    /// Compile the clauses of a function (or lifted fun) whose first `arity`
    /// arguments are matched by the patterns and whose next registers hold
    /// `free` variables (then the fun itself when `self_name` is set).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn clauses_function(
        &mut self,
        name: Atom,
        arity: u32,
        entry: Label,
        clauses: &[Clause],
        free: &[String],
        self_name: Option<&str>,
        loc: Loc,
    ) -> R<()> {
        self.asm.line = loc.line;
        let start = self.asm.pos();
        let fi = self.functions.len() as u32;
        self.emit(Instr::FuncInfo { function: fi });
        self.asm.bind(entry);
        let nregs = arity as u16 + free.len() as u16 + u16::from(self_name.is_some());
        // Clauses whose first patterns are distinct atoms or small integers
        // dispatch with one SelectVal instead of testing each in turn.
        let mut lits: Vec<Term> = Vec::new();
        if arity >= 1 {
            for cl in clauses {
                let t = match &cl.patterns[0] {
                    Expr::Atom(a, _) => Term::atom(Atom::intern(a)),
                    Expr::Char(c, _) => Term::small(*c as i64),
                    Expr::Integer(i, _) => match i.to_i64() {
                        Some(v) if Term::fits_small(v) => Term::small(v),
                        _ => break,
                    },
                    _ => break,
                };
                if lits.contains(&t) {
                    break;
                }
                lits.push(t);
            }
        }
        let mut rest = clauses;
        if lits.len() >= 3 {
            let after = self.asm.new_label();
            let labels: Vec<Label> = lits.iter().map(|_| self.asm.new_label()).collect();
            let table: Vec<(Term, Label)> = lits.iter().copied().zip(labels.iter().copied()).collect();
            self.emit(Instr::SelectVal { src: Src::X(0), fail: after, table: table.into_boxed_slice() });
            for (cl, l) in clauses.iter().zip(&labels) {
                self.asm.bind(*l);
                self.clause_retrying(cl, nregs, arity, free, self_name, after, First::Matched)?;
            }
            self.asm.bind(after);
            rest = &clauses[lits.len()..];
        }
        // A run of clauses whose first patterns are tuples of one arity
        // tests the arity once and takes the elements out once, into the
        // registers after the arguments; each clause then matches the
        // elements (`check({nil, nil}) -> ...; check({L, R}) -> ...`):
        //
        //     is_tuple_arity x0 N (else: the clauses after the run)
        //     x[nregs+i] := element i of x0, for each i < N
        //     clause 1 on x[nregs..] (else: clause 2), clause 2 on x[nregs..], ...
        while !rest.is_empty() {
            let n = tuple_run(rest, arity, nregs);
            if n < 2 {
                let next = self.asm.new_label();
                self.clause_retrying(&rest[0], nregs, arity, free, self_name, next, First::Plain)?;
                self.asm.bind(next);
                rest = &rest[1..];
                continue;
            }
            let Expr::Tuple(es, _) = &rest[0].patterns[0] else { unreachable!("tuple_run checked") };
            let size = es.len() as u16;
            let after = self.asm.new_label();
            self.emit(Instr::IsTupleArity { fail: after, src: Src::X(0), arity: size as u32 });
            for i in 0..size {
                self.emit(Instr::GetTupleElement { src: Src::X(0), index: i as u32, dst: Dst::X(nregs + i) });
            }
            for (k, cl) in rest[..n].iter().enumerate() {
                let next = if k + 1 == n { after } else { self.asm.new_label() };
                self.clause_retrying(cl, nregs + size, arity, free, self_name, next, First::Elements(nregs))?;
                if k + 1 < n {
                    self.asm.bind(next);
                }
            }
            self.asm.bind(after);
            rest = &rest[n..];
        }
        self.emit(Instr::FunctionClause { arity: arity as u16 });
        for (l, ins, line) in std::mem::take(&mut self.stubs) {
            self.asm.line = line;
            self.asm.bind(l);
            self.emit(ins);
        }
        self.functions.push(FunctionInfo { name, arity, start, end: self.asm.pos(), line: loc.line });
        Ok(())
    }

    /// `clause_with`, in frame mode if the clause needs it or runs out of
    /// X registers without a frame.
    #[allow(clippy::too_many_arguments)]
    fn clause_retrying(
        &mut self,
        cl: &Clause,
        nregs: u16,
        arity: u32,
        free: &[String],
        self_name: Option<&str>,
        next: Label,
        first: First,
    ) -> R<()> {
        let frame = needs_frame(&cl.body);
        let (mark, stubs_mark) = (self.asm.code.len(), self.stubs.len());
        match self.clause_with(cl, frame, nregs, arity, free, self_name, next, first) {
            Err(e) if !frame && e.code == "E0100" => {
                self.asm.code.truncate(mark);
                self.asm.lines.truncate(mark);
                self.stubs.truncate(stubs_mark);
                self.clause_with(cl, true, nregs, arity, free, self_name, next, first)
            }
            r => r,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn clause_with(
        &mut self,
        cl: &Clause,
        frame: bool,
        nregs: u16,
        arity: u32,
        free: &[String],
        self_name: Option<&str>,
        next: Label,
        first: First,
    ) -> R<()> {
        self.asm.line = cl.loc.line;
        self.scope = Scope::default();
        self.c =
            Clause_ { frame, in_head: true, next_x: nregs, valid: (1u64 << nregs.min(63)) - 1, ..Default::default() };
        for (i, v) in free.iter().enumerate() {
            self.scope.vars.insert(v.clone(), Src::X(arity as u16 + i as u16));
            self.c.x_of_name.insert(v.clone(), arity as u16 + i as u16);
        }
        if let Some(s) = self_name {
            let r = arity as u16 + free.len() as u16;
            self.scope.vars.insert(s.to_string(), Src::X(r));
            self.c.x_of_name.insert(s.to_string(), r);
        }
        self.begin_patterns(&cl.patterns);
        for (i, p) in cl.patterns.iter().enumerate() {
            match (i, first, p) {
                (0, First::Matched, _) => {} // a SelectVal already matched this literal
                (0, First::Elements(base), Expr::Tuple(es, _)) => {
                    for (j, e) in es.iter().enumerate() {
                        self.pattern(e, Src::X(base + j as u16), next)?;
                    }
                }
                _ => self.pattern(p, Src::X(i as u16), next)?,
            }
        }
        self.guard_seq(&cl.guards, next)?;
        if frame {
            let at = self.emit(Instr::Allocate { n: 0 });
            self.c.patches.push(at);
            self.c.in_head = false;
            let mut names: Vec<(String, Src)> = self.scope.vars.iter().map(|(k, v)| (k.clone(), *v)).collect();
            names.sort_by(|a, b| a.0.cmp(&b.0));
            self.c.x_of_name.clear();
            for (n, s) in names {
                self.bind_var(&n, s, cl.loc)?;
            }
            self.c.next_x = 0;
            self.c.valid = 0;
        }
        self.c.in_head = false;
        self.body_tail(&cl.body)?;
        let n = self.c.y_next;
        for at in std::mem::take(&mut self.c.patches) {
            match &mut self.asm.code[at] {
                Instr::Allocate { n: x }
                | Instr::Deallocate { n: x }
                | Instr::CallLast { dealloc: x, .. }
                | Instr::CallExtLast { dealloc: x, .. }
                | Instr::CallFunLast { dealloc: x, .. }
                | Instr::CallBifLast { dealloc: x, .. }
                | Instr::ApplyLast { dealloc: x, .. } => *x = n,
                _ => {}
            }
        }
        Ok(())
    }

    pub(super) fn stub(&mut self, ins: Instr) -> Label {
        let l = self.asm.new_label();
        self.stubs.push((l, ins, self.asm.line));
        l
    }

    // ---- bodies -------------------------------------------------------

    pub(super) fn body_tail(&mut self, body: &[Expr]) -> R<()> {
        let (last, init) = body.split_last().expect("empty body");
        for e in init {
            self.statement(e)?;
        }
        self.tail(last)
    }

    /// Evaluate for effect (and bindings), then free temporaries.
    pub(super) fn statement(&mut self, e: &Expr) -> R<()> {
        self.expr(e, None)?;
        if self.c.frame {
            self.c.next_x = 0;
            self.c.valid = 0;
        }
        Ok(())
    }

    /// Body value: all but the last for effect; returns the last's value.
    pub(super) fn body_value(&mut self, body: &[Expr], hint: Option<Dst>) -> R<Src> {
        let (last, init) = body.split_last().expect("empty body");
        for e in init {
            self.statement(e)?;
        }
        self.expr(last, hint)
    }

    pub(super) fn emit_return(&mut self, v: Src) {
        if v != Src::X(0) {
            self.emit(Instr::Move { src: v, dst: Dst::X(0) });
        }
        if self.c.frame {
            let at = self.emit(Instr::Deallocate { n: 0 });
            self.c.patches.push(at);
        }
        self.emit(Instr::Return {});
    }

    pub(super) fn tail(&mut self, e: &Expr) -> R<()> {
        self.asm.line = e.loc().line;
        match e {
            Expr::CallLocal(..) | Expr::CallRemote(..) | Expr::CallFun(..) => {
                if self.call(e, true)?.is_none() {
                    return Ok(());
                }
                let v = Src::X(0);
                self.emit_return(v);
                Ok(())
            }
            Expr::Block(b, _) => self.body_tail(b),
            Expr::Case(scrut, clauses, loc) => {
                let v = self.expr(scrut, None)?;
                self.case_clauses(v, clauses, None, *loc, true).map(|_| ())
            }
            Expr::If(clauses, loc) => self.if_clauses(clauses, None, *loc, true).map(|_| ()),
            Expr::Receive(clauses, after, loc) if self.c.frame => {
                self.receive_expr(clauses, after.as_ref(), None, *loc, true).map(|_| ())
            }
            _ => {
                let v = self.expr(e, Some(Dst::X(0)))?;
                self.emit_return(v);
                Ok(())
            }
        }
    }

    // ---- expressions --------------------------------------------------

    /// Compile `e` and return where its value is. `hint`, if given, is a
    /// register the caller would like a newly computed value in.
    pub(super) fn expr(&mut self, e: &Expr, hint: Option<Dst>) -> R<Src> {
        if let Some(t) = self.const_term(e) {
            return Ok(self.lit(t));
        }
        self.asm.line = e.loc().line;
        match e {
            Expr::Var(name, loc) => self.lookup_var(name, *loc),
            Expr::Match(p, v, loc) => {
                let src = self.expr(v, hint)?;
                // Keep the value in a register the pattern cannot clobber.
                let fail = self.stub(Instr::Error { kind: ErrorKind::Badmatch, src });
                self.begin_patterns(std::slice::from_ref(p));
                self.pattern(p, src, fail)?;
                let _ = loc;
                Ok(src)
            }
            Expr::Tuple(es, loc) => {
                let srcs = self.exprs(es, *loc)?;
                let d = self.temp(hint, *loc)?;
                let live = self.live_with(Some(d), &srcs);
                self.emit(Instr::TestHeap { need: 1 + srcs.len() as u32, live });
                self.emit(Instr::PutTuple { elems: srcs.into_boxed_slice(), dst: d });
                self.mark_written(d);
                Ok(d.into())
            }
            Expr::Cons(..) | Expr::String(..) | Expr::Nil(..) => {
                let mut elems = Vec::new();
                let mut cur = e;
                while let Expr::Cons(h, t, _) = cur {
                    elems.push((**h).clone());
                    cur = t;
                }
                let loc = e.loc();
                elems.push(cur.clone());
                let srcs = self.exprs(&elems, loc)?;
                let (last, init) = srcs.split_last().unwrap();
                // Each PutList overwrites d, so d must not be an element
                // that is still to be read.
                let pending = &init[..init.len().saturating_sub(1)];
                let hint = hint.filter(|h| !pending.iter().any(|s| *s == Src::from(*h)));
                let d = self.temp(hint, loc)?;
                let live = self.live_with(Some(d), &srcs);
                self.emit(Instr::TestHeap { need: 2 * init.len() as u32, live });
                let mut acc = *last;
                for s in init.iter().rev() {
                    self.emit(Instr::PutList { hd: *s, tl: acc, dst: d });
                    acc = d.into();
                }
                self.mark_written(d);
                Ok(d.into())
            }
            Expr::BinOp(op, a, b, loc) => self.binop(*op, a, b, hint, 0, *loc),
            Expr::UnOp(op, a, loc) => self.unop(*op, a, hint, 0, *loc),
            Expr::AndAlso(a, b, loc) => self.short_circuit(true, a, b, hint, *loc),
            Expr::OrElse(a, b, loc) => self.short_circuit(false, a, b, hint, *loc),
            Expr::CallLocal(..) | Expr::CallRemote(..) | Expr::CallFun(..) => {
                Ok(self.call(e, false)?.expect("a non-tail call has a result"))
            }
            Expr::Block(b, _) => self.body_value(b, hint),
            Expr::Case(scrut, clauses, loc) => {
                let v = self.expr(scrut, None)?;
                let r = self.case_clauses(v, clauses, hint, *loc, false)?;
                Ok(r.unwrap())
            }
            Expr::If(clauses, loc) => Ok(self.if_clauses(clauses, hint, *loc, false)?.unwrap()),
            Expr::Fun(name, clauses, loc) => self.fun_expr(name.clone(), clauses, hint, *loc),
            Expr::FunRef(r, loc) => self.fun_ref(r, hint, *loc),
            Expr::Catch(body, loc) => self.catch_expr(body, hint, *loc),
            Expr::Try(body, of, catches, after, loc) => self.try_expr(body, of, catches, after, hint, *loc),
            Expr::Record(name, fields, loc) => self.record_new(name, fields, hint, *loc),
            Expr::RecordField(rec, name, field, loc) => self.record_get(rec, name, field, hint, 0, *loc),
            Expr::RecordIndex(name, field, loc) => {
                let i = self.field_index(name, field, *loc)?;
                Ok(self.lit(Term::small(i as i64 + 1)))
            }
            Expr::RecordUpdate(rec, name, fields, loc) => self.record_update(rec, name, fields, hint, *loc),
            Expr::Map(fields, loc) => self.map_build(None, fields, hint, *loc),
            Expr::MapUpdate(m, fields, loc) => self.map_build(Some(m), fields, hint, *loc),
            Expr::Binary(els, loc) => self.bin_build(els, hint, 0, *loc),
            Expr::BinComp(_, _, loc) => err("E0999", *loc, "internal: comprehension not lowered", ""),
            Expr::Receive(clauses, after, loc) => {
                Ok(self.receive_expr(clauses, after.as_ref(), hint, *loc, false)?.expect("a value"))
            }
            Expr::ListComp(_, _, loc) => err("E0999", *loc, "internal: comprehension not lowered", ""),
            Expr::Integer(..) | Expr::Float(..) | Expr::Atom(..) | Expr::Char(..) => unreachable!("constants"),
        }
    }

    /// Compile several expressions left to right; a value computed before a
    /// later expression that calls is kept in a Y temporary.
    pub(super) fn exprs(&mut self, es: &[Expr], loc: Loc) -> R<Vec<Src>> {
        self.exprs_hinted(es, &[], loc)
    }

    /// `exprs`, computing expression i into `hints[i]` where given.
    pub(super) fn exprs_hinted(&mut self, es: &[Expr], hints: &[Option<Dst>], loc: Loc) -> R<Vec<Src>> {
        let mut out = Vec::with_capacity(es.len());
        let mut spilled = Vec::new();
        for (i, e) in es.iter().enumerate() {
            // A hint chosen before the earlier arguments were computed may
            // name a register one of them now holds (`F([g(), a])` built
            // the list in x1, then made the fun over it): drop it then.
            let hint = hints.get(i).copied().flatten().filter(|d| match *d {
                Dst::X(r) => self.c.valid & bit(r) == 0 && !out.iter().any(|o| matches!(o, Src::X(x) if *x == r)),
                _ => true,
            });
            let s = self.expr(e, hint)?;
            let later_call = es[i + 1..].iter().any(has_call);
            if later_call && matches!(s, Src::X(_)) {
                if !self.c.frame {
                    return err("E0999", loc, "internal: call in frameless clause", "");
                }
                let y = self.new_y();
                self.emit(Instr::Move { src: s, dst: Dst::Y(y) });
                // The Y copy is the one used from here on.
                if let Src::X(r) = s {
                    self.c.valid &= !bit(r);
                }
                spilled.push(y);
                out.push(Src::Y(y));
            } else {
                out.push(s);
            }
        }
        for y in spilled {
            self.free_y(y);
        }
        Ok(out)
    }

    pub(super) fn arith_op(op: BinOp) -> Option<ArithOp> {
        Some(match op {
            BinOp::Add => ArithOp::Add,
            BinOp::Sub => ArithOp::Sub,
            BinOp::Mul => ArithOp::Mul,
            BinOp::FDiv => ArithOp::FDiv,
            BinOp::IDiv => ArithOp::IDiv,
            BinOp::Rem => ArithOp::Rem,
            BinOp::Band => ArithOp::Band,
            BinOp::Bor => ArithOp::Bor,
            BinOp::Bxor => ArithOp::Bxor,
            BinOp::Bsl => ArithOp::Bsl,
            BinOp::Bsr => ArithOp::Bsr,
            _ => return None,
        })
    }

    /// Comparison operator as (cmp, swap operands).
    pub(super) fn cmp_op(op: BinOp) -> Option<(Cmp, bool)> {
        Some(match op {
            BinOp::Lt => (Cmp::Lt, false),
            BinOp::Gt => (Cmp::Lt, true),
            BinOp::Ge => (Cmp::Ge, false),
            BinOp::Le => (Cmp::Ge, true),
            BinOp::Eq => (Cmp::Eq, false),
            BinOp::Ne => (Cmp::Ne, false),
            BinOp::ExactEq => (Cmp::EqExact, false),
            BinOp::ExactNe => (Cmp::NeExact, false),
            _ => return None,
        })
    }

    pub(super) fn binop(&mut self, op: BinOp, a: &Expr, b: &Expr, hint: Option<Dst>, fail: Label, loc: Loc) -> R<Src> {
        let srcs = self.exprs(&[a.clone(), b.clone()], loc)?;
        let (sa, sb) = (srcs[0], srcs[1]);
        let d = self.temp(hint, loc)?;
        if let Some(aop) = Self::arith_op(op) {
            self.emit(Instr::Arith { op: aop, fail, a: sa, b: sb, dst: d, live: self.live_excluding(Some(d)) });
        } else if let Some((cmp, swap)) = Self::cmp_op(op) {
            let (x, y) = if swap { (sb, sa) } else { (sa, sb) };
            self.emit(Instr::CmpValue { cmp, a: x, b: y, dst: d });
        } else {
            let bif = match op {
                BinOp::And => crate::bif::AND,
                BinOp::Or => crate::bif::OR,
                BinOp::Xor => crate::bif::XOR,
                BinOp::Append => crate::bif::APPEND,
                BinOp::Subtract => crate::bif::SUBTRACT,
                BinOp::Send => match crate::bif::lookup(atoms::ERLANG, Atom::intern("!"), 2) {
                    Some(b) => b,
                    None => return err("E0201", loc, "message sending is not supported yet", "send here"),
                },
                _ => unreachable!(),
            };
            let live = self.live_with(Some(d), &[sa, sb]);
            self.emit(Instr::Bif { bif, fail, args: vec![sa, sb].into_boxed_slice(), dst: d, live });
        }
        self.mark_written(d);
        Ok(d.into())
    }

    pub(super) fn unop(&mut self, op: UnOp, a: &Expr, hint: Option<Dst>, fail: Label, loc: Loc) -> R<Src> {
        let s = self.expr(a, None)?;
        let d = self.temp(hint, loc)?;
        let bif = match op {
            UnOp::Neg => crate::bif::NEG,
            UnOp::Bnot => crate::bif::BNOT,
            UnOp::Not => crate::bif::NOT,
            UnOp::Plus => match crate::bif::lookup(atoms::ERLANG, Atom::intern("+"), 1) {
                Some(b) => b,
                None => {
                    // +X: X must be a number; X + 0 checks that for integers.
                    let zero = self.lit(Term::small(0));
                    self.emit(Instr::Arith {
                        op: ArithOp::Add,
                        fail,
                        a: s,
                        b: zero,
                        dst: d,
                        live: self.live_excluding(Some(d)),
                    });
                    self.mark_written(d);
                    return Ok(d.into());
                }
            },
        };
        let live = self.live_with(Some(d), &[s]);
        self.emit(Instr::Bif { bif, fail, args: vec![s].into_boxed_slice(), dst: d, live });
        self.mark_written(d);
        Ok(d.into())
    }

    /// `A andalso B` / `A orelse B` as a value.
    pub(super) fn short_circuit(&mut self, is_and: bool, a: &Expr, b: &Expr, hint: Option<Dst>, loc: Loc) -> R<Src> {
        let va = self.expr(a, None)?;
        let d = match hint {
            Some(d) => d,
            None if self.c.frame && has_call(b) => Dst::Y(self.new_y()),
            None => Dst::X(self.new_x(loc)?),
        };
        let l_eval = self.asm.new_label();
        let l_short = self.asm.new_label();
        let l_end = self.asm.new_label();
        let bad = self.stub(Instr::Error { kind: ErrorKind::BadBool, src: va });
        let (t, f) = (Term::TRUE, Term::FALSE);
        let table = if is_and { vec![(t, l_eval), (f, l_short)] } else { vec![(t, l_short), (f, l_eval)] };
        self.emit(Instr::SelectVal { src: va, fail: bad, table: table.into_boxed_slice() });
        self.asm.bind(l_eval);
        let valid = self.c.valid;
        let vb = self.expr(b, None)?;
        self.emit(Instr::Move { src: vb, dst: d });
        self.emit(Instr::Jump { target: l_end });
        self.asm.bind(l_short);
        let short = self.lit(Term::bool(!is_and));
        self.emit(Instr::Move { src: short, dst: d });
        self.asm.bind(l_end);
        self.c.valid &= valid;
        self.mark_written(d);
        Ok(d.into())
    }

    // ---- calls --------------------------------------------------------

    /// What a call expression calls.
    fn classify(&self, e: &Expr) -> R<CallKind> {
        match e {
            Expr::CallLocal(name, args, loc) => {
                let a = args.len() as u32;
                if self.locals.contains_key(&(name.clone(), a)) {
                    return Ok(CallKind::Local(self.locals[&(name.clone(), a)]));
                }
                if let Some(m) = self.imported.get(&(name.clone(), a)) {
                    return Ok(self.remote_kind(Atom::intern(m), Atom::intern(name), a));
                }
                if is_auto_imported(name, a) {
                    if let Some(b) = crate::bif::lookup(atoms::ERLANG, Atom::intern(name), a) {
                        return Ok(CallKind::Bif(b));
                    }
                }
                err("E0003", *loc, format!("function {name}/{a} undefined"), "no such local function")
            }
            Expr::CallRemote(m, f, args, _) => match (m.as_ref(), f.as_ref()) {
                (Expr::Atom(m, _), Expr::Atom(f, _)) => {
                    Ok(self.remote_kind(Atom::intern(m), Atom::intern(f), args.len() as u32))
                }
                _ => Ok(CallKind::Apply),
            },
            Expr::CallFun(..) => Ok(CallKind::Fun),
            _ => unreachable!(),
        }
    }

    fn remote_kind(&self, m: Atom, f: Atom, a: u32) -> CallKind {
        match crate::bif::lookup(m, f, a) {
            Some(b) => CallKind::Bif(b),
            None => CallKind::Remote(m, f, a),
        }
    }

    /// Compile a call; in tail position it is a tail call and returns
    /// None, otherwise where the result is (x0 after a real call).
    pub(super) fn call(&mut self, e: &Expr, tail: bool) -> R<Option<Src>> {
        if let Expr::CallLocal(name, args, loc) = e {
            if name == "record_info" && args.len() == 2 && !self.locals.contains_key(&(name.clone(), 2)) {
                let v = self.record_info(&args[0], &args[1], *loc)?;
                if tail {
                    self.emit_return(v);
                    return Ok(None);
                }
                return Ok(Some(v));
            }
        }
        if let Expr::CallLocal(name, args, loc) = e {
            // is_record(X, r) for a known record also checks the size, as
            // OTP's compiler rewrites it to is_record(X, r, Size).
            if name == "is_record" && args.len() == 2 && !self.locals.contains_key(&(name.clone(), 2)) {
                if let Expr::Atom(r, _) = &args[1] {
                    if let Some(defs) = self.records.get(r) {
                        let size = Expr::Integer((defs.len() as i64 + 1).into(), *loc);
                        let e3 = Expr::CallLocal(name.clone(), vec![args[0].clone(), args[1].clone(), size], *loc);
                        return self.call(&e3, tail);
                    }
                }
            }
        }
        let mut kind = self.classify(e)?;
        let loc = e.loc();
        let (args, extra): (&[Expr], Vec<Expr>) = match e {
            Expr::CallLocal(_, args, _) => (args, vec![]),
            Expr::CallRemote(m, f, args, _) => {
                (args, if matches!(kind, CallKind::Apply) { vec![(**m).clone(), (**f).clone()] } else { vec![] })
            }
            Expr::CallFun(f, args, _) => match (f.as_ref(), &self.self_call) {
                (Expr::Var(n, vloc), Some(sc)) if *n == sc.name && sc.arity as usize == args.len() => {
                    kind = CallKind::Local(sc.entry);
                    let mut extra: Vec<Expr> = sc.free.iter().map(|v| Expr::Var(v.clone(), *vloc)).collect();
                    extra.push((**f).clone());
                    (args, extra)
                }
                _ => (args, vec![(**f).clone()]),
            },
            _ => unreachable!(),
        };
        // A direct call of the fun itself passes its free variables and
        // the fun as arguments too (live across a yield).
        let direct_self = matches!(e, Expr::CallFun(..)) && matches!(kind, CallKind::Local(_));
        if let CallKind::Bif(b) = kind {
            if b != crate::bif::APPLY2 && b != crate::bif::APPLY3 && !crate::bif::traps(b) && args.len() <= 4 {
                // Built-ins run inline and do not clobber registers.
                let srcs = self.exprs(args, loc)?;
                let d = if tail { Dst::X(0) } else { Dst::X(self.new_x(loc)?) };
                let live = self.live_with(Some(d), &srcs);
                self.emit(Instr::Bif { bif: b, fail: 0, args: srcs.into_boxed_slice(), dst: d, live });
                self.mark_written(d);
                if tail {
                    self.emit_return(Src::X(0));
                    return Ok(None);
                }
                return Ok(Some(d.into()));
            }
        }
        // Real calls: arguments (and fun/module/function) into x0..
        let mut all: Vec<Expr> = args.to_vec();
        all.extend(extra);
        let n = all.len();
        self.c.next_x = self.c.next_x.max(n as u16);
        // Compute an argument straight into its register when nothing
        // lives there and no later argument calls (which would clobber it).
        let hints: Vec<Option<Dst>> = (0..n)
            .map(|i| {
                let free = i < 64 && self.c.valid & bit(i as u16) == 0;
                (free && !all[i + 1..].iter().any(has_call)).then_some(Dst::X(i as u16))
            })
            .collect();
        let srcs = self.exprs_hinted(&all, &hints, loc)?;
        self.parallel_move(&srcs, loc)?;
        let arity = if direct_self { n as u16 } else { args.len() as u16 };
        let frame = self.c.frame;
        let ins = match (kind, tail && frame, tail) {
            (CallKind::Local(l), true, _) => Instr::CallLast { arity, target: l, dealloc: 0 },
            (CallKind::Local(l), false, true) => Instr::CallOnly { arity, target: l },
            (CallKind::Local(l), false, false) => Instr::Call { arity, target: l },
            (CallKind::Remote(m, f, a), true, _) => {
                Instr::CallExtLast { arity, import: self.import(m, f, a), dealloc: 0 }
            }
            (CallKind::Remote(m, f, a), false, true) => Instr::CallExtOnly { arity, import: self.import(m, f, a) },
            (CallKind::Remote(m, f, a), false, false) => Instr::CallExt { arity, import: self.import(m, f, a) },
            (CallKind::Fun, true, _) => Instr::CallFunLast { arity, dealloc: 0 },
            (CallKind::Fun, false, true) => Instr::CallFunOnly { arity },
            (CallKind::Fun, false, false) => Instr::CallFun { arity },
            (CallKind::Apply, true, _) => Instr::ApplyLast { arity, dealloc: 0 },
            (CallKind::Apply, false, true) => Instr::ApplyOnly { arity },
            (CallKind::Apply, false, false) => Instr::Apply { arity },
            (CallKind::Bif(b), true, _) => Instr::CallBifLast { bif: b, arity, dealloc: 0 },
            (CallKind::Bif(b), false, true) => Instr::CallBifOnly { bif: b, arity },
            (CallKind::Bif(b), false, false) => Instr::CallBif { bif: b, arity },
        };
        let is_last = matches!(
            ins,
            Instr::CallLast { .. }
                | Instr::CallExtLast { .. }
                | Instr::CallFunLast { .. }
                | Instr::ApplyLast { .. }
                | Instr::CallBifLast { .. }
        );
        let at = self.emit(ins);
        if is_last {
            self.c.patches.push(at);
        }
        self.after_call();
        if tail {
            return Ok(None);
        }
        Ok(Some(Src::X(0)))
    }

    /// Move `srcs[i]` into x_i for all i, as if simultaneously.
    pub(super) fn parallel_move(&mut self, srcs: &[Src], loc: Loc) -> R<()> {
        let mut pending: Vec<(Src, u16)> =
            srcs.iter().enumerate().filter(|(i, s)| **s != Src::X(*i as u16)).map(|(i, s)| (*s, i as u16)).collect();
        while !pending.is_empty() {
            // A move whose destination no other pending move reads.
            let pos = pending.iter().position(|(_, d)| !pending.iter().any(|(s, _)| *s == Src::X(*d)));
            match pos {
                Some(i) => {
                    let (s, d) = pending.remove(i);
                    self.emit(Instr::Move { src: s, dst: Dst::X(d) });
                }
                None => {
                    // A cycle: park one destination's current value.
                    let (_, d) = pending[0];
                    let tmp = self.new_x(loc)?;
                    self.emit(Instr::Move { src: Src::X(d), dst: Dst::X(tmp) });
                    for p in pending.iter_mut() {
                        if p.0 == Src::X(d) {
                            p.0 = Src::X(tmp);
                        }
                    }
                }
            }
        }
        for i in 0..srcs.len() {
            self.c.valid |= bit(i as u16);
        }
        Ok(())
    }
}

#[derive(Clone, Copy)]
enum CallKind {
    Local(Label),
    Remote(Atom, Atom, u32),
    Bif(u16),
    Fun,
    Apply,
}

/// Functions of `erlang` callable without the module name.
fn is_auto_imported(name: &str, _arity: u32) -> bool {
    !matches!(name, "raise" | "display" | "halt_" | "get_module_info")
}

thread_local! {
    /// The local functions of the module being compiled: a local function
    /// overrides an auto-imported BIF of the same name and arity.
    pub static LOCALS: std::cell::RefCell<HashSet<(String, u32)>> = std::cell::RefCell::new(HashSet::new());
}

fn is_local(name: &str, arity: u32) -> bool {
    LOCALS.with(|l| l.borrow().contains(&(name.to_string(), arity)))
}

/// Whether BIF `b` runs inline (`Bif`), leaving the X registers alone:
/// not apply, and not one that may trap to Erlang code, which is compiled
/// as a real call (`CallBif`, needing a frame and clobbering registers).
fn inline_bif(b: u16) -> bool {
    b != crate::bif::APPLY2 && b != crate::bif::APPLY3 && !crate::bif::traps(b)
}

/// Whether evaluating `e` may call a function (clobbering X registers).
pub fn has_call(e: &Expr) -> bool {
    use Expr::*;
    match e {
        Integer(..) | Float(..) | Atom(..) | String(..) | Char(..) | Var(..) | Nil(..) | RecordIndex(..)
        | FunRef(..) => false,
        Fun(..) => false,
        CallLocal(name, args, _) => {
            let a = args.len() as u32;
            let bif = is_auto_imported(name, a)
                && !is_local(name, a)
                && crate::bif::lookup(atoms::ERLANG, crate::term::Atom::intern(name), a).is_some_and(inline_bif)
                && a <= 4;
            !bif || args.iter().any(has_call)
        }
        CallRemote(m, f, args, _) => {
            let bif = match (m.as_ref(), f.as_ref()) {
                (Atom(m, _), Atom(f, _)) => {
                    crate::bif::lookup(crate::term::Atom::intern(m), crate::term::Atom::intern(f), args.len() as u32)
                        .is_some_and(inline_bif)
                        && args.len() <= 4
                }
                _ => false,
            };
            !bif || args.iter().any(has_call)
        }
        CallFun(..) | Try(..) | Catch(..) | Receive(..) | ListComp(..) | BinComp(..) => true,
        Cons(a, b, _) | Match(a, b, _) | BinOp(_, a, b, _) | AndAlso(a, b, _) | OrElse(a, b, _) => {
            has_call(a) || has_call(b)
        }
        UnOp(_, a, _) | RecordField(a, _, _, _) => has_call(a),
        Tuple(es, _) | Block(es, _) => es.iter().any(has_call),
        Binary(els, _) => els.iter().any(|b| has_call(&b.value) || b.size.as_ref().is_some_and(has_call)),
        Map(fs, _) => fs.iter().any(|f| has_call(&f.key) || has_call(&f.value)),
        MapUpdate(m, fs, _) => has_call(m) || fs.iter().any(|f| has_call(&f.key) || has_call(&f.value)),
        Record(_, fs, _) => fs.iter().any(|f| has_call(&f.value)),
        RecordUpdate(r, _, fs, _) => has_call(r) || fs.iter().any(|f| has_call(&f.value)),
        Case(s, cs, _) => has_call(s) || cs.iter().any(|c| c.body.iter().any(has_call)),
        If(cs, _) => cs.iter().any(|c| c.body.iter().any(has_call)),
    }
}

/// Whether a clause body needs a stack frame: some call that is not in
/// tail position.
pub fn needs_frame(body: &[Expr]) -> bool {
    match body.split_last() {
        None => false,
        Some((last, init)) => init.iter().any(has_call) || tail_needs_frame(last),
    }
}

fn tail_needs_frame(e: &Expr) -> bool {
    use Expr::*;
    match e {
        CallLocal(_, args, _) => args.iter().any(has_call),
        CallRemote(m, f, args, _) => has_call(m) || has_call(f) || args.iter().any(has_call),
        CallFun(f, args, _) => has_call(f) || args.iter().any(has_call),
        Block(b, _) => needs_frame(b),
        Case(s, cs, _) => has_call(s) || cs.iter().any(|c| needs_frame(&c.body)),
        If(cs, _) => cs.iter().any(|c| needs_frame(&c.body)),
        _ => has_call(e),
    }
}

/// Integer literal value of an AST integer, as a term built in `a`.
pub fn int_term<A: Alloc>(a: &mut A, i: &num_bigint::BigInt) -> Term {
    match i.to_i64() {
        Some(v) if Term::fits_small(v) => Term::small(v),
        _ => a.bigint(i),
    }
}

/// How a function clause's first pattern was prepared before the clause.
#[derive(Clone, Copy)]
enum First {
    /// Not at all: the clause matches x0.
    Plain,
    /// A `SelectVal` matched it (a literal).
    Matched,
    /// It is a tuple whose arity was tested and whose elements are in
    /// x[base], x[base+1], ... (see `clauses_function`).
    Elements(u16),
}

/// How many leading `clauses` have, as first pattern, a tuple of the
/// arity of the first one's (0 or 1: no run worth sharing). Small
/// tuples only, so the elements fit in registers beside the arguments.
fn tuple_run(clauses: &[Clause], arity: u32, nregs: u16) -> usize {
    let size = match clauses[0].patterns.first() {
        Some(Expr::Tuple(es, _)) if arity >= 1 && es.len() <= 8 && nregs as usize + es.len() <= 32 => es.len(),
        _ => return 0,
    };
    clauses.iter().take_while(|c| matches!(&c.patterns[0], Expr::Tuple(es, _) if es.len() == size)).count()
}
