//! Number BIFs allowed in guards: `abs`, `float` and the float-to-integer
//! roundings `trunc`, `round`, `floor`, `ceil`. Unlike the arithmetic
//! operators they raise `badarg`, not `badarith`, on a non-number.

use crate::heap::Alloc;
use crate::term::Term;
use crate::vm::exception::{BifResult, Exception};
use crate::vm::process::Process;
use num_bigint::BigInt;
use num_traits::{FromPrimitive, Signed, ToPrimitive};

/// The integer with the value of a float that has no fraction part. Erlang
/// floats are always finite, so the conversion cannot fail; badarg covers
/// the impossible case rather than a panic.
fn integral_float_to_int(p: &mut Process, f: f64) -> BifResult {
    if f.abs() < (1u64 << 62) as f64 {
        return Ok(p.heap.int(f as i64));
    }
    BigInt::from_f64(f).map(|b| p.heap.bigint(&b)).ok_or_else(Exception::badarg)
}

/// Apply `round` to a float argument; integers come back as they are.
fn float_to_int(p: &mut Process, t: Term, round: fn(f64) -> f64) -> BifResult {
    if let Some(f) = t.as_float() {
        integral_float_to_int(p, round(f))
    } else if t.is_integer() {
        Ok(t)
    } else {
        Err(Exception::badarg())
    }
}

pub fn trunc(p: &mut Process, a: &[Term]) -> BifResult {
    float_to_int(p, a[0], f64::trunc)
}
/// Halfway cases round away from zero (`round(-2.5)` is -3), as
/// `f64::round` does.
pub fn round(p: &mut Process, a: &[Term]) -> BifResult {
    float_to_int(p, a[0], f64::round)
}
pub fn floor(p: &mut Process, a: &[Term]) -> BifResult {
    float_to_int(p, a[0], f64::floor)
}
pub fn ceil(p: &mut Process, a: &[Term]) -> BifResult {
    float_to_int(p, a[0], f64::ceil)
}

pub fn abs(p: &mut Process, a: &[Term]) -> BifResult {
    let t = a[0];
    if let Some(i) = t.as_small() {
        // |SMALL_MIN| does not fit an immediate: `int` makes a bignum.
        return Ok(p.heap.int(i.abs()));
    }
    if let Some(f) = t.as_float() {
        // `f < 0.0`, not the sign bit: OTP 25 gives abs(-0.0) = -0.0.
        return Ok(if f < 0.0 { p.heap.float(-f) } else { t });
    }
    match t.to_bigint() {
        Some(b) if b.is_negative() => Ok(p.heap.bigint(&b.abs())),
        Some(_) => Ok(t),
        None => Err(Exception::badarg()),
    }
}

/// A number as a float, or None for a non-number or an integer too large
/// for a float (which OTP's `float/1` reports as badarg and the `math`
/// functions as badarith).
pub fn number_to_f64(t: Term) -> Option<f64> {
    if let Some(i) = t.as_small() {
        return Some(i as f64);
    }
    if let Some(f) = t.as_float() {
        return Some(f);
    }
    t.to_bigint().and_then(|b| b.to_f64()).filter(|f| f.is_finite())
}

pub fn float(p: &mut Process, a: &[Term]) -> BifResult {
    if a[0].is_float() {
        return Ok(a[0]);
    }
    number_to_f64(a[0]).map(|f| p.heap.float(f)).ok_or_else(Exception::badarg)
}
