//! Conversions between atoms, integers, tuples and lists (strings are lists
//! of character codes).

use crate::heap::Alloc;
use crate::term::atom::MAX_ATOM_CHARS;
use crate::term::{atoms, Atom, Term};
use crate::vm::exception::{BifResult, Exception};
use crate::vm::process::Process;
use num_bigint::BigInt;
use num_traits::Num;

/// Largest tuple OTP builds (its header keeps the arity in 24 bits).
pub const MAX_TUPLE_SIZE: usize = (1 << 24) - 1;

fn system_limit() -> Exception {
    Exception::error(Term::atom(atoms::SYSTEM_LIMIT))
}

pub fn atom_to_list(p: &mut Process, a: &[Term]) -> BifResult {
    let name = a[0].as_atom().ok_or_else(Exception::badarg)?.name();
    Ok(p.heap.str_list(name))
}

/// The name an atom made from a list of code points would have. OTP checks
/// the length while it walks the list: 256 valid characters are a
/// `system_limit` even if a bad element or tail follows them.
fn atom_name(list: Term) -> Result<String, Exception> {
    let mut name = String::new();
    let mut n = 0;
    let mut it = list.iter_list();
    for c in &mut it {
        n += 1;
        if n > MAX_ATOM_CHARS {
            return Err(system_limit());
        }
        // char::from_u32 refuses surrogates and values past U+10FFFF, as OTP.
        let c = c.as_small().and_then(|c| u32::try_from(c).ok()).and_then(char::from_u32);
        name.push(c.ok_or_else(Exception::badarg)?);
    }
    if it.rest().is_nil() {
        Ok(name)
    } else {
        Err(Exception::badarg())
    }
}

pub fn list_to_atom(_p: &mut Process, a: &[Term]) -> BifResult {
    Ok(Term::atom(Atom::intern(&atom_name(a[0])?)))
}

/// Like `list_to_atom`, but badarg (also for an over-long name) unless the
/// atom exists already.
pub fn list_to_existing_atom(_p: &mut Process, a: &[Term]) -> BifResult {
    let name = atom_name(a[0]).map_err(|_| Exception::badarg())?;
    Atom::existing(&name).map(Term::atom).ok_or_else(Exception::badarg)
}

pub fn list_to_tuple(p: &mut Process, a: &[Term]) -> BifResult {
    let elems = a[0].list_to_vec().ok_or_else(Exception::badarg)?;
    if elems.len() > MAX_TUPLE_SIZE {
        return Err(Exception::badarg());
    }
    Ok(p.heap.tuple(&elems))
}

pub fn tuple_to_list(p: &mut Process, a: &[Term]) -> BifResult {
    let elems = a[0].as_tuple().ok_or_else(Exception::badarg)?;
    Ok(p.heap.list(elems))
}

/// A base argument: a small integer in 2..=36.
fn base(t: Term) -> Result<u32, Exception> {
    match t.as_small() {
        Some(b @ 2..=36) => Ok(b as u32),
        _ => Err(Exception::badarg()),
    }
}

/// Digits above 9 are upper-case letters, as OTP writes them.
fn integer_to_string(t: Term, base: u32) -> Result<String, Exception> {
    let i = t.to_bigint().ok_or_else(Exception::badarg)?;
    Ok(i.to_str_radix(base).to_ascii_uppercase())
}

pub fn integer_to_list1(p: &mut Process, a: &[Term]) -> BifResult {
    let s = integer_to_string(a[0], 10)?;
    Ok(p.heap.str_list(&s))
}

pub fn integer_to_list2(p: &mut Process, a: &[Term]) -> BifResult {
    let s = integer_to_string(a[0], base(a[1])?)?;
    Ok(p.heap.str_list(&s))
}

/// Parse `[+|-]digits` in `base` (letters in either case): no whitespace,
/// no underscores, at least one digit.
fn parse_integer(list: Term, base: u32) -> Result<BigInt, Exception> {
    let chars = list.list_to_vec().ok_or_else(Exception::badarg)?;
    let mut s = String::with_capacity(chars.len());
    for (i, c) in chars.iter().enumerate() {
        let c = c.as_small().and_then(|c| u8::try_from(c).ok()).map(char::from);
        match c {
            Some(c) if c.is_digit(base) => s.push(c),
            Some(c @ ('+' | '-')) if i == 0 => s.push(c),
            _ => return Err(Exception::badarg()),
        }
    }
    let digits = s.strip_prefix(['+', '-']).unwrap_or(&s);
    if digits.is_empty() {
        return Err(Exception::badarg());
    }
    let v = BigInt::from_str_radix(digits, base).map_err(|_| Exception::badarg())?;
    Ok(if s.starts_with('-') { -v } else { v })
}

pub fn list_to_integer1(p: &mut Process, a: &[Term]) -> BifResult {
    let v = parse_integer(a[0], 10)?;
    Ok(p.heap.bigint(&v))
}

pub fn list_to_integer2(p: &mut Process, a: &[Term]) -> BifResult {
    let v = parse_integer(a[0], base(a[1])?)?;
    Ok(p.heap.bigint(&v))
}

/// float_to_list(F): the 20-digit scientific form.
pub fn float_to_list1(p: &mut Process, a: &[Term]) -> BifResult {
    let f = a[0].as_float().ok_or_else(Exception::badarg)?;
    let s = crate::format::float_to_list(f, &crate::format::FloatOpts::default()).ok_or_else(Exception::badarg)?;
    Ok(p.heap.str_list(&s))
}

/// float_to_list(F, Options)
pub fn float_to_list2(p: &mut Process, a: &[Term]) -> BifResult {
    let f = a[0].as_float().ok_or_else(Exception::badarg)?;
    let opts = crate::format::FloatOpts::from_term(a[1]).ok_or_else(Exception::badarg)?;
    let s = crate::format::float_to_list(f, &opts).ok_or_else(Exception::badarg)?;
    Ok(p.heap.str_list(&s))
}

/// list_to_float(String)
pub fn list_to_float(p: &mut Process, a: &[Term]) -> BifResult {
    let cs = a[0].list_to_vec().ok_or_else(Exception::badarg)?;
    let mut s = String::with_capacity(cs.len());
    for c in cs {
        let c = c.as_small().and_then(|c| char::from_u32(c as u32)).ok_or_else(Exception::badarg)?;
        s.push(c);
    }
    let f = crate::format::parse_float(&s).ok_or_else(Exception::badarg)?;
    Ok(p.heap.float(f))
}

/// pid_to_list(Pid): `"<0.N.0>"`, as the pid prints.
pub fn pid_to_list(p: &mut Process, a: &[Term]) -> BifResult {
    if !a[0].is_pid() {
        return Err(Exception::badarg());
    }
    let s = format!("<0.{}.0>", a[0].pid_serial());
    Ok(p.heap.str_list(&s))
}

/// list_to_pid("<0.N.0>"): the pid of this node with serial N (alive or
/// not); anything else, other nodes included, is badarg.
pub fn list_to_pid(_p: &mut Process, a: &[Term]) -> BifResult {
    let codes = a[0].list_to_vec().ok_or_else(Exception::badarg)?;
    let text: String = codes
        .iter()
        .map(|c| c.as_small().and_then(|c| char::from_u32(c as u32)))
        .collect::<Option<_>>()
        .ok_or_else(Exception::badarg)?;
    let parts: Vec<&str> =
        text.strip_prefix('<').and_then(|t| t.strip_suffix('>')).ok_or_else(Exception::badarg)?.split('.').collect();
    match parts.as_slice() {
        ["0", n, "0"] if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => match n.parse::<u64>() {
            Ok(serial) if serial < 1 << 60 => Ok(Term::pid(serial)),
            _ => Err(Exception::badarg()),
        },
        _ => Err(Exception::badarg()),
    }
}
