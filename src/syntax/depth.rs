//! A bound on how deeply expressions nest. The parser itself is
//! table-driven and copes with any depth, but every recursive walk of the
//! AST (including the compiler-generated `Drop`) uses one stack frame per
//! level: a 100,000-element list literal is a 100,000-deep `Cons` chain and
//! would overflow the stack when dropped. Deeper trees are rejected with a
//! diagnostic and taken apart here without recursion.

use super::ast::{Clause, Expr, FunRef, Loc, Qualifier};

/// Deepest expression nesting accepted. Deep enough for any hand-written
/// code and for list literals of some thousands of elements; shallow enough
/// for recursive passes on an 8 MiB stack even in debug builds.
pub const MAX_DEPTH: usize = 10_000;

/// Pushes the direct subexpressions of `e`.
fn children<'a>(e: &'a Expr, out: &mut Vec<&'a Expr>) {
    let clauses = |cs: &'a [Clause], out: &mut Vec<&'a Expr>| {
        for c in cs {
            out.extend(&c.patterns);
            out.extend(c.guards.iter().flatten());
            out.extend(&c.body);
        }
    };
    let qualifiers = |qs: &'a [Qualifier], out: &mut Vec<&'a Expr>| {
        for q in qs {
            match q {
                Qualifier::Generator(a, b) | Qualifier::BitGenerator(a, b) => {
                    out.push(a);
                    out.push(b);
                }
                Qualifier::Filter(a) => out.push(a),
            }
        }
    };
    match e {
        Expr::Integer(..)
        | Expr::Float(..)
        | Expr::Atom(..)
        | Expr::String(..)
        | Expr::Char(..)
        | Expr::Var(..)
        | Expr::Nil(_)
        | Expr::RecordIndex(..)
        | Expr::FunRef(FunRef::Local(..), _) => {}
        Expr::Cons(a, b, _)
        | Expr::Match(a, b, _)
        | Expr::BinOp(_, a, b, _)
        | Expr::AndAlso(a, b, _)
        | Expr::OrElse(a, b, _) => {
            out.push(a);
            out.push(b);
        }
        Expr::UnOp(_, a, _) | Expr::Catch(a, _) | Expr::RecordField(a, _, _, _) => out.push(a),
        Expr::Tuple(es, _) | Expr::Block(es, _) | Expr::CallLocal(_, es, _) => out.extend(es),
        Expr::Binary(els, _) => {
            for el in els {
                out.push(&el.value);
                out.extend(&el.size);
            }
        }
        Expr::Map(fs, _) => {
            for f in fs {
                out.push(&f.key);
                out.push(&f.value);
            }
        }
        Expr::MapUpdate(m, fs, _) => {
            out.push(m);
            for f in fs {
                out.push(&f.key);
                out.push(&f.value);
            }
        }
        Expr::Record(_, fs, _) => out.extend(fs.iter().map(|f| &f.value)),
        Expr::RecordUpdate(r, _, fs, _) => {
            out.push(r);
            out.extend(fs.iter().map(|f| &f.value));
        }
        Expr::CallRemote(m, f, args, _) => {
            out.push(m);
            out.push(f);
            out.extend(args);
        }
        Expr::CallFun(f, args, _) => {
            out.push(f);
            out.extend(args);
        }
        Expr::Fun(_, cs, _) | Expr::If(cs, _) => clauses(cs, out),
        Expr::FunRef(FunRef::Remote(m, f, a), _) => {
            out.push(m);
            out.push(f);
            out.push(a);
        }
        Expr::ListComp(e, qs, _) | Expr::BinComp(e, qs, _) => {
            out.push(e);
            qualifiers(qs, out);
        }
        Expr::Case(e, cs, _) => {
            out.push(e);
            clauses(cs, out);
        }
        Expr::Receive(cs, after, _) => {
            clauses(cs, out);
            if let Some((t, body)) = after {
                out.push(t);
                out.extend(body);
            }
        }
        Expr::Try(body, cs, catches, after, _) => {
            out.extend(body);
            clauses(cs, out);
            for c in catches {
                out.push(&c.class);
                out.push(&c.reason);
                out.extend(c.guards.iter().flatten());
                out.extend(&c.body);
            }
            out.extend(after);
        }
    }
}

/// The location of the first expression found nested deeper than
/// `MAX_DEPTH` below `roots`, if any. Iterative.
pub fn too_deep<'a>(roots: impl IntoIterator<Item = &'a Expr>) -> Option<Loc> {
    let mut stack: Vec<(&Expr, usize)> = roots.into_iter().map(|e| (e, 1)).collect();
    let mut kids = Vec::new();
    while let Some((e, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            return Some(e.loc());
        }
        children(e, &mut kids);
        stack.extend(kids.drain(..).map(|k| (k, depth + 1)));
    }
    None
}

/// Moves the direct subexpressions of `e` out into `out`, so that dropping
/// `e` afterwards does not recurse.
fn take_children(e: Expr, out: &mut Vec<Expr>) {
    let clauses = |cs: Vec<Clause>, out: &mut Vec<Expr>| {
        for c in cs {
            out.extend(c.patterns);
            out.extend(c.guards.into_iter().flatten());
            out.extend(c.body);
        }
    };
    match e {
        Expr::Cons(a, b, _)
        | Expr::Match(a, b, _)
        | Expr::BinOp(_, a, b, _)
        | Expr::AndAlso(a, b, _)
        | Expr::OrElse(a, b, _) => {
            out.push(*a);
            out.push(*b);
        }
        Expr::UnOp(_, a, _) | Expr::Catch(a, _) | Expr::RecordField(a, _, _, _) => out.push(*a),
        Expr::Tuple(es, _) | Expr::Block(es, _) | Expr::CallLocal(_, es, _) => out.extend(es),
        Expr::Binary(els, _) => {
            for el in els {
                out.push(el.value);
                out.extend(el.size);
            }
        }
        Expr::Map(fs, _) => {
            for f in fs {
                out.push(f.key);
                out.push(f.value);
            }
        }
        Expr::MapUpdate(m, fs, _) => {
            out.push(*m);
            for f in fs {
                out.push(f.key);
                out.push(f.value);
            }
        }
        Expr::Record(_, fs, _) => out.extend(fs.into_iter().map(|f| f.value)),
        Expr::RecordUpdate(r, _, fs, _) => {
            out.push(*r);
            out.extend(fs.into_iter().map(|f| f.value));
        }
        Expr::CallRemote(m, f, args, _) => {
            out.push(*m);
            out.push(*f);
            out.extend(args);
        }
        Expr::CallFun(f, args, _) => {
            out.push(*f);
            out.extend(args);
        }
        Expr::Fun(_, cs, _) | Expr::If(cs, _) => clauses(cs, out),
        Expr::FunRef(FunRef::Remote(m, f, a), _) => {
            out.push(*m);
            out.push(*f);
            out.push(*a);
        }
        Expr::ListComp(e, qs, _) | Expr::BinComp(e, qs, _) => {
            out.push(*e);
            for q in qs {
                match q {
                    Qualifier::Generator(a, b) | Qualifier::BitGenerator(a, b) => {
                        out.push(a);
                        out.push(b);
                    }
                    Qualifier::Filter(a) => out.push(a),
                }
            }
        }
        Expr::Case(e, cs, _) => {
            out.push(*e);
            clauses(cs, out);
        }
        Expr::Receive(cs, after, _) => {
            clauses(cs, out);
            if let Some((t, body)) = after {
                out.push(*t);
                out.extend(body);
            }
        }
        Expr::Try(body, cs, catches, after, _) => {
            out.extend(body);
            clauses(cs, out);
            for c in catches {
                out.push(c.class);
                out.push(c.reason);
                out.extend(c.guards.into_iter().flatten());
                out.extend(c.body);
            }
            out.extend(after);
        }
        Expr::Integer(..)
        | Expr::Float(..)
        | Expr::Atom(..)
        | Expr::String(..)
        | Expr::Char(..)
        | Expr::Var(..)
        | Expr::Nil(_)
        | Expr::RecordIndex(..)
        | Expr::FunRef(FunRef::Local(..), _) => {}
    }
}

/// Drops expressions of any depth without recursion.
pub fn dismantle(roots: impl IntoIterator<Item = Expr>) {
    let mut stack: Vec<Expr> = roots.into_iter().collect();
    while let Some(e) = stack.pop() {
        take_children(e, &mut stack);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse_exprs;

    #[test]
    fn deep_trees_are_rejected_without_overflow() {
        let src = format!("[{}].", vec!["1"; 100_000].join(","));
        let err = parse_exprs(&src).unwrap_err();
        assert!(err[0].message.contains("nested too deeply"));
        let src = format!("{}1.", "- ".repeat(50_000));
        assert!(parse_exprs(&src).is_err());
        let src = format!("[{}].", vec!["1"; 5_000].join(","));
        let es = parse_exprs(&src).unwrap();
        assert_eq!(too_deep(&es), None);
        // Test threads have small stacks: drop without recursion.
        dismantle(es);
    }
}
