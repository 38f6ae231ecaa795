//! `erlang:phash2/1,2`: the portable hash of OTP's `make_hash2`, which
//! programs use to shard keys and which decides bucket order in some
//! libraries. Its values are observable, so every step here follows what
//! OTP 25 computes on a 64-bit machine (checked against `erlang:phash2` on
//! OTP). The hash is a 32-bit word folded with Bob Jenkins' `mix` (lookup2):
//!
//! ```text
//! step(x, y, K)    a = K + x, b = K + y, mix(a, b, hash)
//! atom             hash == 0 ? hvalue : step(hvalue, 0, K3)   (hvalue: hashpjw)
//! integer in ±2^27 step(|v|, 0, K) when v < 0, then step(v as u32, 0, K)
//! other integer    each 64-bit limb of |v|: step(low, high, K10 (neg) | K11)
//! float            step(high word, low word, K12), -0.0 as 0.0
//! []               hash == 0 ? 3468870702 : step(0x3b, 0, K2)
//! list             runs of bytes packed 4 to a word: step(word, 0, K4);
//!                  any other element hashed in place, then the rest
//! tuple            step(arity, 0, K9), then the elements
//! map              step(size, 0, K16); each key then value from hash 0,
//!                  xored together; then the saved hash: step(xor, 0, K19)
//! fun M:F/A        step(A, hvalue(M), K), step(hvalue(F), 0, K14)
//! ```
//!
//! Pids, references and local funs hash girder's own numbers: their values
//! differ from OTP's (they differ between OTP runs too).

use crate::bif::hash::atom_hash as atom_hvalue;
use crate::heap::Alloc;
use crate::term::{header_subtag, Atom, Subtag, Term};
use crate::vm::exception::{BifResult, Exception};
use crate::vm::process::Process;

/// The golden ratio, and its multiples 2..=19 modulo 2^32: one constant per
/// kind of term, so that equal numbers in different kinds hash apart.
const K: u32 = 0x9e37_79b9;
const K2: u32 = 0x3c6e_f372;
const K3: u32 = 0xdaa6_6d2b;
const K4: u32 = 0x78dd_e6e4;
const K5: u32 = 0x1715_609d;
const K7: u32 = 0x5384_540f;
const K9: u32 = 0x8ff3_4781;
const K10: u32 = 0x2e2a_c13a;
const K11: u32 = 0xcc62_3af3;
const K12: u32 = 0x6a99_b4ac;
const K14: u32 = 0xa708_a81e;
const K16: u32 = 0xe377_9b90;
const K19: u32 = 0xbe1e_08bb;

/// What `[]` hashes to when it is the first thing hashed.
const NIL_FIRST: u32 = 3_468_870_702;
/// The type code of `[]` in OTP (`NIL_DEF`), mixed in when it is not first.
const NIL_WORD: u32 = 2;

fn mix(mut a: u32, mut b: u32, mut c: u32) -> u32 {
    a = a.wrapping_sub(b).wrapping_sub(c) ^ (c >> 13);
    b = b.wrapping_sub(c).wrapping_sub(a) ^ (a << 8);
    c = c.wrapping_sub(a).wrapping_sub(b) ^ (b >> 13);
    a = a.wrapping_sub(b).wrapping_sub(c) ^ (c >> 12);
    b = b.wrapping_sub(c).wrapping_sub(a) ^ (a << 16);
    c = c.wrapping_sub(a).wrapping_sub(b) ^ (b >> 5);
    a = a.wrapping_sub(b).wrapping_sub(c) ^ (c >> 3);
    b = b.wrapping_sub(c).wrapping_sub(a) ^ (a << 10);
    c.wrapping_sub(a).wrapping_sub(b) ^ (b >> 15)
}

/// `mix` keeping the whole state, for hashing blocks of bytes.
fn mix3(a: &mut u32, b: &mut u32, c: &mut u32) {
    *a = a.wrapping_sub(*b).wrapping_sub(*c) ^ (*c >> 13);
    *b = b.wrapping_sub(*c).wrapping_sub(*a) ^ (*a << 8);
    *c = c.wrapping_sub(*a).wrapping_sub(*b) ^ (*b >> 13);
    *a = a.wrapping_sub(*b).wrapping_sub(*c) ^ (*c >> 12);
    *b = b.wrapping_sub(*c).wrapping_sub(*a) ^ (*a << 16);
    *c = c.wrapping_sub(*a).wrapping_sub(*b) ^ (*b >> 5);
    *a = a.wrapping_sub(*b).wrapping_sub(*c) ^ (*c >> 3);
    *b = b.wrapping_sub(*c).wrapping_sub(*a) ^ (*a << 10);
    *c = c.wrapping_sub(*a).wrapping_sub(*b) ^ (*b >> 15);
}

/// Bob Jenkins' lookup2 hash of a block of bytes, 12 at a time, little
/// endian, the length added to the last block (OTP's `block_hash`).
fn block_hash(k: &[u8], init: u32) -> u32 {
    let (mut a, mut b, mut c) = (K, K, init);
    let word = |w: &[u8]| w.iter().rev().fold(0u32, |acc, &x| (acc << 8) | x as u32);
    let mut chunks = k.chunks_exact(12);
    for ch in &mut chunks {
        a = a.wrapping_add(word(&ch[0..4]));
        b = b.wrapping_add(word(&ch[4..8]));
        c = c.wrapping_add(word(&ch[8..12]));
        mix3(&mut a, &mut b, &mut c);
    }
    let rest = chunks.remainder();
    c = c.wrapping_add(k.len() as u32);
    a = a.wrapping_add(word(&rest[..rest.len().min(4)]));
    if rest.len() > 4 {
        b = b.wrapping_add(word(&rest[4..rest.len().min(8)]));
    }
    if rest.len() > 8 {
        // The lowest byte of c holds the length.
        c = c.wrapping_add(word(&rest[8..]) << 8);
    }
    mix3(&mut a, &mut b, &mut c);
    c
}

/// A bitstring: its whole bytes by `block_hash` from `K13 + hash`, then
/// the bits of a last partial byte, if any.
fn bitstring(hash: u32, bits: crate::term::binary::Bits) -> u32 {
    let k13 = K.wrapping_mul(13);
    let k15 = K.wrapping_mul(15);
    let con = k13.wrapping_add(hash);
    if bits.len == 0 {
        return con;
    }
    let bytes = bits.bytes();
    let whole = bits.len / 8;
    let mut h = block_hash(&bytes[..whole], con);
    let rest = bits.len % 8;
    if rest > 0 {
        h = step(h, rest as u32, (bytes[whole] >> (8 - rest)) as u32, k15);
    }
    h
}

fn step(hash: u32, x: u32, y: u32, k: u32) -> u32 {
    mix(k.wrapping_add(x), k.wrapping_add(y), hash)
}

fn integer(mut hash: u32, t: Term) -> u32 {
    if let Some(v) = t.as_small() {
        if (-(1 << 27)..1 << 27).contains(&v) {
            let y = v as i32;
            if y < 0 {
                hash = step(hash, y.wrapping_neg() as u32, 0, K);
            }
            return step(hash, y as u32, 0, K);
        }
    }
    let Some(v) = t.to_bigint() else { return hash };
    let (sign, limbs) = v.to_u64_digits();
    let k = if sign == num_bigint::Sign::Minus { K10 } else { K11 };
    for d in limbs {
        hash = step(hash, d as u32, (d >> 32) as u32, k);
    }
    hash
}

enum Work {
    Term(Term),
    /// The rest of a list whose head was not a byte.
    Tail(Term),
    /// A map pair is done: fold its hash into the pairs' xor.
    Pair,
    /// A map is done: the hash and xor to go back to.
    MapEnd {
        saved_hash: u32,
        saved_xor: u32,
    },
}

/// OTP's `make_hash2` of `t`.
pub fn make_hash2(t: Term) -> u32 {
    if let Some(a) = t.as_atom() {
        return atom_hvalue(Atom::name(a));
    }
    let mut hash: u32 = 0;
    let mut xor_pairs: u32 = 0;
    let mut stack = vec![Work::Term(t)];
    while let Some(w) = stack.pop() {
        let t = match w {
            Work::Term(t) | Work::Tail(t) => t,
            Work::Pair => {
                xor_pairs ^= hash;
                hash = 0;
                continue;
            }
            Work::MapEnd { saved_hash, saved_xor } => {
                hash = step(saved_hash, xor_pairs, 0, K19);
                xor_pairs = saved_xor;
                continue;
            }
        };
        if let Some(a) = t.as_atom() {
            let hv = atom_hvalue(Atom::name(a));
            hash = if hash == 0 { hv } else { step(hash, hv, 0, K3) };
        } else if t.is_nil() {
            hash = if hash == 0 { NIL_FIRST } else { step(hash, NIL_WORD, 0, K2) };
        } else if t.is_integer() {
            hash = integer(hash, t);
        } else if let Some(f) = t.as_float() {
            let bits = if f == 0.0 { 0 } else { f.to_bits() };
            hash = step(hash, (bits >> 32) as u32, bits as u32, K12);
        } else if t.is_list() {
            // Bytes are packed four to a word, big-endian, until the first
            // element that is not a byte or the end of the list.
            let (mut n, mut word) = (0u32, 0u32);
            let mut cur = t;
            let mut stopped_at = None;
            while let Some((h, tl)) = cur.as_cons() {
                match h.as_small() {
                    Some(b) if (0..256).contains(&b) => {
                        word = (word << 8).wrapping_add(b as u32);
                        if n == 3 {
                            hash = step(hash, word, 0, K4);
                            (n, word) = (0, 0);
                        } else {
                            n += 1;
                        }
                        cur = tl;
                    }
                    _ => {
                        stopped_at = Some((h, tl));
                        break;
                    }
                }
            }
            if n > 0 {
                hash = step(hash, word, 0, K4);
            }
            match stopped_at {
                Some((h, tl)) => {
                    stack.push(Work::Tail(tl));
                    stack.push(Work::Term(h));
                }
                // The tail after the bytes: [] or an improper tail.
                None => stack.push(Work::Term(cur)),
            }
        } else if let Some(elems) = t.as_tuple() {
            hash = step(hash, elems.len() as u32, 0, K9);
            for &e in elems.iter().rev() {
                stack.push(Work::Term(e));
            }
        } else if t.is_map() {
            let (keys, values) = t.map_parts();
            hash = step(hash, keys.len() as u32, 0, K16);
            if !keys.is_empty() {
                stack.push(Work::MapEnd { saved_hash: hash, saved_xor: xor_pairs });
                for (&k, &v) in keys.iter().zip(values).rev() {
                    stack.push(Work::Pair);
                    stack.push(Work::Term(v));
                    stack.push(Work::Term(k));
                }
                hash = 0;
                xor_pairs = 0;
            }
        } else if t.is_pid() {
            hash = step(hash, t.pid_serial() as u32, 0, K5);
        } else if let Some(bits) = t.bits() {
            hash = bitstring(hash, bits);
        } else if t.is_boxed() {
            let body = t.boxed_body();
            match header_subtag(t.boxed_header()) {
                Subtag::Export => {
                    let name = |x: Term| x.as_atom().map_or(0, |a| atom_hvalue(Atom::name(a)));
                    let arity = body[2].as_small().unwrap_or(0) as u32;
                    hash = step(hash, arity, name(body[0]), K);
                    hash = step(hash, name(body[1]), 0, K14);
                }
                Subtag::Ref => {
                    let serial = body[0].0;
                    hash = step(hash, (serial & 0x3_ffff) as u32, 0, K7);
                }
                Subtag::Fun => {
                    // A local fun: its size and free values (word 0 is the
                    // lambda's address, not a term).
                    hash = step(hash, body.len() as u32, 0, K);
                    for &e in body.iter().skip(1).rev() {
                        stack.push(Work::Term(e));
                    }
                }
                // A term kind this hash does not know yet.
                _ => hash = step(hash, body.len() as u32, 0, K),
            }
        }
    }
    hash
}

/// `erlang:phash2(Term)`: a hash in 0..2^27.
pub fn phash2_1(p: &mut Process, a: &[Term]) -> BifResult {
    Ok(p.heap.int((make_hash2(a[0]) & ((1 << 27) - 1)) as i64))
}

/// `erlang:phash2(Term, Range)`: a hash in 0..Range, Range in 1..=2^32.
pub fn phash2_2(p: &mut Process, a: &[Term]) -> BifResult {
    let range = match a[1].to_i64() {
        Some(r) if (1..=1i64 << 32).contains(&r) => r as u64,
        _ => return Err(Exception::badarg()),
    };
    Ok(p.heap.int((make_hash2(a[0]) as u64 % range) as i64))
}
