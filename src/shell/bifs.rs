//! The BIFs of `girder_shell`, the Erlang side of the shell (see
//! `stdlib/girder_shell.erl`).

use super::prepare::{prepare as prepare_text, Prepared};
use crate::code::server;
use crate::heap::Alloc;
use crate::syntax::ast;
use crate::term::{atoms, Atom, Term};
use crate::vm::exception::{BifResult, Class, Exception};
use crate::vm::process::Process;
use std::sync::Mutex;

fn string_arg(t: Term) -> Result<String, Exception> {
    crate::bif::io::chars_of(t).map(|cs| cs.into_iter().collect()).ok_or_else(Exception::badarg)
}

fn ok_tuple(p: &mut Process, v: Term) -> Term {
    p.heap.tuple(&[Term::atom(atoms::OK), v])
}

/// `read_expr(N)`: prompt `N> ` and read one expression sequence:
/// `{ok, Text}` or `eof`. Blocks this scheduler while it waits.
pub fn read_expr(p: &mut Process, a: &[Term]) -> BifResult {
    let n = a[0].as_small().ok_or_else(Exception::badarg)?;
    let read = super::input().lock().unwrap().read(&format!("{n}> "));
    Ok(match read {
        super::input::Read::Text(s) => {
            let t = p.heap.str_list(&s);
            ok_tuple(p, t)
        }
        super::input::Read::Eof => Term::atom(Atom::intern("eof")),
    })
}

/// `prepare(Text, BoundNames, Seq)`: `{eval, Module}`, `{command, Name}`,
/// `{command, f, Var}` or `{error, Message, Counts}` (see prepare.rs).
pub fn prepare(p: &mut Process, a: &[Term]) -> BifResult {
    let text = string_arg(a[0])?;
    let bound: Vec<String> = a[1]
        .list_to_vec()
        .ok_or_else(Exception::badarg)?
        .iter()
        .map(|t| t.as_atom().map(|x| x.name().to_string()).ok_or_else(Exception::badarg))
        .collect::<Result<_, _>>()?;
    let seq = a[2].as_small().ok_or_else(Exception::badarg)? as u64;
    Ok(match prepare_text(&text, &bound, seq) {
        Prepared::Eval(m) => p.heap.tuple(&[Term::atom(Atom::intern("eval")), Term::atom(m)]),
        Prepared::Command(c, var) => {
            let tag = Term::atom(Atom::intern("command"));
            let c = Term::atom(Atom::intern(c));
            match var {
                Some(v) => p.heap.tuple(&[tag, c, Term::atom(Atom::intern(&v))]),
                None => p.heap.tuple(&[tag, c]),
            }
        }
        Prepared::Error(msg, counts) => {
            let m = p.heap.str_list(&msg);
            p.heap.tuple(&[Term::atom(atoms::ERROR), m, Term::bool(counts)])
        }
    })
}

/// How the Erlang shell prints a result: `~P` with depth 30 from the first
/// column, at most 60 characters of an element on a line, tuples of the
/// records `rr/1` read as records; then a newline.
pub fn format_value(p: &mut Process, a: &[Term]) -> BifResult {
    let mut s = String::new();
    let records = RECORDS.lock().unwrap().clone();
    let fields = |tag: Atom, n: usize| -> Option<Vec<String>> {
        records.iter().find(|(name, fs)| name == tag.name() && fs.len() == n).map(|(_, fs)| fs.clone())
    };
    crate::format::print_shell(&mut s, a[0], &fields);
    s.push('\n');
    Ok(p.heap.str_list(&s))
}

/// Record definitions the shell knows (read by `rr/1`): name and fields.
static RECORDS: Mutex<Vec<(String, Vec<String>)>> = Mutex::new(Vec::new());
/// The same definitions as source, added to every expression's module.
static RECORD_FORMS: Mutex<Vec<ast::Form>> = Mutex::new(Vec::new());

/// The `-record` forms the shell adds to an expression's module.
pub fn record_forms() -> Vec<ast::Form> {
    RECORD_FORMS.lock().unwrap().clone()
}

/// `read_records(ModOrFile)`: `rr/1`: the records defined in a module's
/// source (found as `l/1` finds it) or in a file; they replace earlier
/// definitions of the same names. Returns their names, sorted.
pub fn read_records(p: &mut Process, a: &[Term]) -> BifResult {
    let found = match a[0].as_atom() {
        Some(m) => server::find_source(m.name()),
        None => {
            let f = string_arg(a[0])?;
            std::fs::read_to_string(&f).ok().map(|src| (f, src))
        }
    };
    let Some((file, src)) = found else {
        return Ok(Term::NIL);
    };
    let Ok(module) = crate::syntax::parse_module(&file, &src) else {
        return Ok(p.heap.tuple(&[Term::atom(atoms::ERROR), Term::atom(Atom::intern("badfile"))]));
    };
    let mut names = Vec::new();
    let mut records = RECORDS.lock().unwrap();
    let mut forms = RECORD_FORMS.lock().unwrap();
    for form in module.forms {
        if let ast::Form::Record(name, fields, _) = &form {
            records.retain(|(n, _)| n != name);
            records.push((name.clone(), fields.iter().map(|f| f.name.clone()).collect()));
            forms.retain(|f| !matches!(f, ast::Form::Record(n, _, _) if n == name));
            forms.push(form.clone());
            names.push(name.clone());
        }
    }
    names.sort();
    names.dedup();
    let atoms: Vec<Term> = names.iter().map(|n| Term::atom(Atom::intern(n))).collect();
    Ok(p.heap.list(&atoms))
}

/// Whether a stack frame belongs to the shell itself (its loop, evaluator
/// or a throw-away module), where OTP's shell cuts the stacktrace.
fn shell_frame(frame: Term) -> bool {
    frame
        .as_tuple()
        .and_then(|f| f.first().copied())
        .and_then(Term::as_atom)
        .is_some_and(|m| m.name() == "girder_shell" || m.name().starts_with("girder_shell$"))
}

/// `format_exception(Class, Reason, Stack)`: the `** exception ...` text.
pub fn format_exception(p: &mut Process, a: &[Term]) -> BifResult {
    let class = a[0].as_atom().and_then(Class::from_atom).ok_or_else(Exception::badarg)?;
    let frames: Vec<Term> = a[2].iter_list().take_while(|f| !shell_frame(*f)).collect();
    let trace = p.heap.list(&frames);
    let e = Exception { trace, ..Exception::new(class, a[1]) };
    let mut text = crate::cli::crash_report(&e);
    // For an undefined function or a clause that does not match, the
    // message names the call: OTP does not repeat its frame below, and
    // puts the frame's location on the message's line.
    let consumed = [atoms::UNDEF, atoms::FUNCTION_CLAUSE].map(Term::atom).contains(&a[1])
        && class == Class::Error
        && frames.first().and_then(|f| f.as_tuple()).is_some_and(|f| f.len() == 4 && f[2].is_list());
    if consumed {
        let mut lines: Vec<&str> = text.lines().collect();
        if lines.len() >= 2 {
            let frame = lines.remove(1);
            let loc = frame.find(" (").map_or("", |i| &frame[i..]);
            let first = format!("{}{loc}", lines[0]);
            lines[0] = &first;
            text = lines.iter().map(|l| format!("{l}\n")).collect();
        }
    }
    Ok(p.heap.str_list(&text))
}

/// `compile_file(Mod)`: compile `Mod.erl` (or the file named) and load it:
/// `{ok, Mod}`, or `error` after printing the diagnostics.
pub fn compile_file(p: &mut Process, a: &[Term]) -> BifResult {
    let name = match a[0].as_atom() {
        Some(m) => m.name().to_string(),
        None => string_arg(a[0])?,
    };
    let file = if name.ends_with(".erl") { name } else { format!("{name}.erl") };
    let stem = std::path::Path::new(&file).file_stem().map(|s| s.to_string_lossy().to_string());
    let Ok(src) = std::fs::read_to_string(&file) else {
        crate::bif::io::write_out(&format!("{file}: no such file or directory\n"));
        return Ok(Term::atom(atoms::ERROR));
    };
    match crate::compile::compile_checked(&file, &src, stem.as_deref()) {
        Ok(m) => {
            let m = server::install(m);
            Ok(ok_tuple(p, Term::atom(m.name)))
        }
        Err(ds) => {
            crate::bif::io::write_out(&crate::compile::render_all(&ds, &file, &src));
            Ok(Term::atom(atoms::ERROR))
        }
    }
}

/// `load_module(Mod)`: load `Mod` again from its source on the code path:
/// `{module, Mod}` or `{error, Why}`.
pub fn load_module(p: &mut Process, a: &[Term]) -> BifResult {
    let m = a[0].as_atom().ok_or_else(Exception::badarg)?;
    let Some((file, src)) = server::find_source(m.name()) else {
        return Ok(p.heap.tuple(&[Term::atom(atoms::ERROR), Term::atom(Atom::intern("nofile"))]));
    };
    match server::load_source(&file, &src) {
        Ok(md) => Ok(p.heap.tuple(&[Term::atom(Atom::intern("module")), Term::atom(md.name)])),
        Err(e) => {
            if let server::LoadError::Compile(text) = e {
                crate::bif::io::write_out(&text);
            }
            Ok(p.heap.tuple(&[Term::atom(atoms::ERROR), Term::atom(Atom::intern("badfile"))]))
        }
    }
}

pub fn cwd(p: &mut Process, _a: &[Term]) -> BifResult {
    let d = std::env::current_dir().map(|d| d.display().to_string()).unwrap_or_default();
    Ok(p.heap.str_list(&d))
}

pub fn set_cwd(_p: &mut Process, a: &[Term]) -> BifResult {
    let d = match a[0].as_atom() {
        Some(x) => x.name().to_string(),
        None => string_arg(a[0])?,
    };
    Ok(Term::bool(std::env::set_current_dir(d).is_ok()))
}

pub fn list_dir(p: &mut Process, a: &[Term]) -> BifResult {
    let d = string_arg(a[0])?;
    let mut names: Vec<String> = std::fs::read_dir(d)
        .map(|r| r.flatten().map(|e| e.file_name().to_string_lossy().to_string()).collect())
        .unwrap_or_default();
    names.sort();
    let ts: Vec<Term> = names.iter().map(|n| p.heap.str_list(n)).collect();
    Ok(p.heap.list(&ts))
}
