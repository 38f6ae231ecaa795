//! Code generation for patterns, guards, `case`, `if`, funs, `try`/`catch`,
//! records and maps (the second half of `Codegen`).

use super::codegen::{has_call, int_term, needs_frame, Codegen, CompileError};
use crate::code::instr::*;
use crate::heap::Alloc;
use crate::syntax::ast::*;
use crate::term::order::compare_exact;
use crate::term::{Atom, Term};

type R<T> = Result<T, CompileError>;

fn err<T>(code: &'static str, loc: Loc, message: impl Into<String>, label: impl Into<String>) -> R<T> {
    Err(CompileError { code, message: message.into(), loc, label: label.into() })
}

fn type_test(name: &str, arity: usize) -> Option<TypeTest> {
    if arity != 1 {
        return None;
    }
    Some(match name {
        "is_integer" => TypeTest::Integer,
        "is_float" => TypeTest::Float,
        "is_number" => TypeTest::Number,
        "is_atom" => TypeTest::Atom,
        "is_boolean" => TypeTest::Boolean,
        "is_list" => TypeTest::List,
        "is_tuple" => TypeTest::Tuple,
        "is_map" => TypeTest::Map,
        "is_function" => TypeTest::Function,
        "is_pid" => TypeTest::Pid,
        "is_reference" => TypeTest::Reference,
        "is_binary" => TypeTest::Binary,
        "is_bitstring" => TypeTest::Bitstring,
        "is_port" => TypeTest::Port,
        _ => return None,
    })
}

impl Codegen<'_> {
    // ---- constants ----------------------------------------------------

    /// The term for a constant expression, built in the module's literal
    /// area; None if `e` is not constant.
    pub(super) fn const_term(&mut self, e: &Expr) -> Option<Term> {
        Some(match e {
            Expr::Integer(i, _) => int_term(&mut self.asm.literals, i),
            Expr::Float(f, _) => self.asm.literals.float(*f),
            Expr::Atom(a, _) => Term::atom(Atom::intern(a)),
            Expr::Char(c, _) => Term::small(*c as i64),
            Expr::Nil(_) => Term::NIL,
            Expr::String(s, _) => {
                let v: Vec<Term> = s.iter().map(|c| Term::small(*c as i64)).collect();
                self.asm.literals.list(&v)
            }
            Expr::Cons(h, t, _) => {
                let h = self.const_term(h)?;
                let t = self.const_term(t)?;
                self.asm.literals.cons(h, t)
            }
            Expr::Tuple(es, _) => {
                let v: Option<Vec<Term>> = es.iter().map(|x| self.const_term(x)).collect();
                self.asm.literals.tuple(&v?)
            }
            Expr::Map(fs, _) if fs.iter().all(|f| matches!(f.kind, MapFieldKind::Assoc)) => {
                let mut pairs = Vec::new();
                for f in fs {
                    pairs.push((self.const_term(&f.key)?, self.const_term(&f.value)?));
                }
                pairs.sort_by(|a, b| compare_exact(a.0, b.0));
                let mut keys: Vec<Term> = Vec::new();
                let mut vals: Vec<Term> = Vec::new();
                for (k, v) in pairs {
                    if keys.last().is_some_and(|l| compare_exact(*l, k).is_eq()) {
                        *vals.last_mut().unwrap() = v;
                    } else {
                        keys.push(k);
                        vals.push(v);
                    }
                }
                self.asm.literals.map_sorted(&keys, &vals)
            }
            Expr::Binary(els, _) => self.const_binary(els)?,
            Expr::UnOp(UnOp::Neg, a, _) => match a.as_ref() {
                Expr::Integer(i, _) => int_term(&mut self.asm.literals, &-i.clone()),
                Expr::Float(f, _) => self.asm.literals.float(-*f),
                _ => return None,
            },
            Expr::UnOp(UnOp::Plus, a, _) if matches!(a.as_ref(), Expr::Integer(..) | Expr::Float(..)) => {
                self.const_term(a)?
            }
            Expr::BinOp(op, a, b, _) if matches!(op, BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::FDiv) => {
                // Fold float arithmetic on constants (as in `4 * ?PI * ?PI`).
                let x = self.const_term(a)?;
                let y = self.const_term(b)?;
                if !(x.is_number() && y.is_number()) || (!x.is_float() && !y.is_float() && *op != BinOp::FDiv) {
                    return None;
                }
                let (fx, fy) = (x.to_f64()?, y.to_f64()?);
                let r = match op {
                    BinOp::Add => fx + fy,
                    BinOp::Sub => fx - fy,
                    BinOp::Mul => fx * fy,
                    _ if fy != 0.0 => fx / fy,
                    _ => return None,
                };
                if !r.is_finite() {
                    return None;
                }
                self.asm.literals.float(r)
            }
            _ => return None,
        })
    }

    // ---- patterns -----------------------------------------------------

    /// Match `p` against the value in `src`; jump to `fail` on mismatch.
    pub(super) fn pattern(&mut self, p: &Expr, src: Src, fail: Label) -> R<()> {
        match p {
            Expr::Var(name, loc) => {
                if name == "_" {
                    return Ok(());
                }
                if let Some(&bound) = self.scope.vars.get(name.as_str()) {
                    self.emit(Instr::Test { cmp: Cmp::EqExact, fail, a: src, b: bound });
                    return Ok(());
                }
                if self.scope.unsafe_vars.contains(name.as_str()) {
                    return err(
                        "E0002",
                        *loc,
                        format!("variable '{name}' unsafe in 'case'"),
                        "bound in only some branches",
                    );
                }
                self.bind_var(name, src, *loc)
            }
            Expr::Match(a, b, _) => {
                self.pattern(a, src, fail)?;
                self.pattern(b, src, fail)
            }
            Expr::Tuple(es, loc) => {
                self.emit(Instr::IsTupleArity { fail, src, arity: es.len() as u32 });
                for (i, e) in es.iter().enumerate() {
                    if matches!(e, Expr::Var(n, _) if n == "_") {
                        continue;
                    }
                    let r = self.new_x(*loc)?;
                    self.emit(Instr::GetTupleElement { src, index: i as u32, dst: Dst::X(r) });
                    self.mark_written(Dst::X(r));
                    self.pattern(e, Src::X(r), fail)?;
                }
                Ok(())
            }
            Expr::Cons(h, t, loc) => {
                if let Some(c) = self.const_term(p) {
                    let l = self.lit(c);
                    self.emit(Instr::Test { cmp: Cmp::EqExact, fail, a: src, b: l });
                    return Ok(());
                }
                self.emit(Instr::IsType { test: TypeTest::NonEmptyList, fail, src });
                let rh = self.new_x(*loc)?;
                let rt = self.new_x(*loc)?;
                self.emit(Instr::GetList { src, hd: Dst::X(rh), tl: Dst::X(rt) });
                self.mark_written(Dst::X(rh));
                self.mark_written(Dst::X(rt));
                self.pattern(h, Src::X(rh), fail)?;
                self.pattern(t, Src::X(rt), fail)
            }
            Expr::BinOp(BinOp::Append, a, b, loc) => {
                // "abc" ++ Rest
                let chars: Vec<u32> = match a.as_ref() {
                    Expr::String(s, _) => s.clone(),
                    Expr::Nil(_) => vec![],
                    _ => {
                        return err(
                            "E0010",
                            *loc,
                            "illegal pattern",
                            "only a string literal may precede ++ in a pattern",
                        )
                    }
                };
                let mut pat = (**b).clone();
                for c in chars.iter().rev() {
                    pat = Expr::Cons(Box::new(Expr::Char(*c, *loc)), Box::new(pat), *loc);
                }
                self.pattern(&pat, src, fail)
            }
            Expr::Record(name, fields, loc) => {
                let defs = self.record_def(name, *loc)?;
                let mut elems: Vec<Expr> = vec![Expr::Atom(name.clone(), *loc)];
                let default = fields.iter().find(|f| f.name == "_").map(|f| f.value.clone());
                for d in &defs {
                    let v = fields.iter().find(|f| f.name == d.name).map(|f| f.value.clone());
                    elems.push(v.or_else(|| default.clone()).unwrap_or(Expr::Var("_".into(), *loc)));
                }
                for f in fields {
                    if f.name != "_" && !defs.iter().any(|d| d.name == f.name) {
                        return err(
                            "E0020",
                            f.loc,
                            format!("field {} undefined in record {name}", f.name),
                            "no such field",
                        );
                    }
                }
                self.pattern(&Expr::Tuple(elems, *loc), src, fail)
            }
            Expr::Map(fields, loc) => {
                self.emit(Instr::IsType { test: TypeTest::Map, fail, src });
                for f in fields {
                    if matches!(f.kind, MapFieldKind::Assoc) {
                        return err(
                            "E0011",
                            f.loc,
                            "illegal pattern: only := is allowed in map patterns",
                            "use := here",
                        );
                    }
                    let key = self.guard_value(&f.key, 0)?;
                    let r = self.new_x(*loc)?;
                    self.emit(Instr::GetMapElement { fail, src, key, dst: Dst::X(r) });
                    self.mark_written(Dst::X(r));
                    self.pattern(&f.value, Src::X(r), fail)?;
                }
                Ok(())
            }
            Expr::RecordIndex(..) => {
                let v = self.expr_pub(p)?;
                self.emit(Instr::Test { cmp: Cmp::EqExact, fail, a: src, b: v });
                Ok(())
            }
            Expr::Binary(els, loc) => self.bin_pattern(els, src, fail, *loc),
            _ => match self.const_term(p) {
                Some(t) => {
                    let l = self.lit(t);
                    self.emit(Instr::Test { cmp: Cmp::EqExact, fail, a: src, b: l });
                    Ok(())
                }
                None => err("E0010", p.loc(), "illegal pattern", "not allowed in a pattern"),
            },
        }
    }

    pub(super) fn expr_pub(&mut self, e: &Expr) -> R<Src> {
        self.expr(e, None)
    }

    // ---- guards -------------------------------------------------------

    pub(super) fn guard_seq(&mut self, guards: &[Vec<Expr>], fail: Label) -> R<()> {
        if guards.is_empty() {
            return Ok(());
        }
        let ok = self.asm.new_label();
        let n = guards.len();
        for (i, g) in guards.iter().enumerate() {
            let next = if i + 1 == n { fail } else { self.asm.new_label() };
            for t in g {
                self.guard_test(t, next)?;
            }
            if i + 1 < n {
                self.emit(Instr::Jump { target: ok });
                self.asm.bind(next);
            }
        }
        self.asm.bind(ok);
        Ok(())
    }

    fn guard_test(&mut self, e: &Expr, fail: Label) -> R<()> {
        match e {
            Expr::Atom(a, _) if a == "true" => Ok(()),
            Expr::BinOp(op, a, b, _) if Self::cmp_op(*op).is_some() => {
                let (cmp, swap) = Self::cmp_op(*op).unwrap();
                let sa = self.guard_value(a, fail)?;
                let sb = self.guard_value(b, fail)?;
                let (x, y) = if swap { (sb, sa) } else { (sa, sb) };
                self.emit(Instr::Test { cmp, fail, a: x, b: y });
                Ok(())
            }
            Expr::AndAlso(a, b, _) => {
                self.guard_test(a, fail)?;
                self.guard_test(b, fail)
            }
            Expr::OrElse(a, b, _) => {
                let try_b = self.asm.new_label();
                let ok = self.asm.new_label();
                self.guard_test(a, try_b)?;
                self.emit(Instr::Jump { target: ok });
                self.asm.bind(try_b);
                self.guard_test(b, fail)?;
                self.asm.bind(ok);
                Ok(())
            }
            Expr::CallLocal(_, args, _) | Expr::CallRemote(_, _, args, _)
                if type_test(call_name(e), args.len()).is_some() && is_erlang_call(e) =>
            {
                let t = type_test(call_name(e), 1).unwrap();
                let s = self.guard_value(&args[0], fail)?;
                self.emit(Instr::IsType { test: t, fail, src: s });
                Ok(())
            }
            Expr::CallLocal(name, args, loc) if name == "is_record" && (args.len() == 2 || args.len() == 3) => {
                let s = self.guard_value(&args[0], fail)?;
                let (rname, size) = self.is_record_args(args, *loc)?;
                self.emit(Instr::IsTupleArity { fail, src: s, arity: size });
                let r = self.new_x(*loc)?;
                self.emit(Instr::GetTupleElement { src: s, index: 0, dst: Dst::X(r) });
                self.mark_written(Dst::X(r));
                let n = self.lit(Term::atom(Atom::intern(&rname)));
                self.emit(Instr::Test { cmp: Cmp::EqExact, fail, a: Src::X(r), b: n });
                Ok(())
            }
            Expr::CallLocal(name, args, _) if name == "is_function" && args.len() == 2 => {
                let f = self.guard_value(&args[0], fail)?;
                let a = self.guard_value(&args[1], fail)?;
                self.emit(Instr::IsFunctionArity { fail, src: f, arity: a });
                Ok(())
            }
            _ => {
                let v = self.guard_value(e, fail)?;
                let t = self.lit(Term::TRUE);
                self.emit(Instr::Test { cmp: Cmp::EqExact, fail, a: v, b: t });
                Ok(())
            }
        }
    }

    fn is_record_args(&mut self, args: &[Expr], loc: Loc) -> R<(String, u32)> {
        let rname = match &args[1] {
            Expr::Atom(a, _) => a.clone(),
            _ => return err("E0021", loc, "is_record/2: the record name must be an atom", "here"),
        };
        let size = if args.len() == 3 {
            match &args[2] {
                Expr::Integer(i, _) => i.to_string().parse().unwrap_or(0),
                _ => return err("E0021", loc, "is_record/3: the size must be an integer", "here"),
            }
        } else {
            self.record_def(&rname, loc)?.len() as u32 + 1
        };
        Ok((rname, size))
    }

    /// A value inside a guard: errors jump to `fail` instead of raising.
    pub(super) fn guard_value(&mut self, e: &Expr, fail: Label) -> R<Src> {
        if let Some(t) = self.const_term(e) {
            return Ok(self.lit(t));
        }
        match e {
            Expr::Var(name, loc) => self.lookup_var(name, *loc),
            Expr::BinOp(op, a, b, loc) if Self::cmp_op(*op).is_none() => {
                let sa = self.guard_value(a, fail)?;
                let sb = self.guard_value(b, fail)?;
                self.binop_srcs(*op, sa, sb, fail, *loc)
            }
            Expr::BinOp(op, a, b, loc) => {
                let (cmp, swap) = Self::cmp_op(*op).unwrap();
                let sa = self.guard_value(a, fail)?;
                let sb = self.guard_value(b, fail)?;
                let (x, y) = if swap { (sb, sa) } else { (sa, sb) };
                let d = Dst::X(self.new_x(*loc)?);
                self.emit(Instr::CmpValue { cmp, a: x, b: y, dst: d });
                self.mark_written(d);
                Ok(d.into())
            }
            Expr::UnOp(op, a, loc) => {
                let s = self.guard_value(a, fail)?;
                let bif = match op {
                    UnOp::Neg => crate::bif::NEG,
                    UnOp::Bnot => crate::bif::BNOT,
                    UnOp::Not => crate::bif::NOT,
                    UnOp::Plus => return Ok(s),
                };
                self.bif_srcs(bif, vec![s], fail, *loc)
            }
            Expr::AndAlso(..) | Expr::OrElse(..) => self.test_as_value(e),
            Expr::CallLocal(_, args, loc) | Expr::CallRemote(_, _, args, loc) if is_erlang_call(e) => {
                let name = call_name(e).to_string();
                if name == "is_record"
                    || (name == "is_function" && args.len() == 2)
                    || type_test(&name, args.len()).is_some()
                {
                    return self.test_as_value(e);
                }
                let a = args.len() as u32;
                if !crate::bif::is_guard_bif(&name, a) {
                    return err(
                        "E0030",
                        *loc,
                        format!("illegal guard expression: {name}/{a} is not a guard BIF"),
                        "not allowed in a guard",
                    );
                }
                let b = crate::bif::lookup(crate::term::atoms::ERLANG, Atom::intern(&name), a).unwrap();
                let mut srcs = Vec::new();
                for x in args {
                    srcs.push(self.guard_value(x, fail)?);
                }
                self.bif_srcs(b, srcs, fail, *loc)
            }
            Expr::Tuple(..) | Expr::Cons(..) | Expr::Map(..) | Expr::Record(..) => self.expr_pub(e),
            Expr::RecordField(rec, name, field, loc) => {
                let s = self.guard_value(rec, fail)?;
                self.record_get_src(s, name, field, None, fail, *loc)
            }
            Expr::RecordIndex(..) => self.expr_pub(e),
            Expr::Binary(els, loc) => self.bin_build(els, None, fail, *loc),
            _ => err("E0030", e.loc(), "illegal guard expression", "not allowed in a guard"),
        }
    }

    /// A guard test used as a value: true if it passes, false otherwise.
    fn test_as_value(&mut self, e: &Expr) -> R<Src> {
        let d = Dst::X(self.new_x(e.loc())?);
        let no = self.asm.new_label();
        let end = self.asm.new_label();
        self.guard_test(e, no)?;
        let t = self.lit(Term::TRUE);
        self.emit(Instr::Move { src: t, dst: d });
        self.emit(Instr::Jump { target: end });
        self.asm.bind(no);
        let f = self.lit(Term::FALSE);
        self.emit(Instr::Move { src: f, dst: d });
        self.asm.bind(end);
        self.mark_written(d);
        Ok(d.into())
    }

    // ---- case and if --------------------------------------------------

    /// Clauses matched against `v`. Returns the result location when not
    /// in tail position.
    pub(super) fn case_clauses(
        &mut self,
        v: Src,
        clauses: &[Clause],
        hint: Option<Dst>,
        loc: Loc,
        tail: bool,
    ) -> R<Option<Src>> {
        let fail = self.stub(Instr::Error { kind: ErrorKind::CaseClause, src: v });
        self.clauses_on(&[v], clauses, hint, loc, tail, fail)
    }

    pub(super) fn if_clauses(&mut self, clauses: &[Clause], hint: Option<Dst>, loc: Loc, tail: bool) -> R<Option<Src>> {
        let nil = self.lit(Term::NIL);
        let fail = self.stub(Instr::Error { kind: ErrorKind::IfClause, src: nil });
        self.clauses_on(&[], clauses, hint, loc, tail, fail)
    }

    /// Shared by case, if, receive-like and catch clauses: try each clause
    /// in turn; variables bound by every clause survive the join, the rest
    /// become unsafe.
    pub(super) fn clauses_on(
        &mut self,
        vals: &[Src],
        clauses: &[Clause],
        hint: Option<Dst>,
        loc: Loc,
        tail: bool,
        fail: Label,
    ) -> R<Option<Src>> {
        self.clauses_on_ext(vals, clauses, hint, loc, tail, fail, false)
    }

    /// `clauses_on`; with `remove_message`, a clause that matches first
    /// takes the message out of the mailbox (receive).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn clauses_on_ext(
        &mut self,
        vals: &[Src],
        clauses: &[Clause],
        hint: Option<Dst>,
        loc: Loc,
        tail: bool,
        fail: Label,
        remove_message: bool,
    ) -> R<Option<Src>> {
        let any_call = clauses.iter().any(|c| c.body.iter().any(has_call));
        let d = if tail {
            None
        } else {
            Some(match hint {
                Some(d) => d,
                None if self.c.frame && any_call => Dst::Y(self.new_y()),
                None => Dst::X(self.new_x(loc)?),
            })
        };
        let end = self.asm.new_label();
        let before = self.scope.clone();
        let valid = self.c.valid;
        // Every clause starts from the registers as they are here: a tail
        // clause resets the allocator, and the next clause must not take
        // the register holding the value it matches.
        let next_x = self.c.next_x;
        let mut outs: Vec<crate::compile::codegen::ScopeSnapshot> = Vec::new();
        for (i, cl) in clauses.iter().enumerate() {
            self.scope = before.clone();
            self.c.next_x = next_x;
            let next = if i + 1 == clauses.len() { fail } else { self.asm.new_label() };
            self.begin_patterns(&cl.patterns);
            for (p, v) in cl.patterns.iter().zip(vals) {
                self.pattern(p, *v, next)?;
            }
            self.guard_seq(&cl.guards, next)?;
            if remove_message {
                self.emit(Instr::RemoveMessage {});
            }
            if tail {
                self.body_tail(&cl.body)?;
            } else {
                let r = self.body_value(&cl.body, d)?;
                let d = d.unwrap();
                if r != Src::from(d) {
                    self.emit(Instr::Move { src: r, dst: d });
                }
                self.emit(Instr::Jump { target: end });
                outs.push(self.snapshot());
            }
            if i + 1 < clauses.len() {
                self.asm.bind(next);
            }
            self.c.valid = valid;
        }
        self.asm.bind(end);
        if tail {
            self.scope = before;
            return Ok(None);
        }
        self.join(before, outs);
        // Variables bound in every branch hold values from here on.
        let regs: Vec<u16> =
            self.scope.vars.values().filter_map(|s| if let Src::X(r) = s { Some(*r) } else { None }).collect();
        for r in regs {
            self.mark_written(Dst::X(r));
        }
        let d = d.unwrap();
        self.mark_written(d);
        Ok(Some(d.into()))
    }

    // ---- funs ---------------------------------------------------------

    pub(super) fn fun_expr(&mut self, name: Option<String>, clauses: &[Clause], hint: Option<Dst>, loc: Loc) -> R<Src> {
        let arity = clauses[0].patterns.len();
        if clauses.iter().any(|c| c.patterns.len() != arity) {
            return err("E0040", loc, "fun clauses have different arities", "here");
        }
        // Free variables: used in the fun and bound here (head patterns
        // shadow outer variables).
        let mut used = Vec::new();
        for c in clauses {
            let mut head = Vec::new();
            let mut body_vars = Vec::new();
            for p in &c.patterns {
                super::bits::pattern_vars(p, &mut head);
                // Binary segment sizes use variables (bound outside the
                // fun unless bound earlier in the head).
                super::bits::pattern_size_vars(p, &mut body_vars);
            }
            for g in &c.guards {
                for e in g {
                    vars_of(e, &mut body_vars);
                }
            }
            for e in &c.body {
                vars_of(e, &mut body_vars);
            }
            for v in body_vars {
                if !head.contains(&v) && !used.contains(&v) && Some(&v) != name.as_ref() {
                    used.push(v);
                }
            }
        }
        let mut free: Vec<String> = used.into_iter().filter(|v| self.scope.vars.contains_key(v.as_str())).collect();
        free.sort();
        if arity + free.len() + 1 > crate::vm::process::MAX_X {
            return err("E0041", loc, "fun captures too many variables", "this fun needs more than 255 registers");
        }
        let srcs: Vec<Src> = free.iter().map(|v| self.lookup_var(v, loc)).collect::<R<_>>()?;
        // A comprehension's fun (named `%lc...` by the lowering) and funs
        // whose number the lowering could not tell keep a module-wide one.
        let otp_number = self.fun_numbers.get(&loc.start).copied().filter(|n| *n != u32::MAX);
        let index = match otp_number {
            Some(n) if !name.as_deref().is_some_and(|n| n.starts_with('%')) => n,
            _ => self.lambda_counter_next(),
        };
        let lname = match self.fun_ref_name.take() {
            Some(f) => f,
            None => format!("-{}/{}-fun-{}-", self.fun_name, self.fun_arity, index),
        };
        let li = self.add_lambda(lname, arity as u32, free, name, clauses.to_vec(), loc);
        let d = match hint {
            Some(d) => d,
            None => Dst::X(self.new_x(loc)?),
        };
        let live = self.live_with(Some(d), &srcs);
        self.emit(Instr::TestHeap { need: 2 + srcs.len() as u32, live });
        self.emit(Instr::MakeFun { lambda: li, free: srcs.into_boxed_slice(), dst: d });
        self.mark_written(d);
        Ok(d.into())
    }

    pub(super) fn fun_ref(&mut self, r: &FunRef, hint: Option<Dst>, loc: Loc) -> R<Src> {
        match r {
            FunRef::Local(name, arity) => {
                if !self.locals.contains_key(&(name.clone(), *arity))
                    && crate::bif::lookup(crate::term::atoms::ERLANG, Atom::intern(name), *arity).is_none()
                {
                    return err("E0003", loc, format!("function {name}/{arity} undefined"), "no such local function");
                }
                // fun f/N is a fun whose body calls f.
                let args: Vec<Expr> = (0..*arity).map(|i| Expr::Var(format!("%a{i}"), loc)).collect();
                let clause = Clause {
                    patterns: args.clone(),
                    guards: vec![],
                    body: vec![Expr::CallLocal(name.clone(), args, loc)],
                    loc,
                };
                // OTP names such a fun after the function itself.
                self.fun_ref_name = Some(name.clone());
                self.fun_expr(None, &[clause], hint, loc)
            }
            FunRef::Remote(m, f, a) => match (m.as_ref(), f.as_ref(), a.as_ref()) {
                (Expr::Atom(m, _), Expr::Atom(f, _), Expr::Integer(a, _)) => {
                    let mt = Term::atom(Atom::intern(m));
                    let ft = Term::atom(Atom::intern(f));
                    let t = self.asm.literals.export_fun(mt, ft, a.to_string().parse().unwrap_or(0));
                    Ok(self.lit(t))
                }
                _ => {
                    let args = vec![(**m).clone(), (**f).clone(), (**a).clone()];
                    let call = Expr::CallRemote(
                        Box::new(Expr::Atom("erlang".into(), loc)),
                        Box::new(Expr::Atom("make_fun".into(), loc)),
                        args,
                        loc,
                    );
                    self.expr(&call, hint)
                }
            },
        }
    }

    /// Compile the lambdas queued while compiling functions.
    pub fn lambdas_pending(&mut self) -> R<()> {
        while let Some(pl) = self.pop_pending() {
            let entry = self.lambda_entry(pl.index);
            self.set_fun_context(&pl.name);
            let name = Atom::intern(&pl.name);
            let rebound = |s: &String| {
                pl.clauses.iter().any(|c| {
                    let mut vs = Vec::new();
                    c.patterns.iter().for_each(|p| vars_of(p, &mut vs));
                    vs.contains(s)
                })
            };
            self.self_call = pl.self_name.as_ref().filter(|s| !rebound(s)).map(|s| super::codegen::SelfCall {
                name: s.clone(),
                arity: pl.arity,
                free: pl.free.clone(),
                entry,
            });
            let r =
                self.clauses_function(name, pl.arity, entry, &pl.clauses, &pl.free, pl.self_name.as_deref(), pl.loc);
            self.self_call = None;
            r?;
        }
        Ok(())
    }

    // ---- exceptions ---------------------------------------------------

    /// `catch Expr`
    pub(super) fn catch_expr(&mut self, body: &Expr, hint: Option<Dst>, loc: Loc) -> R<Src> {
        if !self.c.frame {
            return err("E0999", loc, "internal: catch outside a frame", "");
        }
        let y = self.new_y();
        let handler = self.asm.new_label();
        let end = self.asm.new_label();
        self.emit(Instr::TryBegin { handler });
        let v = self.expr_pub(body)?;
        self.emit(Instr::TryEnd {});
        self.emit(Instr::Move { src: v, dst: Dst::Y(y) });
        self.emit(Instr::Jump { target: end });
        self.asm.bind(handler);
        self.emit(Instr::CatchValue { live: 0b111 });
        self.emit(Instr::Move { src: Src::X(0), dst: Dst::Y(y) });
        self.asm.bind(end);
        self.after_call();
        let d = self.result_in_y(y, hint, loc)?;
        self.free_y(y);
        Ok(d)
    }

    /// The value in Y slot `y` moved to `hint` or a fresh X register.
    fn result_in_y(&mut self, y: u16, hint: Option<Dst>, loc: Loc) -> R<Src> {
        let d = match hint {
            Some(d) => d,
            None => Dst::X(self.new_x(loc)?),
        };
        self.emit(Instr::Move { src: Src::Y(y), dst: d });
        self.mark_written(d);
        Ok(d.into())
    }

    /// try Body of Clauses catch CatchClauses after After end
    ///
    /// ```text
    ///     [try_begin Lafter]            only with `after`
    ///     try_begin Lcatch
    ///     <body> -> v ; try_end
    ///     <of clauses on v> -> result   (no `of`: result = v)
    ///     jump Ldone
    /// Lcatch: <catch clauses on {x0, x1, x2}> -> result, else raise again
    /// Ldone: [try_end; <after>; jump Lend
    /// Lafter: save x0..x2; <after>; raise saved]
    /// Lend:
    /// ```
    #[allow(clippy::too_many_arguments)]
    pub(super) fn try_expr(
        &mut self,
        body: &[Expr],
        of: &[Clause],
        catches: &[CatchClause],
        after: &[Expr],
        hint: Option<Dst>,
        loc: Loc,
    ) -> R<Src> {
        if !self.c.frame {
            return err("E0999", loc, "internal: try outside a frame", "");
        }
        let result = self.new_y();
        let l_after = self.asm.new_label();
        if !after.is_empty() {
            self.emit(Instr::TryBegin { handler: l_after });
        }
        let l_catch = self.asm.new_label();
        let l_done = self.asm.new_label();
        if !catches.is_empty() {
            self.emit(Instr::TryBegin { handler: l_catch });
        }
        let before = self.scope.clone();
        let v = self.body_value(body, None)?;
        if !catches.is_empty() {
            self.emit(Instr::TryEnd {});
        }
        if of.is_empty() {
            self.emit(Instr::Move { src: v, dst: Dst::Y(result) });
        } else {
            let vy = self.new_y();
            self.emit(Instr::Move { src: v, dst: Dst::Y(vy) });
            let fail = self.stub(Instr::Error { kind: ErrorKind::TryClause, src: Src::Y(vy) });
            self.clauses_on(&[Src::Y(vy)], of, Some(Dst::Y(result)), loc, false, fail)?;
        }
        self.emit(Instr::Jump { target: l_done });
        self.after_call();
        // Variables bound in the try body are unsafe after it.
        self.scope = before.clone();
        if !catches.is_empty() {
            self.asm.bind(l_catch);
            let (yc, yr, ys) = (self.new_y(), self.new_y(), self.new_y());
            self.emit(Instr::Move { src: Src::X(0), dst: Dst::Y(yc) });
            self.emit(Instr::Move { src: Src::X(1), dst: Dst::Y(yr) });
            self.emit(Instr::Move { src: Src::X(2), dst: Dst::Y(ys) });
            self.c.valid = 0;
            let reraise = self.stub(Instr::Raise { class: Src::Y(yc), reason: Src::Y(yr), trace: Src::Y(ys) });
            let mut clauses = Vec::new();
            for c in catches {
                let mut body = c.body.clone();
                if let Some(s) = &c.stack {
                    // Bind the stacktrace variable from its slot.
                    body.insert(
                        0,
                        Expr::Match(
                            Box::new(Expr::Var(s.clone(), c.loc)),
                            Box::new(Expr::Var("%stack".into(), c.loc)),
                            c.loc,
                        ),
                    );
                }
                clauses.push(Clause {
                    patterns: vec![c.class.clone(), c.reason.clone()],
                    guards: c.guards.clone(),
                    body,
                    loc: c.loc,
                });
            }
            self.scope_insert("%stack", Src::Y(ys));
            self.clauses_on(&[Src::Y(yc), Src::Y(yr)], &clauses, Some(Dst::Y(result)), loc, false, reraise)?;
        }
        self.asm.bind(l_done);
        self.scope = before;
        if !after.is_empty() {
            let l_end = self.asm.new_label();
            self.emit(Instr::TryEnd {});
            for e in after {
                self.statement(e)?;
            }
            self.emit(Instr::Jump { target: l_end });
            self.asm.bind(l_after);
            let (yc, yr, ys) = (self.new_y(), self.new_y(), self.new_y());
            self.emit(Instr::Move { src: Src::X(0), dst: Dst::Y(yc) });
            self.emit(Instr::Move { src: Src::X(1), dst: Dst::Y(yr) });
            self.emit(Instr::Move { src: Src::X(2), dst: Dst::Y(ys) });
            self.c.valid = 0;
            for e in after {
                self.statement(e)?;
            }
            self.emit(Instr::Raise { class: Src::Y(yc), reason: Src::Y(yr), trace: Src::Y(ys) });
            self.asm.bind(l_end);
        }
        self.after_call();
        self.result_in_y(result, hint, loc)
    }

    // ---- receive ------------------------------------------------------

    /// ```text
    /// Lloop: loop_rec Lwait            x0 = next message to try
    ///        <clauses on x0, failing to Lnext; a match removes the message>
    /// Lnext: loop_rec_next Lloop
    /// Lwait: wait Lloop                 (no after)
    ///        wait_timeout Lloop, T      (after T: falls through on timeout)
    ///        timeout_reset; <after body>
    /// ```
    /// In tail position (`tail`), the clause bodies end in tail calls or
    /// returns (a receive loop runs in constant space) and None comes back.
    pub(super) fn receive_expr(
        &mut self,
        clauses: &[Clause],
        after: Option<&(Box<Expr>, Vec<Expr>)>,
        hint: Option<Dst>,
        loc: Loc,
        tail: bool,
    ) -> R<Option<Src>> {
        if !self.c.frame {
            return err("E0999", loc, "internal: receive outside a frame", "");
        }
        let d = Dst::Y(self.new_y());
        let l_loop = self.asm.new_label();
        let l_next = self.asm.new_label();
        let l_wait = self.asm.new_label();
        let l_end = self.asm.new_label();
        self.c.next_x = 0;
        self.c.valid = 0;
        // If every clause needs the same already-bound variable (a fresh
        // reference, typically), messages older than it can be skipped.
        let mut marker = None;
        if !clauses.is_empty() {
            let mut first = Vec::new();
            vars_of(&clauses[0].patterns[0], &mut first);
            for v in first {
                let bound = self.scope.vars.get(v.as_str()).copied();
                let everywhere = clauses.iter().all(|c| {
                    let mut vs = Vec::new();
                    vars_of(&c.patterns[0], &mut vs);
                    vs.contains(&v)
                });
                if let (Some(s), true) = (bound, everywhere) {
                    marker = Some(s);
                    break;
                }
            }
        }
        if let Some(s) = marker {
            self.emit(Instr::RecvMarkUse { src: s });
        }
        self.asm.bind(l_loop);
        self.emit(Instr::LoopRec { fail: l_wait });
        self.c.next_x = 1;
        self.mark_written(Dst::X(0));
        let before = self.scope.clone();
        let mut outs = Vec::new();
        if !clauses.is_empty() {
            let hint = if tail { None } else { Some(d) };
            self.clauses_on_ext(&[Src::X(0)], clauses, hint, loc, tail, l_next, true)?;
            outs.push(self.snapshot_after_join());
            if !tail {
                self.emit(Instr::Jump { target: l_end });
            }
        }
        self.scope = before.clone();
        self.asm.bind(l_next);
        self.emit(Instr::LoopRecNext { target: l_loop });
        self.asm.bind(l_wait);
        self.c.next_x = 0;
        self.c.valid = 0;
        match after {
            None => {
                self.emit(Instr::Wait { target: l_loop });
            }
            Some((t, body)) => {
                let tv = self.expr(t, None)?;
                self.emit(Instr::WaitTimeout { target: l_loop, timeout: tv });
                self.emit(Instr::TimeoutReset {});
                self.c.next_x = 0;
                self.c.valid = 0;
                if tail {
                    self.body_tail(body)?;
                    self.asm.bind(l_end);
                    self.scope = before;
                    return Ok(None);
                }
                let r = self.body_value(body, Some(d))?;
                if r != Src::from(d) {
                    self.emit(Instr::Move { src: r, dst: d });
                }
                outs.push(self.snapshot());
            }
        }
        self.asm.bind(l_end);
        if tail {
            self.scope = before;
            return Ok(None);
        }
        if after.is_none() {
            // Only the clauses produce a value.
            self.scope = before.clone();
            if let Some(o) = outs.pop() {
                for (k, v) in o {
                    self.scope.vars.insert(k, v);
                }
            }
        } else {
            self.join(before, outs);
        }
        self.c.next_x = 0;
        self.c.valid = 0;
        let Dst::Y(y) = d else { unreachable!("the receive result is a Y slot") };
        self.result_in_y(y, hint, loc).map(Some)
    }

    fn snapshot_after_join(&self) -> crate::compile::codegen::ScopeSnapshot {
        self.snapshot()
    }

    // ---- records ------------------------------------------------------

    pub(super) fn record_def(&self, name: &str, loc: Loc) -> R<Vec<RecordFieldDef>> {
        match self.records.get(name) {
            Some(d) => Ok(d.clone()),
            None => err("E0022", loc, format!("record {name} undefined"), "no such record"),
        }
    }

    pub(super) fn field_index(&self, name: &str, field: &str, loc: Loc) -> R<usize> {
        let defs = self.record_def(name, loc)?;
        match defs.iter().position(|d| d.name == field) {
            Some(i) => Ok(i + 1),
            None => err("E0020", loc, format!("field {field} undefined in record {name}"), "no such field"),
        }
    }

    pub(super) fn record_new(&mut self, name: &str, fields: &[RecordField], hint: Option<Dst>, loc: Loc) -> R<Src> {
        let defs = self.record_def(name, loc)?;
        for f in fields {
            if f.name != "_" && !defs.iter().any(|d| d.name == f.name) {
                return err("E0020", f.loc, format!("field {} undefined in record {name}", f.name), "no such field");
            }
        }
        let default = fields.iter().find(|f| f.name == "_").map(|f| f.value.clone());
        let mut elems = vec![Expr::Atom(name.to_string(), loc)];
        for d in &defs {
            let v = fields
                .iter()
                .find(|f| f.name == d.name)
                .map(|f| f.value.clone())
                .or_else(|| default.clone())
                .or_else(|| d.default.clone())
                .unwrap_or(Expr::Atom("undefined".into(), loc));
            elems.push(v);
        }
        self.expr(&Expr::Tuple(elems, loc), hint)
    }

    pub(super) fn record_get(
        &mut self,
        rec: &Expr,
        name: &str,
        field: &str,
        hint: Option<Dst>,
        fail: Label,
        loc: Loc,
    ) -> R<Src> {
        let s = self.expr_pub(rec)?;
        self.record_get_src(s, name, field, hint, fail, loc)
    }

    fn record_get_src(&mut self, s: Src, name: &str, field: &str, hint: Option<Dst>, fail: Label, loc: Loc) -> R<Src> {
        let i = self.field_index(name, field, loc)?;
        let size = self.record_def(name, loc)?.len() as u32 + 1;
        let n = self.lit(Term::atom(Atom::intern(name)));
        if fail != 0 {
            self.emit(Instr::IsTupleArity { fail, src: s, arity: size });
            let r = Dst::X(self.new_x(loc)?);
            self.emit(Instr::GetTupleElement { src: s, index: 0, dst: r });
            self.mark_written(r);
            self.emit(Instr::Test { cmp: Cmp::EqExact, fail, a: r.into(), b: n });
        } else {
            self.emit(Instr::RecordCheck { src: s, name: n, size });
        }
        let d = match hint {
            Some(d) => d,
            None => Dst::X(self.new_x(loc)?),
        };
        self.emit(Instr::GetTupleElement { src: s, index: i as u32, dst: d });
        self.mark_written(d);
        Ok(d.into())
    }

    pub(super) fn record_update(
        &mut self,
        rec: &Expr,
        name: &str,
        fields: &[RecordField],
        hint: Option<Dst>,
        loc: Loc,
    ) -> R<Src> {
        let defs = self.record_def(name, loc)?;
        for f in fields {
            if !defs.iter().any(|d| d.name == f.name) {
                return err("E0020", f.loc, format!("field {} undefined in record {name}", f.name), "no such field");
            }
        }
        let mut es = vec![rec.clone()];
        es.extend(fields.iter().map(|f| f.value.clone()));
        let srcs = self.exprs(&es, loc)?;
        let s = srcs[0];
        let size = defs.len() as u32 + 1;
        let n = self.lit(Term::atom(Atom::intern(name)));
        self.emit(Instr::RecordCheck { src: s, name: n, size });
        let mut elems = vec![n];
        for (i, d) in defs.iter().enumerate() {
            match fields.iter().position(|f| f.name == d.name) {
                Some(j) => elems.push(srcs[j + 1]),
                None => {
                    let r = Dst::X(self.new_x(loc)?);
                    self.emit(Instr::GetTupleElement { src: s, index: i as u32 + 1, dst: r });
                    self.mark_written(r);
                    elems.push(r.into());
                }
            }
        }
        let d = match hint {
            Some(d) => d,
            None => Dst::X(self.new_x(loc)?),
        };
        let live = self.live_with(Some(d), &elems);
        self.emit(Instr::TestHeap { need: 1 + elems.len() as u32, live });
        self.emit(Instr::PutTuple { elems: elems.into_boxed_slice(), dst: d });
        self.mark_written(d);
        Ok(d.into())
    }

    // ---- maps ---------------------------------------------------------

    pub(super) fn map_build(
        &mut self,
        base: Option<&Expr>,
        fields: &[MapField],
        hint: Option<Dst>,
        loc: Loc,
    ) -> R<Src> {
        if base.is_none() && fields.iter().any(|f| matches!(f.kind, MapFieldKind::Exact)) {
            return err("E0012", loc, "only association operators '=>' are allowed in map construction", "use => here");
        }
        let mut es: Vec<Expr> = Vec::new();
        if let Some(b) = base {
            es.push(b.clone());
        }
        for f in fields {
            es.push(f.key.clone());
            es.push(f.value.clone());
        }
        let srcs = self.exprs(&es, loc)?;
        let (base_src, rest) = if base.is_some() { (Some(srcs[0]), &srcs[1..]) } else { (None, &srcs[..]) };
        let mut assoc = Vec::new();
        let mut exact = Vec::new();
        for (f, kv) in fields.iter().zip(rest.chunks(2)) {
            match f.kind {
                MapFieldKind::Assoc => assoc.push((kv[0], kv[1])),
                MapFieldKind::Exact => exact.push((kv[0], kv[1])),
            }
        }
        let d = match hint {
            Some(d) => d,
            None => Dst::X(self.new_x(loc)?),
        };
        let mut all: Vec<Src> = base_src.into_iter().collect();
        all.extend(assoc.iter().chain(exact.iter()).flat_map(|(k, v)| [*k, *v]));
        let live = self.live_with(Some(d), &all);
        self.emit(Instr::PutMap {
            map: Box::new(MapBuild {
                base: base_src,
                assoc: assoc.into_boxed_slice(),
                exact: exact.into_boxed_slice(),
                dst: d,
                live,
            }),
        });
        self.mark_written(d);
        Ok(d.into())
    }

    pub(super) fn binop_srcs(&mut self, op: BinOp, sa: Src, sb: Src, fail: Label, loc: Loc) -> R<Src> {
        let d = Dst::X(self.new_x(loc)?);
        if let Some(aop) = Self::arith_op(op) {
            let live = self.live_excluding(Some(d));
            self.emit(Instr::Arith { op: aop, fail, a: sa, b: sb, dst: d, live });
        } else {
            let bif = match op {
                BinOp::And => crate::bif::AND,
                BinOp::Or => crate::bif::OR,
                BinOp::Xor => crate::bif::XOR,
                _ => return err("E0030", loc, "illegal guard expression", "not allowed in a guard"),
            };
            let live = self.live_with(Some(d), &[sa, sb]);
            self.emit(Instr::Bif { bif, fail, args: vec![sa, sb].into_boxed_slice(), dst: d, live });
        }
        self.mark_written(d);
        Ok(d.into())
    }

    fn bif_srcs(&mut self, bif: u16, srcs: Vec<Src>, fail: Label, loc: Loc) -> R<Src> {
        let d = Dst::X(self.new_x(loc)?);
        let live = self.live_with(Some(d), &srcs);
        self.emit(Instr::Bif { bif, fail, args: srcs.into_boxed_slice(), dst: d, live });
        self.mark_written(d);
        Ok(d.into())
    }
}

fn call_name(e: &Expr) -> &str {
    match e {
        Expr::CallLocal(n, _, _) => n,
        Expr::CallRemote(_, f, _, _) => match f.as_ref() {
            Expr::Atom(f, _) => f,
            _ => "",
        },
        _ => "",
    }
}

fn is_erlang_call(e: &Expr) -> bool {
    match e {
        Expr::CallLocal(..) => true,
        Expr::CallRemote(m, f, _, _) => {
            matches!((m.as_ref(), f.as_ref()), (Expr::Atom(m, _), Expr::Atom(..)) if m == "erlang")
        }
        _ => false,
    }
}

/// Every variable name occurring in `e` (including in nested funs).
pub fn vars_of(e: &Expr, out: &mut Vec<String>) {
    use Expr::*;
    let mut push = |n: &std::string::String| {
        if n != "_" && !out.contains(n) {
            out.push(n.clone());
        }
    };
    match e {
        Var(n, _) => push(n),
        Integer(..) | Float(..) | Atom(..) | String(..) | Char(..) | Nil(..) | RecordIndex(..) => {}
        Cons(a, b, _) | Match(a, b, _) | BinOp(_, a, b, _) | AndAlso(a, b, _) | OrElse(a, b, _) => {
            vars_of(a, out);
            vars_of(b, out);
        }
        UnOp(_, a, _) | Catch(a, _) | RecordField(a, _, _, _) => vars_of(a, out),
        Tuple(es, _) | Block(es, _) | CallLocal(_, es, _) => es.iter().for_each(|x| vars_of(x, out)),
        CallRemote(m, f, args, _) => {
            vars_of(m, out);
            vars_of(f, out);
            args.iter().for_each(|x| vars_of(x, out));
        }
        CallFun(f, args, _) => {
            vars_of(f, out);
            args.iter().for_each(|x| vars_of(x, out));
        }
        FunRef(r, _) => {
            if let crate::syntax::ast::FunRef::Remote(m, f, a) = r {
                vars_of(m, out);
                vars_of(f, out);
                vars_of(a, out);
            }
        }
        Fun(_, cs, _) | If(cs, _) => cs.iter().for_each(|c| clause_vars(c, out)),
        Case(s, cs, _) => {
            vars_of(s, out);
            cs.iter().for_each(|c| clause_vars(c, out));
        }
        Receive(cs, after, _) => {
            cs.iter().for_each(|c| clause_vars(c, out));
            if let Some((t, b)) = after {
                vars_of(t, out);
                b.iter().for_each(|x| vars_of(x, out));
            }
        }
        Try(b, cs, catches, after, _) => {
            b.iter().for_each(|x| vars_of(x, out));
            cs.iter().for_each(|c| clause_vars(c, out));
            for c in catches {
                vars_of(&c.class, out);
                vars_of(&c.reason, out);
                if let Some(s) = &c.stack {
                    if !out.contains(s) {
                        out.push(s.clone());
                    }
                }
                c.guards.iter().flatten().for_each(|x| vars_of(x, out));
                c.body.iter().for_each(|x| vars_of(x, out));
            }
            after.iter().for_each(|x| vars_of(x, out));
        }
        ListComp(h, qs, _) | BinComp(h, qs, _) => {
            vars_of(h, out);
            for q in qs {
                match q {
                    Qualifier::Generator(p, l) | Qualifier::BitGenerator(p, l) => {
                        vars_of(p, out);
                        vars_of(l, out);
                    }
                    Qualifier::Filter(f) => vars_of(f, out),
                }
            }
        }
        Map(fs, _) => fs.iter().for_each(|f| {
            vars_of(&f.key, out);
            vars_of(&f.value, out)
        }),
        MapUpdate(m, fs, _) => {
            vars_of(m, out);
            fs.iter().for_each(|f| {
                vars_of(&f.key, out);
                vars_of(&f.value, out)
            })
        }
        Record(_, fs, _) => fs.iter().for_each(|f| vars_of(&f.value, out)),
        RecordUpdate(r, _, fs, _) => {
            vars_of(r, out);
            fs.iter().for_each(|f| vars_of(&f.value, out))
        }
        Binary(els, _) => els.iter().for_each(|b| {
            vars_of(&b.value, out);
            if let Some(s) = &b.size {
                vars_of(s, out);
            }
        }),
    }
}

fn clause_vars(c: &Clause, out: &mut Vec<String>) {
    c.patterns.iter().for_each(|x| vars_of(x, out));
    c.guards.iter().flatten().for_each(|x| vars_of(x, out));
    c.body.iter().for_each(|x| vars_of(x, out));
}

#[allow(dead_code)]
fn unused(_: bool) -> bool {
    needs_frame(&[])
}
