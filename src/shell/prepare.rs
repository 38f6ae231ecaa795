//! From the text of an expression sequence to a throw-away module the
//! evaluator can call. For `Y = X + 1, Y * 2.` with `X` bound, the module is
//!
//! ```erlang
//! -module('girder_shell$7').
//! -export([eval/1]).
//! eval(X) -> Y = X + 1, '$value' = Y * 2, {'$value', [{'Y', Y}]}.
//! help() -> girder_shell:help().          % one stub per shell command
//! ...
//! ```
//!
//! The variables the sequence binds are found by compiling: every variable
//! named in it is first listed in the result; one the compiler finds
//! unbound or unsafe there (a variable of a fun or a comprehension, one
//! bound in only some branches of a `case`) is dropped, and the module
//! compiled again.

use crate::code::server;
use crate::syntax::ast::{self, Clause, Expr, Form, Function, Loc};
use crate::syntax::diag::Diagnostic;

/// What the loop is to do with a line.
pub enum Prepared {
    /// Call `Module:eval/N` with the values of the bound variables, in the
    /// order they were given.
    Eval(crate::term::Atom),
    /// A command that works on the loop's own state: `f()`, `f(X)`,
    /// `b()`, `q()`.
    Command(&'static str, Option<String>),
    /// Text to print; whether the command number advances (it does not
    /// for a syntax error, as in `erl`).
    Error(String, bool),
}

/// The shell commands reachable as local calls, forwarded to
/// `girder_shell`. (`f/0,1`, `b/0` and `q/0` at the top of a line are
/// handled by the loop itself.)
const COMMANDS: &[(&str, u32)] = &[
    ("help", 0),
    ("c", 1),
    ("l", 1),
    ("i", 0),
    ("m", 1),
    ("flush", 0),
    ("regs", 0),
    ("q", 0),
    ("v", 1),
    ("pwd", 0),
    ("cd", 1),
    ("ls", 0),
    ("rr", 1),
];

/// Where the code the shell adds around the user's claims to be: never a
/// position in the user's text, so a diagnostic there is recognised.
const ADDED: Loc = Loc { start: u32::MAX, end: u32::MAX, line: 0 };

pub fn prepare(text: &str, bound: &[String], seq: u64) -> Prepared {
    let exprs = match crate::syntax::parse_exprs(text) {
        Ok(es) => es,
        Err(ds) => return Prepared::Error(diagnostic_line(&ds[0], text), false),
    };
    if let [Expr::CallLocal(name, args, _)] = exprs.as_slice() {
        match (name.as_str(), args.as_slice()) {
            ("f", []) => return Prepared::Command("f", None),
            ("f", [Expr::Var(v, _)]) => return Prepared::Command("f", Some(v.clone())),
            ("b", []) => return Prepared::Command("b", None),
            ("q", []) => return Prepared::Command("q", None),
            _ => {}
        }
    }
    let mut new_vars: Vec<String> = Vec::new();
    for e in &exprs {
        crate::compile::vars_of(e, &mut new_vars);
    }
    new_vars.retain(|v| !bound.contains(v));
    let name = format!("girder_shell${seq}");
    loop {
        let module = build(&name, &exprs, bound, &new_vars);
        match crate::compile::compile_module("shell", &module) {
            Ok(m) => return Prepared::Eval(server::install(m).name),
            Err(e) if e.loc == ADDED && (e.code == "E0001" || e.code == "E0002") => {
                let before = new_vars.len();
                new_vars.retain(|v| !e.message.contains(&format!("'{v}'")));
                if new_vars.len() == before {
                    return Prepared::Error(format!("* {}\n", e.message), true);
                }
            }
            Err(e) if e.code == "E0003" => {
                // A local call that is no shell command: OTP raises this
                // when the call is made; girder knows it before.
                let what = e.message.trim_start_matches("function ").trim_end_matches(" undefined");
                return Prepared::Error(format!("** exception error: undefined shell command {what}\n"), true);
            }
            Err(e) => {
                let d = Diagnostic::new(e.code, e.message, e.loc, e.label);
                return Prepared::Error(diagnostic_line(&d, text), true);
            }
        }
    }
}

/// `* LINE:COL: message`, as the Erlang shell reports a syntax or compile
/// error (lines counted from the start of the expression).
fn diagnostic_line(d: &Diagnostic, text: &str) -> String {
    if d.loc == ADDED {
        return format!("* {}\n", d.message);
    }
    let (line, col) = d.line_col(text);
    // OTP names no token when the text ends early.
    let message = d.message.strip_suffix("end of input").unwrap_or(&d.message);
    format!("* {line}:{col}: {message}\n")
}

fn build(name: &str, exprs: &[Expr], bound: &[String], new_vars: &[String]) -> ast::Module {
    let var = |n: &str| Expr::Var(n.to_string(), ADDED);
    let atom = |n: &str| Expr::Atom(n.to_string(), ADDED);
    let mut body: Vec<Expr> = exprs.to_vec();
    let last = body.pop().expect("the grammar gives at least one expression");
    body.push(Expr::Match(Box::new(var("$value")), Box::new(last), ADDED));
    let mut pairs = Expr::Nil(ADDED);
    for v in new_vars.iter().rev() {
        let pair = Expr::Tuple(vec![atom(v), var(v)], ADDED);
        pairs = Expr::Cons(Box::new(pair), Box::new(pairs), ADDED);
    }
    body.push(Expr::Tuple(vec![var("$value"), pairs], ADDED));
    let arity = bound.len() as u32;
    let eval = Function {
        name: "eval".into(),
        arity,
        clauses: vec![Clause { patterns: bound.iter().map(|b| var(b)).collect(), guards: vec![], body, loc: ADDED }],
        loc: ADDED,
    };
    let mut forms = vec![Form::Export(vec![("eval".into(), arity, ADDED)], ADDED)];
    forms.extend(super::bifs::record_forms());
    forms.push(Form::Function(eval));
    for &(cmd, n) in COMMANDS {
        let args: Vec<Expr> = (0..n).map(|i| var(&format!("A{i}"))).collect();
        let call = Expr::CallRemote(Box::new(atom("girder_shell")), Box::new(atom(cmd)), args.clone(), ADDED);
        forms.push(Form::Function(Function {
            name: cmd.into(),
            arity: n,
            clauses: vec![Clause { patterns: args, guards: vec![], body: vec![call], loc: ADDED }],
            loc: ADDED,
        }));
    }
    ast::Module { name: name.to_string(), loc: ADDED, forms }
}
