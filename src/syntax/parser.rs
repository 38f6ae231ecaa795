//! The parser proper: feeds preprocessed tokens to the LALRPOP grammar in
//! `grammar/erlang.lalrpop`, one form at a time, and turns the raw forms
//! into `ast::Form`s (attribute decoding, clause grouping, checks).
//!
//! Type-language attributes (`-spec`, `-type`, `-opaque`, `-callback`) are
//! skipped at the token level, and so are the `:: Type` annotations of
//! record fields, so the grammar only knows expressions.

use lalrpop_util::ParseError;
use num_bigint::BigInt;
use num_traits::ToPrimitive;

use super::ast::{Clause, Expr, Form, Function, Loc, Module, RecordFieldDef};
use super::depth;
use super::diag::{codes, Diagnostic};
use super::lexer::{Spanned, Tok};

lalrpop_util::lalrpop_mod!(
    #[allow(clippy::all, clippy::pedantic, unused_parens, unused_imports)]
    grammar,
    "/erlang.rs"
);

/// What the grammar's entry point returns.
#[derive(Debug)]
pub enum Top {
    Form(RawForm),
    Exprs(Vec<Expr>),
}

/// A form as parsed, before attributes are decoded.
#[derive(Debug)]
pub enum RawForm {
    /// `-name(Args).`
    Attribute(String, Vec<Expr>, Loc),
    /// Clauses with the function name each was written with.
    Function(Vec<(String, Clause)>, Loc),
}

/// An error raised by a grammar action; positions are token indices.
#[derive(Clone, Debug, PartialEq)]
pub struct UserError {
    pub message: String,
    pub start: usize,
    pub end: usize,
}

type PErr = ParseError<usize, Tok, UserError>;

/// Byte span of tokens `l..r` (token indices as the grammar sees them).
pub fn mk_loc(toks: &[Spanned], l: usize, r: usize) -> Loc {
    let Some(last) = toks.len().checked_sub(1) else {
        return Loc::default();
    };
    let first = &toks[l.min(last)].loc;
    if r <= l {
        return Loc { start: first.start, end: first.start, line: first.line };
    }
    let end = toks[(r - 1).min(last)].loc.end.max(first.start);
    Loc { start: first.start, end, line: first.line }
}

pub fn illegal(message: &str, start: usize, end: usize) -> PErr {
    ParseError::User { error: UserError { message: message.to_string(), start, end } }
}

/// `F(Args)`: a local call when `F` is an atom, a fun call otherwise.
pub fn call(f: Expr, args: Vec<Expr>, loc: Loc) -> Expr {
    match f {
        Expr::Atom(name, _) => Expr::CallLocal(name, args, loc),
        other => Expr::CallFun(Box::new(other), args, loc),
    }
}

pub fn small_int(i: &BigInt, l: usize, r: usize) -> Result<u32, PErr> {
    i.to_u32().ok_or_else(|| illegal("arity out of range", l, r))
}

pub fn bit_type_value(i: &BigInt, l: usize, r: usize) -> Result<u64, PErr> {
    i.to_u64().ok_or_else(|| illegal("bad type specifier value", l, r))
}

/// Builds a `fun ... end` from its clauses; a named fun must use the same
/// name in every clause.
pub fn fun_clauses(cs: Vec<(Option<String>, Clause)>, l: usize, r: usize, loc: Loc) -> Result<Expr, PErr> {
    let name = cs.first().and_then(|(n, _)| n.clone());
    if cs.iter().any(|(n, _)| *n != name) {
        return Err(illegal("head mismatch", l, r));
    }
    Ok(Expr::Fun(name, cs.into_iter().map(|(_, c)| c).collect(), loc))
}

/// Where included tokens came from, to name them in messages.
#[derive(Clone, Debug, Default)]
pub struct Origins {
    /// Index `i` names origin `i`; origin 0 is the main file.
    pub files: Vec<String>,
}

impl Origins {
    fn note(&self, tok: &Spanned) -> String {
        if tok.origin == 0 {
            return String::new();
        }
        let file = self.files.get(tok.origin as usize).map(String::as_str).unwrap_or("?");
        format!(" (in included file {file}, line {})", tok.orig_line)
    }
}

/// Parses one form's tokens (ending with a `Tok::Dot`).
pub fn parse_form(form: &[Spanned], origins: &Origins) -> Result<RawForm, Diagnostic> {
    match run(Tok::StartForm, form, origins)? {
        Top::Form(f) => Ok(f),
        Top::Exprs(_) => unreachable!("START_FORM yields a form"),
    }
}

/// Parses `Expr, ..., Expr .` (the tokens must end with a `Tok::Dot`).
pub fn parse_expr_tokens(toks: &[Spanned], origins: &Origins) -> Result<Vec<Expr>, Diagnostic> {
    match run(Tok::StartExprs, toks, origins)? {
        Top::Exprs(es) => Ok(es),
        Top::Form(_) => unreachable!("START_EXPRS yields expressions"),
    }
}

/// Stack bytes reserved per token for forms too big to be parsed on the
/// caller's stack (see `run`): generous for one level of `Drop` recursion
/// in a debug build.
const STACK_PER_TOKEN: usize = 1024;
/// Forms above this many tokens are refused outright.
const MAX_FORM_TOKENS: usize = 4_000_000;

fn run(start: Tok, body: &[Spanned], origins: &Origins) -> Result<Top, Diagnostic> {
    if body.len() <= depth::MAX_DEPTH {
        return run_here(start, body, origins);
    }
    // A form this long may build a tree deeper than `depth::MAX_DEPTH`
    // before a syntax error, and LALRPOP then drops its partial trees
    // recursively. Parse it on a thread with a stack to match; whatever
    // comes back has passed the depth check.
    let loc = body.first().map(|t| t.loc).unwrap_or_default();
    let too_big = || Diagnostic::new(codes::TOO_DEEP, "form too large to parse", loc, "this form");
    if body.len() > MAX_FORM_TOKENS {
        return Err(too_big());
    }
    let stack = 16 * 1024 * 1024 + body.len() * STACK_PER_TOKEN;
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("girder-parse".into())
            .stack_size(stack)
            .spawn_scoped(scope, || run_here(start, body, origins))
            .map_err(|_| too_big())?
            .join()
            .unwrap_or_else(|_| Err(too_big()))
    })
}

fn run_here(start: Tok, body: &[Spanned], origins: &Origins) -> Result<Top, Diagnostic> {
    let first_loc = body.first().map(|t| t.loc).unwrap_or_default();
    let mut toks = Vec::with_capacity(body.len() + 1);
    toks.push(Spanned::new(start, Loc { end: first_loc.start, ..first_loc }));
    toks.extend_from_slice(body);
    let input = toks.iter().enumerate().skip(1).map(|(i, t)| Ok::<_, UserError>((i, t.tok.clone(), i + 1)));
    let stream = std::iter::once(Ok((0, toks[0].tok.clone(), 1))).chain(input);
    let top = grammar::TopParser::new().parse(&toks, stream).map_err(|e| parse_error(e, &toks, origins))?;
    check_depth(top)
}

/// Rejects (and safely drops) trees nested deeper than `depth::MAX_DEPTH`.
fn check_depth(top: Top) -> Result<Top, Diagnostic> {
    let deep = {
        let roots: Vec<&Expr> = match &top {
            Top::Exprs(es) => es.iter().collect(),
            Top::Form(RawForm::Attribute(_, args, _)) => args.iter().collect(),
            Top::Form(RawForm::Function(cs, _)) => {
                cs.iter().flat_map(|(_, c)| c.patterns.iter().chain(c.guards.iter().flatten()).chain(&c.body)).collect()
            }
        };
        depth::too_deep(roots)
    };
    let Some(loc) = deep else {
        return Ok(top);
    };
    let exprs: Vec<Expr> = match top {
        Top::Exprs(es) => es,
        Top::Form(RawForm::Attribute(_, args, _)) => args,
        Top::Form(RawForm::Function(cs, _)) => cs
            .into_iter()
            .flat_map(|(_, c)| c.patterns.into_iter().chain(c.guards.into_iter().flatten()).chain(c.body))
            .collect(),
    };
    depth::dismantle(exprs);
    Err(Diagnostic::new(
        codes::TOO_DEEP,
        format!("expression nested too deeply (more than {} levels)", depth::MAX_DEPTH),
        loc,
        "nesting limit reached here",
    )
    .with_help("split the expression, e.g. build a long list literal from several shorter ones"))
}

fn parse_error(err: PErr, toks: &[Spanned], origins: &Origins) -> Diagnostic {
    let at = |i: usize| &toks[i.min(toks.len() - 1)];
    match err {
        ParseError::UnrecognizedToken { token: (l, tok, _), expected } => {
            let d = unexpected(at(l), &tok, origins);
            match expected_help(&expected) {
                Some(h) => d.with_help(h),
                None => d,
            }
        }
        ParseError::ExtraToken { token: (l, tok, _) } => unexpected(at(l), &tok, origins),
        ParseError::UnrecognizedEof { location, .. } => {
            let t = at(location.saturating_sub(1));
            Diagnostic::new(
                codes::UNEXPECTED_EOF,
                format!("syntax error before: end of input{}", origins.note(t)),
                t.loc,
                "the input ends after this",
            )
            .with_help("a form or expression sequence must end with '.'")
        }
        ParseError::InvalidToken { location } => unexpected(at(location), &at(location).tok, origins),
        ParseError::User { error } => {
            let loc = mk_loc(toks, error.start, error.end);
            let t = at(error.start);
            Diagnostic::new(codes::ILLEGAL, format!("{}{}", error.message, origins.note(t)), loc, error.message.clone())
        }
    }
}

/// "expected ')' or ','" from LALRPOP's list of terminal names, when short
/// enough to help.
fn expected_help(expected: &[String]) -> Option<String> {
    if expected.is_empty() || expected.len() > 5 {
        return None;
    }
    let names: Vec<String> = expected
        .iter()
        .map(|e| match e.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
            Some("dot") => "'.'".to_string(),
            Some(inner) => format!("'{inner}'"),
            None => e.clone(),
        })
        .collect();
    Some(format!("expected {}", names.join(" or ")))
}

fn unexpected(t: &Spanned, tok: &Tok, origins: &Origins) -> Diagnostic {
    let text = tok.to_string();
    Diagnostic::new(
        codes::UNEXPECTED_TOKEN,
        format!("syntax error before: {text}{}", origins.note(t)),
        t.loc,
        format!("unexpected {text}"),
    )
}

/// Names of attributes whose argument is in the type language; their
/// tokens are skipped.
const TYPE_ATTRIBUTES: &[&str] = &["spec", "type", "opaque", "callback", "nominal"];

/// Parses all forms of a module and assembles it.
pub fn parse_module_forms(forms: &[Vec<Spanned>], origins: &Origins) -> Result<Module, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut name: Option<(String, Loc)> = None;
    let mut out = Vec::new();
    for form in forms {
        let loc = mk_loc(form, 0, form.len());
        if let [Spanned { tok: Tok::Minus, .. }, Spanned { tok: Tok::Atom(attr), .. }, ..] = form.as_slice() {
            if TYPE_ATTRIBUTES.contains(&attr.as_str()) {
                out.push(Form::Attribute(attr.clone(), None, loc));
                continue;
            }
        }
        let stripped;
        let form = if is_record_attribute(form) {
            stripped = strip_record_types(form);
            &stripped
        } else {
            form
        };
        let raw = match parse_form(form, origins) {
            Ok(raw) => raw,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        match convert_form(raw) {
            Ok(Converted::Module(n, l)) => {
                if name.is_none() {
                    name = Some((n, l));
                }
            }
            Ok(Converted::Form(f)) => out.push(f),
            Err(d) => diags.push(d),
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    match name {
        Some((name, loc)) => Ok(Module { name, loc, forms: out }),
        None => Err(vec![Diagnostic::new(
            codes::NO_MODULE,
            "no module definition",
            Loc { start: 0, end: 0, line: 1 },
            "expected -module(Name). before this",
        )]),
    }
}

fn is_record_attribute(form: &[Spanned]) -> bool {
    matches!(form, [Spanned { tok: Tok::Minus, .. }, Spanned { tok: Tok::Atom(a), .. }, ..] if a == "record")
}

/// Drops `:: Type` from record field definitions: inside the field tuple,
/// from `::` up to the next `,` or `}` at the same nesting depth.
fn strip_record_types(form: &[Spanned]) -> Vec<Spanned> {
    let mut out = Vec::with_capacity(form.len());
    let mut depth = 0usize;
    let mut skipping_at: Option<usize> = None;
    for t in form {
        let opens = matches!(t.tok, Tok::LParen | Tok::LBracket | Tok::LBrace | Tok::BinOpen);
        let closes = matches!(t.tok, Tok::RParen | Tok::RBracket | Tok::RBrace | Tok::BinClose);
        if let Some(d) = skipping_at {
            let ends = (depth == d && (t.tok == Tok::Comma || closes)) || t.tok == Tok::Dot;
            if !ends {
                if opens {
                    depth += 1;
                } else if closes {
                    depth = depth.saturating_sub(1);
                }
                continue;
            }
            skipping_at = None;
        }
        // The fields live at depth 2: inside `(` and then `{`.
        if t.tok == Tok::ColonColon && depth == 2 {
            skipping_at = Some(depth);
            continue;
        }
        if opens {
            depth += 1;
        } else if closes {
            depth = depth.saturating_sub(1);
        }
        out.push(t.clone());
    }
    out
}

enum Converted {
    Module(String, Loc),
    Form(Form),
}

fn bad(what: &str, loc: Loc) -> Diagnostic {
    Diagnostic::new(codes::ILLEGAL, format!("bad {what} declaration"), loc, format!("malformed {what} attribute"))
}

fn convert_form(raw: RawForm) -> Result<Converted, Diagnostic> {
    match raw {
        RawForm::Function(clauses, loc) => {
            let (name, arity) = match clauses.first() {
                Some((n, c)) => (n.clone(), c.patterns.len()),
                None => return Err(bad("function", loc)),
            };
            for (n, c) in &clauses {
                if *n != name || c.patterns.len() != arity {
                    return Err(Diagnostic::new(
                        codes::HEAD_MISMATCH,
                        "head mismatch",
                        c.loc,
                        format!("this clause defines {n}/{}, the previous ones {name}/{arity}", c.patterns.len()),
                    )
                    .with_help(format!(
                        "{n}/{} is a different function from {name}/{arity}; \
                         end the previous clause with '.' instead of ';'",
                        c.patterns.len()
                    )));
                }
            }
            Ok(Converted::Form(Form::Function(Function {
                name,
                arity: arity as u32,
                clauses: clauses.into_iter().map(|(_, c)| c).collect(),
                loc,
            })))
        }
        RawForm::Attribute(name, mut args, loc) => match (name.as_str(), args.len()) {
            ("module", _) => match args.first() {
                Some(Expr::Atom(m, _)) => Ok(Converted::Module(m.clone(), loc)),
                _ => Err(bad("module", loc)),
            },
            ("export", 1) => {
                Ok(Converted::Form(Form::Export(fun_arity_list(&args[0]).ok_or_else(|| bad("export", loc))?, loc)))
            }
            ("import", 2) => {
                let funs = fun_arity_list(&args[1]).ok_or_else(|| bad("import", loc))?;
                match &args[0] {
                    Expr::Atom(m, _) => Ok(Converted::Form(Form::Import(m.clone(), funs, loc))),
                    _ => Err(bad("import", loc)),
                }
            }
            ("record", 2) => {
                let fields = match &args[1] {
                    Expr::Tuple(fs, _) => {
                        fs.iter().map(record_field_def).collect::<Option<Vec<_>>>().ok_or_else(|| bad("record", loc))?
                    }
                    _ => return Err(bad("record", loc)),
                };
                match &args[0] {
                    Expr::Atom(r, _) => Ok(Converted::Form(Form::Record(r.clone(), fields, loc))),
                    _ => Err(bad("record", loc)),
                }
            }
            ("compile", 1) => {
                let opts = match args.pop() {
                    Some(list @ (Expr::Cons(..) | Expr::Nil(_))) => {
                        list_elements(list).ok_or_else(|| bad("compile", loc))?
                    }
                    Some(other) => vec![other],
                    None => vec![],
                };
                Ok(Converted::Form(Form::Compile(opts, loc)))
            }
            ("export" | "import" | "record" | "compile", _) => Err(bad(&name, loc)),
            (_, 1) => Ok(Converted::Form(Form::Attribute(name, args.pop(), loc))),
            (_, _) => Ok(Converted::Form(Form::Attribute(name, Some(Expr::Tuple(args, loc)), loc))),
        },
    }
}

fn record_field_def(e: &Expr) -> Option<RecordFieldDef> {
    match e {
        Expr::Atom(name, loc) => Some(RecordFieldDef { name: name.clone(), default: None, loc: *loc }),
        Expr::Match(lhs, rhs, loc) => match &**lhs {
            Expr::Atom(name, _) => {
                Some(RecordFieldDef { name: name.clone(), default: Some((**rhs).clone()), loc: *loc })
            }
            _ => None,
        },
        _ => None,
    }
}

/// The elements of a proper list expression, or `None`.
fn list_elements(mut e: Expr) -> Option<Vec<Expr>> {
    let mut out = Vec::new();
    loop {
        match e {
            Expr::Nil(_) => return Some(out),
            Expr::Cons(h, t, _) => {
                out.push(*h);
                e = *t;
            }
            _ => return None,
        }
    }
}

/// `[f/1, g/2]` as written in `-export` and `-import`.
fn fun_arity_list(e: &Expr) -> Option<Vec<(String, u32, Loc)>> {
    let mut out = Vec::new();
    let mut e = e;
    loop {
        match e {
            Expr::Nil(_) => return Some(out),
            Expr::Cons(h, t, _) => {
                match &**h {
                    Expr::BinOp(super::ast::BinOp::FDiv, f, a, loc) => match (&**f, &**a) {
                        (Expr::Atom(f, _), Expr::Integer(a, _)) => out.push((f.clone(), a.to_u32()?, *loc)),
                        _ => return None,
                    },
                    _ => return None,
                }
                e = t;
            }
            _ => return None,
        }
    }
}
