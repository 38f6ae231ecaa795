//! `io` and `io_lib` BIFs: formatted output to a buffered standard output.
//!
//! Output is buffered per VM and flushed when the buffer is large, when the
//! VM exits, and before anything is written to standard error, so the
//! program's output and crash reports keep their order.

use crate::heap::Alloc;
use crate::term::{atoms, Term};
use crate::vm::exception::{BifResult, Exception};
use crate::vm::process::Process;
use std::io::Write;
use std::sync::Mutex;

static OUT: Mutex<Vec<u8>> = Mutex::new(Vec::new());

/// Write program output (latin1 as OTP's -noshell: code points above 255
/// are written as UTF-8, which is what a terminal shows best).
pub fn write_out(s: &str) {
    let mut o = OUT.lock().unwrap();
    for c in s.chars() {
        let c = c as u32;
        if c < 256 {
            o.push(c as u8);
        } else {
            let mut b = [0u8; 4];
            o.extend_from_slice(char::from_u32(c).unwrap_or('?').encode_utf8(&mut b).as_bytes());
        }
    }
    if o.len() > 1 << 16 {
        let _ = std::io::stdout().write_all(&o);
        o.clear();
    }
}

pub fn flush() {
    let mut o = OUT.lock().unwrap();
    let mut so = std::io::stdout();
    let _ = so.write_all(&o);
    let _ = so.flush();
    o.clear();
}

/// The characters of a flat or deep list of character codes and binaries
/// (a format string; binaries are read byte by byte), or None.
pub fn chars_of(t: Term) -> Option<Vec<char>> {
    crate::format::chardata(t, crate::format::BinChars::Latin1, 0x10ffff)
}

fn do_format(fmt: Term, args: Term) -> Result<String, Exception> {
    let f = chars_of(fmt).ok_or_else(Exception::badarg)?;
    let a = args.list_to_vec().ok_or_else(Exception::badarg)?;
    crate::format::format(&f, &a).map_err(|_| Exception::badarg())
}

/// io:format(Format)
pub fn format1(_p: &mut Process, a: &[Term]) -> BifResult {
    write_out(&do_format(a[0], Term::NIL)?);
    Ok(Term::atom(atoms::OK))
}
/// io:format(Format, Args)
pub fn format2(_p: &mut Process, a: &[Term]) -> BifResult {
    write_out(&do_format(a[0], a[1])?);
    Ok(Term::atom(atoms::OK))
}
/// Text for a file opened with file:open/2 (UTF-8 encoded).
fn to_file(dev: Term, s: &str) -> Option<BifResult> {
    match super::file::write_bytes(dev, s.as_bytes())? {
        Ok(()) => Some(Ok(Term::atom(atoms::OK))),
        Err(_) => Some(Err(Exception::error(Term::atom(crate::term::Atom::intern("terminated"))))),
    }
}

/// io:format(Device, Format, Args): standard_io, standard_error, and files
/// opened with file:open/2.
pub fn format3(_p: &mut Process, a: &[Term]) -> BifResult {
    let s = do_format(a[1], a[2])?;
    if let Some(r) = to_file(a[0], &s) {
        return r;
    }
    match a[0].as_atom().map(|x| x.name()) {
        Some("standard_error") => {
            flush();
            eprint!("{s}");
        }
        _ => write_out(&s),
    }
    Ok(Term::atom(atoms::OK))
}
/// io_lib:format(Format, Args) -> chars
pub fn io_lib_format(p: &mut Process, a: &[Term]) -> BifResult {
    let s = do_format(a[0], a[1])?;
    Ok(p.heap.str_list(&s))
}
/// io:put_chars(Chars)
pub fn put_chars(_p: &mut Process, a: &[Term]) -> BifResult {
    let cs = crate::format::chardata(a[0], crate::format::BinChars::Utf8, 0x10ffff).ok_or_else(Exception::badarg)?;
    write_out(&cs.into_iter().collect::<String>());
    Ok(Term::atom(atoms::OK))
}
/// io:put_chars(Device, Chars)
pub fn put_chars2(_p: &mut Process, a: &[Term]) -> BifResult {
    let cs = crate::format::chardata(a[1], crate::format::BinChars::Utf8, 0x10ffff).ok_or_else(Exception::badarg)?;
    let s: String = cs.into_iter().collect();
    if let Some(r) = to_file(a[0], &s) {
        return r;
    }
    match a[0].as_atom().map(|x| x.name()) {
        Some("standard_error") => {
            flush();
            eprint!("{s}");
        }
        _ => write_out(&s),
    }
    Ok(Term::atom(atoms::OK))
}
/// io:nl()
pub fn nl(_p: &mut Process, _a: &[Term]) -> BifResult {
    write_out("\n");
    Ok(Term::atom(atoms::OK))
}

/// io_lib:write(Term) -> chars
pub fn io_lib_write1(p: &mut Process, a: &[Term]) -> BifResult {
    let mut s = String::new();
    crate::format::write_term(&mut s, a[0], None);
    Ok(p.heap.str_list(&s))
}

/// io_lib:write(Term, Depth) -> chars
pub fn io_lib_write2(p: &mut Process, a: &[Term]) -> BifResult {
    let d = a[1].as_small().ok_or_else(Exception::badarg)?;
    let mut s = String::new();
    crate::format::write_term(&mut s, a[0], if d < 0 { None } else { Some(d as usize) });
    Ok(p.heap.str_list(&s))
}

/// erlang:display(Term): the term and a newline on standard output.
pub fn display(_p: &mut Process, a: &[Term]) -> BifResult {
    let mut s = String::new();
    crate::format::write_term(&mut s, a[0], None);
    s.push('\n');
    write_out(&s);
    Ok(Term::TRUE)
}

/// io_lib:write_atom(Atom) -> chars (quoted when needed)
pub fn io_lib_write_atom(p: &mut Process, a: &[Term]) -> BifResult {
    if !a[0].is_atom() {
        return Err(Exception::badarg());
    }
    io_lib_write1(p, a)
}

/// io_lib:write_string(Chars) -> the string quoted, with escapes.
pub fn io_lib_write_string(p: &mut Process, a: &[Term]) -> BifResult {
    let cs = chars_of(a[0]).ok_or_else(Exception::badarg)?;
    let mut s = String::from("\"");
    for c in cs {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\t' => s.push_str("\\t"),
            '\r' => s.push_str("\\r"),
            '\u{b}' => s.push_str("\\v"),
            '\u{8}' => s.push_str("\\b"),
            '\u{c}' => s.push_str("\\f"),
            '\u{1b}' => s.push_str("\\e"),
            '\u{7f}' => s.push_str("\\d"),
            c if (c as u32) < 32 => s.push_str(&format!("\\^{}", char::from_u32(c as u32 + 64).unwrap())),
            c => s.push(c),
        }
    }
    s.push('"');
    Ok(p.heap.str_list(&s))
}
