//! `file` BIFs: whole-file writes and deletes, enough for a program to
//! rewrite a module's source and load it. girder has no binaries yet, so
//! `file:read_file/1` (which returns one) is not offered.

use crate::bif::code::filename_arg;
use crate::heap::Alloc;
use crate::term::{atoms, Atom, Term};
use crate::vm::exception::{BifResult, Exception};
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

/// file:write_file(Name, Data): Data is a list of bytes (deep lists
/// allowed); chardata above 255 is a badarg, as in OTP.
pub fn write_file(p: &mut Process, a: &[Term]) -> BifResult {
    let name = filename_arg(a[0])?;
    let mut bytes = Vec::new();
    if a[1].as_small().is_some() || iodata_bytes(a[1], &mut bytes).is_none() {
        return Err(Exception::badarg());
    }
    match std::fs::write(&name, &bytes) {
        Ok(()) => Ok(Term::atom(atoms::OK)),
        Err(e) => Ok(posix_error(p, &e)),
    }
}

/// file:delete(Name)
pub fn delete(p: &mut Process, a: &[Term]) -> BifResult {
    let name = filename_arg(a[0])?;
    match std::fs::remove_file(&name) {
        Ok(()) => Ok(Term::atom(atoms::OK)),
        Err(e) => Ok(posix_error(p, &e)),
    }
}
