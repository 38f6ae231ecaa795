//! Integers that do not fit in an immediate: conversions between bignum
//! objects and `num_bigint::BigInt`, where the arithmetic happens.

use super::{header_arity, header_subtag, Subtag, Term};
use num_bigint::{BigInt, BigUint, Sign};

impl Term {
    /// The value of an integer term (small or big), or None.
    pub fn to_bigint(self) -> Option<BigInt> {
        if let Some(i) = self.as_small() {
            return Some(BigInt::from(i));
        }
        if !self.is_boxed() {
            return None;
        }
        let h = self.boxed_header();
        let sign = match header_subtag(h) {
            Subtag::PosBig => Sign::Plus,
            Subtag::NegBig => Sign::Minus,
            _ => return None,
        };
        let limbs: Vec<u64> = self.boxed_body()[..header_arity(h)].iter().map(|t| t.0).collect();
        let mut digits = Vec::with_capacity(limbs.len() * 2);
        for l in limbs {
            digits.push(l as u32);
            digits.push((l >> 32) as u32);
        }
        Some(BigInt::from_biguint(sign, BigUint::new(digits)))
    }

    /// The value of an integer term as an i128, if it fits (smalls and
    /// bignums of one or two limbs): arithmetic on values of that size
    /// needs no `BigInt`.
    pub fn to_i128(self) -> Option<i128> {
        if let Some(i) = self.as_small() {
            return Some(i as i128);
        }
        if !self.is_boxed() {
            return None;
        }
        let h = self.boxed_header();
        let neg = match header_subtag(h) {
            Subtag::PosBig => false,
            Subtag::NegBig => true,
            _ => return None,
        };
        let mag: u128 = match self.boxed_body() {
            [lo] => lo.0 as u128,
            [lo, hi] => (hi.0 as u128) << 64 | lo.0 as u128,
            _ => return None,
        };
        if neg {
            0i128.checked_sub_unsigned(mag)
        } else {
            i128::try_from(mag).ok()
        }
    }

    /// The value of an integer term as an i64, if it fits.
    pub fn to_i64(self) -> Option<i64> {
        if let Some(i) = self.as_small() {
            return Some(i);
        }
        self.to_bigint().and_then(|b| i64::try_from(&b).ok())
    }

    /// A number as f64 (integers converted; may be infinite for huge ones).
    pub fn to_f64(self) -> Option<f64> {
        if let Some(i) = self.as_small() {
            return Some(i as f64);
        }
        if let Some(f) = self.as_float() {
            return Some(f);
        }
        self.to_bigint().map(|b| num_traits::ToPrimitive::to_f64(&b).unwrap_or(f64::INFINITY))
    }
}
