//! A compact S-expression rendering of expressions, for tests and for
//! debugging the parser: `a + b * c` prints as `(+ a (* b c))`.

use super::ast::{BinOp, Expr, FunRef, MapFieldKind, Qualifier, UnOp};
use super::lexer::{write_atom, write_string};

pub fn expr(e: &Expr) -> String {
    let list = |es: &[Expr]| es.iter().map(expr).collect::<Vec<_>>().join(" ");
    match e {
        Expr::Integer(i, _) => i.to_string(),
        Expr::Float(f, _) => format!("{f:?}"),
        Expr::Atom(a, _) => write_atom(a),
        Expr::String(s, _) => write_string(s),
        Expr::Char(c, _) => format!("(char {c})"),
        Expr::Var(v, _) => v.clone(),
        Expr::Nil(_) => "[]".into(),
        Expr::Cons(h, t, _) => format!("(cons {} {})", expr(h), expr(t)),
        Expr::Tuple(es, _) => format!("{{{}}}", list(es)),
        Expr::Binary(els, _) => {
            let els: Vec<String> = els
                .iter()
                .map(|b| {
                    let mut s = expr(&b.value);
                    if let Some(sz) = &b.size {
                        s.push(':');
                        s.push_str(&expr(sz));
                    }
                    for (i, (t, v)) in b.specs.iter().enumerate() {
                        s.push(if i == 0 { '/' } else { '-' });
                        s.push_str(t);
                        if let Some(v) = v {
                            s.push_str(&format!(":{v}"));
                        }
                    }
                    s
                })
                .collect();
            format!("<<{}>>", els.join(" "))
        }
        Expr::Map(fs, _) if fs.is_empty() => "(map)".into(),
        Expr::Map(fs, _) => format!("(map {})", map_fields(fs)),
        Expr::MapUpdate(m, fs, _) => format!("(map-update {} {})", expr(m), map_fields(fs)),
        Expr::Record(n, fs, _) if fs.is_empty() => format!("(record {n})"),
        Expr::Record(n, fs, _) => format!("(record {n} {})", record_fields(fs)),
        Expr::RecordUpdate(e, n, fs, _) => {
            format!("(record-update {} {n} {})", expr(e), record_fields(fs))
        }
        Expr::RecordField(e, n, f, _) => format!("(field {} {n} {f})", expr(e)),
        Expr::RecordIndex(n, f, _) => format!("(index {n} {f})"),
        Expr::Match(a, b, _) => format!("(= {} {})", expr(a), expr(b)),
        Expr::BinOp(op, a, b, _) => format!("({} {} {})", binop(*op), expr(a), expr(b)),
        Expr::UnOp(op, a, _) => {
            let op = match op {
                UnOp::Neg => "-",
                UnOp::Plus => "+",
                UnOp::Not => "not",
                UnOp::Bnot => "bnot",
            };
            format!("({op} {})", expr(a))
        }
        Expr::AndAlso(a, b, _) => format!("(andalso {} {})", expr(a), expr(b)),
        Expr::OrElse(a, b, _) => format!("(orelse {} {})", expr(a), expr(b)),
        Expr::CallLocal(f, args, _) => format!("(call {}{})", write_atom(f), tail(args)),
        Expr::CallRemote(m, f, args, _) => {
            format!("(call {}:{}{})", expr(m), expr(f), tail(args))
        }
        Expr::CallFun(f, args, _) => format!("(apply {}{})", expr(f), tail(args)),
        Expr::Fun(name, cs, _) => {
            format!("(fun{} {})", name.as_ref().map(|n| format!(" {n}")).unwrap_or_default(), clauses(cs))
        }
        Expr::FunRef(FunRef::Local(f, a), _) => format!("(fun {f}/{a})"),
        Expr::FunRef(FunRef::Remote(m, f, a), _) => {
            format!("(fun {}:{}/{})", expr(m), expr(f), expr(a))
        }
        Expr::ListComp(e, qs, _) => format!("(lc {} {})", expr(e), qualifiers(qs)),
        Expr::BinComp(e, qs, _) => format!("(bc {} {})", expr(e), qualifiers(qs)),
        Expr::Block(es, _) => format!("(begin {})", list(es)),
        Expr::If(cs, _) => format!("(if {})", clauses(cs)),
        Expr::Case(e, cs, _) => format!("(case {} {})", expr(e), clauses(cs)),
        Expr::Receive(cs, after, _) => {
            let mut s = format!("(receive {}", clauses(cs));
            if let Some((t, body)) = after {
                s.push_str(&format!(" (after {} {})", expr(t), list(body)));
            }
            s.push(')');
            s
        }
        Expr::Try(body, cs, catches, after, _) => {
            let catches: Vec<String> = catches
                .iter()
                .map(|c| {
                    format!(
                        "({}:{}{}{} -> {})",
                        expr(&c.class),
                        expr(&c.reason),
                        c.stack.as_ref().map(|s| format!(":{s}")).unwrap_or_default(),
                        guards(&c.guards),
                        list(&c.body)
                    )
                })
                .collect();
            format!("(try ({}) (of {}) (catch {}) (after {}))", list(body), clauses(cs), catches.join(" "), list(after))
        }
        Expr::Catch(e, _) => format!("(catch {})", expr(e)),
    }
}

/// ` a b c`, or nothing for no expressions.
fn tail(es: &[Expr]) -> String {
    es.iter().map(|e| format!(" {}", expr(e))).collect()
}

fn binop(op: BinOp) -> &'static str {
    use BinOp::*;
    match op {
        Add => "+",
        Sub => "-",
        Mul => "*",
        FDiv => "/",
        IDiv => "div",
        Rem => "rem",
        Band => "band",
        Bor => "bor",
        Bxor => "bxor",
        Bsl => "bsl",
        Bsr => "bsr",
        And => "and",
        Or => "or",
        Xor => "xor",
        Eq => "==",
        Ne => "/=",
        ExactEq => "=:=",
        ExactNe => "=/=",
        Lt => "<",
        Le => "=<",
        Gt => ">",
        Ge => ">=",
        Append => "++",
        Subtract => "--",
        Send => "!",
    }
}

fn map_fields(fs: &[super::ast::MapField]) -> String {
    fs.iter()
        .map(|f| {
            let arrow = match f.kind {
                MapFieldKind::Assoc => "=>",
                MapFieldKind::Exact => ":=",
            };
            format!("({} {arrow} {})", expr(&f.key), expr(&f.value))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn record_fields(fs: &[super::ast::RecordField]) -> String {
    fs.iter().map(|f| format!("({} {})", f.name, expr(&f.value))).collect::<Vec<_>>().join(" ")
}

fn guards(gs: &[Vec<Expr>]) -> String {
    if gs.is_empty() {
        return String::new();
    }
    let alts: Vec<String> = gs.iter().map(|g| g.iter().map(expr).collect::<Vec<_>>().join(", ")).collect();
    format!(" when {}", alts.join("; "))
}

/// Clauses as `(Pats when G -> Body)`.
pub fn clauses(cs: &[super::ast::Clause]) -> String {
    cs.iter()
        .map(|c| {
            format!(
                "(({}){} -> {})",
                c.patterns.iter().map(expr).collect::<Vec<_>>().join(" "),
                guards(&c.guards),
                c.body.iter().map(expr).collect::<Vec<_>>().join(" ")
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn qualifiers(qs: &[Qualifier]) -> String {
    qs.iter()
        .map(|q| match q {
            Qualifier::Generator(p, e) => format!("(<- {} {})", expr(p), expr(e)),
            Qualifier::BitGenerator(p, e) => format!("(<= {} {})", expr(p), expr(e)),
            Qualifier::Filter(e) => expr(e),
        })
        .collect::<Vec<_>>()
        .join(" ")
}
