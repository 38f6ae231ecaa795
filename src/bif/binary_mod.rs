//! The `binary` module: searching (match, matches, split, replace),
//! parts and copies, conversions, and unsigned integer encodings.
//!
//! A compiled pattern (`binary:compile_pattern/1`) is the term
//! `{girder_pattern, [Binary, ...]}`: the search is a plain scan, so there
//! is nothing to precompute; every function also takes a binary or a list
//! of binaries. Among patterns matching at the same position the longest
//! wins, as in OTP.

use super::binary::bytes_of;
use crate::heap::Alloc;
use crate::term::{Atom, Term};
use crate::vm::exception::{BifResult, Exception};
use crate::vm::process::Process;
use num_bigint::{BigInt, Sign};
use std::borrow::Cow;

fn badarg<T>() -> Result<T, Exception> {
    Err(Exception::badarg())
}

fn name_is(t: Term, n: &str) -> bool {
    t.as_atom().is_some_and(|a| a.name() == n)
}

/// The patterns of a pattern argument: a non-empty binary, a non-empty
/// list of them, or a compiled pattern.
fn patterns(t: Term) -> Result<Vec<Cow<'static, [u8]>>, Exception> {
    let t = match t.as_tuple() {
        Some([tag, ps]) if name_is(*tag, "girder_pattern") => *ps,
        _ => t,
    };
    let list = if t.is_binary() { vec![t] } else { t.list_to_vec().ok_or_else(Exception::badarg)? };
    if list.is_empty() {
        return badarg();
    }
    let mut v = Vec::with_capacity(list.len());
    for p in list {
        let b = bytes_of(p)?;
        if b.is_empty() {
            return badarg();
        }
        v.push(b);
    }
    Ok(v)
}

/// The longest pattern matching at `at`, if any.
fn match_at(subj: &[u8], at: usize, end: usize, pats: &[Cow<[u8]>]) -> Option<usize> {
    pats.iter().filter(|p| at + p.len() <= end && &subj[at..at + p.len()] == p.as_ref()).map(|p| p.len()).max()
}

/// Matches in `subj[start..end]`: the first, or all without overlap.
fn find(subj: &[u8], start: usize, end: usize, pats: &[Cow<[u8]>], global: bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = start;
    while at < end {
        match match_at(subj, at, end, pats) {
            Some(n) => {
                out.push((at, n));
                if !global {
                    break;
                }
                at += n;
            }
            None => at += 1,
        }
    }
    out
}

/// `{Start, Length}` within a subject of `size` bytes (Length may be
/// negative: the bytes before Start); as a byte range.
fn range(t: Term, size: usize) -> Result<(usize, usize), Exception> {
    match t.as_tuple() {
        Some([s, l]) => part_range(*s, *l, size),
        _ => badarg(),
    }
}

fn part_range(s: Term, l: Term, size: usize) -> Result<(usize, usize), Exception> {
    let (s, l) = (s.as_small().ok_or_else(Exception::badarg)?, l.as_small().ok_or_else(Exception::badarg)?);
    let (a, b) = if l >= 0 { (s, s + l) } else { (s + l, s) };
    if a < 0 || b as usize > size || s < 0 {
        return badarg();
    }
    Ok((a as usize, b as usize))
}

struct Opts {
    global: bool,
    trim: bool,
    trim_all: bool,
    scope: Option<(usize, usize)>,
    insert: Vec<usize>,
}

fn options(t: Term, size: usize) -> Result<Opts, Exception> {
    let mut o = Opts { global: false, trim: false, trim_all: false, scope: None, insert: Vec::new() };
    for x in t.list_to_vec().ok_or_else(Exception::badarg)? {
        if let Some(a) = x.as_atom() {
            match a.name() {
                "global" => o.global = true,
                "trim" => o.trim = true,
                "trim_all" => o.trim_all = true,
                _ => return badarg(),
            }
            continue;
        }
        match x.as_tuple() {
            Some([k, v]) if name_is(*k, "scope") => o.scope = Some(range(*v, size)?),
            Some([k, v]) if name_is(*k, "insert_replaced") => {
                let ns = if v.is_small() { vec![*v] } else { v.list_to_vec().ok_or_else(Exception::badarg)? };
                o.insert = ns
                    .iter()
                    .map(|n| n.as_small().filter(|n| *n >= 0).map(|n| n as usize).ok_or_else(Exception::badarg))
                    .collect::<Result<_, _>>()?;
            }
            _ => return badarg(),
        }
    }
    Ok(o)
}

/// Bytes `x..y` of binary `t`: a sub-binary, or a copy when it is small
/// enough for the heap, as OTP makes parts (so `referenced_byte_size` of
/// a small part is its own size there too).
fn window(p: &mut Process, t: Term, bytes: &[u8], x: usize, y: usize) -> Term {
    if y - x <= crate::term::binary::HEAP_BIN_MAX {
        p.heap.binary(&bytes[x..y])
    } else {
        p.heap.sub_binary(t, 8 * x, 8 * (y - x))
    }
}

fn pos_len(p: &mut Process, (at, n): (usize, usize)) -> Term {
    p.heap.tuple(&[Term::small(at as i64), Term::small(n as i64)])
}

fn search(p: &mut Process, a: &[Term], global: bool) -> Result<Vec<(usize, usize)>, Exception> {
    let subj = bytes_of(a[0])?;
    let pats = patterns(a[1])?;
    let o = if a.len() > 2 { options(a[2], subj.len())? } else { options(Term::NIL, 0)? };
    if o.global || o.trim || o.trim_all || !o.insert.is_empty() {
        return badarg();
    }
    let (s, e) = o.scope.unwrap_or((0, subj.len()));
    let _ = p;
    Ok(find(&subj, s, e, &pats, global))
}

/// binary:match(Subject, Pattern[, Options]) -> {Pos, Len} | nomatch
pub fn match_(p: &mut Process, a: &[Term]) -> BifResult {
    match search(p, a, false)?.first() {
        Some(&m) => Ok(pos_len(p, m)),
        None => Ok(Term::atom(Atom::intern("nomatch"))),
    }
}

/// binary:matches(Subject, Pattern[, Options]) -> [{Pos, Len}]
pub fn matches(p: &mut Process, a: &[Term]) -> BifResult {
    let ms = search(p, a, true)?;
    let v: Vec<Term> = ms.into_iter().map(|m| pos_len(p, m)).collect();
    Ok(p.heap.list(&v))
}

/// binary:split(Subject, Pattern[, Options]) -> [Part]
pub fn split(p: &mut Process, a: &[Term]) -> BifResult {
    let subj = bytes_of(a[0])?;
    let pats = patterns(a[1])?;
    let o = if a.len() > 2 { options(a[2], subj.len())? } else { options(Term::NIL, 0)? };
    if !o.insert.is_empty() {
        return badarg();
    }
    let (s, e) = o.scope.unwrap_or((0, subj.len()));
    let ms = find(&subj, s, e, &pats, o.global);
    let mut parts = Vec::with_capacity(ms.len() + 1);
    let mut from = 0;
    for (at, n) in ms {
        parts.push((from, at));
        from = at + n;
    }
    parts.push((from, subj.len()));
    if o.trim_all {
        parts.retain(|(x, y)| x != y);
    } else if o.trim {
        while parts.last().is_some_and(|(x, y)| x == y) {
            parts.pop();
        }
    }
    let v: Vec<Term> = parts.into_iter().map(|(x, y)| window(p, a[0], &subj, x, y)).collect();
    Ok(p.heap.list(&v))
}

/// binary:replace(Subject, Pattern, Replacement[, Options])
pub fn replace(p: &mut Process, a: &[Term]) -> BifResult {
    let subj = bytes_of(a[0])?;
    let pats = patterns(a[1])?;
    let rep = bytes_of(a[2])?;
    let o = if a.len() > 3 { options(a[3], subj.len())? } else { options(Term::NIL, 0)? };
    if o.trim || o.trim_all || o.insert.iter().any(|&i| i > rep.len()) {
        return badarg();
    }
    let (s, e) = o.scope.unwrap_or((0, subj.len()));
    let mut out = Vec::with_capacity(subj.len());
    let mut from = 0;
    for (at, n) in find(&subj, s, e, &pats, o.global) {
        out.extend_from_slice(&subj[from..at]);
        // The replacement, with the matched part inserted at each position.
        let mut last = 0;
        let mut ins = o.insert.clone();
        ins.sort_unstable();
        for i in ins {
            out.extend_from_slice(&rep[last..i]);
            out.extend_from_slice(&subj[at..at + n]);
            last = i;
        }
        out.extend_from_slice(&rep[last..]);
        from = at + n;
    }
    out.extend_from_slice(&subj[from..]);
    Ok(p.heap.binary(&out))
}

/// binary:part(Subject, {Pos, Len}) and binary:part(Subject, Pos, Len)
pub fn part2(p: &mut Process, a: &[Term]) -> BifResult {
    let b = bytes_of(a[0])?;
    let (x, y) = range(a[1], b.len())?;
    Ok(window(p, a[0], &b, x, y))
}
pub fn part3(p: &mut Process, a: &[Term]) -> BifResult {
    let b = bytes_of(a[0])?;
    let (x, y) = part_range(a[1], a[2], b.len())?;
    Ok(window(p, a[0], &b, x, y))
}

/// binary:copy(Subject[, N])
pub fn copy1(p: &mut Process, a: &[Term]) -> BifResult {
    let b = bytes_of(a[0])?;
    Ok(p.heap.binary(&b))
}
pub fn copy2(p: &mut Process, a: &[Term]) -> BifResult {
    let b = bytes_of(a[0])?;
    let n = a[1].as_small().filter(|n| *n >= 0).ok_or_else(Exception::badarg)? as usize;
    Ok(p.heap.binary(&b.repeat(n)))
}

fn byte_list(p: &mut Process, b: &[u8]) -> Term {
    let v: Vec<Term> = b.iter().map(|&c| Term::small(c as i64)).collect();
    p.heap.list(&v)
}

/// binary:bin_to_list(Subject[, {Pos, Len}] | [, Pos, Len])
pub fn bin_to_list1(p: &mut Process, a: &[Term]) -> BifResult {
    let b = bytes_of(a[0])?;
    Ok(byte_list(p, &b))
}
pub fn bin_to_list2(p: &mut Process, a: &[Term]) -> BifResult {
    let b = bytes_of(a[0])?;
    let (x, y) = range(a[1], b.len())?;
    Ok(byte_list(p, &b[x..y]))
}
pub fn bin_to_list3(p: &mut Process, a: &[Term]) -> BifResult {
    let b = bytes_of(a[0])?;
    let (x, y) = part_range(a[1], a[2], b.len())?;
    Ok(byte_list(p, &b[x..y]))
}

/// binary:list_to_bin(IoList)
pub fn list_to_bin(p: &mut Process, a: &[Term]) -> BifResult {
    super::binary::list_to_binary(p, a)
}

/// binary:first/1, last/1, at/2
pub fn first(_p: &mut Process, a: &[Term]) -> BifResult {
    bytes_of(a[0])?.first().map(|&c| Term::small(c as i64)).ok_or_else(Exception::badarg)
}
pub fn last(_p: &mut Process, a: &[Term]) -> BifResult {
    bytes_of(a[0])?.last().map(|&c| Term::small(c as i64)).ok_or_else(Exception::badarg)
}
pub fn at(_p: &mut Process, a: &[Term]) -> BifResult {
    let b = bytes_of(a[0])?;
    let i = a[1].as_small().filter(|i| *i >= 0).ok_or_else(Exception::badarg)? as usize;
    b.get(i).map(|&c| Term::small(c as i64)).ok_or_else(Exception::badarg)
}

fn big_endian(t: Term) -> Result<bool, Exception> {
    match t.as_atom().map(|a| a.name()) {
        Some("big") => Ok(true),
        Some("little") => Ok(false),
        _ => badarg(),
    }
}

fn encode_unsigned(p: &mut Process, n: Term, big: bool) -> BifResult {
    let v = n.to_bigint().ok_or_else(Exception::badarg)?;
    if v.sign() == Sign::Minus {
        return badarg();
    }
    let bytes = if big { v.to_bytes_be().1 } else { v.to_bytes_le().1 };
    Ok(p.heap.binary(&bytes))
}
pub fn encode_unsigned1(p: &mut Process, a: &[Term]) -> BifResult {
    encode_unsigned(p, a[0], true)
}
pub fn encode_unsigned2(p: &mut Process, a: &[Term]) -> BifResult {
    let big = big_endian(a[1])?;
    encode_unsigned(p, a[0], big)
}

fn decode_unsigned(p: &mut Process, b: Term, big: bool) -> BifResult {
    let b = bytes_of(b)?;
    let v = if big { BigInt::from_bytes_be(Sign::Plus, &b) } else { BigInt::from_bytes_le(Sign::Plus, &b) };
    Ok(p.heap.bigint(&v))
}
pub fn decode_unsigned1(p: &mut Process, a: &[Term]) -> BifResult {
    decode_unsigned(p, a[0], true)
}
pub fn decode_unsigned2(p: &mut Process, a: &[Term]) -> BifResult {
    let big = big_endian(a[1])?;
    decode_unsigned(p, a[0], big)
}

fn binaries(t: Term) -> Result<Vec<Cow<'static, [u8]>>, Exception> {
    let l = t.list_to_vec().ok_or_else(Exception::badarg)?;
    if l.is_empty() {
        return badarg();
    }
    l.into_iter().map(bytes_of).collect()
}

/// binary:longest_common_prefix(Binaries)
pub fn longest_common_prefix(_p: &mut Process, a: &[Term]) -> BifResult {
    let bs = binaries(a[0])?;
    let n = (0..).take_while(|&i| bs.iter().all(|b| i < b.len() && b[i] == bs[0][i])).count();
    Ok(Term::small(n as i64))
}

/// binary:longest_common_suffix(Binaries)
pub fn longest_common_suffix(_p: &mut Process, a: &[Term]) -> BifResult {
    let bs = binaries(a[0])?;
    let at = |b: &[u8], i: usize| b[b.len() - 1 - i];
    let n = (0..).take_while(|&i| bs.iter().all(|b| i < b.len() && at(b, i) == at(&bs[0], i))).count();
    Ok(Term::small(n as i64))
}

/// binary:referenced_byte_size(Binary): the size of the binary a
/// sub-binary is a window on.
pub fn referenced_byte_size(_p: &mut Process, a: &[Term]) -> BifResult {
    bytes_of(a[0])?;
    let (orig, _) = a[0].bin_origin().ok_or_else(Exception::badarg)?;
    let n = orig.bits().ok_or_else(Exception::badarg)?.byte_len();
    Ok(Term::small(n as i64))
}

/// binary:compile_pattern(Pattern)
pub fn compile_pattern(p: &mut Process, a: &[Term]) -> BifResult {
    patterns(a[0])?;
    let list = if a[0].is_binary() { p.heap.list(&[a[0]]) } else { a[0] };
    Ok(p.heap.tuple(&[Term::atom(Atom::intern("girder_pattern")), list]))
}

/// binary:encode_hex(Bin): upper-case hex digits.
pub fn encode_hex(p: &mut Process, a: &[Term]) -> BifResult {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let b = bytes_of(a[0])?;
    let out: Vec<u8> = b.iter().flat_map(|&c| [DIGITS[(c >> 4) as usize], DIGITS[(c & 15) as usize]]).collect();
    Ok(p.heap.binary(&out))
}

/// binary:decode_hex(Bin): either case; an odd length is badarg.
pub fn decode_hex(p: &mut Process, a: &[Term]) -> BifResult {
    let b = bytes_of(a[0])?;
    if b.len() % 2 != 0 {
        return badarg();
    }
    let digit = |c: u8| (c as char).to_digit(16).map(|d| d as u8).ok_or_else(Exception::badarg);
    let out: Vec<u8> = b.chunks(2).map(|c| Ok(digit(c[0])? << 4 | digit(c[1])?)).collect::<Result<_, Exception>>()?;
    Ok(p.heap.binary(&out))
}
