//! BIFs about code: module_info, make_fun, and the Rust side of the code
//! server (`erlang:module_loaded/1` ..., and `girder_code:*`, which
//! stdlib/code.erl, c.erl and girder_code.erl build `code:*`, `c:c/1` and
//! purging on).

use crate::code::server;
use crate::heap::Alloc;
use crate::term::{atoms, Atom, Term};
use crate::vm::exception::{BifResult, Exception};
use crate::vm::process::Process;
use std::path::Path;

fn exports_list(p: &mut Process, m: &crate::code::Module) -> Term {
    let items: Vec<Term> =
        m.exports.iter().map(|(f, a, _)| p.heap.tuple(&[Term::atom(*f), Term::small(*a as i64)])).collect();
    p.heap.list(&items)
}

fn info_item(p: &mut Process, m: &crate::code::Module, item: Atom) -> Option<Term> {
    Some(match item {
        atoms::MODULE => Term::atom(m.name),
        atoms::EXPORTS => exports_list(p, m),
        atoms::ATTRIBUTES => p.heap.copy_term(m.attributes),
        atoms::FUNCTIONS => {
            let mut seen = Vec::new();
            for f in &m.functions {
                if !f.name.name().starts_with('-') && !seen.contains(&(f.name, f.arity)) {
                    seen.push((f.name, f.arity));
                }
            }
            let items: Vec<Term> =
                seen.iter().map(|(f, a)| p.heap.tuple(&[Term::atom(*f), Term::small(*a as i64)])).collect();
            p.heap.list(&items)
        }
        atoms::COMPILE => Term::NIL,
        atoms::MD5 => Term::NIL,
        _ => return None,
    })
}

/// erlang:get_module_info(Module)
pub fn get_module_info1(p: &mut Process, a: &[Term]) -> BifResult {
    let m = a[0].as_atom().and_then(server::loaded).ok_or_else(Exception::badarg)?;
    let mut items = Vec::new();
    for k in [atoms::MODULE, atoms::EXPORTS, atoms::ATTRIBUTES, atoms::COMPILE, atoms::MD5] {
        let v = info_item(p, m, k).unwrap();
        items.push(p.heap.tuple(&[Term::atom(k), v]));
    }
    Ok(p.heap.list(&items))
}

/// erlang:get_module_info(Module, Item)
pub fn get_module_info2(p: &mut Process, a: &[Term]) -> BifResult {
    let m = a[0].as_atom().and_then(server::loaded).ok_or_else(Exception::badarg)?;
    let item = a[1].as_atom().ok_or_else(Exception::badarg)?;
    info_item(p, m, item).ok_or_else(Exception::badarg)
}

/// erlang:make_fun(M, F, A)
pub fn make_fun(p: &mut Process, a: &[Term]) -> BifResult {
    match (a[0].as_atom(), a[1].as_atom(), a[2].as_small()) {
        (Some(_), Some(_), Some(n)) if (0..=255).contains(&n) => Ok(p.heap.export_fun(a[0], a[1], n as u32)),
        _ => Err(Exception::badarg()),
    }
}

fn fun_item(p: &mut Process, f: Term, item: Atom) -> Option<Term> {
    use crate::term::Subtag;
    let st = f.boxed_subtag()?;
    let v = match st {
        Subtag::Fun => {
            let l = crate::vm::interp::closure_lambda(f);
            match item.name() {
                "arity" => Term::small(l.arity as i64),
                "module" => Term::atom(l.module),
                "name" => Term::atom(l.name),
                "type" => Term::atom(atoms::LOCAL),
                "env" => {
                    let free: Vec<Term> = f.boxed_body()[1..].to_vec();
                    p.heap.list(&free)
                }
                "index" | "new_index" => Term::small(l.index as i64),
                "uniq" | "new_uniq" => Term::small(l.uniq as i64),
                "pid" => Term::pid(0),
                _ => return None,
            }
        }
        Subtag::Export => {
            let b = f.boxed_body();
            match item.name() {
                "arity" => b[2],
                "module" => b[0],
                "name" => b[1],
                "type" => Term::atom(atoms::EXTERNAL),
                "env" => Term::NIL,
                _ => Term::atom(atoms::UNDEFINED),
            }
        }
        _ => return None,
    };
    Some(v)
}

/// erlang:fun_info(Fun, Item) -> {Item, Value}
pub fn fun_info2(p: &mut Process, a: &[Term]) -> BifResult {
    let item = a[1].as_atom().ok_or_else(Exception::badarg)?;
    let v = fun_item(p, a[0], item).ok_or_else(Exception::badarg)?;
    Ok(p.heap.tuple(&[a[1], v]))
}

/// erlang:fun_info(Fun) -> [{Item, Value}]
pub fn fun_info1(p: &mut Process, a: &[Term]) -> BifResult {
    if !a[0].is_fun() {
        return Err(Exception::badarg());
    }
    let mut items = Vec::new();
    for k in ["module", "name", "arity", "env", "type"] {
        let k = Atom::intern(k);
        let v = fun_item(p, a[0], k).unwrap_or(Term::atom(atoms::UNDEFINED));
        items.push(p.heap.tuple(&[Term::atom(k), v]));
    }
    Ok(p.heap.list(&items))
}

fn atom_arg(t: Term) -> Result<Atom, Exception> {
    t.as_atom().ok_or_else(Exception::badarg)
}

/// A file name: a flat or deep character list, or an atom.
pub fn filename_arg(t: Term) -> Result<String, Exception> {
    match crate::bif::io::chars_of(t) {
        Some(cs) if !cs.is_empty() => Ok(cs.into_iter().collect()),
        _ => Err(Exception::badarg()),
    }
}

/// erlang:module_loaded(Module)
pub fn module_loaded(_p: &mut Process, a: &[Term]) -> BifResult {
    Ok(Term::bool(server::loaded(atom_arg(a[0])?).is_some()))
}

/// erlang:function_exported(M, F, A): the current version exports F/A, or
/// it is a BIF. Never loads anything.
pub fn function_exported(_p: &mut Process, a: &[Term]) -> BifResult {
    let (m, f) = (atom_arg(a[0])?, atom_arg(a[1])?);
    let n = a[2].as_small().filter(|n| (0..=255).contains(n)).ok_or_else(Exception::badarg)? as u32;
    let exported = server::loaded(m).is_some_and(|md| md.exports.iter().any(|e| e.0 == f && e.1 == n))
        || crate::bif::lookup(m, f, n).is_some();
    Ok(Term::bool(exported))
}

/// erlang:check_old_code(Module)
pub fn check_old_code(_p: &mut Process, a: &[Term]) -> BifResult {
    Ok(Term::bool(server::versions(atom_arg(a[0])?).old.is_some()))
}

/// erlang:check_process_code(Pid, Module): the process answers a request
/// signal about itself, which the caller waits for in
/// girder_code:check_process_code/2. That holds for the caller too: it
/// answers while it waits in that receive, with the function that called
/// check_process_code as its continuation.
pub fn check_process_code(_p: &mut Process, a: &[Term]) -> BifResult {
    if !a[0].is_pid() {
        return Err(Exception::badarg());
    }
    let m = atom_arg(a[1])?;
    if server::versions(m).old.is_none() {
        return Ok(Term::FALSE);
    }
    if crate::vm::sched::lookup(a[0]).is_none() {
        return Ok(Term::FALSE);
    }
    Err(Exception::trap(Atom::intern("girder_code"), Atom::intern("check_process_code")))
}

/// girder_code:request_check(Pid, Ref, Module): ask Pid whether it runs
/// Module's old code; the answer comes as `{Ref, Bool}`. False if Pid is
/// not alive.
pub fn request_check(p: &mut Process, a: &[Term]) -> BifResult {
    if !a[0].is_pid() || !a[1].is_ref() {
        return Err(Exception::badarg());
    }
    let serial = a[1].boxed_body()[0].0;
    let module = atom_arg(a[2])?;
    let check = crate::vm::sched::Signal::CheckCode { from: p.pid, ref_serial: serial, module };
    Ok(Term::bool(crate::vm::sched::request(a[0], check)))
}

fn error_tuple(p: &mut Process, why: &str) -> Term {
    p.heap.tuple(&[Term::atom(atoms::ERROR), Term::atom(Atom::intern(why))])
}

/// girder_code:prepare(Module | File): compile Module's source from the
/// code path, or File, and stage it for finish/1. `{ok, Module}` or
/// `{error, nofile | badfile}`; a compile error's diagnostic is printed on
/// standard error.
pub fn prepare(p: &mut Process, a: &[Term]) -> BifResult {
    let r = match a[0].as_atom() {
        Some(m) => server::prepare(Some(m), None),
        None => {
            let f = filename_arg(a[0])?;
            server::prepare(None, Some(Path::new(&f)))
        }
    };
    match r {
        Ok(m) => Ok(p.heap.tuple(&[Term::atom(atoms::OK), Term::atom(m)])),
        Err(e) => {
            if let server::LoadError::Compile(msg) = &e {
                crate::bif::io::flush();
                eprintln!("{}", msg.trim_end());
            }
            Ok(error_tuple(p, e.reason()))
        }
    }
}

/// girder_code:finish(Module): install what prepare/1 staged.
/// `{module, Module}` or `{error, not_purged | nofile}`.
pub fn finish(p: &mut Process, a: &[Term]) -> BifResult {
    let m = atom_arg(a[0])?;
    match server::finish(m) {
        Ok(_) => Ok(p.heap.tuple(&[Term::atom(atoms::MODULE), a[0]])),
        Err(e) => Ok(error_tuple(p, e.reason())),
    }
}

/// girder_code:drop_old(Module): forget the old version (the caller has
/// dealt with the processes running it). Whether there was one.
pub fn drop_old(_p: &mut Process, a: &[Term]) -> BifResult {
    Ok(Term::bool(server::drop_old(atom_arg(a[0])?)))
}

/// girder_code:delete(Module): make the current version old.
pub fn delete(_p: &mut Process, a: &[Term]) -> BifResult {
    Ok(Term::bool(server::delete(atom_arg(a[0])?)))
}

/// girder_code:is_loaded(Module): `{file, File}` or false.
pub fn is_loaded(p: &mut Process, a: &[Term]) -> BifResult {
    match server::loaded(atom_arg(a[0])?) {
        Some(m) => {
            let f = p.heap.str_list(&m.file);
            Ok(p.heap.tuple(&[Term::atom(atoms::FILE), f]))
        }
        None => Ok(Term::FALSE),
    }
}

/// girder_code:all_loaded(): `[{Module, File}]`.
pub fn all_loaded(p: &mut Process, _a: &[Term]) -> BifResult {
    let items: Vec<Term> = server::all_loaded()
        .into_iter()
        .map(|(m, f)| {
            let f = p.heap.str_list(&f);
            p.heap.tuple(&[Term::atom(m), f])
        })
        .collect();
    Ok(p.heap.list(&items))
}

/// girder_code:which(Module): the source file of the loaded version, or
/// the one on the code path, or `non_existing`.
pub fn which(p: &mut Process, a: &[Term]) -> BifResult {
    let m = atom_arg(a[0])?;
    let file = server::loaded(m).map(|md| md.file.clone()).or_else(|| server::find_file(m.name()));
    Ok(match file {
        Some(f) => p.heap.str_list(&f),
        None => Term::atom(Atom::intern("non_existing")),
    })
}

/// girder_code:source(Module): the file the current version was compiled
/// from, or false (built-in stdlib).
pub fn source(p: &mut Process, a: &[Term]) -> BifResult {
    Ok(match server::source_of(atom_arg(a[0])?) {
        Some(f) => p.heap.str_list(&f.display().to_string()),
        None => Term::FALSE,
    })
}

/// girder_code:add_path(Dir, Front): true, or `{error, bad_directory}`.
pub fn add_path(p: &mut Process, a: &[Term]) -> BifResult {
    let dir = filename_arg(a[0])?;
    if !Path::new(&dir).is_dir() {
        return Ok(error_tuple(p, "bad_directory"));
    }
    server::add_path_at(Path::new(&dir), a[1] == Term::TRUE);
    Ok(Term::TRUE)
}

/// girder_code:get_path(): the code path.
pub fn get_path(p: &mut Process, _a: &[Term]) -> BifResult {
    let items: Vec<Term> = server::paths().iter().map(|d| p.heap.str_list(&d.display().to_string())).collect();
    Ok(p.heap.list(&items))
}
