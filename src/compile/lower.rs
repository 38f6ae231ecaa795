//! AST-to-AST lowerings done before code generation:
//! list comprehensions become recursive named funs, in the manner of
//! OTP's own translation:
//!
//! ```text
//! [E || P <- L, F]   ==>   (fun LC([P | T]) -> case F of true -> [E | LC(T)];
//!                                                        false -> LC(T) end;
//!                               LC([_ | T]) -> LC(T);
//!                               LC([]) -> [] end)(L)
//! ```
//! With several generators the inner fun's `[]` clause continues the
//! outer one (`LC1(T1)`) instead of returning `[]`.

use crate::syntax::ast::*;

#[derive(Default)]
pub struct Lowerer {
    counter: u32,
    /// OTP's numbering of funs within a function (the N of
    /// `'-main/1-fun-N-'`), by the fun's source offset: a fun is numbered
    /// after the funs inside it; a comprehension takes a number after its
    /// first generator's list and before the rest; `fun f/N` takes one.
    pub fun_numbers: std::collections::HashMap<u32, u32>,
    fun_counter: u32,
}

fn var(name: &str, loc: Loc) -> Expr {
    Expr::Var(name.to_string(), loc)
}

impl Lowerer {
    fn fresh(&mut self, base: &str) -> String {
        self.counter += 1;
        format!("%{base}{}", self.counter)
    }

    pub fn function(&mut self, f: &mut Function) {
        self.fun_counter = 0;
        for c in &mut f.clauses {
            self.clause(c);
        }
    }

    fn clause(&mut self, c: &mut Clause) {
        for p in &mut c.patterns {
            self.expr(p);
        }
        for g in &mut c.guards {
            for e in g {
                self.expr(e);
            }
        }
        for e in &mut c.body {
            self.expr(e);
        }
    }

    pub fn expr(&mut self, e: &mut Expr) {
        use Expr::*;
        match e {
            ListComp(..) => {
                let taken = std::mem::replace(e, Expr::Nil(Loc::default()));
                if let ListComp(head, quals, loc) = taken {
                    let mut head = *head;
                    let mut quals = quals;
                    for q in &mut quals {
                        match q {
                            Qualifier::Generator(p, l) | Qualifier::BitGenerator(p, l) => {
                                self.expr(p);
                                self.expr(l);
                                self.fun_counter += 1;
                            }
                            Qualifier::Filter(f) => self.expr(f),
                        }
                    }
                    self.expr(&mut head);
                    *e = self.comprehension(head, &quals, Expr::Nil(loc), loc);
                }
            }
            Cons(a, b, _) | Match(a, b, _) | BinOp(_, a, b, _) | AndAlso(a, b, _) | OrElse(a, b, _) => {
                self.expr(a);
                self.expr(b);
            }
            Tuple(es, _) | Block(es, _) | CallLocal(_, es, _) => es.iter_mut().for_each(|x| self.expr(x)),
            UnOp(_, a, _) | Catch(a, _) | RecordField(a, _, _, _) => self.expr(a),
            CallRemote(m, f, args, _) => {
                self.expr(m);
                self.expr(f);
                args.iter_mut().for_each(|x| self.expr(x));
            }
            CallFun(f, args, _) => {
                self.expr(f);
                args.iter_mut().for_each(|x| self.expr(x));
            }
            Fun(_, cs, loc) => {
                cs.iter_mut().for_each(|c| self.clause(c));
                self.number(*loc);
            }
            Expr::FunRef(crate::syntax::ast::FunRef::Local(..), _) => self.fun_counter += 1,
            If(cs, _) => cs.iter_mut().for_each(|c| self.clause(c)),
            Case(s, cs, _) => {
                self.expr(s);
                cs.iter_mut().for_each(|c| self.clause(c));
            }
            Receive(cs, after, _) => {
                cs.iter_mut().for_each(|c| self.clause(c));
                if let Some((t, body)) = after {
                    self.expr(t);
                    body.iter_mut().for_each(|x| self.expr(x));
                }
            }
            Try(body, cs, catches, after, _) => {
                body.iter_mut().for_each(|x| self.expr(x));
                cs.iter_mut().for_each(|c| self.clause(c));
                for c in catches {
                    self.expr(&mut c.class);
                    self.expr(&mut c.reason);
                    for g in &mut c.guards {
                        g.iter_mut().for_each(|x| self.expr(x));
                    }
                    c.body.iter_mut().for_each(|x| self.expr(x));
                }
                after.iter_mut().for_each(|x| self.expr(x));
            }
            Map(fs, _) => fs.iter_mut().for_each(|f| {
                self.expr(&mut f.key);
                self.expr(&mut f.value)
            }),
            MapUpdate(m, fs, _) => {
                self.expr(m);
                fs.iter_mut().for_each(|f| {
                    self.expr(&mut f.key);
                    self.expr(&mut f.value)
                })
            }
            Record(_, fs, _) => fs.iter_mut().for_each(|f| self.expr(&mut f.value)),
            RecordUpdate(r, _, fs, _) => {
                self.expr(r);
                fs.iter_mut().for_each(|f| self.expr(&mut f.value))
            }
            Binary(els, _) => els.iter_mut().for_each(|b| self.expr(&mut b.value)),
            _ => {}
        }
    }

    fn number(&mut self, loc: Loc) {
        // Funs from one macro expansion can share an offset: those keep
        // girder's own numbering (u32::MAX marks the clash).
        let n = self.fun_counter;
        self.fun_counter += 1;
        self.fun_numbers.entry(loc.start).and_modify(|v| *v = u32::MAX).or_insert(n);
    }

    /// The comprehension `[head || quals]` whose result continues with `tail`
    /// (an expression evaluated when the qualifiers are exhausted).
    fn comprehension(&mut self, head: Expr, quals: &[Qualifier], tail: Expr, loc: Loc) -> Expr {
        match quals.first() {
            None => Expr::Cons(Box::new(head), Box::new(tail), loc),
            Some(Qualifier::Filter(f)) => {
                let bad = self.fresh("bad");
                let rest = self.comprehension(head, &quals[1..], tail.clone(), loc);
                Expr::Case(
                    Box::new(f.clone()),
                    vec![
                        Clause {
                            patterns: vec![Expr::Atom("true".into(), loc)],
                            guards: vec![],
                            body: vec![rest],
                            loc,
                        },
                        Clause {
                            patterns: vec![Expr::Atom("false".into(), loc)],
                            guards: vec![],
                            body: vec![tail],
                            loc,
                        },
                        // A filter that is not a boolean: {bad_filter, V}.
                        Clause {
                            patterns: vec![Expr::Var(bad.clone(), loc)],
                            guards: vec![],
                            body: vec![Expr::CallRemote(
                                Box::new(Expr::Atom("erlang".into(), loc)),
                                Box::new(Expr::Atom("error".into(), loc)),
                                vec![Expr::Tuple(
                                    vec![Expr::Atom("bad_filter".into(), loc), Expr::Var(bad.clone(), loc)],
                                    loc,
                                )],
                                loc,
                            )],
                            loc,
                        },
                    ],
                    loc,
                )
            }
            Some(Qualifier::Generator(pat, list)) | Some(Qualifier::BitGenerator(pat, list)) => {
                let name = self.fresh("lc");
                let t = self.fresh("t");
                let bad = self.fresh("bad");
                let recur = Expr::CallFun(Box::new(var(&name, loc)), vec![var(&t, loc)], loc);
                let inner = self.comprehension(head, &quals[1..], recur.clone(), loc);
                let clauses = vec![
                    Clause {
                        patterns: vec![Expr::Cons(Box::new(pat.clone()), Box::new(var(&t, loc)), loc)],
                        guards: vec![],
                        body: vec![inner],
                        loc,
                    },
                    Clause {
                        patterns: vec![Expr::Cons(Box::new(var("_", loc)), Box::new(var(&t, loc)), loc)],
                        guards: vec![],
                        body: vec![recur],
                        loc,
                    },
                    Clause { patterns: vec![Expr::Nil(loc)], guards: vec![], body: vec![tail], loc },
                    // Not a list (or an improper tail): {bad_generator, V}.
                    Clause {
                        patterns: vec![var(&bad, loc)],
                        guards: vec![],
                        body: vec![Expr::CallRemote(
                            Box::new(Expr::Atom("erlang".into(), loc)),
                            Box::new(Expr::Atom("error".into(), loc)),
                            vec![Expr::Tuple(vec![Expr::Atom("bad_generator".into(), loc), var(&bad, loc)], loc)],
                            loc,
                        )],
                        loc,
                    },
                ];
                Expr::CallFun(Box::new(Expr::Fun(Some(name), clauses, loc)), vec![list.clone()], loc)
            }
        }
    }
}
