//! `file` BIFs: whole-file writes and deletes, enough for a program to
//! rewrite a module's source and load it, and file:consult/1. girder has no binaries yet, so
//! `file:read_file/1` (which returns one) is not offered.

use crate::bif::code::filename_arg;
use crate::heap::Alloc;
use crate::term::{atoms, Atom, Term};
use crate::vm::exception::BifResult;
use crate::vm::process::Process;

/// `{error, Reason}` with the POSIX name OTP gives for `e`.
fn posix_error(p: &mut Process, e: &std::io::Error) -> Term {
    use std::io::ErrorKind as K;
    let why = match e.kind() {
        K::NotFound => "enoent",
        K::PermissionDenied => "eacces",
        K::AlreadyExists => "eexist",
        _ => match e.raw_os_error() {
            Some(21) => "eisdir",
            Some(20) => "enotdir",
            Some(28) => "enospc",
            _ => "eio",
        },
    };
    p.heap.tuple(&[Term::atom(atoms::ERROR), Term::atom(Atom::intern(why))])
}

/// The bytes of iodata made of lists (and characters up to 255).
fn iodata_bytes(t: Term, out: &mut Vec<u8>) -> Option<()> {
    if let Some(c) = t.as_small() {
        out.push(u8::try_from(c).ok()?);
        return Some(());
    }
    let mut cur = t;
    while let Some((h, tl)) = cur.as_cons() {
        iodata_bytes(h, out)?;
        cur = tl;
    }
    cur.is_nil().then_some(())
}

fn error_badarg(p: &mut Process) -> BifResult {
    Ok(p.heap.tuple(&[Term::atom(atoms::ERROR), Term::atom(atoms::BADARG)]))
}

/// file:write_file(Name, Data): Data is a list of bytes (deep lists
/// allowed); anything else (characters above 255 too) gives
/// `{error, badarg}`, as in OTP.
pub fn write_file(p: &mut Process, a: &[Term]) -> BifResult {
    let Ok(name) = filename_arg(a[0]) else { return error_badarg(p) };
    let mut bytes = Vec::new();
    if a[1].as_small().is_some() || iodata_bytes(a[1], &mut bytes).is_none() {
        return error_badarg(p);
    }
    match std::fs::write(&name, &bytes) {
        Ok(()) => Ok(Term::atom(atoms::OK)),
        Err(e) => Ok(posix_error(p, &e)),
    }
}

/// file:delete(Name)
pub fn delete(p: &mut Process, a: &[Term]) -> BifResult {
    let Ok(name) = filename_arg(a[0]) else { return error_badarg(p) };
    match std::fs::remove_file(&name) {
        Ok(()) => Ok(Term::atom(atoms::OK)),
        Err(e) => Ok(posix_error(p, &e)),
    }
}

/// file:consult(Name): `{ok, Terms}`, `{error, Posix}`, or
/// `{error, {Line, erl_parse, Message}}` for a file that is not a sequence
/// of `Term.` (girder's message wording, not OTP's).
pub fn consult(p: &mut Process, a: &[Term]) -> BifResult {
    let Ok(name) = filename_arg(a[0]) else { return error_badarg(p) };
    let src = match std::fs::read(&name) {
        // Latin-1, as OTP reads a file without an encoding comment.
        Ok(b) => b.iter().map(|&c| c as char).collect::<String>(),
        Err(e) => return Ok(posix_error(p, &e)),
    };
    match crate::compile::consult_terms(&src) {
        Ok((_arena, terms)) => {
            let copied: Vec<Term> = terms.iter().map(|t| p.heap.copy_term(*t)).collect();
            let l = p.heap.list(&copied);
            Ok(p.heap.tuple(&[Term::atom(atoms::OK), l]))
        }
        Err((line, msg)) => {
            let m = p.heap.str_list(&msg);
            let why = p.heap.tuple(&[Term::small(line as i64), Term::atom(Atom::intern("erl_parse")), m]);
            Ok(p.heap.tuple(&[Term::atom(atoms::ERROR), why]))
        }
    }
}
