//! The `erlang` BIFs on binaries: sizes, conversions to and from lists,
//! atoms and numbers, iolists, and `binary_part`/`split_binary`.

use crate::heap::Alloc;
use crate::term::{atoms, Atom, Term};
use crate::vm::exception::{BifResult, Exception};
use crate::vm::process::Process;

fn bits_of(t: Term) -> Result<crate::term::binary::Bits, Exception> {
    t.bits().ok_or_else(Exception::badarg)
}

/// The bytes of a binary argument (badarg for anything else, bitstrings of
/// odd length included).
pub fn bytes_of(t: Term) -> Result<std::borrow::Cow<'static, [u8]>, Exception> {
    t.binary_cow().ok_or_else(Exception::badarg)
}

pub fn byte_size(_p: &mut Process, a: &[Term]) -> BifResult {
    let b = bits_of(a[0])?;
    Ok(Term::small(b.len.div_ceil(8) as i64))
}

pub fn bit_size(_p: &mut Process, a: &[Term]) -> BifResult {
    Ok(Term::small(bits_of(a[0])?.len as i64))
}

/// Append the bytes of an iolist (bytes, binaries and nested lists; the
/// tail of any list may be a binary) to `out`. With `bits`, bitstrings are
/// allowed too and their bits appended (`list_to_bitstring`); `out_bits`
/// then counts the bits of the result.
fn flatten(t: Term, out: &mut Vec<u8>, out_bits: &mut usize, bits: bool) -> Result<(), Exception> {
    // Work stack of terms still to append, in reverse order.
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        if t.is_nil() {
            continue;
        }
        if let Some((h, tl)) = t.as_cons() {
            stack.push(tl);
            if let Some(c) = h.as_small() {
                let c = u8::try_from(c).map_err(|_| Exception::badarg())?;
                push_bits(out, out_bits, &[c], 8);
            } else {
                stack.push(h);
            }
            continue;
        }
        let b = t.bits().ok_or_else(Exception::badarg)?;
        if !bits && !b.is_binary() {
            return Err(Exception::badarg());
        }
        push_bits(out, out_bits, &b.bytes(), b.len);
    }
    Ok(())
}

/// Append the first `n` bits of `src` at bit position `*at` of `out`.
fn push_bits(out: &mut Vec<u8>, at: &mut usize, src: &[u8], n: usize) {
    if (*at).is_multiple_of(8) {
        out.extend_from_slice(&src[..n.div_ceil(8)]);
        *at += n;
        if !n.is_multiple_of(8) {
            let last = out.len() - 1;
            out[last] &= 0xffu8 << (8 - n % 8);
        }
        return;
    }
    for i in 0..n {
        if (*at).is_multiple_of(8) {
            out.push(0);
        }
        if src[i / 8] & (0x80 >> (i % 8)) != 0 {
            let last = out.len() - 1;
            out[last] |= 0x80 >> (*at % 8);
        }
        *at += 1;
    }
}

/// The bytes of an iolist or binary.
pub fn iolist_bytes(t: Term) -> Result<Vec<u8>, Exception> {
    let mut out = Vec::new();
    let mut n = 0;
    flatten(t, &mut out, &mut n, false)?;
    Ok(out)
}

pub fn list_to_binary(p: &mut Process, a: &[Term]) -> BifResult {
    if !(a[0].is_list() || a[0].is_nil()) {
        return Err(Exception::badarg());
    }
    let v = iolist_bytes(a[0])?;
    Ok(p.heap.binary(&v))
}

pub fn iolist_to_binary(p: &mut Process, a: &[Term]) -> BifResult {
    if a[0].is_binary() {
        return Ok(a[0]);
    }
    list_to_binary(p, a)
}

pub fn list_to_bitstring(p: &mut Process, a: &[Term]) -> BifResult {
    if !(a[0].is_list() || a[0].is_nil()) {
        return Err(Exception::badarg());
    }
    let mut out = Vec::new();
    let mut n = 0;
    flatten(a[0], &mut out, &mut n, true)?;
    Ok(p.heap.bitstring(&out, n))
}

pub fn iolist_size(_p: &mut Process, a: &[Term]) -> BifResult {
    if a[0].is_binary() {
        return Ok(Term::small(bits_of(a[0])?.byte_len() as i64));
    }
    if !(a[0].is_list() || a[0].is_nil()) {
        return Err(Exception::badarg());
    }
    Ok(Term::small(iolist_bytes(a[0])?.len() as i64))
}

fn byte_list(p: &mut Process, bytes: &[u8]) -> Term {
    let v: Vec<Term> = bytes.iter().map(|&b| Term::small(b as i64)).collect();
    p.heap.list(&v)
}

pub fn binary_to_list1(p: &mut Process, a: &[Term]) -> BifResult {
    let b = bytes_of(a[0])?;
    Ok(byte_list(p, &b))
}

/// binary_to_list(Bin, Start, Stop): bytes Start..=Stop, 1-based.
pub fn binary_to_list3(p: &mut Process, a: &[Term]) -> BifResult {
    let b = bytes_of(a[0])?;
    let (s, e) = (a[1].as_small().ok_or_else(Exception::badarg)?, a[2].as_small().ok_or_else(Exception::badarg)?);
    if s < 1 || e < s || e as usize > b.len() {
        return Err(Exception::badarg());
    }
    Ok(byte_list(p, &b[s as usize - 1..e as usize]))
}

/// bitstring_to_list: the whole bytes, then the rest as a bitstring.
pub fn bitstring_to_list(p: &mut Process, a: &[Term]) -> BifResult {
    let b = bits_of(a[0])?;
    let bytes = b.bytes();
    let whole = b.len / 8;
    let tail = if b.len.is_multiple_of(8) { Term::NIL } else { p.heap.sub_binary(a[0], 8 * whole, b.len % 8) };
    let v: Vec<Term> = bytes[..whole].iter().map(|&x| Term::small(x as i64)).collect();
    let tail = if tail.is_nil() { Term::NIL } else { p.heap.cons(tail, Term::NIL) };
    Ok(p.heap.list_with_tail(&v, tail))
}

/// binary_part(Bin, Start, Len): Len may be negative (bytes before Start).
fn part(p: &mut Process, bin: Term, start: Term, len: Term) -> BifResult {
    let b = bits_of(bin)?;
    if !b.is_binary() {
        return Err(Exception::badarg());
    }
    let (s, l) = (start.as_small().ok_or_else(Exception::badarg)?, len.as_small().ok_or_else(Exception::badarg)?);
    let (s, e) = if l >= 0 { (s, s.checked_add(l)) } else { (s + l, Some(s)) };
    let size = b.byte_len() as i64;
    match e {
        Some(e) if s >= 0 && e <= size => Ok(p.heap.sub_binary(bin, 8 * s as usize, 8 * (e - s) as usize)),
        _ => Err(Exception::badarg()),
    }
}

pub fn binary_part2(p: &mut Process, a: &[Term]) -> BifResult {
    match a[1].as_tuple() {
        Some([s, l]) => part(p, a[0], *s, *l),
        _ => Err(Exception::badarg()),
    }
}

pub fn binary_part3(p: &mut Process, a: &[Term]) -> BifResult {
    part(p, a[0], a[1], a[2])
}

pub fn split_binary(p: &mut Process, a: &[Term]) -> BifResult {
    let b = bits_of(a[0])?;
    let n = a[1].as_small().ok_or_else(Exception::badarg)?;
    if !b.is_binary() || n < 0 || n as usize > b.byte_len() {
        return Err(Exception::badarg());
    }
    let n = n as usize;
    let x = p.heap.sub_binary(a[0], 0, 8 * n);
    let y = p.heap.sub_binary(a[0], 8 * n, b.len - 8 * n);
    Ok(p.heap.tuple(&[x, y]))
}

/// The `Encoding` argument of the atom conversions.
fn utf8_encoding(t: Term) -> Result<bool, Exception> {
    match t.as_atom() {
        Some(atoms::LATIN1) => Ok(false),
        Some(a) if a == atoms::UTF8 || a == atoms::UNICODE => Ok(true),
        _ => Err(Exception::badarg()),
    }
}

fn atom_to_binary(p: &mut Process, atom: Term, utf8: bool) -> BifResult {
    let name = atom.as_atom().ok_or_else(Exception::badarg)?.name();
    if utf8 {
        return Ok(p.heap.binary(name.as_bytes()));
    }
    let mut v = Vec::with_capacity(name.len());
    for c in name.chars() {
        v.push(u8::try_from(c as u32).map_err(|_| Exception::badarg())?);
    }
    Ok(p.heap.binary(&v))
}

pub fn atom_to_binary1(p: &mut Process, a: &[Term]) -> BifResult {
    atom_to_binary(p, a[0], true)
}

pub fn atom_to_binary2(p: &mut Process, a: &[Term]) -> BifResult {
    let utf8 = utf8_encoding(a[1])?;
    atom_to_binary(p, a[0], utf8)
}

/// The atom name in a binary: UTF-8 or Latin-1 bytes.
fn binary_atom_name(bin: Term, utf8: bool) -> Result<String, Exception> {
    let b = bytes_of(bin)?;
    let name: String = if utf8 {
        std::str::from_utf8(&b).map_err(|_| Exception::badarg())?.to_string()
    } else {
        b.iter().map(|&c| c as char).collect()
    };
    if name.chars().count() > crate::term::atom::MAX_ATOM_CHARS {
        return Err(Exception::error(Term::atom(atoms::SYSTEM_LIMIT)));
    }
    Ok(name)
}

pub fn binary_to_atom1(_p: &mut Process, a: &[Term]) -> BifResult {
    Ok(Term::atom(Atom::intern(&binary_atom_name(a[0], true)?)))
}

pub fn binary_to_atom2(_p: &mut Process, a: &[Term]) -> BifResult {
    let utf8 = utf8_encoding(a[1])?;
    Ok(Term::atom(Atom::intern(&binary_atom_name(a[0], utf8)?)))
}

pub fn binary_to_existing_atom1(_p: &mut Process, a: &[Term]) -> BifResult {
    let name = binary_atom_name(a[0], true).map_err(|_| Exception::badarg())?;
    Atom::existing(&name).map(Term::atom).ok_or_else(Exception::badarg)
}

pub fn binary_to_existing_atom2(_p: &mut Process, a: &[Term]) -> BifResult {
    let utf8 = utf8_encoding(a[1])?;
    let name = binary_atom_name(a[0], utf8).map_err(|_| Exception::badarg())?;
    Atom::existing(&name).map(Term::atom).ok_or_else(Exception::badarg)
}

/// Run a list BIF on the bytes of a binary argument made into a list.
fn via_list(p: &mut Process, bin: Term, rest: &[Term], f: crate::bif::BifFn) -> BifResult {
    let b = bytes_of(bin)?;
    let l = byte_list(p, &b);
    let mut args = vec![l];
    args.extend_from_slice(rest);
    f(p, &args)
}

/// Run a BIF that returns a string, and make its result a binary.
fn to_binary(p: &mut Process, args: &[Term], f: crate::bif::BifFn) -> BifResult {
    let l = f(p, args)?;
    let v = iolist_bytes(l)?;
    Ok(p.heap.binary(&v))
}

pub fn binary_to_integer1(p: &mut Process, a: &[Term]) -> BifResult {
    via_list(p, a[0], &[], super::convert::list_to_integer1)
}
pub fn binary_to_integer2(p: &mut Process, a: &[Term]) -> BifResult {
    via_list(p, a[0], &a[1..], super::convert::list_to_integer2)
}
pub fn binary_to_float(p: &mut Process, a: &[Term]) -> BifResult {
    via_list(p, a[0], &[], super::convert::list_to_float)
}
pub fn integer_to_binary1(p: &mut Process, a: &[Term]) -> BifResult {
    to_binary(p, a, super::convert::integer_to_list1)
}
pub fn integer_to_binary2(p: &mut Process, a: &[Term]) -> BifResult {
    to_binary(p, a, super::convert::integer_to_list2)
}
pub fn float_to_binary1(p: &mut Process, a: &[Term]) -> BifResult {
    to_binary(p, a, super::convert::float_to_list1)
}
pub fn float_to_binary2(p: &mut Process, a: &[Term]) -> BifResult {
    to_binary(p, a, super::convert::float_to_list2)
}
