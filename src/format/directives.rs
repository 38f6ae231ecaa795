//! `io_lib:format/2`: control sequences `~F.P.PadModC`.
//!
//! ```text
//! ~ [-] [F|*] [. [P|*] [. Pad|*]] [t|l]* C
//! ```
//! `F` is the field width (`-` or a negative `*` argument: left-adjusted),
//! `P` the precision, `Pad` the padding character (default space). What
//! they mean depends on `C`; the rules are OTP 25's, found by experiment:
//! a term too wide for its field prints as `*`s, a string is cut, a float
//! too wide prints as `*`s, `~p`'s width is the line length and its
//! precision the starting column. Any bad directive or argument makes the
//! whole call fail, as OTP raises `badarg`.

use super::float::{fmt_e, fmt_f, fmt_g};
use super::pretty::print;
use super::write::{integer_to_string, write};
use super::{chardata, BinChars, Encoding};
use crate::term::Term;
use num_bigint::BigInt;

/// The format string or its arguments are bad; the VM raises `badarg`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormatError;

type Res<T> = Result<T, FormatError>;

/// One parsed control sequence.
#[derive(Debug, Clone, Copy)]
struct Spec {
    width: Option<usize>,
    left: bool,
    prec: Option<usize>,
    pad: char,
    /// `t`: Unicode.
    unicode: bool,
    /// `l`: no string detection in `~p`.
    lists: bool,
    /// Whether `-` was written (not allowed for `~p`).
    minus: bool,
    ctl: char,
}

struct Args<'a> {
    args: &'a [Term],
    next: usize,
}

impl Args<'_> {
    fn take(&mut self) -> Res<Term> {
        let t = *self.args.get(self.next).ok_or(FormatError)?;
        self.next += 1;
        Ok(t)
    }
    fn take_int(&mut self) -> Res<i64> {
        self.take()?.to_i64().ok_or(FormatError)
    }
}

/// `io_lib:format(Format, Args)`.
pub fn format(fmt: &[char], args: &[Term]) -> Result<String, FormatError> {
    let mut out = String::new();
    let mut a = Args { args, next: 0 };
    let mut i = 0;
    while i < fmt.len() {
        let c = fmt[i];
        i += 1;
        if c != '~' {
            out.push(c);
            continue;
        }
        let spec = parse_spec(fmt, &mut i, &mut a)?;
        control(&mut out, &spec, &mut a)?;
    }
    if a.next != args.len() {
        return Err(FormatError);
    }
    Ok(out)
}

/// Widths and precisions above this are refused rather than attempted: the
/// text would not fit in memory (OTP would die trying to build it).
const MAX_FIELD: i64 = 1 << 24;

/// A field value: digits, `*` (an integer argument) or nothing.
fn field_value(fmt: &[char], i: &mut usize, a: &mut Args) -> Res<Option<i64>> {
    match fmt.get(*i) {
        Some('*') => {
            *i += 1;
            let v = a.take_int()?;
            if v.abs() > MAX_FIELD {
                return Err(FormatError);
            }
            Ok(Some(v))
        }
        Some(c) if c.is_ascii_digit() => {
            let mut v: i64 = 0;
            while let Some(c) = fmt.get(*i).filter(|c| c.is_ascii_digit()) {
                v = v.saturating_mul(10).saturating_add(c.to_digit(10).unwrap_or(0) as i64);
                *i += 1;
            }
            if v > MAX_FIELD {
                return Err(FormatError);
            }
            Ok(Some(v))
        }
        _ => Ok(None),
    }
}

fn parse_spec(fmt: &[char], i: &mut usize, a: &mut Args) -> Res<Spec> {
    let mut spec =
        Spec { width: None, left: false, prec: None, pad: ' ', unicode: false, lists: false, minus: false, ctl: '~' };
    if fmt.get(*i) == Some(&'-') {
        *i += 1;
        spec.minus = true;
        spec.left = true;
        // `~-` must be followed by a width.
        if !matches!(fmt.get(*i), Some('*') | Some('0'..='9')) {
            return Err(FormatError);
        }
    }
    if let Some(w) = field_value(fmt, i, a)? {
        if w < 0 {
            spec.left = true;
        }
        spec.width = Some(usize::try_from(w.unsigned_abs()).map_err(|_| FormatError)?);
    }
    if fmt.get(*i) == Some(&'.') {
        *i += 1;
        if let Some(p) = field_value(fmt, i, a)? {
            spec.prec = Some(usize::try_from(p).map_err(|_| FormatError)?);
        }
        if fmt.get(*i) == Some(&'.') {
            *i += 1;
            match fmt.get(*i) {
                Some('*') => {
                    *i += 1;
                    let p = a.take_int()?;
                    spec.pad = u32::try_from(p).ok().and_then(char::from_u32).ok_or(FormatError)?;
                }
                Some(&c) => {
                    *i += 1;
                    spec.pad = c;
                }
                None => return Err(FormatError),
            }
        }
    }
    loop {
        match fmt.get(*i) {
            Some('t') => spec.unicode = true,
            Some('l') => spec.lists = true,
            Some(&c) => {
                spec.ctl = c;
                *i += 1;
                return Ok(spec);
            }
            None => return Err(FormatError),
        }
        *i += 1;
    }
}

/// The column where the next character goes: characters since the last
/// newline, a tab advancing to the next multiple of 8.
fn current_column(out: &str) -> usize {
    let line = match out.rfind('\n') {
        Some(p) => &out[p + 1..],
        None => out,
    };
    line.chars().fold(0, |col, c| if c == '\t' { (col + 8) / 8 * 8 } else { col + 1 })
}

/// Write `text` in a field: too long for it gives `*`s, else padding.
fn term_field(out: &mut String, text: &str, spec: &Spec) {
    let (f, p) = match (spec.width, spec.prec) {
        (None, None) => {
            out.push_str(text);
            return;
        }
        (None, Some(p)) => (p, p),
        (Some(f), None) => (f, f),
        (Some(f), Some(p)) => (f, p.min(f)),
    };
    let len = text.chars().count();
    if len > p {
        adjust(out, &"*".repeat(p), f - p, spec);
    } else {
        adjust(out, text, f - len, spec);
    }
}

fn adjust(out: &mut String, text: &str, npad: usize, spec: &Spec) {
    let pad: String = std::iter::repeat_n(spec.pad, npad).collect();
    if spec.left {
        out.push_str(text);
        out.push_str(&pad);
    } else {
        out.push_str(&pad);
        out.push_str(text);
    }
}

fn enc(spec: &Spec) -> Encoding {
    if spec.unicode {
        Encoding::Unicode
    } else {
        Encoding::Latin1
    }
}

fn control(out: &mut String, spec: &Spec, a: &mut Args) -> Res<()> {
    match spec.ctl {
        'w' | 'W' => {
            let t = a.take()?;
            let d = if spec.ctl == 'W' { depth_arg(a)? } else { -1 };
            let mut s = String::new();
            write(&mut s, t, d, enc(spec));
            term_field(out, &s, spec);
        }
        'p' | 'P' => {
            let t = a.take()?;
            let d = if spec.ctl == 'P' { depth_arg(a)? } else { -1 };
            if spec.minus {
                return Err(FormatError);
            }
            let ll = spec.width.unwrap_or(80);
            // An explicit precision is OTP's 1-based column.
            let col = match spec.prec {
                Some(p) => p.max(1) - 1,
                None => current_column(out),
            };
            print(out, t, col, ll, d, enc(spec), !spec.lists);
        }
        's' => {
            let t = a.take()?;
            let mut chars = Vec::new();
            if let Some(at) = t.as_atom() {
                chars.extend(at.name().chars());
                if !spec.unicode && chars.iter().any(|&c| c as u32 > 255) {
                    return Err(FormatError);
                }
            } else {
                collect_chars(t, spec.unicode, &mut chars)?;
            }
            string_field(out, &chars, spec)?;
        }
        'c' => {
            let code = a.take_int()?;
            let code = if spec.unicode { code } else { code & 255 };
            let c = u32::try_from(code).ok().and_then(char::from_u32).ok_or(FormatError)?;
            let (f, p) = match (spec.width, spec.prec) {
                (None, None) => (1, 1),
                (None, Some(p)) => (p, p),
                (Some(f), None) => (f, f),
                (Some(f), Some(p)) if p <= f => (f, p),
                _ => return Err(FormatError),
            };
            let s: String = std::iter::repeat_n(c, p).collect();
            adjust(out, &s, f.saturating_sub(p), spec);
        }
        'e' | 'f' | 'g' => {
            let x = a.take()?.as_float().ok_or(FormatError)?;
            let p = spec.prec.unwrap_or(6);
            let s = match spec.ctl {
                'e' if p >= 2 => fmt_e(x, p),
                'f' if p >= 1 => fmt_f(x, p),
                'g' if p >= 1 => fmt_g(x, p),
                _ => return Err(FormatError),
            };
            term_field(out, &s, &Spec { prec: None, ..*spec });
        }
        'b' | 'B' | '#' | '+' | 'x' | 'X' => {
            let t = a.take()?;
            let v: BigInt = t.to_bigint().ok_or(FormatError)?;
            let base = spec.prec.unwrap_or(10);
            if !(2..=36).contains(&base) {
                return Err(FormatError);
            }
            let lower = matches!(spec.ctl, 'b' | 'x' | '+');
            let mut digits = integer_to_string(t, base as u32).ok_or(FormatError)?;
            if lower {
                digits = digits.to_lowercase();
            }
            let neg = v.sign() == num_bigint::Sign::Minus;
            let mag = if neg { &digits[1..] } else { &digits[..] };
            let sign = if neg { "-" } else { "" };
            let s = match spec.ctl {
                'x' | 'X' => {
                    let pt = a.take()?;
                    let mut prefix = Vec::new();
                    if let Some(at) = pt.as_atom() {
                        prefix.extend(at.name().chars());
                    } else {
                        collect_chars(pt, true, &mut prefix)?;
                    }
                    let prefix: String = prefix.into_iter().collect();
                    format!("{sign}{prefix}{mag}")
                }
                '#' | '+' => format!("{sign}{base}#{mag}"),
                _ => digits.clone(),
            };
            term_field(out, &s, &Spec { prec: None, ..*spec });
        }
        'i' => {
            a.take()?;
        }
        'n' => {
            let n = spec.width.unwrap_or(1);
            out.extend(std::iter::repeat_n('\n', n));
        }
        '~' => {
            let n = spec.width.unwrap_or(1);
            out.extend(std::iter::repeat_n('~', n));
        }
        _ => return Err(FormatError),
    }
    Ok(())
}

/// The depth argument of `~W`/`~P`: an integer, negative meaning unlimited.
fn depth_arg(a: &mut Args) -> Res<i64> {
    let d = a.take()?.as_small().ok_or(FormatError)?;
    Ok(if d < 0 { -1 } else { d })
}

/// Flatten a character list (deep, possibly with atoms? no: chars and
/// lists only) into `out`; Latin-1 unless `unicode`.
fn collect_chars(t: Term, unicode: bool, out: &mut Vec<char>) -> Res<()> {
    if !(t.is_list() || t.is_nil() || t.is_binary()) {
        return Err(FormatError);
    }
    let (bins, max) = if unicode { (BinChars::Utf8OrLatin1, 0x10ffff) } else { (BinChars::Latin1, 255) };
    out.extend(chardata(t, bins, max).ok_or(FormatError)?);
    Ok(())
}

/// `~s`: the precision cuts the string, the width pads (or cuts) it.
/// The text is cut or padded (after it) to the precision, then padded to
/// the width; a precision above the width is an error.
fn string_field(out: &mut String, chars: &[char], spec: &Spec) -> Res<()> {
    let (f, p) = match (spec.width, spec.prec) {
        (None, None) => {
            out.extend(chars);
            return Ok(());
        }
        (None, Some(p)) => (p, Some(p)),
        (Some(f), None) => (f, None),
        (Some(f), Some(p)) if p <= f => (f, Some(p)),
        _ => return Err(FormatError),
    };
    let mut shown: String = chars.iter().take(p.unwrap_or(f)).collect();
    if let Some(p) = p {
        let n = shown.chars().count();
        shown.extend(std::iter::repeat_n(spec.pad, p - n));
    }
    let n = shown.chars().count();
    adjust(out, &shown, f - n, spec);
    Ok(())
}
