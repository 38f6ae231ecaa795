//! `unicode:characters_to_list/1,2` and `unicode:characters_to_binary/1,2,3`.
//!
//! Chardata is walked with an explicit stack of the tails still to read
//! at each list level; on a bad character the rest OTP returns is built
//! from that stack, innermost first:
//!
//! ```text
//!  [[$a, -1], $b]   bad -1 inside the inner list: rest [-1], then the
//!                   outer level's tail [$b]: {error, "a", [[-1], $b]}
//! ```
//! A binary cut short in the middle of a character at the very end of the
//! data is `{incomplete, SoFar, Rest}`; anywhere else it is an error.

use crate::heap::Alloc;
use crate::term::{atoms, Atom, Term};
use crate::vm::exception::{BifResult, Exception};
use crate::vm::process::Process;

#[derive(Clone, Copy, PartialEq)]
enum Enc {
    Latin1,
    Utf8,
    Utf16(bool),
    Utf32(bool),
}

fn encoding(t: Term) -> Result<Enc, Exception> {
    let big = |t: Term| match t.as_atom().map(|a| a.name()) {
        Some("big") => Ok(true),
        Some("little") => Ok(false),
        _ => Err(Exception::badarg()),
    };
    if let Some(a) = t.as_atom() {
        return match a.name() {
            "latin1" => Ok(Enc::Latin1),
            "unicode" | "utf8" => Ok(Enc::Utf8),
            "utf16" => Ok(Enc::Utf16(true)),
            "utf32" => Ok(Enc::Utf32(true)),
            _ => Err(Exception::badarg()),
        };
    }
    match t.as_tuple() {
        Some([k, e]) => match k.as_atom().map(|a| a.name()) {
            Some("utf16") => Ok(Enc::Utf16(big(*e)?)),
            Some("utf32") => Ok(Enc::Utf32(big(*e)?)),
            _ => Err(Exception::badarg()),
        },
        _ => Err(Exception::badarg()),
    }
}

enum Stop {
    Error(Term),
    Incomplete(Term),
}

/// Decode the characters at the front of `b`; returns the characters and
/// `Some((at, cut_short))` where decoding stopped early.
fn decode(b: &[u8], enc: Enc) -> (Vec<u32>, Option<(usize, bool)>) {
    let mut out = Vec::new();
    match enc {
        Enc::Latin1 => out.extend(b.iter().map(|&c| c as u32)),
        Enc::Utf8 => match std::str::from_utf8(b) {
            Ok(s) => out.extend(s.chars().map(|c| c as u32)),
            Err(e) => {
                let ok = e.valid_up_to();
                out.extend(std::str::from_utf8(&b[..ok]).expect("valid prefix").chars().map(|c| c as u32));
                return (out, Some((ok, e.error_len().is_none())));
            }
        },
        Enc::Utf16(big) => {
            let mut i = 0;
            let unit = |i: usize| {
                let x = [b[i], b[i + 1]];
                (if big { u16::from_be_bytes(x) } else { u16::from_le_bytes(x) }) as u32
            };
            while i < b.len() {
                if i + 2 > b.len() {
                    return (out, Some((i, true)));
                }
                let u = unit(i);
                if (0xD800..0xDC00).contains(&u) {
                    if i + 4 > b.len() {
                        return (out, Some((i, true)));
                    }
                    let l = unit(i + 2);
                    if !(0xDC00..0xE000).contains(&l) {
                        return (out, Some((i, false)));
                    }
                    out.push(0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00));
                    i += 4;
                } else if (0xDC00..0xE000).contains(&u) {
                    return (out, Some((i, false)));
                } else {
                    out.push(u);
                    i += 2;
                }
            }
        }
        Enc::Utf32(big) => {
            let mut i = 0;
            while i < b.len() {
                if i + 4 > b.len() {
                    return (out, Some((i, true)));
                }
                let x = [b[i], b[i + 1], b[i + 2], b[i + 3]];
                let c = if big { u32::from_be_bytes(x) } else { u32::from_le_bytes(x) };
                if char::from_u32(c).is_none() {
                    return (out, Some((i, false)));
                }
                out.push(c);
                i += 4;
            }
        }
    }
    (out, None)
}

/// Whether `c` is a character that data in `enc` (and output in `out`)
/// may hold.
fn valid(c: i64, enc: Enc, out: Enc) -> bool {
    let max = if enc == Enc::Latin1 || out == Enc::Latin1 { 255 } else { 0x10FFFF };
    (0..=max).contains(&c) && !(0xD800..0xE000).contains(&c)
}

/// The characters of chardata `t`, stopping at the first bad one.
fn walk(p: &mut Process, t: Term, enc: Enc, out_enc: Enc, out: &mut Vec<u32>) -> Result<Option<Stop>, Exception> {
    let mut tails: Vec<Term> = Vec::new();
    let mut cur = t;
    let stop = loop {
        if cur.is_nil() {
            match tails.pop() {
                Some(t) => {
                    cur = t;
                    continue;
                }
                None => return Ok(None),
            }
        }
        if let Some((h, tl)) = cur.as_cons() {
            if let Some(c) = h.as_small() {
                if !valid(c, enc, out_enc) {
                    break Stop::Error(cur);
                }
                out.push(c as u32);
                cur = tl;
            } else if h.is_list() || h.is_nil() || h.is_binary() {
                tails.push(tl);
                cur = h;
            } else {
                return Err(Exception::badarg());
            }
            continue;
        }
        let Some(b) = cur.binary_cow() else { return Err(Exception::badarg()) };
        let (cs, stopped) = decode(&b, enc);
        let n = cs.len();
        let bad_out = cs.iter().position(|&c| out_enc == Enc::Latin1 && c > 255);
        out.extend_from_slice(&cs[..bad_out.unwrap_or(n)]);
        if bad_out.is_some() || stopped.is_some() {
            // Byte offset of the first character not taken.
            let at = match bad_out {
                Some(k) => encoded_len(&cs[..k], enc),
                None => stopped.expect("stopped").0,
            };
            let rest = p.heap.sub_binary(cur, 8 * at, 8 * (b.len() - at));
            let cut_short = bad_out.is_none() && stopped.is_some_and(|s| s.1);
            if cut_short && tails.iter().all(|t| t.is_nil()) {
                return Ok(Some(Stop::Incomplete(rest)));
            }
            break Stop::Error(rest);
        }
        match tails.pop() {
            Some(t) => cur = t,
            None => return Ok(None),
        }
    };
    let Stop::Error(mut rest) = stop else { unreachable!("only errors break the loop") };
    while let Some(t) = tails.pop() {
        rest = p.heap.cons(rest, t);
    }
    Ok(Some(Stop::Error(rest)))
}

/// Bytes that `cs` take in `enc`.
fn encoded_len(cs: &[u32], enc: Enc) -> usize {
    cs.iter()
        .map(|&c| match enc {
            Enc::Latin1 => 1,
            Enc::Utf8 => char::from_u32(c).map_or(1, |c| c.len_utf8()),
            Enc::Utf16(_) => {
                if c >= 0x10000 {
                    4
                } else {
                    2
                }
            }
            Enc::Utf32(_) => 4,
        })
        .sum()
}

fn encode(cs: &[u32], enc: Enc) -> Vec<u8> {
    let mut out = Vec::with_capacity(cs.len());
    for &c in cs {
        match enc {
            Enc::Latin1 => out.push(c as u8),
            Enc::Utf8 => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(char::from_u32(c).expect("valid").encode_utf8(&mut buf).as_bytes());
            }
            Enc::Utf16(big) => {
                let mut buf = [0u16; 2];
                for u in char::from_u32(c).expect("valid").encode_utf16(&mut buf) {
                    out.extend_from_slice(&if big { u.to_be_bytes() } else { u.to_le_bytes() });
                }
            }
            Enc::Utf32(big) => out.extend_from_slice(&if big { c.to_be_bytes() } else { c.to_le_bytes() }),
        }
    }
    out
}

fn char_list(p: &mut Process, cs: &[u32]) -> Term {
    let v: Vec<Term> = cs.iter().map(|&c| Term::small(c as i64)).collect();
    p.heap.list(&v)
}

fn result(p: &mut Process, stop: Option<Stop>, so_far: Term) -> Term {
    match stop {
        None => so_far,
        Some(Stop::Error(rest)) => p.heap.tuple(&[Term::atom(atoms::ERROR), so_far, rest]),
        Some(Stop::Incomplete(rest)) => p.heap.tuple(&[Term::atom(Atom::intern("incomplete")), so_far, rest]),
    }
}

fn to_list(p: &mut Process, data: Term, enc: Enc) -> BifResult {
    let mut cs = Vec::new();
    let stop = walk(p, data, enc, Enc::Utf8, &mut cs)?;
    let l = char_list(p, &cs);
    Ok(result(p, stop, l))
}

pub fn characters_to_list1(p: &mut Process, a: &[Term]) -> BifResult {
    to_list(p, a[0], Enc::Utf8)
}

pub fn characters_to_list2(p: &mut Process, a: &[Term]) -> BifResult {
    let enc = encoding(a[1])?;
    to_list(p, a[0], enc)
}

fn to_binary(p: &mut Process, data: Term, enc: Enc, out_enc: Enc) -> BifResult {
    let mut cs = Vec::new();
    let stop = walk(p, data, enc, out_enc, &mut cs)?;
    let b = p.heap.binary(&encode(&cs, out_enc));
    Ok(result(p, stop, b))
}

pub fn characters_to_binary1(p: &mut Process, a: &[Term]) -> BifResult {
    to_binary(p, a[0], Enc::Utf8, Enc::Utf8)
}

pub fn characters_to_binary2(p: &mut Process, a: &[Term]) -> BifResult {
    let enc = encoding(a[1])?;
    to_binary(p, a[0], enc, Enc::Utf8)
}

pub fn characters_to_binary3(p: &mut Process, a: &[Term]) -> BifResult {
    let (enc, out) = (encoding(a[1])?, encoding(a[2])?);
    to_binary(p, a[0], enc, out)
}
