//! `-behaviour(B)` checks: a module that names one of OTP's behaviours
//! but does not export a callback the behaviour requires gets erlc's
//! warning (never an error):
//!
//! ```text
//! kv.erl:2:2: Warning: undefined callback function handle_cast/2 (behaviour 'gen_server')
//! ```
//!
//! Only the required callbacks are checked (optional ones such as
//! `handle_info/2` or `terminate/2` may be left out), and only for the
//! behaviours girder ships; other behaviour names are not looked up.

use crate::syntax::ast::{self, Expr, Form};

/// The required callbacks of the behaviours in girder's stdlib.
const REQUIRED: &[(&str, &[(&str, u32)])] = &[
    ("gen_server", &[("init", 1), ("handle_call", 3), ("handle_cast", 2)]),
    ("gen_statem", &[("init", 1), ("callback_mode", 0)]),
    ("supervisor", &[("init", 1)]),
];

/// The warnings for `m`, one line each, in source order.
pub fn warnings(file: &str, src: &str, m: &ast::Module) -> Vec<String> {
    let mut export_all = false;
    let mut exported: Vec<(&str, u32)> = Vec::new();
    for f in &m.forms {
        match f {
            Form::Export(es, _) => exported.extend(es.iter().map(|(n, a, _)| (n.as_str(), *a))),
            Form::Compile(opts, _) => export_all |= opts.iter().any(names_export_all),
            _ => {}
        }
    }
    let defined = |name: &str, arity: u32| {
        m.forms.iter().any(|f| matches!(f, Form::Function(func) if func.name == name && func.arity == arity))
    };
    let mut out = Vec::new();
    for f in &m.forms {
        let Form::Attribute(attr, Some(Expr::Atom(b, _)), loc) = f else { continue };
        if attr != "behaviour" && attr != "behavior" {
            continue;
        }
        let Some((_, required)) = REQUIRED.iter().find(|(name, _)| name == b) else { continue };
        let (line, col) = line_col(src, loc);
        for &(name, arity) in required.iter() {
            let present = if export_all { defined(name, arity) } else { exported.contains(&(name, arity)) };
            if !present {
                out.push(format!(
                    "{file}:{line}:{col}: Warning: undefined callback function {name}/{arity} (behaviour '{b}')"
                ));
            }
        }
    }
    out
}

fn names_export_all(e: &Expr) -> bool {
    match e {
        Expr::Atom(a, _) => a == "export_all",
        Expr::Cons(h, t, _) => names_export_all(h) || names_export_all(t),
        _ => false,
    }
}

/// erlc's line and column of an attribute: the column of its name, after
/// the `-`.
fn line_col(src: &str, loc: &ast::Loc) -> (u32, usize) {
    let start = (loc.start as usize).min(src.len());
    let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
    let mut col = src[line_start..start].chars().count() + 1;
    if src[start..].starts_with('-') {
        col += 1;
    }
    (loc.line, col)
}
