//! Maps: flat maps with keys in term order (exact: 1 and 1.0 differ) and
//! the `maps` BIFs. Lookups are binary searches; updates build a new map.

use crate::heap::Alloc;
use crate::term::order::compare_exact;
use crate::term::{atoms, Term};
use crate::vm::exception::{BifResult, Exception};
use crate::vm::process::Process;
use std::cmp::Ordering;

fn badmap(p: &mut Process, m: Term) -> Exception {
    Exception::tagged(&mut p.heap, atoms::BADMAP, m)
}
fn badkey(p: &mut Process, k: Term) -> Exception {
    Exception::tagged(&mut p.heap, atoms::BADKEY, k)
}

/// Index of `k` among sorted `keys`.
fn search(keys: &[Term], k: Term) -> Result<usize, usize> {
    if k.is_immediate() {
        // Immediates compare equal only to themselves: try a fast scan for
        // small maps first.
        if keys.len() <= 8 {
            if let Some(i) = keys.iter().position(|x| *x == k) {
                return Ok(i);
            }
        }
    }
    keys.binary_search_by(|x| compare_exact(*x, k))
}

/// The value for `k` in map `m` (None if absent or not a map).
pub fn lookup(m: Term, k: Term) -> Option<Term> {
    if !m.is_map() {
        return None;
    }
    let (keys, vals) = m.map_parts();
    search(keys, k).ok().map(|i| vals[i])
}

/// Words a map built from `base` plus `extra` pairs may need.
pub fn need_words(base: Option<Term>, extra: usize) -> usize {
    1 + 2 * (base.filter(|b| b.is_map()).map_or(0, |b| b.map_size()) + extra)
}

/// `Base#{K => V, K2 := V2}` or `#{K => V}`: never collects; the caller
/// made room for `need_words`.
pub fn put_many(p: &mut Process, base: Option<Term>, assoc: &[(Term, Term)], exact: &[(Term, Term)]) -> BifResult {
    let (mut keys, mut vals): (Vec<Term>, Vec<Term>) = match base {
        Some(b) if b.is_map() => {
            let (k, v) = b.map_parts();
            (k.to_vec(), v.to_vec())
        }
        Some(b) => return Err(badmap(p, b)),
        None => (Vec::new(), Vec::new()),
    };
    for &(k, v) in exact {
        match search(&keys, k) {
            Ok(i) => vals[i] = v,
            Err(_) => return Err(badkey(p, k)),
        }
    }
    for &(k, v) in assoc {
        match search(&keys, k) {
            Ok(i) => vals[i] = v,
            Err(i) => {
                keys.insert(i, k);
                vals.insert(i, v);
            }
        }
    }
    Ok(p.heap.map_sorted(&keys, &vals))
}

fn map_arg(p: &mut Process, m: Term) -> Result<(&'static [Term], &'static [Term]), Exception> {
    if m.is_map() {
        Ok(m.map_parts())
    } else {
        Err(badmap(p, m))
    }
}

pub fn map_size(p: &mut Process, a: &[Term]) -> BifResult {
    let (k, _) = map_arg(p, a[0])?;
    Ok(Term::small(k.len() as i64))
}
pub fn is_map_key(p: &mut Process, a: &[Term]) -> BifResult {
    map_arg(p, a[1])?;
    Ok(Term::bool(lookup(a[1], a[0]).is_some()))
}
pub fn map_get(p: &mut Process, a: &[Term]) -> BifResult {
    map_arg(p, a[1])?;
    lookup(a[1], a[0]).ok_or_else(|| badkey(p, a[0]))
}
pub fn get2(p: &mut Process, a: &[Term]) -> BifResult {
    map_arg(p, a[1])?;
    lookup(a[1], a[0]).ok_or_else(|| badkey(p, a[0]))
}
pub fn find(p: &mut Process, a: &[Term]) -> BifResult {
    map_arg(p, a[1])?;
    Ok(match lookup(a[1], a[0]) {
        Some(v) => p.heap.tuple(&[Term::atom(atoms::OK), v]),
        None => Term::atom(atoms::ERROR),
    })
}
pub fn put(p: &mut Process, a: &[Term]) -> BifResult {
    put_many(p, Some(a[2]), &[(a[0], a[1])], &[])
}
pub fn is_key(p: &mut Process, a: &[Term]) -> BifResult {
    map_arg(p, a[1])?;
    Ok(Term::bool(lookup(a[1], a[0]).is_some()))
}
pub fn from_list(p: &mut Process, a: &[Term]) -> BifResult {
    let elems = a[0].list_to_vec().ok_or_else(Exception::badarg)?;
    let mut pairs = Vec::with_capacity(elems.len());
    for e in elems {
        match e.as_tuple() {
            Some([k, v]) => pairs.push((*k, *v)),
            _ => return Err(Exception::badarg()),
        }
    }
    // Later pairs win: a stable sort keeps input order among equal keys.
    pairs.sort_by(|x, y| compare_exact(x.0, y.0));
    let mut keys: Vec<Term> = Vec::with_capacity(pairs.len());
    let mut vals: Vec<Term> = Vec::with_capacity(pairs.len());
    for (k, v) in pairs {
        if let Some(last) = keys.last() {
            if compare_exact(*last, k) == Ordering::Equal {
                *vals.last_mut().unwrap() = v;
                continue;
            }
        }
        keys.push(k);
        vals.push(v);
    }
    Ok(p.heap.map_sorted(&keys, &vals))
}
pub fn to_list(p: &mut Process, a: &[Term]) -> BifResult {
    let (k, v) = map_arg(p, a[0])?;
    let pairs: Vec<Term> = k.iter().zip(v).map(|(k, v)| p.heap.tuple(&[*k, *v])).collect();
    Ok(p.heap.list(&pairs))
}
pub fn keys(p: &mut Process, a: &[Term]) -> BifResult {
    let (k, _) = map_arg(p, a[0])?;
    Ok(p.heap.list(k))
}
pub fn values(p: &mut Process, a: &[Term]) -> BifResult {
    let (_, v) = map_arg(p, a[0])?;
    Ok(p.heap.list(v))
}
fn without(p: &mut Process, m: Term, i: usize) -> Term {
    let (k, v) = m.map_parts();
    let mut keys = k.to_vec();
    let mut vals = v.to_vec();
    keys.remove(i);
    vals.remove(i);
    p.heap.map_sorted(&keys, &vals)
}
pub fn remove(p: &mut Process, a: &[Term]) -> BifResult {
    let (k, _) = map_arg(p, a[1])?;
    Ok(match search(k, a[0]) {
        Ok(i) => without(p, a[1], i),
        Err(_) => a[1],
    })
}
pub fn take(p: &mut Process, a: &[Term]) -> BifResult {
    let (k, v) = map_arg(p, a[1])?;
    Ok(match search(k, a[0]) {
        Ok(i) => {
            let val = v[i];
            let m = without(p, a[1], i);
            p.heap.tuple(&[val, m])
        }
        Err(_) => Term::atom(atoms::ERROR),
    })
}
pub fn update(p: &mut Process, a: &[Term]) -> BifResult {
    map_arg(p, a[2])?;
    put_many(p, Some(a[2]), &[], &[(a[0], a[1])])
}
pub fn merge(p: &mut Process, a: &[Term]) -> BifResult {
    let (k2, v2) = map_arg(p, a[1])?;
    map_arg(p, a[0])?;
    let pairs: Vec<(Term, Term)> = k2.iter().copied().zip(v2.iter().copied()).collect();
    put_many(p, Some(a[0]), &pairs, &[])
}
pub fn new(p: &mut Process, _a: &[Term]) -> BifResult {
    Ok(p.heap.map_sorted(&[], &[]))
}
