//! The compiler: AST to a loadable bytecode `Module`.
//!
//! Front end checks (exports, duplicate functions, records) happen here;
//! `lower` rewrites comprehensions; `codegen`/`match_` emit instructions
//! through `asm`.

pub mod asm;
pub mod behaviour;
mod bits;
pub mod codegen;
pub mod lower;
mod match_;

/// Every variable named in an expression (the shell lists what a line binds).
pub use match_::vars_of;

use crate::code::{server, Lambda, Module};
use crate::heap::Alloc;
use crate::syntax::ast::{self, Expr, Form, Loc};
use crate::syntax::diag::Diagnostic;
use crate::term::{Atom, Term};
use codegen::{Codegen, CompileError};
use std::collections::HashMap;
use std::sync::atomic::AtomicPtr;

/// Compile a module's source; on failure, the rendered diagnostics.
pub fn compile_source(file: &str, src: &str) -> Result<Module, String> {
    let expected = std::path::Path::new(file).file_stem().map(|s| s.to_string_lossy().to_string());
    compile_checked(file, src, expected.as_deref()).map_err(|ds| render_all(&ds, file, src))
}

pub fn render_all(ds: &[Diagnostic], file: &str, src: &str) -> String {
    ds.iter().map(|d| d.render(file, src)).collect::<Vec<_>>().join("\n")
}

/// Compile, checking the module name against `expected_name` when given.
pub fn compile_checked(file: &str, src: &str, expected_name: Option<&str>) -> Result<Module, Vec<Diagnostic>> {
    let m = crate::syntax::parse_module(file, src)?;
    if let Some(exp) = expected_name {
        if m.name != exp {
            return Err(vec![Diagnostic::new(
                "E0050",
                format!("module name '{}' does not match file name '{}'", m.name, exp),
                m.loc,
                "declared here",
            )]);
        }
    }
    let module = compile_module(file, &m).map_err(|e| vec![Diagnostic::new(e.code, e.message, e.loc, e.label)])?;
    // Warnings go to standard error, as erlc prints them; they never stop a load.
    for w in behaviour::warnings(file, src, &m) {
        eprintln!("{w}");
    }
    Ok(module)
}

fn cerr(code: &'static str, loc: Loc, message: impl Into<String>, label: impl Into<String>) -> CompileError {
    CompileError { code, message: message.into(), loc, label: label.into() }
}

/// Compile a parsed module.
pub fn compile_module(file: &str, m: &ast::Module) -> Result<Module, CompileError> {
    let name = Atom::intern(&m.name);
    let mut records: HashMap<String, Vec<ast::RecordFieldDef>> = HashMap::new();
    let mut imported: HashMap<(String, u32), String> = HashMap::new();
    let mut exports: Vec<(String, u32, Loc)> = Vec::new();
    let mut export_all = false;
    let mut functions: Vec<ast::Function> = Vec::new();
    let mut attributes: Vec<(String, Expr)> = Vec::new();
    for f in &m.forms {
        match f {
            Form::Export(es, _) => exports.extend(es.iter().cloned()),
            Form::Import(mo, fs, _) => {
                for (fname, a, _) in fs {
                    imported.insert((fname.clone(), *a), mo.clone());
                }
            }
            Form::Record(rn, fields, loc) => {
                if records.contains_key(rn) {
                    return Err(cerr("E0023", *loc, format!("record {rn} already defined"), "defined again here"));
                }
                records.insert(rn.clone(), fields.clone());
            }
            Form::Compile(opts, _) => {
                for o in opts {
                    let mut stack = vec![o];
                    while let Some(e) = stack.pop() {
                        match e {
                            Expr::Atom(a, _) if a == "export_all" => export_all = true,
                            Expr::Cons(h, t, _) => {
                                stack.push(h);
                                stack.push(t);
                            }
                            _ => {}
                        }
                    }
                }
            }
            Form::Attribute(n, Some(v), _) => attributes.push((n.clone(), v.clone())),
            Form::Attribute(..) => {}
            Form::Function(func) => {
                if functions.iter().any(|g| g.name == func.name && g.arity == func.arity) {
                    return Err(cerr(
                        "E0004",
                        func.loc,
                        format!("function {}/{} already defined", func.name, func.arity),
                        "defined again here",
                    ));
                }
                functions.push(func.clone());
            }
        }
    }
    // module_info/0,1 as every module has them.
    for (arity, args) in [(0u32, vec![]), (1, vec![Expr::Var("Item".into(), m.loc)])] {
        if !functions.iter().any(|f| f.name == "module_info" && f.arity == arity) {
            let mut call_args = vec![Expr::Atom(m.name.clone(), m.loc)];
            call_args.extend(args.clone());
            functions.push(ast::Function {
                name: "module_info".into(),
                arity,
                clauses: vec![ast::Clause {
                    patterns: args,
                    guards: vec![],
                    body: vec![Expr::CallRemote(
                        Box::new(Expr::Atom("erlang".into(), m.loc)),
                        Box::new(Expr::Atom("get_module_info".into(), m.loc)),
                        call_args,
                        m.loc,
                    )],
                    loc: m.loc,
                }],
                loc: m.loc,
            });
            exports.push(("module_info".into(), arity, m.loc));
        }
    }
    for (fname, a, loc) in &exports {
        if !functions.iter().any(|f| &f.name == fname && f.arity == *a) {
            return Err(cerr("E0005", *loc, format!("function {fname}/{a} undefined"), "exported but not defined"));
        }
    }
    let mut lowerer = lower::Lowerer::default();
    for f in functions.iter_mut() {
        lowerer.function(f);
    }
    if let Some((loc, msg)) = lowerer.errors.first() {
        return Err(cerr("E0205", *loc, msg.clone(), "not a binary pattern"));
    }

    codegen::LOCALS.with(|l| {
        *l.borrow_mut() = functions.iter().map(|f| (f.name.clone(), f.arity)).collect();
    });
    let mut cg = Codegen::new(name, &records, &imported);
    cg.fun_numbers = std::mem::take(&mut lowerer.fun_numbers);
    for f in &functions {
        let l = cg.asm.new_label();
        cg.locals.insert((f.name.clone(), f.arity), l);
    }
    for f in &functions {
        cg.function(f)?;
        cg.lambdas_pending()?;
    }
    cg.asm.resolve();

    let mut export_list: Vec<(Atom, u32, u32)> = Vec::new();
    for f in &functions {
        let exported = export_all || exports.iter().any(|(n, a, _)| n == &f.name && *a == f.arity);
        if exported {
            let entry = cg.asm.label_position(cg.locals[&(f.name.clone(), f.arity)]);
            export_list.push((Atom::intern(&f.name), f.arity, entry));
        }
    }
    let imports = cg.imports.iter().map(|&(m, f, a)| server::export(m, f, a)).collect();
    let lambdas: Vec<&'static Lambda> = cg
        .lambdas
        .iter()
        .map(|l| {
            let lam: &'static Lambda = Box::leak(Box::new(Lambda {
                module: name,
                index: l.index,
                arity: l.arity,
                num_free: l.num_free,
                entry: cg.asm.label_position(l.entry),
                name: l.name,
                uniq: uniq_of(&m.name, l.index),
                code: AtomicPtr::new(std::ptr::null_mut()),
            }));
            lam
        })
        .collect();
    let mut functions_info = cg.functions.clone();
    functions_info.sort_by_key(|f| f.start);
    let mut asm = cg.asm;
    let attrs = build_attributes(&mut asm.literals, &attributes);
    let jit = crate::jit::Table::new(asm.code.len(), functions_info.iter().map(|f| f.start));
    Ok(Module {
        name,
        file: file.to_string(),
        jit,
        code: asm.code,
        lines: asm.lines,
        functions: functions_info,
        consts: asm.consts,
        literals: asm.literals,
        imports,
        lambdas,
        exports: export_list,
        attributes: attrs,
    })
}

/// A stable number for a fun's code, shown as the last field of `#Fun<m.N.U>`.
fn uniq_of(module: &str, index: u32) -> u32 {
    let mut h: u32 = 2166136261;
    for b in module.bytes().chain(index.to_le_bytes()) {
        h = (h ^ b as u32).wrapping_mul(16777619);
    }
    h % 134217728
}

/// `[{Name, [Value]}]` for the attributes whose values are plain terms.
fn build_attributes(lit: &mut crate::heap::Arena, attrs: &[(String, Expr)]) -> Term {
    let mut items = Vec::new();
    for (n, v) in attrs {
        if let Some(t) = const_expr(lit, v) {
            let val = if t.is_list() || t.is_nil() { t } else { lit.list(&[t]) };
            items.push(lit.tuple(&[Term::atom(Atom::intern(n)), val]));
        }
    }
    lit.list(&items)
}

/// The terms of a file of `Term.` forms (file:consult/1), built in an
/// arena of their own; or the line and message of the first problem.
pub fn consult_terms(src: &str) -> Result<(crate::heap::Arena, Vec<Term>), (u32, String)> {
    use crate::syntax::{lexer, parser};
    let tokens = lexer::lex(src).map_err(|d| (d.loc.line, d.message))?;
    let origins = parser::Origins::default();
    let mut arena = crate::heap::Arena::default();
    let mut terms = Vec::new();
    for chunk in tokens.split_inclusive(|t| t.tok == lexer::Tok::Dot) {
        let last = chunk.last().expect("split_inclusive yields non-empty chunks");
        if last.tok != lexer::Tok::Dot {
            return Err((last.loc.line, "syntax error before: end of file".into()));
        }
        let es = parser::parse_expr_tokens(chunk, &origins).map_err(|d| (d.loc.line, d.message))?;
        match es.as_slice() {
            [e] => match const_expr(&mut arena, e) {
                Some(t) => terms.push(t),
                None => return Err((e.loc().line, "bad term".into())),
            },
            _ => return Err((last.loc.line, "bad term".into())),
        }
    }
    Ok((arena, terms))
}

fn const_expr(lit: &mut crate::heap::Arena, e: &Expr) -> Option<Term> {
    Some(match e {
        Expr::Integer(i, _) => codegen::int_term(lit, i),
        Expr::Float(f, _) => lit.float(*f),
        Expr::Atom(a, _) => Term::atom(Atom::intern(a)),
        Expr::Char(c, _) => Term::small(*c as i64),
        Expr::Nil(_) => Term::NIL,
        Expr::String(s, _) => {
            let v: Vec<Term> = s.iter().map(|c| Term::small(*c as i64)).collect();
            lit.list(&v)
        }
        Expr::Cons(h, t, _) => {
            let h = const_expr(lit, h)?;
            let t = const_expr(lit, t)?;
            lit.cons(h, t)
        }
        Expr::Tuple(es, _) => {
            let v: Option<Vec<Term>> = es.iter().map(|x| const_expr(lit, x)).collect();
            lit.tuple(&v?)
        }
        Expr::UnOp(crate::syntax::ast::UnOp::Neg, x, _) => match &**x {
            Expr::Integer(i, l) => const_expr(lit, &Expr::Integer(-i, *l))?,
            Expr::Float(f, l) => const_expr(lit, &Expr::Float(-f, *l))?,
            _ => return None,
        },
        _ => return None,
    })
}
