//! The process dictionary: `put/2`, `get/0,1`, `get_keys/0,1`, `erase/0,1`.
//! It lives in `Process::dict` as a flat `[k0, v0, k1, v1, ...]` vector (a
//! root range for the collector), in insertion order. Keys and values are
//! compared exactly (`=:=`), as OTP does: `put(1, a), get(1.0)` is
//! `undefined`.

use crate::heap::Alloc;
use crate::term::order::eq_exact;
use crate::term::{atoms, Term};
use crate::vm::exception::BifResult;
use crate::vm::process::Process;

/// Index of key `k`'s slot in the flat vector.
fn find(dict: &[Term], k: Term) -> Option<usize> {
    dict.chunks_exact(2).position(|kv| eq_exact(kv[0], k)).map(|i| 2 * i)
}

const UNDEFINED: Term = Term::atom(atoms::UNDEFINED);

/// `put(Key, Value)`: the previous value, or `undefined`.
pub fn put(p: &mut Process, a: &[Term]) -> BifResult {
    match find(&p.dict, a[0]) {
        Some(i) => Ok(std::mem::replace(&mut p.dict[i + 1], a[1])),
        None => {
            p.dict.extend_from_slice(&[a[0], a[1]]);
            Ok(UNDEFINED)
        }
    }
}

pub fn get1(p: &mut Process, a: &[Term]) -> BifResult {
    Ok(find(&p.dict, a[0]).map_or(UNDEFINED, |i| p.dict[i + 1]))
}

/// All `{Key, Value}` pairs.
fn pairs(p: &mut Process) -> Term {
    let Process { heap, dict, .. } = p;
    let pairs: Vec<Term> = dict.chunks_exact(2).map(|kv| heap.tuple(kv)).collect();
    heap.list(&pairs)
}

pub fn get0(p: &mut Process, _a: &[Term]) -> BifResult {
    Ok(pairs(p))
}

pub fn get_keys0(p: &mut Process, _a: &[Term]) -> BifResult {
    let keys: Vec<Term> = p.dict.chunks_exact(2).map(|kv| kv[0]).collect();
    Ok(p.heap.list(&keys))
}

/// The keys whose value is exactly `Value`.
pub fn get_keys1(p: &mut Process, a: &[Term]) -> BifResult {
    let keys: Vec<Term> = p.dict.chunks_exact(2).filter(|kv| eq_exact(kv[1], a[0])).map(|kv| kv[0]).collect();
    Ok(p.heap.list(&keys))
}

/// `erase(Key)`: the value it had, or `undefined`.
pub fn erase1(p: &mut Process, a: &[Term]) -> BifResult {
    Ok(match find(&p.dict, a[0]) {
        Some(i) => {
            let v = p.dict[i + 1];
            p.dict.drain(i..i + 2);
            v
        }
        None => UNDEFINED,
    })
}

/// `erase()`: all pairs, leaving the dictionary empty.
pub fn erase0(p: &mut Process, _a: &[Term]) -> BifResult {
    let all = pairs(p);
    p.dict.clear();
    Ok(all)
}
