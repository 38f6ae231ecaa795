//! `erlang:phash/2`: the portable hash that `dict` and `sets` (version 1)
//! use to pick a bucket. Its values are observable (they decide the order
//! of `dict:to_list/1`, `sets:to_list/1` and the printed form of both), so
//! the hash must give OTP's numbers: every step below reproduces what
//! OTP 25 computes, checked against `erlang:phash/2` on OTP.
//!
//! The hash is a 32-bit word, wrapping, that each visited term updates:
//!
//! ```text
//! atom      h * A1 + hashpjw(name)
//! integer   the bytes of |v| (low first) each as h * A2 + byte, then
//!           h * A3 (v >= 0) or h * A4 (v < 0); small integers hash
//!           4 bytes (8 when |v| >= 2^32), bignums whole 64-bit digits
//!           except the top one, which is 4 bytes when it fits
//! float     h * A6 + (low word xor high word), -0.0 as 0.0
//! []        h * A3 + 1
//! [E|T]     each element: a byte-sized integer as h * A2 + byte, anything
//!           else hashed in place; then the tail; then h * A8
//! tuple     each element, then h * A9 + arity
//! ```

use crate::heap::Alloc;
use crate::term::{Atom, Term};
use crate::vm::exception::{BifResult, Exception};
use crate::vm::process::Process;
use num_bigint::Sign;

// Multipliers (primes near 2^28) that OTP's hash uses, one per kind of term.
const A1: u32 = 268440163;
const A2: u32 = 268439161;
const A3: u32 = 268435459;
const A4: u32 = 268436141;
const A6: u32 = 268437017;
const A8: u32 = 268437511;
const A9: u32 = 268439627;

/// OTP keeps integers in [-2^59, 2^59) immediate on 64-bit machines; the
/// hash of an integer depends on which side of that line it is.
const OTP_SMALL_BITS: u32 = 59;

/// `erlang:phash(Term, Range)`: a hash in 1..=Range, Range in 1..=2^32.
pub fn phash(p: &mut Process, a: &[Term]) -> BifResult {
    let range = match a[1].to_i64() {
        Some(r) if (1..=1i64 << 32).contains(&r) => r as u64,
        _ => return Err(Exception::badarg()),
    };
    let h = make_hash(a[0]) as u64;
    Ok(p.heap.int((h % range + 1) as i64))
}

/// hashpjw over the atom's Latin-1 characters (a two-byte UTF-8 sequence
/// for a character below 256 counts as that one character).
pub(crate) fn atom_hash(name: &str) -> u32 {
    let mut h: u32 = 0;
    for c in name.chars() {
        let v = c as u32;
        // Characters above 255 count byte by byte, as their UTF-8 text.
        let mut buf = [0u8; 4];
        let bytes: &[u8] = if v < 256 { &[v as u8] } else { c.encode_utf8(&mut buf).as_bytes() };
        for &b in bytes {
            h = (h << 4).wrapping_add(b as u32);
            let g = h & 0xf000_0000;
            if g != 0 {
                h ^= g >> 24;
                h ^= g;
            }
        }
    }
    h
}

fn bytes_step(h: u32, mut x: u64, n: usize) -> u32 {
    let mut h = h;
    for _ in 0..n {
        h = h.wrapping_mul(A2).wrapping_add((x & 0xff) as u32);
        x >>= 8;
    }
    h
}

fn integer_hash(mut h: u32, t: Term) -> u32 {
    let Some(v) = t.to_bigint() else { return h };
    let (sign, digits) = v.to_u64_digits();
    let negative = sign == Sign::Minus;
    let magnitude_bits = v.bits();
    let small = if negative { magnitude_bits <= OTP_SMALL_BITS as u64 } else { magnitude_bits < OTP_SMALL_BITS as u64 };
    if small {
        let m = digits.first().copied().unwrap_or(0);
        h = bytes_step(h, m & 0xffff_ffff, 4);
        if m >> 32 != 0 {
            h = bytes_step(h, m >> 32, 4);
        }
    } else {
        let (top, rest) = digits.split_last().expect("a bignum has digits");
        for &d in rest {
            h = bytes_step(h, d, 8);
        }
        h = bytes_step(h, *top, if top >> 32 == 0 { 4 } else { 8 });
    }
    h.wrapping_mul(if negative { A4 } else { A3 })
}

fn make_hash(t: Term) -> u32 {
    // An explicit stack: deep lists and nested tuples must not recurse on
    // the Rust stack.
    enum Work {
        Term(Term),
        /// After a list's elements and tail.
        ListEnd,
        /// After a tuple's elements.
        TupleEnd(u32),
        /// A byte-sized integer in a list.
        Byte(u32),
    }
    let mut h: u32 = 0;
    let mut stack = vec![Work::Term(t)];
    while let Some(w) = stack.pop() {
        let t = match w {
            Work::Term(t) => t,
            Work::ListEnd => {
                h = h.wrapping_mul(A8);
                continue;
            }
            Work::TupleEnd(n) => {
                h = h.wrapping_mul(A9).wrapping_add(n);
                continue;
            }
            Work::Byte(b) => {
                h = h.wrapping_mul(A2).wrapping_add(b);
                continue;
            }
        };
        if let Some(a) = t.as_atom() {
            h = h.wrapping_mul(A1).wrapping_add(atom_hash(Atom::name(a)));
        } else if t.is_nil() {
            h = h.wrapping_mul(A3).wrapping_add(1);
        } else if t.is_integer() {
            h = integer_hash(h, t);
        } else if let Some(f) = t.as_float() {
            let bits = if f == 0.0 { 0 } else { f.to_bits() };
            h = h.wrapping_mul(A6).wrapping_add((bits as u32) ^ ((bits >> 32) as u32));
        } else if t.is_list() {
            // Elements are pushed in reverse so that they pop in order.
            let mut elems = Vec::new();
            let mut rest = t;
            while let Some((hd, tl)) = rest.as_cons() {
                elems.push(hd);
                rest = tl;
            }
            stack.push(Work::ListEnd);
            stack.push(Work::Term(rest));
            for &e in elems.iter().rev() {
                // Bytes go straight in (and differently from integers).
                match e.as_small() {
                    Some(b) if (0..256).contains(&b) => stack.push(Work::Byte(b as u32)),
                    _ => stack.push(Work::Term(e)),
                }
            }
        } else if let Some(elems) = t.as_tuple() {
            stack.push(Work::TupleEnd(elems.len() as u32));
            for &e in elems.iter().rev() {
                stack.push(Work::Term(e));
            }
        } else if t.is_map() {
            // OTP mixes in a different hash for maps; girder approximates it
            // from the keys and values (bucket order of maps in a dict or
            // set may differ from OTP's).
            let (keys, values) = t.map_parts();
            for (&k, &v) in keys.iter().zip(values) {
                stack.push(Work::Term(k));
                stack.push(Work::Term(v));
            }
        } else {
            // Pids, references, funs: not portable between runs anyway.
            h = h.wrapping_mul(A9).wrapping_add((t.0 >> 4) as u32);
        }
    }
    h
}
