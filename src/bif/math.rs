//! The `math` module: every function returns a float. A non-number
//! argument is `badarg`; an integer too large for a float, or a result
//! that is not a finite float (`sqrt(-1)`, `log(0)`, `exp(1000)`), is
//! `badarith`, as on OTP.

use super::number::number_to_f64;
use crate::heap::Alloc;
use crate::term::Term;
use crate::vm::exception::{BifResult, Exception};
use crate::vm::process::Process;

fn arg(t: Term) -> Result<f64, Exception> {
    if !t.is_number() {
        return Err(Exception::badarg());
    }
    number_to_f64(t).ok_or_else(Exception::badarith)
}

fn result(p: &mut Process, f: f64) -> BifResult {
    if f.is_finite() {
        Ok(p.heap.float(f))
    } else {
        Err(Exception::badarith())
    }
}

macro_rules! math1 {
    ($($name:ident => $f:expr),* $(,)?) => {
        $(pub fn $name(p: &mut Process, a: &[Term]) -> BifResult {
            let f: fn(f64) -> f64 = $f;
            let x = arg(a[0])?;
            result(p, f(x))
        })*
    };
}
math1! {
    sqrt => f64::sqrt, exp => f64::exp, log => f64::ln, log2 => f64::log2, log10 => f64::log10,
    sin => f64::sin, cos => f64::cos, tan => f64::tan,
    asin => f64::asin, acos => f64::acos, atan => f64::atan,
    sinh => f64::sinh, cosh => f64::cosh, tanh => f64::tanh,
    asinh => f64::asinh, acosh => f64::acosh, atanh => f64::atanh,
    ceil => f64::ceil, floor => f64::floor, erf => libm::erf, erfc => libm::erfc,
}

macro_rules! math2 {
    ($($name:ident => $f:expr),* $(,)?) => {
        $(pub fn $name(p: &mut Process, a: &[Term]) -> BifResult {
            let f: fn(f64, f64) -> f64 = $f;
            let (x, y) = (arg(a[0])?, arg(a[1])?);
            result(p, f(x, y))
        })*
    };
}
math2! {
    pow => f64::powf, atan2 => f64::atan2,
    // Rust's float `%` is C's fmod: the result has the sign of the dividend.
    fmod => |x, y| x % y,
}

pub fn pi(p: &mut Process, _a: &[Term]) -> BifResult {
    Ok(p.heap.float(std::f64::consts::PI))
}
