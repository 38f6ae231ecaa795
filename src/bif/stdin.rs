//! Reading standard input from a program: `io:get_line`, `io:get_chars`
//! and `io:read`. They share the shell's reader (`shell::input`), so text
//! a read leaves over (after a term's `.`, or past a line) is what the
//! next read sees, whichever kind it is. A read blocks the scheduler
//! thread it runs on until the line arrives.
//!
//! The device argument may be `standard_io` or `user` (girder has one
//! standard input); anything else is badarg.

use crate::bif::io::chars_of;
use crate::heap::Alloc;
use crate::shell::input::Read;
use crate::term::{atoms, Atom, Term};
use crate::vm::exception::{BifResult, Exception};
use crate::vm::process::Process;

/// The prompt's text: an atom or a (deep) string; `{Format, Args}` is not
/// offered.
fn prompt_text(t: Term) -> Result<String, Exception> {
    chars_of(t).map(|cs| cs.into_iter().collect()).ok_or_else(Exception::badarg)
}

fn device(t: Term) -> Result<(), Exception> {
    match t.as_atom().map(Atom::name) {
        Some("standard_io" | "user") => Ok(()),
        _ if t.is_pid() => Ok(()),
        _ => Err(Exception::badarg()),
    }
}

fn eof() -> Term {
    Term::atom(Atom::intern("eof"))
}

fn text_or_eof(p: &mut Process, s: Option<String>) -> BifResult {
    Ok(match s {
        Some(s) => p.heap.str_list(&s),
        None => eof(),
    })
}

/// io:get_line(Prompt)
pub fn get_line1(p: &mut Process, a: &[Term]) -> BifResult {
    let prompt = prompt_text(a[0])?;
    let line = crate::shell::input().lock().unwrap_or_else(|e| e.into_inner()).get_line(&prompt);
    text_or_eof(p, line)
}

/// io:get_line(Device, Prompt)
pub fn get_line2(p: &mut Process, a: &[Term]) -> BifResult {
    // A file opened with file:open/2: its next line (no prompt).
    if let Some(line) = super::file::get_line(p, a[0]) {
        return Ok(line);
    }
    device(a[0])?;
    get_line1(p, &a[1..])
}

/// io:get_chars(Prompt, Count)
pub fn get_chars2(p: &mut Process, a: &[Term]) -> BifResult {
    let prompt = prompt_text(a[0])?;
    let n = a[1].as_small().filter(|n| *n >= 0).ok_or_else(Exception::badarg)? as usize;
    let chars = crate::shell::input().lock().unwrap_or_else(|e| e.into_inner()).get_chars(&prompt, n);
    text_or_eof(p, chars)
}

/// io:get_chars(Device, Prompt, Count)
pub fn get_chars3(p: &mut Process, a: &[Term]) -> BifResult {
    device(a[0])?;
    get_chars2(p, &a[1..])
}

/// io:read(Prompt): `{ok, Term}`, `eof`, or `{error, {Line, erl_parse,
/// Message}}` (the message in girder's words, not OTP's).
pub fn read1(p: &mut Process, a: &[Term]) -> BifResult {
    let prompt = prompt_text(a[0])?;
    let read = crate::shell::input().lock().unwrap_or_else(|e| e.into_inner()).read_term_text(&prompt);
    let text = match read {
        Read::Eof => return Ok(eof()),
        Read::Text(t) => t,
    };
    match crate::compile::consult_terms(&text) {
        Ok((_arena, terms)) if terms.len() == 1 => {
            let t = p.heap.copy_term(terms[0]);
            Ok(p.heap.tuple(&[Term::atom(atoms::OK), t]))
        }
        Ok(_) => Ok(parse_error(p, 1, "syntax error before: '.'")),
        Err((line, msg)) => Ok(parse_error(p, line, &msg)),
    }
}

/// io:read(Device, Prompt)
pub fn read2(p: &mut Process, a: &[Term]) -> BifResult {
    device(a[0])?;
    read1(p, &a[1..])
}

/// `{error, {Line, erl_parse, Message}}`; a syntax error's message is the
/// pair `["syntax error before: ", Token]`, as OTP gives it.
fn parse_error(p: &mut Process, line: u32, msg: &str) -> Term {
    const BEFORE: &str = "syntax error before: ";
    let m = match msg.strip_prefix(BEFORE) {
        Some(token) => {
            let parts = [p.heap.str_list(BEFORE), p.heap.str_list(token)];
            p.heap.list(&parts)
        }
        None => p.heap.str_list(msg),
    };
    let why = p.heap.tuple(&[Term::small(line as i64), Term::atom(Atom::intern("erl_parse")), m]);
    p.heap.tuple(&[Term::atom(atoms::ERROR), why])
}
