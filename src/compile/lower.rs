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
    /// Problems found while lowering: (where, message).
    pub errors: Vec<(Loc, String)>,
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
            ListComp(..) | BinComp(..) => {
                let taken = std::mem::replace(e, Expr::Nil(Loc::default()));
                if let ListComp(head, quals, loc) | BinComp(head, quals, loc) = &taken {
                    let (head, quals, loc) = ((**head).clone(), quals.clone(), *loc);
                    let mut head = head;
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
                    *e = if matches!(taken, ListComp(..)) {
                        self.comprehension(head, &quals, Expr::Nil(loc), loc)
                    } else {
                        // The pieces are collected in a list (newest first)
                        // and joined once: appending each to the result
                        // would copy it every time.
                        let pieces = self.bin_comprehension(&head, &quals, Expr::Nil(loc), loc);
                        let call = |m: &str, f: &str, arg: Expr| {
                            Expr::CallRemote(
                                Box::new(Expr::Atom(m.into(), loc)),
                                Box::new(Expr::Atom(f.into(), loc)),
                                vec![arg],
                                loc,
                            )
                        };
                        call("erlang", "list_to_bitstring", call("lists", "reverse", pieces))
                    };
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
            Binary(els, _) => els.iter_mut().for_each(|b| {
                self.expr(&mut b.value);
                if let Some(s) = &mut b.size {
                    self.expr(s);
                }
            }),
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
            Some(Qualifier::BitGenerator(pat, bin)) => {
                let name = self.fresh("lc");
                let t = self.fresh("t");
                let recur = Expr::CallFun(Box::new(var(&name, loc)), vec![var(&t, loc)], loc);
                let inner = self.comprehension(head, &quals[1..], recur.clone(), loc);
                let clauses = self.bit_generator_clauses(pat, &t, &[], inner, recur, tail, loc);
                Expr::CallFun(Box::new(Expr::Fun(Some(name), clauses, loc)), vec![bin.clone()], loc)
            }
            Some(Qualifier::Generator(pat, list)) => {
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

    /// The pieces of the binary comprehension `<<head || quals>>` pushed
    /// onto the list `acc` (an expression); its value is the new list:
    ///
    /// ```text
    /// << <<E>> || P <- L >>   ==>   list_to_bitstring(lists:reverse(
    ///                                 (fun BC([P | T], A) -> BC(T, [<<E>> | A]);
    ///                                      BC([_ | T], A) -> BC(T, A);
    ///                                      BC([], A) -> A end)(L, [])))
    /// ```
    fn bin_comprehension(&mut self, head: &Expr, quals: &[Qualifier], acc: Expr, loc: Loc) -> Expr {
        match quals.first() {
            None => {
                let piece = match head {
                    Expr::Binary(..) => head.clone(),
                    // Anything else must be a bitstring (badarg otherwise).
                    _ => Expr::Binary(
                        vec![BinElement {
                            value: head.clone(),
                            size: None,
                            specs: vec![("bitstring".into(), None)],
                            loc,
                        }],
                        loc,
                    ),
                };
                Expr::Cons(Box::new(piece), Box::new(acc), loc)
            }
            Some(Qualifier::Filter(f)) => {
                let bad = self.fresh("bad");
                let rest = self.bin_comprehension(head, &quals[1..], acc.clone(), loc);
                let clause = |p: Expr, body: Expr| Clause { patterns: vec![p], guards: vec![], body: vec![body], loc };
                Expr::Case(
                    Box::new(f.clone()),
                    vec![
                        clause(Expr::Atom("true".into(), loc), rest),
                        clause(Expr::Atom("false".into(), loc), acc),
                        clause(var(&bad, loc), error_call("bad_filter", &bad, loc)),
                    ],
                    loc,
                )
            }
            Some(Qualifier::Generator(pat, list)) => {
                let name = self.fresh("bc");
                let t = self.fresh("t");
                let a = self.fresh("acc");
                let bad = self.fresh("bad");
                let step = self.bin_comprehension(head, &quals[1..], var(&a, loc), loc);
                let recur = |acc: Expr| Expr::CallFun(Box::new(var(&name, loc)), vec![var(&t, loc), acc], loc);
                let clause = |p: Expr, body: Expr| Clause {
                    patterns: vec![p, var(&a, loc)],
                    guards: vec![],
                    body: vec![body],
                    loc,
                };
                let cons = |h: Expr| Expr::Cons(Box::new(h), Box::new(var(&t, loc)), loc);
                // OTP reports the whole list when the pattern is a plain
                // variable (its binary comprehensions walk such a list
                // once to size the result before building it).
                let whole = matches!(pat, Expr::Var(..)).then(|| self.fresh("list"));
                let culprit = whole.clone().unwrap_or_else(|| bad.clone());
                let clauses = vec![
                    clause(cons(pat.clone()), recur(step)),
                    clause(cons(var("_", loc)), recur(var(&a, loc))),
                    clause(Expr::Nil(loc), var(&a, loc)),
                    Clause {
                        patterns: vec![var(&bad, loc), var("_", loc)],
                        guards: vec![],
                        body: vec![error_call("bad_generator", &culprit, loc)],
                        loc,
                    },
                ];
                let fun = Box::new(Expr::Fun(Some(name), clauses, loc));
                match whole {
                    Some(w) => Expr::Block(
                        vec![
                            Expr::Match(Box::new(var(&w, loc)), Box::new(list.clone()), loc),
                            Expr::CallFun(fun, vec![var(&w, loc), acc], loc),
                        ],
                        loc,
                    ),
                    None => Expr::CallFun(fun, vec![list.clone(), acc], loc),
                }
            }
            Some(Qualifier::BitGenerator(pat, bin)) => {
                let name = self.fresh("bc");
                let t = self.fresh("t");
                let a = self.fresh("acc");
                let step = self.bin_comprehension(head, &quals[1..], var(&a, loc), loc);
                let recur = |acc: Expr| Expr::CallFun(Box::new(var(&name, loc)), vec![var(&t, loc), acc], loc);
                let clauses = self.bit_generator_clauses(
                    pat,
                    &t,
                    &[var(&a, loc)],
                    recur(step),
                    recur(var(&a, loc)),
                    var(&a, loc),
                    loc,
                );
                Expr::CallFun(Box::new(Expr::Fun(Some(name), clauses, loc)), vec![bin.clone(), acc], loc)
            }
        }
    }

    /// The clauses of a bit-string generator's fun, whose first argument
    /// is the bits still to go (`extra` are further arguments):
    ///
    /// ```text
    /// G(<<Segs, T/bits>>, ...) -> `matched`;     the pattern matches
    /// G(<<Skip, T/bits>>, ...) -> `skipped`;     same sizes, other values
    /// G(<<_/bits>>, ...) -> `done`;              too few bits left
    /// G(Bad, ...) -> error({bad_generator, Bad})
    /// ```
    #[allow(clippy::too_many_arguments)]
    fn bit_generator_clauses(
        &mut self,
        pat: &Expr,
        t: &str,
        extra: &[Expr],
        matched: Expr,
        skipped: Expr,
        done: Expr,
        loc: Loc,
    ) -> Vec<Clause> {
        let Expr::Binary(els, ploc) = pat else {
            self.errors.push((pat.loc(), "a bit string generator needs a binary pattern (<<...>> <= Bin)".into()));
            return vec![Clause { patterns: vec![var("_", loc)], guards: vec![], body: vec![done], loc }];
        };
        let rest = BinElement { value: var(t, loc), size: None, specs: vec![("bitstring".into(), None)], loc };
        let mut with_rest = els.clone();
        with_rest.push(rest.clone());
        // The skip pattern keeps the variables that later sizes use.
        let mut size_vars = Vec::new();
        for el in els {
            if let Some(s) = &el.size {
                crate::compile::vars_of(s, &mut size_vars);
            }
        }
        let mut skip: Vec<BinElement> = els
            .iter()
            .map(|el| {
                let keep = matches!(&el.value, Expr::Var(n, _) if size_vars.contains(n));
                let value = if keep { el.value.clone() } else { var("_", el.loc) };
                // A string stands for one segment per character.
                match &el.value {
                    Expr::String(cs, _) if !keep => {
                        return (0..cs.len()).map(|_| BinElement { value: value.clone(), ..el.clone() }).collect();
                    }
                    _ => {}
                }
                vec![BinElement { value, ..el.clone() }]
            })
            .collect::<Vec<_>>()
            .concat();
        skip.push(rest);
        let all_bits = BinElement { value: var("_", loc), size: None, specs: vec![("bitstring".into(), None)], loc };
        let bad = self.fresh("bad");
        let mk = |p: Expr, body: Expr| {
            let mut patterns = vec![p];
            patterns.extend(extra.iter().cloned());
            Clause { patterns, guards: vec![], body: vec![body], loc }
        };
        let mut bad_pats = vec![var(&bad, loc)];
        bad_pats.extend(extra.iter().map(|_| var("_", loc)));
        vec![
            mk(Expr::Binary(with_rest, *ploc), matched),
            mk(Expr::Binary(skip, *ploc), skipped),
            mk(Expr::Binary(vec![all_bits], loc), done),
            Clause { patterns: bad_pats, guards: vec![], body: vec![error_call("bad_generator", &bad, loc)], loc },
        ]
    }
}

/// `erlang:error({Tag, Var})`
fn error_call(tag: &str, v: &str, loc: Loc) -> Expr {
    Expr::CallRemote(
        Box::new(Expr::Atom("erlang".into(), loc)),
        Box::new(Expr::Atom("error".into(), loc)),
        vec![Expr::Tuple(vec![Expr::Atom(tag.into(), loc), var(v, loc)], loc)],
        loc,
    )
}
