//! Erlang's total term order and its two equalities.
//!
//! number < atom < reference < fun < port < pid < tuple < map < nil < list < binary
//!
//! `==` compares numbers by value (`1 == 1.0`); `=:=` and map keys also tell
//! integers from floats. In the exact order every integer sorts before every
//! float, whatever their values (`#{2 => a, 1.5 => b}` has keys `[2, 1.5]`
//! on OTP), which is how map keys are ordered.

use super::{header_subtag, Subtag, Term};
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use std::cmp::Ordering;

fn type_rank(t: Term) -> u8 {
    if t.is_small() {
        return 0;
    }
    if t.is_atom() {
        return 1;
    }
    if t.is_pid() {
        return 5;
    }
    if t.is_nil() {
        return 8;
    }
    if t.is_list() {
        return 9;
    }
    match t.boxed_subtag() {
        Some(Subtag::PosBig | Subtag::NegBig | Subtag::Float) => 0,
        Some(Subtag::Ref) => 2,
        Some(Subtag::Fun | Subtag::Export) => 3,
        Some(Subtag::Tuple) => 6,
        Some(Subtag::Map) => 7,
        Some(Subtag::HeapBin | Subtag::RefcBin | Subtag::SubBin) | None => 10,
    }
}

/// Compare an integer with a float by exact value.
fn cmp_int_float(i: &BigInt, f: f64) -> Ordering {
    if f.is_nan() {
        return Ordering::Less;
    }
    let fi = f.trunc();
    // Compare the integer to trunc(f) exactly; if equal, the fraction decides.
    match BigInt::from_f64_exact(fi) {
        Some(bf) => match i.cmp(&bf) {
            Ordering::Equal => {
                if f > fi {
                    Ordering::Less
                } else if f < fi {
                    Ordering::Greater
                } else {
                    Ordering::Equal
                }
            }
            o => o,
        },
        None => {
            if f > 0.0 {
                Ordering::Less
            } else {
                Ordering::Greater
            }
        }
    }
}

trait FromF64Exact {
    fn from_f64_exact(f: f64) -> Option<BigInt>;
}
impl FromF64Exact for BigInt {
    fn from_f64_exact(f: f64) -> Option<BigInt> {
        num_traits::FromPrimitive::from_f64(f)
    }
}

/// Compare two numbers. `exact`: integers sort before all floats.
pub fn cmp_numbers(a: Term, b: Term, exact: bool) -> Ordering {
    if Term::both_small(a, b) {
        return a.small_value().cmp(&b.small_value());
    }
    match (a.as_float(), b.as_float()) {
        (Some(_), None) if exact => Ordering::Greater,
        (None, Some(_)) if exact => Ordering::Less,
        (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
        (Some(x), None) => cmp_int_float(&b.to_bigint().unwrap(), x).reverse(),
        (None, Some(y)) => {
            if let Some(i) = a.as_small() {
                if i.unsigned_abs() < (1 << 53) {
                    return (i as f64).partial_cmp(&y).unwrap_or(Ordering::Less);
                }
            }
            cmp_int_float(&a.to_bigint().unwrap(), y)
        }
        (None, None) => a.to_bigint().unwrap().cmp(&b.to_bigint().unwrap()),
    }
}

/// Term order as `<`, `==` and friends see it (1 == 1.0).
pub fn compare(a: Term, b: Term) -> Ordering {
    cmp(a, b, false)
}

/// Term order where integers and floats of equal value differ (map keys).
pub fn compare_exact(a: Term, b: Term) -> Ordering {
    cmp(a, b, true)
}

/// `=:=`
pub fn eq_exact(a: Term, b: Term) -> bool {
    a == b || (!a.is_immediate() && !b.is_immediate() && cmp(a, b, true) == Ordering::Equal)
}

/// `==`
pub fn eq(a: Term, b: Term) -> bool {
    a == b || (!(a.is_immediate() && b.is_immediate()) && cmp(a, b, false) == Ordering::Equal)
}

fn cmp(mut a: Term, mut b: Term, exact: bool) -> Ordering {
    // Loop on list tails so long lists do not recurse.
    loop {
        if a == b {
            return Ordering::Equal;
        }
        let (ra, rb) = (type_rank(a), type_rank(b));
        if ra != rb {
            return ra.cmp(&rb);
        }
        match ra {
            0 => return cmp_numbers(a, b, exact),
            1 => return a.as_atom().unwrap().name().cmp(b.as_atom().unwrap().name()),
            5 => return a.pid_serial().cmp(&b.pid_serial()),
            10 => return cmp_bits(a, b),
            9 => {
                let (ha, ta) = a.cons_parts();
                let (hb, tb) = b.cons_parts();
                // Strings: small-integer heads compare without a call.
                let o = if ha == hb {
                    Ordering::Equal
                } else if Term::both_small(ha, hb) {
                    ha.small_value().cmp(&hb.small_value())
                } else {
                    cmp(ha, hb, exact)
                };
                match o {
                    Ordering::Equal => {
                        a = ta;
                        b = tb;
                        continue;
                    }
                    o => return o,
                }
            }
            _ => {}
        }
        let (ea, eb) = (a.boxed_body(), b.boxed_body());
        let st = header_subtag(a.boxed_header());
        return match st {
            Subtag::Tuple => ea.len().cmp(&eb.len()).then_with(|| cmp_slices(ea, eb, exact)),
            Subtag::Map => {
                let (ka, va) = a.map_parts();
                let (kb, vb) = b.map_parts();
                ka.len().cmp(&kb.len()).then_with(|| cmp_slices(ka, kb, true)).then_with(|| cmp_slices(va, vb, exact))
            }
            Subtag::Ref => ea[0].0.cmp(&eb[0].0),
            Subtag::Fun | Subtag::Export => {
                let sa = header_subtag(a.boxed_header()) as u8;
                let sb = header_subtag(b.boxed_header()) as u8;
                sa.cmp(&sb).then_with(|| ea.len().cmp(&eb.len())).then_with(|| cmp_slices(ea, eb, exact))
            }
            _ => Ordering::Equal,
        };
    }
}

/// Bitstrings compare byte by byte (then bit by bit), a prefix first.
fn cmp_bits(a: Term, b: Term) -> Ordering {
    let (x, y) = (a.bits().unwrap(), b.bits().unwrap());
    if let (Some(p), Some(q)) = (x.aligned_bytes(), y.aligned_bytes()) {
        return p.cmp(q);
    }
    let n = x.len.min(y.len);
    let mut i = 0;
    while i < n {
        let k = (n - i).min(64);
        match x.read_bits(i, k).cmp(&y.read_bits(i, k)) {
            Ordering::Equal => i += k,
            o => return o,
        }
    }
    x.len.cmp(&y.len)
}

fn cmp_slices(a: &[Term], b: &[Term], exact: bool) -> Ordering {
    for (x, y) in a.iter().zip(b) {
        match cmp(*x, *y, exact) {
            Ordering::Equal => {}
            o => return o,
        }
    }
    a.len().cmp(&b.len())
}

/// An integer term's value as f64 exactly when representable (helper for
/// callers that want a quick float view).
pub fn int_as_f64(t: Term) -> Option<f64> {
    t.to_bigint().and_then(|b| b.to_f64())
}
