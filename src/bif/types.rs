//! Type tests (`is_atom/1` ... `is_record/3`) and `size/1`: all allowed in
//! guards. girder has no ports, so `is_port` is always false.

use crate::term::Term;
use crate::vm::exception::{BifResult, Exception};
use crate::vm::interp::fun_arity;
use crate::vm::process::Process;
use num_traits::Signed;

macro_rules! type_tests {
    ($($name:ident => $test:expr),* $(,)?) => {
        $(pub fn $name(_p: &mut Process, a: &[Term]) -> BifResult {
            let test: fn(Term) -> bool = $test;
            Ok(Term::bool(test(a[0])))
        })*
    };
}
type_tests! {
    is_atom => Term::is_atom,
    is_binary => Term::is_binary,
    is_bitstring => Term::is_bitstring,
    is_boolean => Term::is_boolean,
    is_float => Term::is_float,
    is_function1 => Term::is_fun,
    is_integer => Term::is_integer,
    is_list => |t| t.is_list() || t.is_nil(),
    is_map => Term::is_map,
    is_number => Term::is_number,
    is_pid => Term::is_pid,
    is_port => |_| false,
    is_reference => Term::is_ref,
    is_tuple => Term::is_tuple,
}

/// `is_function(F, Arity)`: Arity must be a non-negative integer whatever F
/// is (`is_function(a, -1)` is badarg); a bignum arity matches no fun.
pub fn is_function2(_p: &mut Process, a: &[Term]) -> BifResult {
    let arity = a[1].to_bigint().filter(|n| !n.is_negative()).ok_or_else(Exception::badarg)?;
    let want = u32::try_from(&arity).ok();
    Ok(Term::bool(want.is_some() && fun_arity(a[0]) == want))
}

/// `is_record(Term, Tag)`: a tuple whose first element is the atom Tag.
pub fn is_record2(_p: &mut Process, a: &[Term]) -> BifResult {
    if !a[1].is_atom() {
        return Err(Exception::badarg());
    }
    Ok(Term::bool(a[0].as_tuple().and_then(|t| t.first()) == Some(&a[1])))
}

/// `is_record(Term, Tag, Size)`: Size must be a small integer (OTP: a
/// bignum or float is badarg, a negative size simply matches nothing).
pub fn is_record3(_p: &mut Process, a: &[Term]) -> BifResult {
    let size = match (a[1].is_atom(), a[2].as_small()) {
        (true, Some(n)) => n,
        _ => return Err(Exception::badarg()),
    };
    Ok(Term::bool(match a[0].as_tuple() {
        Some(t) => t.len() as i64 == size && t.first() == Some(&a[1]),
        None => false,
    }))
}

/// `size/1`: the size of a tuple, or of a binary in whole bytes.
pub fn size(_p: &mut Process, a: &[Term]) -> BifResult {
    if let Some(b) = a[0].bits() {
        return Ok(Term::small(b.byte_len() as i64));
    }
    a[0].as_tuple().map(|t| Term::small(t.len() as i64)).ok_or_else(Exception::badarg)
}
