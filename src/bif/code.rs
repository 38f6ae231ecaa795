//! BIFs about code: module_info, make_fun.

use crate::code::server;
use crate::heap::Alloc;
use crate::term::{atoms, Atom, Term};
use crate::vm::exception::{BifResult, Exception};
use crate::vm::process::Process;

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
