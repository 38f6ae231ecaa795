//! The `lists` functions OTP implements as BIFs: `reverse/2`, `member/2`
//! and the key searches. `member` compares exactly (`=:=`); the key
//! functions compare with `==`, so `keyfind(1.0, 1, [{1, a}])` finds
//! `{1, a}`. All of them walk the list only as far as they need: an
//! improper tail after a match is not an error, one reached before is.

use crate::heap::Alloc;
use crate::term::order::{eq, eq_exact};
use crate::term::{Atom, Term};
use crate::vm::exception::{BifResult, Exception};
use crate::vm::process::Process;

/// `reverse(List, Tail)`: List reversed in front of Tail (any term).
pub fn reverse(p: &mut Process, a: &[Term]) -> BifResult {
    let mut elems = a[0].list_to_vec().ok_or_else(Exception::badarg)?;
    elems.reverse();
    Ok(p.heap.list_with_tail(&elems, a[1]))
}

pub fn member(_p: &mut Process, a: &[Term]) -> BifResult {
    let mut it = a[1].iter_list();
    for x in &mut it {
        if eq_exact(x, a[0]) {
            return Ok(Term::TRUE);
        }
    }
    if it.rest().is_nil() {
        Ok(Term::FALSE)
    } else {
        Err(Exception::badarg())
    }
}

/// The first tuple in `list` whose `n`th element (1-based) equals `key`.
fn keyfind_in(key: Term, n: Term, list: Term) -> Result<Option<Term>, Exception> {
    let n = match n.as_small() {
        Some(n) if n >= 1 => n as usize,
        _ => return Err(Exception::badarg()),
    };
    let mut it = list.iter_list();
    for x in &mut it {
        if let Some(t) = x.as_tuple() {
            if t.len() >= n && eq(t[n - 1], key) {
                return Ok(Some(x));
            }
        }
    }
    if it.rest().is_nil() {
        Ok(None)
    } else {
        Err(Exception::badarg())
    }
}

/// `keyfind(Key, N, List)`: the tuple, or `false`.
pub fn keyfind(_p: &mut Process, a: &[Term]) -> BifResult {
    Ok(keyfind_in(a[0], a[1], a[2])?.unwrap_or(Term::FALSE))
}

pub fn keymember(_p: &mut Process, a: &[Term]) -> BifResult {
    Ok(Term::bool(keyfind_in(a[0], a[1], a[2])?.is_some()))
}

/// `keysearch(Key, N, List)`: `{value, Tuple}`, or `false`.
pub fn keysearch(p: &mut Process, a: &[Term]) -> BifResult {
    Ok(match keyfind_in(a[0], a[1], a[2])? {
        Some(t) => p.heap.tuple(&[Term::atom(Atom::intern("value")), t]),
        None => Term::FALSE,
    })
}

/// `lists:sort/1` in Rust for speed (OTP writes it in Erlang): a stable
/// merge sort in term order. A non-list raises `function_clause` as the
/// Erlang version's clauses do.
pub fn sort(p: &mut Process, a: &[Term]) -> BifResult {
    let mut v = match a[0].list_to_vec() {
        Some(v) => v,
        None => return Err(Exception::error(Term::atom(crate::term::atoms::FUNCTION_CLAUSE))),
    };
    if v.len() < 2 {
        return Ok(a[0]);
    }
    if v.iter().all(|t| t.is_small()) {
        // Tagged small integers order like their values.
        v.sort_by_key(|t| t.0 as i64);
    } else {
        v.sort_by(|x, y| crate::term::order::compare(*x, *y));
    }
    Ok(p.heap.list(&v))
}
