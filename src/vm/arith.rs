//! Arithmetic beyond the small-integer fast path: bignums, floats, and the
//! errors OTP raises (`badarith`).

use super::exception::Exception;
use super::process::{Process, MAX_X};
use crate::code::instr::{ArithOp, Live};
use crate::heap::Alloc;
use crate::term::Term;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

enum Num {
    Int(BigInt),
    Float(f64),
}

fn num(t: Term) -> Option<Num> {
    if let Some(f) = t.as_float() {
        Some(Num::Float(f))
    } else {
        t.to_bigint().map(Num::Int)
    }
}

fn as_f(n: &Num) -> f64 {
    match n {
        Num::Int(i) => i.to_f64().unwrap_or(f64::INFINITY),
        Num::Float(f) => *f,
    }
}

/// Where a result is stored. The interpreter's arithmetic instructions may
/// collect first (it knows which registers are live); a BIF may not, so it
/// allocates straight from `p.heap`, which falls back to heap fragments.
enum Store<'a> {
    /// Collect if needed, keeping the registers in `live` of this file.
    Gc(&'a mut [Term; MAX_X], Live),
    /// Never collect.
    NoGc,
}

fn make_room(p: &mut Process, words: usize, store: Store) {
    if let Store::Gc(x, live) = store {
        p.ensure(x, words, live);
    }
}

fn store_float(p: &mut Process, f: f64, store: Store) -> Result<Term, Exception> {
    if !f.is_finite() {
        return Err(Exception::badarith());
    }
    make_room(p, 2, store);
    Ok(p.heap.float(f))
}

fn store_big(p: &mut Process, i: BigInt, store: Store) -> Term {
    if let Some(v) = i.to_i64() {
        if Term::fits_small(v) {
            return Term::small(v);
        }
    }
    make_room(p, 2 + (i.bits() as usize).div_ceil(64), store);
    p.heap.bigint(&i)
}

/// Store an integer result, collecting first if the heap is full (the
/// operands are no longer needed, so only `live` registers are roots).
pub fn store_int(p: &mut Process, x: &mut [Term; MAX_X], i: BigInt, live: Live) -> Term {
    store_big(p, i, Store::Gc(x, live))
}

/// Largest shift accepted before the result is considered too large.
const MAX_SHIFT: i64 = 1 << 24;

/// `A op B` for the interpreter: may collect, keeping the registers of `x` in `live`.
pub fn binary(
    p: &mut Process,
    x: &mut [Term; MAX_X],
    op: ArithOp,
    a: Term,
    b: Term,
    live: Live,
) -> Result<Term, Exception> {
    binary_in(p, op, a, b, Store::Gc(x, live))
}

/// `A op B` for BIFs (`erlang:'+'/2` and friends): never collects.
pub fn binary_nogc(p: &mut Process, op: ArithOp, a: Term, b: Term) -> Result<Term, Exception> {
    binary_in(p, op, a, b, Store::NoGc)
}

/// `a op b` when one operand is a float and the other a float or a small
/// integer: Some(Some(result)), Some(None) for an error (division by zero,
/// an integer-only operator), None when another path must handle it.
#[inline(always)]
pub fn float_fast(op: ArithOp, a: Term, b: Term) -> Option<Option<f64>> {
    let f = |t: Term| -> Option<f64> {
        if t.is_small() {
            Some(t.small_value() as f64)
        } else {
            t.as_float()
        }
    };
    if !(a.is_float() || b.is_float()) {
        return None;
    }
    let (x, y) = (f(a)?, f(b)?);
    Some(match op {
        ArithOp::Add => Some(x + y),
        ArithOp::Sub => Some(x - y),
        ArithOp::Mul => Some(x * y),
        ArithOp::FDiv if y != 0.0 => Some(x / y),
        _ => None,
    })
}

fn binary_in(p: &mut Process, op: ArithOp, a: Term, b: Term, store: Store) -> Result<Term, Exception> {
    if Term::both_small(a, b) {
        // Two 60-bit integers: the sum, difference and product fit an i128.
        let (x, y) = (a.small_value() as i128, b.small_value() as i128);
        let r = match op {
            ArithOp::Add => Some(x + y),
            ArithOp::Sub => Some(x - y),
            ArithOp::Mul => Some(x * y),
            _ => None,
        };
        if let Some(r) = r {
            return Ok(match i64::try_from(r) {
                Ok(v) if Term::fits_small(v) => Term::small(v),
                _ => {
                    make_room(p, 3, store);
                    p.heap.int128(r)
                }
            });
        }
    }
    // Floats (and a float with a small integer): no bignum conversion.
    if let Some(r) = float_fast(op, a, b) {
        return match r {
            Some(f) => store_float(p, f, store),
            None => Err(Exception::badarith()),
        };
    }
    if Term::both_small(a, b) {
        let (x, y) = (a.small_value(), b.small_value());
        let r = match op {
            ArithOp::IDiv if y != 0 => Some(x / y),
            ArithOp::Rem if y != 0 => Some(x % y),
            ArithOp::Band => Some(x & y),
            ArithOp::Bor => Some(x | y),
            ArithOp::Bxor => Some(x ^ y),
            ArithOp::Bsr if (0..64).contains(&y) => Some(x >> y),
            _ => None,
        };
        if let Some(r) = r {
            if Term::fits_small(r) {
                return Ok(Term::small(r));
            }
        }
    }
    // Integers of up to 127 bits (an LCG's products, say): no BigInt.
    if let (Some(x), Some(y)) = (a.to_i128(), b.to_i128()) {
        let r = match op {
            ArithOp::Add => x.checked_add(y),
            ArithOp::Sub => x.checked_sub(y),
            ArithOp::Mul => x.checked_mul(y),
            // Both truncate toward zero, as Erlang's div and rem.
            ArithOp::IDiv if y != 0 => x.checked_div(y),
            ArithOp::Rem if y != 0 => x.checked_rem(y),
            ArithOp::Band => Some(x & y),
            ArithOp::Bor => Some(x | y),
            ArithOp::Bxor => Some(x ^ y),
            _ => None,
        };
        if let Some(r) = r {
            make_room(p, 3, store);
            return Ok(p.heap.int128(r));
        }
    }
    let (x, y) = match (num(a), num(b)) {
        (Some(x), Some(y)) => (x, y),
        _ => return Err(Exception::badarith()),
    };
    match op {
        ArithOp::Add | ArithOp::Sub | ArithOp::Mul => match (&x, &y) {
            (Num::Int(i), Num::Int(j)) => {
                let r = match op {
                    ArithOp::Add => i + j,
                    ArithOp::Sub => i - j,
                    _ => i * j,
                };
                Ok(store_big(p, r, store))
            }
            _ => {
                let (f, g) = (as_f(&x), as_f(&y));
                let r = match op {
                    ArithOp::Add => f + g,
                    ArithOp::Sub => f - g,
                    _ => f * g,
                };
                store_float(p, r, store)
            }
        },
        ArithOp::FDiv => {
            let g = as_f(&y);
            if g == 0.0 {
                return Err(Exception::badarith());
            }
            store_float(p, as_f(&x) / g, store)
        }
        _ => {
            let (i, j) = match (x, y) {
                (Num::Int(i), Num::Int(j)) => (i, j),
                _ => return Err(Exception::badarith()),
            };
            let r = match op {
                ArithOp::IDiv | ArithOp::Rem if j.is_zero() => return Err(Exception::badarith()),
                ArithOp::IDiv => {
                    let (q, _) = i.div_rem(&j); // truncating, as Erlang's div
                    q
                }
                ArithOp::Rem => {
                    let (_, r) = i.div_rem(&j);
                    r
                }
                ArithOp::Band => i & j,
                ArithOp::Bor => i | j,
                ArithOp::Bxor => i ^ j,
                ArithOp::Bsl | ArithOp::Bsr => {
                    let s = j.to_i64().unwrap_or(if j.is_negative() { i64::MIN } else { i64::MAX });
                    let s = if op == ArithOp::Bsr { s.saturating_neg() } else { s };
                    if s > MAX_SHIFT {
                        if i.is_zero() {
                            BigInt::zero()
                        } else {
                            return Err(Exception::error(Term::atom(crate::term::atoms::SYSTEM_LIMIT)));
                        }
                    } else if s >= 0 {
                        i << (s as usize)
                    } else {
                        let s = s.unsigned_abs().min(1 << 40) as usize;
                        // Arithmetic shift: floor division by 2^s.
                        if i.is_negative() {
                            let bits = i.bits() as usize;
                            if s >= bits {
                                BigInt::from(-1)
                            } else {
                                i >> s
                            }
                        } else {
                            i >> s
                        }
                    }
                }
                _ => unreachable!(),
            };
            Ok(store_big(p, r, store))
        }
    }
}

/// `-X` (a BIF: allocates without collecting).
pub fn negate(p: &mut Process, a: Term) -> Result<Term, Exception> {
    match num(a) {
        Some(Num::Int(i)) => Ok(p.heap.bigint(&-i)),
        Some(Num::Float(f)) => Ok(p.heap.float(-f)),
        None => Err(Exception::badarith()),
    }
}

/// `bnot X` (a BIF: allocates without collecting).
pub fn bnot(p: &mut Process, a: Term) -> Result<Term, Exception> {
    match num(a) {
        Some(Num::Int(i)) => Ok(p.heap.bigint(&!i)),
        _ => Err(Exception::badarith()),
    }
}
