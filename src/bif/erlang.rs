//! `erlang` BIFs: term construction and inspection, exceptions, lists,
//! operators as functions, min/max, node and halt.

use crate::code::instr::ArithOp;
use crate::heap::Alloc;
use crate::term::order::{compare, eq, eq_exact};
use crate::term::{atoms, Atom, Term};
use crate::vm::arith;
use crate::vm::exception::{BifResult, Class, Exception};
use crate::vm::process::Process;
use num_traits::ToPrimitive;
use std::cmp::Ordering;

pub fn apply_trap(_p: &mut Process, _a: &[Term]) -> BifResult {
    // The interpreter handles apply/2,3 itself (it must enter Erlang code).
    Err(Exception::badarg())
}

pub fn neg(p: &mut Process, a: &[Term]) -> BifResult {
    arith::negate(p, a[0])
}
pub fn bnot(p: &mut Process, a: &[Term]) -> BifResult {
    arith::bnot(p, a[0])
}

fn boolean(t: Term) -> Result<bool, Exception> {
    if t == Term::TRUE {
        Ok(true)
    } else if t == Term::FALSE {
        Ok(false)
    } else {
        Err(Exception::badarg())
    }
}
pub fn not(_p: &mut Process, a: &[Term]) -> BifResult {
    Ok(Term::bool(!boolean(a[0])?))
}
pub fn and(_p: &mut Process, a: &[Term]) -> BifResult {
    let (x, y) = (boolean(a[0])?, boolean(a[1])?);
    Ok(Term::bool(x && y))
}
pub fn or(_p: &mut Process, a: &[Term]) -> BifResult {
    let (x, y) = (boolean(a[0])?, boolean(a[1])?);
    Ok(Term::bool(x || y))
}
pub fn xor(_p: &mut Process, a: &[Term]) -> BifResult {
    let (x, y) = (boolean(a[0])?, boolean(a[1])?);
    Ok(Term::bool(x ^ y))
}

/// `A ++ B`: copies A, shares B.
pub fn append(p: &mut Process, a: &[Term]) -> BifResult {
    if a[0].is_nil() {
        return Ok(a[1]);
    }
    let elems = a[0].list_to_vec().ok_or_else(Exception::badarg)?;
    Ok(p.heap.list_with_tail(&elems, a[1]))
}

/// `A -- B`: removes the first occurrence in A of each element of B.
pub fn subtract(p: &mut Process, a: &[Term]) -> BifResult {
    let mut left = a[0].list_to_vec().ok_or_else(Exception::badarg)?;
    let right = a[1].list_to_vec().ok_or_else(Exception::badarg)?;
    if left.is_empty() || right.is_empty() {
        return Ok(a[0]);
    }
    if right.len() > 16 && left.len() > 16 {
        // Multiset removal in O((n + m) log m).
        use std::collections::BTreeMap;
        struct K(Term);
        impl PartialEq for K {
            fn eq(&self, o: &Self) -> bool {
                eq_exact(self.0, o.0)
            }
        }
        impl Eq for K {}
        impl PartialOrd for K {
            fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(o))
            }
        }
        impl Ord for K {
            fn cmp(&self, o: &Self) -> std::cmp::Ordering {
                crate::term::order::compare_exact(self.0, o.0)
            }
        }
        let mut counts: BTreeMap<K, usize> = BTreeMap::new();
        for r in right {
            *counts.entry(K(r)).or_default() += 1;
        }
        left.retain(|x| match counts.get_mut(&K(*x)) {
            Some(c) if *c > 0 => {
                *c -= 1;
                false
            }
            _ => true,
        });
    } else {
        for r in right {
            if let Some(i) = left.iter().position(|x| eq_exact(*x, r)) {
                left.remove(i);
            }
        }
    }
    Ok(p.heap.list(&left))
}

pub fn element(_p: &mut Process, a: &[Term]) -> BifResult {
    match (a[0].as_small(), a[1].as_tuple()) {
        (Some(i), Some(t)) if i >= 1 && (i as usize) <= t.len() => Ok(t[i as usize - 1]),
        _ => Err(Exception::badarg()),
    }
}
pub fn setelement(p: &mut Process, a: &[Term]) -> BifResult {
    match (a[0].as_small(), a[1].as_tuple()) {
        (Some(i), Some(t)) if i >= 1 && (i as usize) <= t.len() => {
            let mut v = t.to_vec();
            v[i as usize - 1] = a[2];
            Ok(p.heap.tuple(&v))
        }
        _ => Err(Exception::badarg()),
    }
}
pub fn tuple_size(_p: &mut Process, a: &[Term]) -> BifResult {
    a[0].as_tuple().map(|t| Term::small(t.len() as i64)).ok_or_else(Exception::badarg)
}
pub fn length(_p: &mut Process, a: &[Term]) -> BifResult {
    a[0].list_length().map(|n| Term::small(n as i64)).ok_or_else(Exception::badarg)
}
pub fn hd(_p: &mut Process, a: &[Term]) -> BifResult {
    a[0].as_cons().map(|c| c.0).ok_or_else(Exception::badarg)
}
pub fn tl(_p: &mut Process, a: &[Term]) -> BifResult {
    a[0].as_cons().map(|c| c.1).ok_or_else(Exception::badarg)
}

pub fn throw(_p: &mut Process, a: &[Term]) -> BifResult {
    Err(Exception { bif: NO_BIF_FRAME, ..Exception::new(Class::Throw, a[0]) })
}
/// Marks exceptions raised on purpose by error/exit/throw, whose
/// stacktrace starts at the caller (not at the BIF).
pub const NO_BIF_FRAME: Option<(crate::term::Atom, crate::term::Atom, Term)> =
    Some((atoms::ERLANG, atoms::EMPTY, Term::NIL));

pub fn error1(_p: &mut Process, a: &[Term]) -> BifResult {
    Err(Exception { bif: NO_BIF_FRAME, ..Exception::error(a[0]) })
}
pub fn error2(p: &mut Process, a: &[Term]) -> BifResult {
    // OTP puts the caller's arguments at the top of the stacktrace; girder
    // keeps the caller's frame with its arity.
    let _ = p;
    Err(Exception { bif: NO_BIF_FRAME, ..Exception::error(a[0]) })
}
pub fn exit1(_p: &mut Process, a: &[Term]) -> BifResult {
    Err(Exception { bif: NO_BIF_FRAME, ..Exception::new(Class::Exit, a[0]) })
}
/// erlang:raise(Class, Reason, Stacktrace)
pub fn raise3(_p: &mut Process, a: &[Term]) -> BifResult {
    // OTP returns (not raises) badarg for a bad class or stacktrace.
    let class = match a[0].as_atom().and_then(Class::from_atom) {
        Some(c) if a[2].list_length().is_some() => c,
        _ => return Ok(Term::atom(atoms::BADARG)),
    };
    let mut e = Exception::new(class, a[1]);
    e.trace = a[2];
    Err(e)
}

// ---- operators as functions (`fun erlang:'+'/2`, `erlang:'=:='(A, B)`) ----

macro_rules! arith_bifs {
    ($($name:ident => $op:ident),* $(,)?) => {
        $(pub fn $name(p: &mut Process, a: &[Term]) -> BifResult {
            arith::binary_nogc(p, ArithOp::$op, a[0], a[1])
        })*
    };
}
arith_bifs! {
    add => Add, sub => Sub, mul => Mul, fdiv => FDiv, idiv => IDiv, rem => Rem,
    band => Band, bor => Bor, bxor => Bxor, bsl => Bsl, bsr => Bsr,
}

/// `+X`: X itself if it is a number.
pub fn plus(_p: &mut Process, a: &[Term]) -> BifResult {
    if a[0].is_number() {
        Ok(a[0])
    } else {
        Err(Exception::badarith())
    }
}

pub fn eq_op(_p: &mut Process, a: &[Term]) -> BifResult {
    Ok(Term::bool(eq(a[0], a[1])))
}
pub fn ne_op(_p: &mut Process, a: &[Term]) -> BifResult {
    Ok(Term::bool(!eq(a[0], a[1])))
}
pub fn exact_eq_op(_p: &mut Process, a: &[Term]) -> BifResult {
    Ok(Term::bool(eq_exact(a[0], a[1])))
}
pub fn exact_ne_op(_p: &mut Process, a: &[Term]) -> BifResult {
    Ok(Term::bool(!eq_exact(a[0], a[1])))
}
pub fn lt_op(_p: &mut Process, a: &[Term]) -> BifResult {
    Ok(Term::bool(compare(a[0], a[1]) == Ordering::Less))
}
pub fn gt_op(_p: &mut Process, a: &[Term]) -> BifResult {
    Ok(Term::bool(compare(a[0], a[1]) == Ordering::Greater))
}
pub fn le_op(_p: &mut Process, a: &[Term]) -> BifResult {
    Ok(Term::bool(compare(a[0], a[1]) != Ordering::Greater))
}
pub fn ge_op(_p: &mut Process, a: &[Term]) -> BifResult {
    Ok(Term::bool(compare(a[0], a[1]) != Ordering::Less))
}

/// `min(A, B)`: of two terms that compare equal (`1` and `1.0`) OTP returns
/// the first.
pub fn min(_p: &mut Process, a: &[Term]) -> BifResult {
    Ok(if compare(a[0], a[1]) == Ordering::Greater { a[1] } else { a[0] })
}
/// `max(A, B)`: the first of two equal terms, as `min`.
pub fn max(_p: &mut Process, a: &[Term]) -> BifResult {
    Ok(if compare(a[0], a[1]) == Ordering::Less { a[1] } else { a[0] })
}

/// girder is not distributed: every process runs on `nonode@nohost`.
pub const NODE_NAME: &str = "nonode@nohost";

pub fn node(_p: &mut Process, _a: &[Term]) -> BifResult {
    Ok(Term::atom(Atom::intern(NODE_NAME)))
}

pub fn halt0(_p: &mut Process, _a: &[Term]) -> BifResult {
    halt_now(0)
}
/// `halt(Status)`: a non-negative integer is the exit status (the OS keeps
/// its low 8 bits, so `halt(300)` exits with 44), `abort` aborts, and a
/// string is a slogan: OTP writes it and a crash dump and exits with 1;
/// girder writes only the slogan.
pub fn halt1(_p: &mut Process, a: &[Term]) -> BifResult {
    let s = a[0];
    if let Some(n) = s.to_bigint() {
        if n.sign() == num_bigint::Sign::Minus {
            return Err(Exception::badarg());
        }
        let low = (n & num_bigint::BigInt::from(0xff)).to_i32().unwrap_or(0);
        halt_now(low);
    }
    if s.as_atom() == Some(Atom::intern("abort")) {
        flush_stdout();
        std::process::abort();
    }
    let chars = s.list_to_vec().ok_or_else(Exception::badarg)?;
    let slogan: Option<String> =
        chars.iter().map(|c| c.as_small().and_then(|c| u32::try_from(c).ok()).and_then(char::from_u32)).collect();
    let slogan = slogan.ok_or_else(Exception::badarg)?;
    flush_stdout();
    eprintln!("{slogan}");
    halt_now(1)
}
fn flush_stdout() {
    use std::io::Write;
    let _ = std::io::stdout().flush();
}
fn halt_now(status: i32) -> ! {
    flush_stdout();
    std::process::exit(status)
}
