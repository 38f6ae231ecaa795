//! Encoding terms in the External Term Format, byte for byte as OTP 25
//! does (minor version 1 by default: atoms that are Latin-1 as ATOM_EXT,
//! others as SMALL_ATOM_UTF8_EXT; floats as NEW_FLOAT_EXT).
//!
//! The walk keeps its own stack, so a deeply nested term cannot overflow
//! the Rust stack:
//!
//! ```text
//!  {a, [1, x]}   SMALL_TUPLE_EXT 2, ATOM a, LIST_EXT 2, 1, x, NIL_EXT
//!                stack after the tuple header: [Term [1,x], Term a]
//! ```

use super::tag;
use crate::term::order::compare_exact;
use crate::term::{Subtag, Term};

/// What is left to write, newest last.
enum Work {
    Term(Term),
    /// Write the size of a NEW_FUN_EXT that started at this offset (its tag).
    FunSize(usize),
}

/// Options of `term_to_binary/2` that change the bytes (compression is
/// applied afterwards by the caller).
#[derive(Clone, Copy)]
pub struct EncodeOpts {
    pub minor_version: u8,
}

impl Default for EncodeOpts {
    fn default() -> Self {
        EncodeOpts { minor_version: 1 }
    }
}

/// The encoding of `t`, without the leading version byte 131.
pub fn encode(t: Term, opts: EncodeOpts, out: &mut Vec<u8>) {
    let mut stack = vec![Work::Term(t)];
    while let Some(w) = stack.pop() {
        match w {
            Work::Term(t) => encode_one(t, opts, out, &mut stack),
            Work::FunSize(at) => {
                // The size counts itself and what follows, not the tag.
                let size = (out.len() - at - 1) as u32;
                out[at + 1..at + 5].copy_from_slice(&size.to_be_bytes());
            }
        }
    }
}

fn u16be(out: &mut Vec<u8>, v: usize) {
    out.extend_from_slice(&(v as u16).to_be_bytes());
}
fn u32be(out: &mut Vec<u8>, v: usize) {
    out.extend_from_slice(&(v as u32).to_be_bytes());
}

pub fn atom(name: &str, opts: EncodeOpts, out: &mut Vec<u8>) {
    let latin1 = name.chars().all(|c| (c as u32) < 256);
    if opts.minor_version < 2 && latin1 {
        out.push(tag::ATOM_EXT);
        u16be(out, name.chars().count());
        out.extend(name.chars().map(|c| c as u8));
    } else if name.len() < 256 {
        out.push(tag::SMALL_ATOM_UTF8_EXT);
        out.push(name.len() as u8);
        out.extend_from_slice(name.as_bytes());
    } else {
        out.push(tag::ATOM_UTF8_EXT);
        u16be(out, name.len());
        out.extend_from_slice(name.as_bytes());
    }
}

/// The node every local pid and reference carries.
pub const NODE: &str = "nonode@nohost";

fn integer(t: Term, out: &mut Vec<u8>) {
    if let Some(i) = t.as_small() {
        if (0..256).contains(&i) {
            out.push(tag::SMALL_INTEGER_EXT);
            out.push(i as u8);
            return;
        }
        if let Ok(i) = i32::try_from(i) {
            out.push(tag::INTEGER_EXT);
            out.extend_from_slice(&i.to_be_bytes());
            return;
        }
    }
    let b = t.to_bigint().expect("an integer");
    let (sign, mag) = b.to_bytes_le();
    if mag.len() < 256 {
        out.push(tag::SMALL_BIG_EXT);
        out.push(mag.len() as u8);
    } else {
        out.push(tag::LARGE_BIG_EXT);
        u32be(out, mag.len());
    }
    out.push((sign == num_bigint::Sign::Minus) as u8);
    out.extend_from_slice(&mag);
}

/// FLOAT_EXT (minor version 0): C's `%.20e`, NUL padded to 31 bytes.
fn old_float(x: f64, out: &mut Vec<u8>) {
    let s = format!("{x:.20e}");
    let (mant, exp) = s.split_once('e').expect("exponent");
    let e: i32 = exp.parse().expect("exponent digits");
    let text = format!("{mant}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    out.push(tag::FLOAT_EXT);
    let mut buf = [0u8; 31];
    buf[..text.len()].copy_from_slice(text.as_bytes());
    out.extend_from_slice(&buf);
}

pub fn pid(serial: u64, opts: EncodeOpts, out: &mut Vec<u8>) {
    out.push(tag::NEW_PID_EXT);
    atom(NODE, opts, out);
    u32be(out, (serial & 0xffff_ffff) as usize);
    u32be(out, (serial >> 32) as usize);
    u32be(out, 0);
}

/// Whether a list is a proper list of bytes short enough for STRING_EXT.
fn byte_string(t: Term) -> Option<Vec<u8>> {
    let mut v = Vec::new();
    let mut cur = t;
    while let Some((h, tl)) = cur.as_cons() {
        let b = h.as_small().and_then(|c| u8::try_from(c).ok())?;
        v.push(b);
        if v.len() > 0xffff {
            return None;
        }
        cur = tl;
    }
    cur.is_nil().then_some(v)
}

fn encode_one(t: Term, opts: EncodeOpts, out: &mut Vec<u8>, stack: &mut Vec<Work>) {
    if t.is_nil() {
        out.push(tag::NIL_EXT);
    } else if let Some(a) = t.as_atom() {
        atom(a.name(), opts, out);
    } else if t.is_integer() {
        integer(t, out);
    } else if t.is_pid() {
        pid(t.pid_serial(), opts, out);
    } else if t.is_list() {
        if let Some(bytes) = byte_string(t) {
            out.push(tag::STRING_EXT);
            u16be(out, bytes.len());
            out.extend_from_slice(&bytes);
            return;
        }
        let mut elems = Vec::new();
        let mut cur = t;
        while let Some((h, tl)) = cur.as_cons() {
            elems.push(h);
            cur = tl;
        }
        out.push(tag::LIST_EXT);
        u32be(out, elems.len());
        stack.push(Work::Term(cur));
        stack.extend(elems.into_iter().rev().map(Work::Term));
    } else if let Some(bits) = t.bits() {
        let bytes = bits.bytes();
        if bits.is_binary() {
            out.push(tag::BINARY_EXT);
            u32be(out, bytes.len());
        } else {
            out.push(tag::BIT_BINARY_EXT);
            u32be(out, bytes.len());
            out.push((bits.len % 8) as u8);
        }
        out.extend_from_slice(&bytes);
    } else {
        match t.boxed_subtag().expect("a boxed term") {
            Subtag::Float => {
                let x = t.float_value();
                if opts.minor_version == 0 {
                    old_float(x, out);
                } else {
                    out.push(tag::NEW_FLOAT_EXT);
                    out.extend_from_slice(&x.to_bits().to_be_bytes());
                }
            }
            Subtag::Tuple => {
                let el = t.boxed_body();
                if el.len() < 256 {
                    out.push(tag::SMALL_TUPLE_EXT);
                    out.push(el.len() as u8);
                } else {
                    out.push(tag::LARGE_TUPLE_EXT);
                    u32be(out, el.len());
                }
                stack.extend(el.iter().rev().map(|e| Work::Term(*e)));
            }
            Subtag::Map => {
                let (keys, vals) = t.map_parts();
                out.push(tag::MAP_EXT);
                u32be(out, keys.len());
                // girder's maps keep their keys in term order, which is the
                // order OTP writes maps of up to 32 keys in, and all maps
                // with `deterministic`; larger maps without it OTP writes in
                // the order of its internal hash, which girder does not copy.
                debug_assert!(keys.windows(2).all(|w| compare_exact(w[0], w[1]).is_lt()));
                for (k, v) in keys.iter().zip(vals).rev() {
                    stack.push(Work::Term(*v));
                    stack.push(Work::Term(*k));
                }
            }
            Subtag::Export => {
                let b = t.boxed_body();
                out.push(tag::EXPORT_EXT);
                atom(b[0].as_atom().expect("module").name(), opts, out);
                atom(b[1].as_atom().expect("function").name(), opts, out);
                integer(b[2], out);
            }
            Subtag::Fun => closure(t, opts, out, stack),
            Subtag::Ref => {
                let serial = t.boxed_body()[0].0;
                out.push(tag::NEWER_REFERENCE_EXT);
                u16be(out, 3);
                atom(NODE, opts, out);
                u32be(out, 0);
                u32be(out, (serial & 0xffff_ffff) as usize);
                u32be(out, (serial >> 32) as usize);
                u32be(out, 0);
            }
            st => unreachable!("term_to_binary of a {st:?} object handled above"),
        }
    }
}

/// A closure as NEW_FUN_EXT. OTP's 16-byte `Uniq` is the MD5 of the
/// module's code, which girder does not have: girder writes its own uniq
/// number (the `U` of `#Fun<M.I.U>`) big-endian in the first four bytes
/// and zeros after, and `OldUniq` is that number too; `Pid` is `<0.0.0>`
/// (girder does not record which process made a fun). The decoder finds
/// the lambda by module, index and uniq among the loaded modules.
fn closure(t: Term, opts: EncodeOpts, out: &mut Vec<u8>, stack: &mut Vec<Work>) {
    let l = crate::vm::interp::closure_lambda(t);
    let free = &t.boxed_body()[1..];
    let at = out.len();
    out.push(tag::NEW_FUN_EXT);
    u32be(out, 0); // size, patched by FunSize
    out.push(l.arity as u8);
    let mut uniq = [0u8; 16];
    uniq[..4].copy_from_slice(&l.uniq.to_be_bytes());
    out.extend_from_slice(&uniq);
    u32be(out, l.index as usize);
    u32be(out, free.len());
    atom(l.module.name(), opts, out);
    integer(Term::small(l.index as i64), out);
    integer(Term::small(l.uniq as i64), out);
    pid(0, opts, out);
    stack.push(Work::FunSize(at));
    stack.extend(free.iter().rev().map(|e| Work::Term(*e)));
}
