//! The preprocessor, working on tokens as OTP's `epp` does: it splits the
//! token stream into forms (each ending with a `.`), obeys the directives
//! (`-define`, `-undef`, `-ifdef`, `-ifndef`, `-if`, `-elif`, `-else`,
//! `-endif`, `-include`, `-include_lib`, `-error`, `-warning`) and expands
//! `?NAME` / `?NAME(Args)` in the other forms.
//!
//! Locations: tokens produced by a macro body take the location of the
//! macro call, so diagnostics point at the `?NAME(...)` the user wrote.
//! Tokens from an included file take the location of the `-include` line
//! (the AST has no file ids); they remember their origin and original line
//! for messages and `?LINE`.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use num_bigint::BigInt;
use num_traits::Zero;

use super::ast::{BinOp, Expr, Loc, UnOp};
use super::diag::{codes, Diagnostic};
use super::lexer::{self, Spanned, Tok};
use super::parser::{self, Origins};

/// Expansions allowed in one form before we call the macros circular.
const EXPANSION_LIMIT: usize = 20_000;
/// Tokens one form may grow to through expansion.
const TOKEN_LIMIT: usize = 1_000_000;
/// Tokens allowed in an `-if`/`-elif` condition (it is evaluated
/// recursively).
const MAX_CONDITION_TOKENS: usize = 1_000;
/// Nesting depth of `-include`.
const INCLUDE_DEPTH_LIMIT: usize = 32;

#[derive(Clone, Debug)]
struct Macro {
    params: Vec<String>,
    body: Vec<Spanned>,
}

/// All definitions of one macro name: OTP allows one object-like definition
/// and one function-like definition per arity.
#[derive(Clone, Debug, Default)]
struct MacroDefs {
    object: Option<Macro>,
    funcs: BTreeMap<usize, Macro>,
}

/// One open `-if`/`-ifdef`/`-ifndef`.
#[derive(Clone, Debug)]
struct Cond {
    /// Whether the enclosing region is active.
    parent_active: bool,
    /// Whether the current branch is active.
    active: bool,
    /// Whether some branch has been taken (later `-elif`/`-else` are off).
    taken: bool,
    else_seen: bool,
    loc: Loc,
}

/// The file a form comes from.
#[derive(Clone, Debug)]
struct FileCtx {
    name: String,
    dir: PathBuf,
}

/// The function a form defines, for `?FUNCTION_NAME`/`?FUNCTION_ARITY`.
#[derive(Clone, Debug)]
struct FunctionCtx {
    name: String,
    arity: usize,
}

pub struct Preprocessor {
    file_name: String,
    include_dirs: Vec<PathBuf>,
    macros: HashMap<String, MacroDefs>,
    module: Option<String>,
    origins: Origins,
    include_depth: usize,
}

const PREDEFINED: &[&str] =
    &["MODULE", "MODULE_STRING", "LINE", "FILE", "FUNCTION_NAME", "FUNCTION_ARITY", "MACHINE", "OTP_RELEASE"];

fn err(code: &'static str, msg: impl Into<String>, loc: Loc, label: &str) -> Diagnostic {
    Diagnostic::new(code, msg, loc, label)
}

impl Preprocessor {
    /// `defines` are `(NAME, body source)` pairs, defined before the first
    /// line as by erlc's `-D`.
    pub fn new(file_name: &str, include_dirs: &[PathBuf], defines: &[(&str, &str)]) -> Result<Self, Vec<Diagnostic>> {
        let mut pp = Preprocessor {
            file_name: file_name.to_string(),
            include_dirs: include_dirs.to_vec(),
            macros: HashMap::new(),
            module: None,
            origins: Origins { files: vec![file_name.to_string()] },
            include_depth: 0,
        };
        for (name, body) in defines {
            let body = lexer::lex(body).map_err(|d| {
                vec![err(
                    codes::BAD_DIRECTIVE,
                    format!("bad predefined macro '{name}': {}", d.message),
                    Loc::default(),
                    "",
                )]
            })?;
            let body = body.into_iter().map(|t| Spanned::new(t.tok, Loc::default())).collect();
            pp.macros.entry(name.to_string()).or_default().object = Some(Macro { params: vec![], body });
        }
        Ok(pp)
    }

    pub fn origins(&self) -> &Origins {
        &self.origins
    }

    /// Preprocesses the main file's tokens into forms.
    pub fn run(&mut self, tokens: Vec<Spanned>) -> Result<Vec<Vec<Spanned>>, Vec<Diagnostic>> {
        let dir = Path::new(&self.file_name).parent().map(Path::to_path_buf).unwrap_or_default();
        let ctx = FileCtx { name: self.file_name.clone(), dir };
        let mut out = Vec::new();
        let mut diags = Vec::new();
        self.process_file(tokens, &ctx, &mut out, &mut diags);
        if diags.is_empty() {
            Ok(out)
        } else {
            Err(diags)
        }
    }

    fn process_file(
        &mut self,
        tokens: Vec<Spanned>,
        ctx: &FileCtx,
        out: &mut Vec<Vec<Spanned>>,
        diags: &mut Vec<Diagnostic>,
    ) {
        let mut conds: Vec<Cond> = Vec::new();
        let mut form = Vec::new();
        let mut forms = Vec::new();
        for t in tokens {
            let is_dot = t.tok == Tok::Dot;
            form.push(t);
            if is_dot {
                forms.push(std::mem::take(&mut form));
            }
        }
        if !form.is_empty() {
            // Missing final dot: let the parser report it.
            forms.push(form);
        }
        for form in forms {
            let active = conds.last().map(|c| c.active).unwrap_or(true);
            if let Some(name) = directive_name(&form) {
                if let Err(d) = self.directive(&name, &form, active, &mut conds, ctx, out, diags) {
                    diags.push(d);
                }
                continue;
            }
            if !active {
                continue;
            }
            if is_type_attribute(&form) {
                out.push(form);
                continue;
            }
            match self.expand_form(form, ctx) {
                Ok(form) => {
                    if let [Spanned { tok: Tok::Minus, .. }, Spanned { tok: Tok::Atom(a), .. }, Spanned { tok: Tok::LParen, .. }, Spanned { tok: Tok::Atom(m), .. }, ..] =
                        form.as_slice()
                    {
                        if a == "module" && self.module.is_none() {
                            self.module = Some(m.clone());
                        }
                    }
                    out.push(form)
                }
                Err(d) => diags.push(d),
            }
        }
        if let Some(c) = conds.last() {
            diags.push(err(
                codes::CONDITIONAL,
                "unterminated '-ifdef'",
                c.loc,
                "this conditional has no matching -endif",
            ));
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn directive(
        &mut self,
        name: &str,
        form: &[Spanned],
        active: bool,
        conds: &mut Vec<Cond>,
        ctx: &FileCtx,
        out: &mut Vec<Vec<Spanned>>,
        diags: &mut Vec<Diagnostic>,
    ) -> Result<(), Diagnostic> {
        let loc = parser::mk_loc(form, 0, form.len());
        let bad = |what: &str| err(codes::BAD_DIRECTIVE, format!("bad -{what} directive"), loc, "malformed directive");
        match name {
            "ifdef" | "ifndef" => {
                let arg = single_name(form).ok_or_else(|| bad(name))?;
                let defined = self.is_defined(&arg);
                let cond = if name == "ifdef" { defined } else { !defined };
                conds.push(Cond { parent_active: active, active: active && cond, taken: cond, else_seen: false, loc });
                Ok(())
            }
            "if" => {
                let cond = if active { self.eval_condition(form, ctx, loc)? } else { false };
                conds.push(Cond { parent_active: active, active: active && cond, taken: cond, else_seen: false, loc });
                Ok(())
            }
            "elif" => {
                let top = conds
                    .last()
                    .cloned()
                    .ok_or_else(|| err(codes::CONDITIONAL, "'-elif' without '-if'", loc, "no open conditional"))?;
                if top.else_seen {
                    return Err(err(codes::CONDITIONAL, "'-elif' after '-else'", loc, "here"));
                }
                let cond = if top.parent_active && !top.taken { self.eval_condition(form, ctx, loc)? } else { false };
                if let Some(c) = conds.last_mut() {
                    c.active = c.parent_active && cond;
                    c.taken |= cond;
                }
                Ok(())
            }
            "else" => {
                if form.len() != 3 {
                    return Err(bad("else"));
                }
                let c = conds
                    .last_mut()
                    .ok_or_else(|| err(codes::CONDITIONAL, "'-else' without '-ifdef'", loc, "no open conditional"))?;
                if c.else_seen {
                    return Err(err(codes::CONDITIONAL, "'-else' after '-else'", loc, "here"));
                }
                c.else_seen = true;
                c.active = c.parent_active && !c.taken;
                c.taken = true;
                Ok(())
            }
            "endif" => {
                if form.len() != 3 {
                    return Err(bad("endif"));
                }
                conds
                    .pop()
                    .map(|_| ())
                    .ok_or_else(|| err(codes::CONDITIONAL, "'-endif' without '-ifdef'", loc, "no open conditional"))
            }
            _ if !active => Ok(()),
            "define" => self.define(form, loc),
            "undef" => {
                let arg = single_name(form).ok_or_else(|| bad("undef"))?;
                self.macros.remove(&arg);
                Ok(())
            }
            "include" | "include_lib" => {
                let (path, path_loc) = match directive_args(form) {
                    Some([Spanned { tok: Tok::String(s), loc, .. }]) => {
                        (s.iter().filter_map(|&c| char::from_u32(c)).collect::<String>(), *loc)
                    }
                    _ => return Err(bad(name)),
                };
                self.include(name == "include_lib", &path, path_loc, form, ctx, out, diags)
            }
            "error" | "warning" => {
                let text = directive_args(form)
                    .map(|ts| ts.iter().map(|t| t.tok.src_text()).collect::<Vec<_>>().join(" "))
                    .ok_or_else(|| bad(name))?;
                if name == "error" {
                    Err(err(codes::USER_ERROR, format!("-error({text})."), loc, "-error directive"))
                } else {
                    Ok(())
                }
            }
            _ => Ok(()),
        }
    }

    fn is_defined(&self, name: &str) -> bool {
        self.macros.contains_key(name)
            || (PREDEFINED.contains(&name) && (name != "MODULE" && name != "MODULE_STRING"))
            || (self.module.is_some() && (name == "MODULE" || name == "MODULE_STRING"))
    }

    fn define(&mut self, form: &[Spanned], loc: Loc) -> Result<(), Diagnostic> {
        let bad = |loc: Loc| {
            err(
                codes::BAD_DIRECTIVE,
                "bad macro definition",
                loc,
                "expected -define(NAME, Body). or -define(NAME(Args), Body).",
            )
        };
        let args = directive_args(form).ok_or_else(|| bad(loc))?;
        let (name, name_loc) = match args.first() {
            Some(Spanned { tok: Tok::Atom(n) | Tok::Var(n), loc, .. }) => (n.clone(), *loc),
            _ => return Err(bad(loc)),
        };
        let mut i = 1;
        let mut params = None;
        if matches!(args.get(i), Some(t) if t.tok == Tok::LParen) {
            let mut ps = Vec::new();
            i += 1;
            if matches!(args.get(i), Some(t) if t.tok == Tok::RParen) {
                i += 1;
            } else {
                loop {
                    match args.get(i).map(|t| &t.tok) {
                        Some(Tok::Var(v)) if !ps.contains(v) => ps.push(v.clone()),
                        _ => return Err(bad(args.get(i).map(|t| t.loc).unwrap_or(loc))),
                    }
                    i += 1;
                    match args.get(i).map(|t| &t.tok) {
                        Some(Tok::Comma) => i += 1,
                        Some(Tok::RParen) => {
                            i += 1;
                            break;
                        }
                        _ => return Err(bad(args.get(i).map(|t| t.loc).unwrap_or(loc))),
                    }
                }
            }
            params = Some(ps);
        }
        match args.get(i) {
            Some(t) if t.tok == Tok::Comma => {}
            _ => return Err(bad(args.get(i).map(|t| t.loc).unwrap_or(loc))),
        }
        let body = args[i + 1..].to_vec();
        if PREDEFINED.contains(&name.as_str()) {
            return Err(err(
                codes::REDEFINED_MACRO,
                format!("redefining predefined macro '{name}'"),
                name_loc,
                "predefined by the compiler",
            ));
        }
        let defs = self.macros.entry(name.clone()).or_default();
        let taken = match &params {
            None => defs.object.is_some(),
            Some(ps) => defs.funcs.contains_key(&ps.len()),
        };
        if taken {
            return Err(err(codes::REDEFINED_MACRO, format!("redefining macro '{name}'"), name_loc, "already defined"));
        }
        let m = Macro { params: params.clone().unwrap_or_default(), body };
        match params {
            None => defs.object = Some(m),
            Some(ps) => {
                defs.funcs.insert(ps.len(), m);
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn include(
        &mut self,
        lib: bool,
        path: &str,
        path_loc: Loc,
        form: &[Spanned],
        ctx: &FileCtx,
        out: &mut Vec<Vec<Spanned>>,
        diags: &mut Vec<Diagnostic>,
    ) -> Result<(), Diagnostic> {
        let loc = parser::mk_loc(form, 0, form.len());
        let kind = if lib { "include lib" } else { "include file" };
        let not_found = || {
            err(codes::INCLUDE, format!("can't find {kind} \"{path}\""), path_loc, "not found").with_help(if lib {
                "-include_lib only searches the include directories given to the compiler"
            } else {
                "include files are searched in the including file's directory, then the include directories"
            })
        };
        if self.include_depth >= INCLUDE_DEPTH_LIMIT {
            return Err(err(
                codes::INCLUDE,
                format!("too deeply nested includes at \"{path}\""),
                loc,
                "recursive include?",
            ));
        }
        let p = Path::new(path);
        let mut candidates = Vec::new();
        if p.is_absolute() {
            candidates.push(p.to_path_buf());
        } else {
            if !lib {
                candidates.push(ctx.dir.join(p));
            }
            for d in &self.include_dirs {
                candidates.push(d.join(p));
            }
        }
        let Some((found, text)) = candidates.into_iter().find_map(|c| std::fs::read_to_string(&c).ok().map(|t| (c, t)))
        else {
            return Err(not_found());
        };
        let found_name = found.to_string_lossy().into_owned();
        let origin = u16::try_from(self.origins.files.len()).map_err(|_| not_found())?;
        self.origins.files.push(found_name.clone());
        let tokens = lexer::lex(&text).map_err(|d| {
            let (line, col) = d.line_col(&text);
            err(
                d.code,
                format!("{} (in included file {found_name}:{line}:{col})", d.message),
                loc,
                "in this included file",
            )
        })?;
        let tokens = tokens.into_iter().map(|t| Spanned { tok: t.tok, loc, origin, orig_line: t.loc.line }).collect();
        let sub = FileCtx { name: found_name, dir: found.parent().map(Path::to_path_buf).unwrap_or_default() };
        self.include_depth += 1;
        self.process_file(tokens, &sub, out, diags);
        self.include_depth -= 1;
        Ok(())
    }

    /// Evaluates the condition of `-if(Cond).` / `-elif(Cond).`.
    fn eval_condition(&mut self, form: &[Spanned], ctx: &FileCtx, loc: Loc) -> Result<bool, Diagnostic> {
        let bad = |msg: &str| err(codes::BAD_DIRECTIVE, msg.to_string(), loc, "in this condition");
        let args = directive_args(form).ok_or_else(|| bad("bad -if directive"))?;
        // `eval` recurses; conditions are small in practice.
        if args.len() > MAX_CONDITION_TOKENS {
            return Err(bad("-if condition too long"));
        }
        // `defined(NAME)` must see the name, not its expansion.
        let mut toks: Vec<Spanned> = Vec::new();
        let mut i = 0;
        while i < args.len() {
            if let (Tok::Atom(d), Some(Tok::LParen), Some(Tok::Atom(n) | Tok::Var(n)), Some(Tok::RParen)) = (
                &args[i].tok,
                args.get(i + 1).map(|t| &t.tok),
                args.get(i + 2).map(|t| &t.tok),
                args.get(i + 3).map(|t| &t.tok),
            ) {
                if d == "defined" {
                    let v = if self.is_defined(n) { "true" } else { "false" };
                    toks.push(Spanned { tok: Tok::Atom(v.to_string()), ..args[i].clone() });
                    i += 4;
                    continue;
                }
            }
            toks.push(args[i].clone());
            i += 1;
        }
        let mut toks = self.expand_form(toks, ctx)?;
        toks.push(Spanned { tok: Tok::Dot, ..form[form.len() - 1].clone() });
        let exprs = parser::parse_expr_tokens(&toks, &self.origins)?;
        match exprs.as_slice() {
            [e] => match eval(e) {
                Some(Val::Atom(a)) if a == "true" => Ok(true),
                Some(_) => Ok(false),
                None => Err(bad("the condition of -if must be a constant guard expression")),
            },
            _ => Err(bad("bad -if directive")),
        }
    }

    /// Expands all macro calls in one form.
    fn expand_form(&mut self, form: Vec<Spanned>, ctx: &FileCtx) -> Result<Vec<Spanned>, Diagnostic> {
        if !form.iter().any(|t| t.tok == Tok::Question) {
            return Ok(form);
        }
        let func = function_ctx(&form);
        let mut input: Vec<Spanned> = form.into_iter().rev().collect();
        let mut out = Vec::with_capacity(input.len());
        let mut expansions = 0usize;
        while let Some(q) = input.pop() {
            if q.tok != Tok::Question {
                out.push(q);
                continue;
            }
            let Some(name_tok) = input.pop() else {
                return Err(err(codes::BAD_DIRECTIVE, "bad macro call", q.loc, "expected a macro name after '?'"));
            };
            let name = match &name_tok.tok {
                Tok::Atom(n) | Tok::Var(n) => n.clone(),
                _ => return Err(err(codes::BAD_DIRECTIVE, "bad macro call", q.loc, "expected a macro name after '?'")),
            };
            let name_loc = Loc { start: q.loc.start, end: name_tok.loc.end.max(q.loc.start), line: q.loc.line };
            expansions += 1;
            if expansions > EXPANSION_LIMIT || out.len() + input.len() > TOKEN_LIMIT {
                return Err(err(
                    codes::MACRO_LIMIT,
                    format!("macro expansion limit reached expanding '{name}'"),
                    name_loc,
                    "is this macro defined in terms of itself?",
                ));
            }
            let at = |tok: Tok, loc: Loc| Spanned { tok, loc, origin: q.origin, orig_line: q.orig_line };
            if let Some(tok) = self.predefined(&name, &q, ctx, func.as_ref()) {
                out.push(at(tok?, name_loc));
                continue;
            }
            let Some(defs) = self.macros.get(&name) else {
                return Err(undefined(&name, name_loc));
            };
            let call = if !defs.funcs.is_empty() && matches!(input.last(), Some(t) if t.tok == Tok::LParen) {
                let (args, used, end) = scan_args(&input).ok_or_else(|| {
                    err(
                        codes::BAD_DIRECTIVE,
                        format!("unterminated argument list for macro '{name}'"),
                        name_loc,
                        "arguments start here",
                    )
                })?;
                match defs.funcs.get(&args.len()) {
                    Some(m) => {
                        let new_len = input.len() - used;
                        input.truncate(new_len);
                        Some((m.clone(), args, end))
                    }
                    None => None,
                }
            } else {
                None
            };
            let (m, args, end) = match call {
                Some(c) => c,
                None => match &defs.object {
                    Some(m) => (m.clone(), vec![], name_loc.end),
                    None => {
                        return Err(err(
                            codes::UNDEFINED_MACRO,
                            format!("argument mismatch for macro '{name}'"),
                            name_loc,
                            "no definition with this many arguments",
                        )
                        .with_help(format!(
                            "'{name}' is defined with {} argument(s)",
                            defs.funcs.keys().map(|k| k.to_string()).collect::<Vec<_>>().join(" or ")
                        )))
                    }
                },
            };
            let call_loc = Loc { end: end.max(name_loc.start), ..name_loc };
            let expansion = substitute(&m, &args, |tok| at(tok, call_loc));
            input.extend(expansion.into_iter().rev());
        }
        Ok(out)
    }

    /// Value of a predefined macro, `None` if `name` is not one (or, for
    /// `MODULE`, not yet available).
    fn predefined(
        &self,
        name: &str,
        q: &Spanned,
        ctx: &FileCtx,
        func: Option<&FunctionCtx>,
    ) -> Option<Result<Tok, Diagnostic>> {
        let no_function = || {
            Err(err(
                codes::UNDEFINED_MACRO,
                format!("?{name} can only be used within a function"),
                q.loc,
                "not inside a function",
            ))
        };
        Some(match name {
            "MODULE" => Ok(Tok::Atom(self.module.clone()?)),
            "MODULE_STRING" => Ok(Tok::String(self.module.as_ref()?.chars().map(|c| c as u32).collect())),
            "LINE" => Ok(Tok::Integer(BigInt::from(q.orig_line))),
            "FILE" => Ok(Tok::String(ctx.name.chars().map(|c| c as u32).collect())),
            "MACHINE" => Ok(Tok::Atom("BEAM".into())),
            "OTP_RELEASE" => Ok(Tok::Integer(BigInt::from(25))),
            "FUNCTION_NAME" => match func {
                Some(f) => Ok(Tok::Atom(f.name.clone())),
                None => no_function(),
            },
            "FUNCTION_ARITY" => match func {
                Some(f) => Ok(Tok::Integer(BigInt::from(f.arity))),
                None => no_function(),
            },
            _ => return None,
        })
    }
}

fn undefined(name: &str, loc: Loc) -> Diagnostic {
    err(codes::UNDEFINED_MACRO, format!("undefined macro '{name}'"), loc, "not defined")
        .with_help(format!("define it with -define({name}, ...). before this use"))
}

/// Replaces parameters by arguments in a macro body; `??Param` becomes a
/// string of the argument's tokens, as epp writes them (joined by spaces).
/// Other body tokens are relocated to the call site by `at`.
fn substitute(m: &Macro, args: &[Vec<Spanned>], at: impl Fn(Tok) -> Spanned) -> Vec<Spanned> {
    let param = |t: &Tok| match t {
        Tok::Var(v) => m.params.iter().position(|p| p == v),
        _ => None,
    };
    let mut out = Vec::with_capacity(m.body.len());
    let mut i = 0;
    while i < m.body.len() {
        let t = &m.body[i];
        if t.tok == Tok::QuestionQuestion {
            if let Some(idx) = m.body.get(i + 1).and_then(|n| param(&n.tok)) {
                let text = args[idx].iter().map(|t| t.tok.src_text()).collect::<Vec<_>>().join(" ");
                out.push(at(Tok::String(text.chars().map(|c| c as u32).collect())));
                i += 2;
                continue;
            }
        }
        match param(&t.tok) {
            Some(idx) => out.extend(args[idx].iter().cloned()),
            None => out.push(at(t.tok.clone())),
        }
        i += 1;
    }
    out
}

/// Reads `( Arg, ... )` from the top of a reversed token stack without
/// consuming it. Returns the arguments, how many tokens they span and the
/// byte end of the closing parenthesis. Commas only split at depth 0;
/// brackets and `begin/if/case/receive/try/fun(` ... `end` nest.
fn scan_args(input: &[Spanned]) -> Option<(Vec<Vec<Spanned>>, usize, u32)> {
    // `input` is a stack: the next token is the last one.
    let n = input.len();
    let at = |k: usize| (k < n).then(|| &input[n - 1 - k]);
    if at(0)?.tok != Tok::LParen {
        return None;
    }
    let mut args: Vec<Vec<Spanned>> = Vec::new();
    let mut cur = Vec::new();
    let mut depth = 0usize;
    let mut k = 1;
    while let Some(t) = at(k) {
        k += 1;
        match t.tok {
            Tok::Dot => return None,
            Tok::RParen if depth == 0 => {
                if !(args.is_empty() && cur.is_empty()) {
                    args.push(cur);
                }
                return Some((args, k, t.loc.end));
            }
            Tok::Comma if depth == 0 => {
                args.push(std::mem::take(&mut cur));
                continue;
            }
            // `fun (...) ... end` and `fun Name(...) ... end` open a block;
            // `fun f/1` and `fun m:f/1` do not.
            Tok::Fun => {
                let next = at(k).map(|t| &t.tok);
                let after = at(k + 1).map(|t| &t.tok);
                if matches!(next, Some(Tok::LParen)) || matches!((next, after), (Some(Tok::Var(_)), Some(Tok::LParen)))
                {
                    depth += 1;
                }
            }
            Tok::LParen
            | Tok::LBracket
            | Tok::LBrace
            | Tok::BinOpen
            | Tok::Begin
            | Tok::If
            | Tok::Case
            | Tok::Receive
            | Tok::Try => depth += 1,
            Tok::RParen | Tok::RBracket | Tok::RBrace | Tok::BinClose | Tok::End => depth = depth.checked_sub(1)?,
            _ => {}
        }
        cur.push(t.clone());
    }
    None
}

fn directive_name(form: &[Spanned]) -> Option<String> {
    let name = match form {
        [Spanned { tok: Tok::Minus, .. }, second, ..] => match &second.tok {
            Tok::Atom(a) => a.as_str(),
            Tok::If => "if",
            Tok::Else => "else",
            _ => return None,
        },
        _ => return None,
    };
    const DIRECTIVES: &[&str] = &[
        "define",
        "undef",
        "ifdef",
        "ifndef",
        "if",
        "elif",
        "else",
        "endif",
        "include",
        "include_lib",
        "error",
        "warning",
    ];
    DIRECTIVES.contains(&name).then(|| name.to_string())
}

fn is_type_attribute(form: &[Spanned]) -> bool {
    matches!(form, [Spanned { tok: Tok::Minus, .. }, Spanned { tok: Tok::Atom(a), .. }, ..]
        if matches!(a.as_str(), "spec" | "type" | "opaque" | "callback" | "nominal"))
}

/// The tokens between the parentheses of `-name( ... ).`
fn directive_args(form: &[Spanned]) -> Option<&[Spanned]> {
    let n = form.len();
    if n < 5 || form[2].tok != Tok::LParen || form[n - 2].tok != Tok::RParen || form[n - 1].tok != Tok::Dot {
        return None;
    }
    Some(&form[3..n - 2])
}

fn single_name(form: &[Spanned]) -> Option<String> {
    match directive_args(form)? {
        [Spanned { tok: Tok::Atom(n) | Tok::Var(n), .. }] => Some(n.clone()),
        _ => None,
    }
}

/// For a function form `name(A, B, ...) ...`, its name and arity, from the
/// raw tokens of the first clause head.
fn function_ctx(form: &[Spanned]) -> Option<FunctionCtx> {
    let name = match form {
        [Spanned { tok: Tok::Atom(n), .. }, Spanned { tok: Tok::LParen, .. }, ..] => n.clone(),
        _ => return None,
    };
    let mut rev: Vec<Spanned> = form[1..].to_vec();
    rev.reverse();
    let (args, _, _) = scan_args(&rev)?;
    Some(FunctionCtx { name, arity: args.len() })
}

/// Values of `-if` conditions.
#[derive(Clone, Debug, PartialEq)]
enum Val {
    Int(BigInt),
    Atom(String),
}

fn eval(e: &Expr) -> Option<Val> {
    let truth = |b: bool| Val::Atom(if b { "true" } else { "false" }.to_string());
    let as_bool = |v: Val| match v {
        Val::Atom(a) if a == "true" => Some(true),
        Val::Atom(a) if a == "false" => Some(false),
        _ => None,
    };
    Some(match e {
        Expr::Integer(i, _) => Val::Int(i.clone()),
        Expr::Char(c, _) => Val::Int(BigInt::from(*c)),
        Expr::Atom(a, _) => Val::Atom(a.clone()),
        Expr::UnOp(UnOp::Not, x, _) => truth(!as_bool(eval(x)?)?),
        Expr::UnOp(UnOp::Neg, x, _) => match eval(x)? {
            Val::Int(i) => Val::Int(-i),
            _ => return None,
        },
        Expr::UnOp(UnOp::Plus, x, _) => eval(x)?,
        Expr::AndAlso(a, b, _) => truth(as_bool(eval(a)?)? && as_bool(eval(b)?)?),
        Expr::OrElse(a, b, _) => truth(as_bool(eval(a)?)? || as_bool(eval(b)?)?),
        Expr::BinOp(op, a, b, _) => {
            let (a, b) = (eval(a)?, eval(b)?);
            match op {
                BinOp::And => truth(as_bool(a)? & as_bool(b)?),
                BinOp::Or => truth(as_bool(a)? | as_bool(b)?),
                BinOp::Xor => truth(as_bool(a)? ^ as_bool(b)?),
                BinOp::Eq | BinOp::ExactEq => truth(a == b),
                BinOp::Ne | BinOp::ExactNe => truth(a != b),
                BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                    // Erlang term order: numbers sort before atoms.
                    let ord = match (&a, &b) {
                        (Val::Int(x), Val::Int(y)) => x.cmp(y),
                        (Val::Atom(x), Val::Atom(y)) => x.cmp(y),
                        (Val::Int(_), Val::Atom(_)) => std::cmp::Ordering::Less,
                        (Val::Atom(_), Val::Int(_)) => std::cmp::Ordering::Greater,
                    };
                    truth(match op {
                        BinOp::Lt => ord.is_lt(),
                        BinOp::Le => ord.is_le(),
                        BinOp::Gt => ord.is_gt(),
                        _ => ord.is_ge(),
                    })
                }
                BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::IDiv | BinOp::Rem => {
                    let (Val::Int(x), Val::Int(y)) = (a, b) else {
                        return None;
                    };
                    Val::Int(match op {
                        BinOp::Add => x + y,
                        BinOp::Sub => x - y,
                        BinOp::Mul => x * y,
                        _ if y.is_zero() => return None,
                        BinOp::IDiv => x / y,
                        _ => x % y,
                    })
                }
                _ => return None,
            }
        }
        Expr::CallLocal(f, args, _) if f == "is_integer" && args.len() == 1 => {
            truth(matches!(eval(&args[0])?, Val::Int(_)))
        }
        Expr::CallLocal(f, args, _) if f == "is_atom" && args.len() == 1 => {
            truth(matches!(eval(&args[0])?, Val::Atom(_)))
        }
        _ => return None,
    })
}
