//! Tuple building BIFs: `make_tuple/2,3`, `append_element/2`,
//! `insert_element/3`, `delete_element/2`.

use super::convert::MAX_TUPLE_SIZE;
use crate::heap::{set_element_raw, Alloc};
use crate::term::Term;
use crate::vm::exception::{BifResult, Exception};
use crate::vm::process::Process;

/// A tuple size argument: a small integer in 0..=MAX_TUPLE_SIZE.
fn tuple_size_arg(t: Term) -> Result<usize, Exception> {
    match t.as_small() {
        Some(n) if n >= 0 && n as usize <= MAX_TUPLE_SIZE => Ok(n as usize),
        _ => Err(Exception::badarg()),
    }
}

pub fn make_tuple2(p: &mut Process, a: &[Term]) -> BifResult {
    let n = tuple_size_arg(a[0])?;
    Ok(p.heap.tuple_filled(n, a[1]))
}

/// `make_tuple(N, Default, [{Pos, Value}])`: later entries for the same
/// position win.
pub fn make_tuple3(p: &mut Process, a: &[Term]) -> BifResult {
    let n = tuple_size_arg(a[0])?;
    let init = a[2].list_to_vec().ok_or_else(Exception::badarg)?;
    // Check every entry before building, so an error leaves no half-made tuple.
    let mut sets = Vec::with_capacity(init.len());
    for e in init {
        match e.as_tuple() {
            Some(&[pos, v]) => match pos.as_small() {
                Some(i) if i >= 1 && i as usize <= n => sets.push((i as usize - 1, v)),
                _ => return Err(Exception::badarg()),
            },
            _ => return Err(Exception::badarg()),
        }
    }
    let t = p.heap.tuple_filled(n, a[1]);
    for (i, v) in sets {
        set_element_raw(t, i, v);
    }
    Ok(t)
}

pub fn append_element(p: &mut Process, a: &[Term]) -> BifResult {
    let t = a[0].as_tuple().ok_or_else(Exception::badarg)?;
    if t.len() >= MAX_TUPLE_SIZE {
        return Err(Exception::badarg());
    }
    let mut v = Vec::with_capacity(t.len() + 1);
    v.extend_from_slice(t);
    v.push(a[1]);
    Ok(p.heap.tuple(&v))
}

/// `insert_element(Index, Tuple, Value)` with 1 <= Index <= size + 1. OTP 25
/// does not check the size limit here (unlike `append_element`), and
/// neither does girder.
pub fn insert_element(p: &mut Process, a: &[Term]) -> BifResult {
    match (a[0].as_small(), a[1].as_tuple()) {
        (Some(i), Some(t)) if i >= 1 && i as usize <= t.len() + 1 => {
            let i = i as usize - 1;
            let mut v = Vec::with_capacity(t.len() + 1);
            v.extend_from_slice(&t[..i]);
            v.push(a[2]);
            v.extend_from_slice(&t[i..]);
            Ok(p.heap.tuple(&v))
        }
        _ => Err(Exception::badarg()),
    }
}

pub fn delete_element(p: &mut Process, a: &[Term]) -> BifResult {
    match (a[0].as_small(), a[1].as_tuple()) {
        (Some(i), Some(t)) if i >= 1 && i as usize <= t.len() => {
            let i = i as usize - 1;
            let mut v = Vec::with_capacity(t.len() - 1);
            v.extend_from_slice(&t[..i]);
            v.extend_from_slice(&t[i + 1..]);
            Ok(p.heap.tuple(&v))
        }
        _ => Err(Exception::badarg()),
    }
}
