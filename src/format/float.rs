//! Float text: the shortest round-trip form (`~p`, `~w`,
//! `float_to_list(F, [short])`), `float_to_list/1,2`, the digits behind
//! `~e`/`~f`/`~g`, and `list_to_float/1`'s parser.
//!
//! Rules found by experiment with OTP 25:
//! * short form: the shortest digits that round-trip (Ryu), written as a
//!   plain decimal (`123.456`, `0.001`) when that is no longer than the
//!   exponent form (`1.0e3`, `1.5e-4`), and always in exponent form when
//!   the magnitude is 2^53 or more (`9.007199254740992e15`).
//! * `float_to_list/1` is C's `%.20e`, exactly rounded (ties to even), with
//!   at least two exponent digits.
//! * `{decimals, D}` for `D <= 18` splits off the integer part, computes
//!   `x = fraction * 10^D` in double arithmetic and rounds it half up (so
//!   `0.125` gives `0.13` and `0.045` gives `0.05`); larger `D` prints the
//!   exact value.
//! * results longer than 255 characters are `badarg`.

use num_bigint::BigUint;
use num_traits::Zero;

/// Which text `float_to_list/2` produces; the last of `decimals`,
/// `scientific` and `short` in the option list wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum FloatMode {
    /// `float_to_list/1`: `%.20e`.
    #[default]
    Default,
    /// `{decimals, D}`, `0 <= D <= 253`.
    Decimals(u32),
    /// `{scientific, D}`, `0 <= D <= 249`.
    Scientific(u32),
    /// `short`: the shortest round-trip text.
    Short,
}

/// Options of `float_to_list/2`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct FloatOpts {
    pub mode: FloatMode,
    /// `compact`: drop trailing zeros after the point (with `decimals`).
    pub compact: bool,
}

/// The longest text `float_to_list/2` returns; OTP formats into a 256-byte
/// buffer and raises `badarg` beyond it.
const MAX_FLOAT_TEXT: usize = 255;

/// Shortest digits of a finite non-zero |f|: (digits without leading or
/// trailing zeros, exponent e) with |f| = d.ddd × 10^e.
fn shortest_digits(f: f64) -> (Vec<u8>, i32) {
    let mut buf = ryu::Buffer::new();
    let s = buf.format_finite(f.abs());
    let (mant, exp) = match s.find('e') {
        Some(i) => (&s[..i], s[i + 1..].parse::<i32>().unwrap_or(0)),
        None => (s, 0),
    };
    let point = mant.find('.').unwrap_or(mant.len()) as i32;
    let mut digits: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
    // Position of the decimal point relative to the digit string.
    let mut lead = 0;
    while lead < digits.len() && digits[lead] == b'0' {
        lead += 1;
    }
    digits.drain(..lead);
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
    // value = 0.<all digits> × 10^point; we removed `lead` leading zeros.
    let e = point - lead as i32 - 1 + exp;
    (digits, e)
}

/// `~p`/`~w`/`float_to_list(F, [short])`.
pub fn float_short(f: f64) -> String {
    if !f.is_finite() {
        // Erlang has no infinities or NaNs; show something readable.
        return if f.is_nan() {
            "nan".into()
        } else if f > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        };
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f == 0.0 {
        return format!("{sign}0.0");
    }
    let (digits, e) = shortest_digits(f);
    let ds: String = digits.iter().map(|&b| b as char).collect();
    let sci = if ds.len() == 1 { format!("{ds}.0e{e}") } else { format!("{}.{}e{e}", &ds[..1], &ds[1..]) };
    if f.abs() >= 9007199254740992.0 {
        return format!("{sign}{sci}");
    }
    let n = ds.len() as i32;
    let dec = if e < 0 {
        format!("0.{}{ds}", "0".repeat((-e - 1) as usize))
    } else if n <= e + 1 {
        format!("{ds}{}.0", "0".repeat((e + 1 - n) as usize))
    } else {
        format!("{}.{}", &ds[..(e + 1) as usize], &ds[(e + 1) as usize..])
    };
    if dec.len() <= sci.len() {
        format!("{sign}{dec}")
    } else {
        format!("{sign}{sci}")
    }
}

/// The exact decimal value of |f|: (digits, exponent) with
/// |f| = digits × 10^exponent; digits has no leading zeros ("0" for zero).
fn exact_decimal(f: f64) -> (String, i32) {
    let bits = f.abs().to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (mant, e2) = if exp_bits == 0 { (frac, -1074) } else { (frac | (1u64 << 52), exp_bits - 1075) };
    if mant == 0 {
        return ("0".into(), 0);
    }
    if e2 >= 0 {
        ((BigUint::from(mant) << e2 as usize).to_string(), 0)
    } else {
        // m × 2^-k = m × 5^k × 10^-k
        let k = (-e2) as u32;
        ((BigUint::from(mant) * BigUint::from(5u32).pow(k)).to_string(), e2)
    }
}

/// Round a digit string to its first `keep` digits, ties to even (C's
/// printf on an exact value). Returns the kept digits and whether rounding
/// carried into a new leading digit (then the digits are "1000...").
fn round_half_even(digits: &[u8], keep: usize) -> (Vec<u8>, bool) {
    if digits.len() <= keep {
        let mut v = digits.to_vec();
        v.resize(keep, b'0');
        return (v, false);
    }
    let v = digits[..keep].to_vec();
    let rest = &digits[keep..];
    let up = match rest[0].cmp(&b'5') {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => {
            if rest[1..].iter().any(|&d| d != b'0') {
                true
            } else {
                keep > 0 && (v[keep - 1] - b'0') % 2 == 1
            }
        }
    };
    if up {
        return increment(v);
    }
    (v, false)
}

/// Add one to a digit string; true when it overflowed (all nines).
fn increment(mut v: Vec<u8>) -> (Vec<u8>, bool) {
    for d in v.iter_mut().rev() {
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            return (v, false);
        }
    }
    v.insert(0, b'1');
    v.pop();
    (v, true)
}

/// C's `%.{prec}e` of f, exactly rounded: `d.ddde+XX`.
fn printf_e(f: f64, prec: usize) -> String {
    let sign = if f.is_sign_negative() { "-" } else { "" };
    let (ds, e10) = exact_decimal(f);
    let mut exp = if ds == "0" { 0 } else { ds.len() as i32 - 1 + e10 };
    let (mut v, carried) = round_half_even(ds.as_bytes(), prec + 1);
    if carried {
        exp += 1;
        v[0] = b'1';
    }
    let mut s = String::from(sign);
    s.push(v[0] as char);
    if prec > 0 {
        s.push('.');
        s.extend(v[1..].iter().map(|&b| b as char));
    }
    s.push('e');
    s.push(if exp < 0 { '-' } else { '+' });
    s.push_str(&format!("{:02}", exp.unsigned_abs()));
    s
}

/// C's `%.{prec}f` of f, exactly rounded.
fn printf_f(f: f64, prec: usize) -> String {
    let sign = if f.is_sign_negative() { "-" } else { "" };
    let (ds, e10) = exact_decimal(f);
    // Shift so that the value = int_digits . frac_digits with `prec` places.
    // digits × 10^e10 × 10^prec = N, an integer to round.
    let shift = e10 + prec as i32;
    let scaled: Vec<u8> = if shift >= 0 {
        let mut v = ds.into_bytes();
        v.extend(std::iter::repeat_n(b'0', shift as usize));
        v
    } else {
        let cut = (-shift) as usize;
        let b = ds.as_bytes();
        if cut > b.len() {
            // Less than half a unit in the last place unless... the value is
            // below 10^-prec/10, so it rounds to zero (a tie needs cut == len).
            vec![b'0']
        } else {
            let keep = b.len() - cut;
            let (mut v, carried) = round_half_even(b, keep);
            if carried {
                // v is "100..0" of the old length; the value is 10^keep.
                v.push(b'0');
            }
            if v.is_empty() {
                v.push(b'0');
            }
            v
        }
    };
    place_point(sign, &scaled, prec)
}

/// Digits of an integer N (no sign) printed as N / 10^prec with `prec`
/// decimals.
fn place_point(sign: &str, digits: &[u8], prec: usize) -> String {
    let mut d: Vec<u8> = digits.to_vec();
    while d.len() < prec + 1 {
        d.insert(0, b'0');
    }
    let int_len = d.len() - prec;
    let mut s = String::from(sign);
    s.extend(d[..int_len].iter().map(|&b| b as char));
    if prec > 0 {
        s.push('.');
        s.extend(d[int_len..].iter().map(|&b| b as char));
    }
    s
}

/// `{decimals, D}`: OTP's fast path for D <= 15 (see the module comment).
fn decimals(f: f64, d: u32) -> String {
    if d > 18 {
        return printf_f(f, d as usize);
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    let a = f.abs();
    let int = a.trunc();
    let frac = a - int;
    let factor = 10f64.powi(d as i32);
    let x = frac * factor;
    let mut p = x.trunc() as u64;
    if x - p as f64 >= 0.5 {
        p += 1;
    }
    let fac = 10u64.pow(d);
    let mut int_big = biguint_from_integral(int);
    if p >= fac {
        int_big += 1u32;
        p -= fac;
    }
    let mut s = String::from(sign);
    s.push_str(&int_big.to_string());
    if d > 0 {
        s.push('.');
        s.push_str(&format!("{:0width$}", p, width = d as usize));
    }
    s
}

/// An integral, finite, non-negative f64 as an exact integer.
fn biguint_from_integral(x: f64) -> BigUint {
    if x < 1.0 {
        return BigUint::zero();
    }
    let bits = x.to_bits();
    let e = ((bits >> 52) & 0x7ff) as i32 - 1075;
    let m = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    if e >= 0 {
        BigUint::from(m) << e as usize
    } else {
        BigUint::from(m >> (-e) as u32)
    }
}

/// `float_to_list/1,2`. None where OTP raises `badarg` (text over 255
/// characters, options out of range).
pub fn float_to_list(f: f64, opts: &FloatOpts) -> Option<String> {
    let s = match opts.mode {
        FloatMode::Default => printf_e(f, 20),
        FloatMode::Short => float_short(f),
        FloatMode::Scientific(n) => {
            if n > 249 {
                return None;
            }
            printf_e(f, n as usize)
        }
        FloatMode::Decimals(n) => {
            if n > 253 {
                return None;
            }
            let mut s = decimals(f, n);
            // The limit applies before `compact` shortens the text.
            if s.len() > MAX_FLOAT_TEXT {
                return None;
            }
            if opts.compact && n > 0 {
                while s.ends_with('0') && !s.ends_with(".0") {
                    s.pop();
                }
            } else if opts.compact && f.abs() >= 9007199254740992.0 {
                // OTP strips the zeros of a large integral value even
                // without a point: 1.0e16 prints as "1".
                while s.ends_with('0') && s.len() > 1 {
                    s.pop();
                }
            }
            s
        }
    };
    if s.len() > MAX_FLOAT_TEXT {
        None
    } else {
        Some(s)
    }
}

/// `list_to_float/1`: `[+-]digits(.|,)digits[(e|E)[+-]digits]`; None for
/// anything else and for values too large for a double.
pub fn parse_float(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let st = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > st
    };
    // OTP also takes a comma for the point ("1,5").
    if !digits(&mut i) || i >= b.len() || (b[i] != b'.' && b[i] != b',') {
        return None;
    }
    i += 1;
    if !digits(&mut i) {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        if !digits(&mut i) {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    let v: f64 = s.replacen(',', ".", 1).parse().ok()?;
    v.is_finite().then_some(v)
}

/// `io_lib_format`'s float data: the 21 significant digits of `%.20e` and
/// the decimal exponent (|f| = d.ddd × 10^exp). `~e`, `~f` and `~g` round
/// these digits again, half up.
fn float_data(f: f64) -> (Vec<u8>, i32) {
    let s = printf_e(f, 20);
    let s = s.trim_start_matches('-');
    let digits: Vec<u8> = s[..22].bytes().filter(u8::is_ascii_digit).collect();
    let exp: i32 = s[23..].parse().unwrap_or(0);
    (digits, exp)
}

/// Round a digit string to `keep` digits, half up (io_lib_format's rule).
fn round_half_up(digits: &[u8], keep: usize) -> (Vec<u8>, bool) {
    if digits.len() <= keep {
        let mut v = digits.to_vec();
        v.resize(keep, b'0');
        return (v, false);
    }
    let v = digits[..keep].to_vec();
    if digits[keep] >= b'5' {
        increment(v)
    } else {
        (v, false)
    }
}

/// `~e` with `p >= 2` significant digits: `d.ddde+X`.
pub(crate) fn fmt_e(f: f64, p: usize) -> String {
    let (digits, mut exp) = float_data(f);
    let (mut v, carried) = round_half_up(&digits, p);
    if carried {
        v[0] = b'1';
        exp += 1;
    }
    if digits.iter().all(|&d| d == b'0') {
        exp = 0;
    }
    let mut s = String::new();
    if f.is_sign_negative() {
        s.push('-');
    }
    s.push(v[0] as char);
    s.push('.');
    s.extend(v[1..].iter().map(|&b| b as char));
    s.push('e');
    s.push(if exp < 0 { '-' } else { '+' });
    s.push_str(&exp.unsigned_abs().to_string());
    s
}

/// `~f` with `p >= 1` decimals.
pub(crate) fn fmt_f(f: f64, p: usize) -> String {
    let (digits, exp) = float_data(f);
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if digits.iter().all(|&d| d == b'0') {
        return place_point(sign, b"0", p);
    }
    // value = 0.D × 10^(exp+1); the number of digits before the cut point
    // is exp + 1 + p (may be <= 0: everything rounds at or below zero).
    let keep = exp + 1 + p as i32;
    let n: Vec<u8> = if keep < 0 {
        vec![b'0']
    } else {
        let keep = keep as usize;
        let mut v: Vec<u8> = digits.clone();
        if v.len() < keep {
            v.resize(keep, b'0');
        }
        if keep == 0 {
            if v[0] >= b'5' {
                vec![b'1']
            } else {
                vec![b'0']
            }
        } else {
            let (mut r, carried) = round_half_up(&v, keep);
            if carried {
                // r is "100..0" of the old length; the value is 10^keep.
                r.push(b'0');
            }
            r
        }
    };
    place_point(sign, &n, p)
}

/// `~g`: `~f` for magnitudes in [0.1, 10^4) when the precision allows,
/// `~e` otherwise.
pub(crate) fn fmt_g(f: f64, p: usize) -> String {
    let a = f.abs();
    let e: i32 = if a < 0.1 {
        -2
    } else if a < 1.0 {
        -1
    } else if a < 10.0 {
        0
    } else if a < 100.0 {
        1
    } else if a < 1000.0 {
        2
    } else if a < 10000.0 {
        3
    } else {
        i32::MAX
    };
    let p = p as i64;
    let e64 = e as i64;
    if (p <= 1 && e == -1) || (e != i32::MAX && p - 1 > e64 && e >= -1) {
        fmt_f(f, (p - 1 - e64).max(0) as usize)
    } else if p <= 1 {
        fmt_e(f, 2)
    } else {
        fmt_e(f, p as usize)
    }
}

impl FloatOpts {
    /// The options list of `float_to_list/2`; None (badarg) for anything
    /// that is not `short`, `compact`, `{decimals, D}` or `{scientific, D}`
    /// with a non-negative integer D. Range limits are checked by
    /// [`float_to_list`].
    pub fn from_term(list: crate::term::Term) -> Option<FloatOpts> {
        use crate::term::atoms;
        let mut opts = FloatOpts::default();
        for o in list.list_to_vec()? {
            if let Some(a) = o.as_atom() {
                match a {
                    atoms::SHORT => opts.mode = FloatMode::Short,
                    atoms::COMPACT => opts.compact = true,
                    _ => return None,
                }
                continue;
            }
            let t = o.as_tuple().filter(|t| t.len() == 2)?;
            let n = u32::try_from(t[1].as_small()?).ok()?;
            opts.mode = match t[0].as_atom()? {
                atoms::DECIMALS => FloatMode::Decimals(n),
                atoms::SCIENTIFIC => FloatMode::Scientific(n),
                _ => return None,
            };
        }
        Some(opts)
    }
}
