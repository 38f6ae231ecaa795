//! `~w`: the flat text of a term (`io_lib:write/1,2`), atom quoting, string
//! escapes and integers in any base.
//!
//! Depth limits (`~W`) follow OTP: depth 0 prints `...`; a list, tuple or map
//! at depth 1 prints as `[...]`, `{...}`, `#{...}`; otherwise element `i`
//! (0-based) gets depth `D - 1 - i`, and where that reaches 1 the rest is
//! replaced by `|...` (lists) or `,...` (tuples and maps):
//!
//! ```text
//! ~W of [1,2,3,4,5] with depth 3  =>  [1,2|...]
//! ~W of {1,2,3,4,5} with depth 3  =>  {1,2,...}
//! ```

use super::{describe, float::float_short, Encoding};
use crate::term::binary::Bits;
use crate::term::{Subtag, Term};
use num_bigint::BigInt;

/// `~w`: the term as `io:format("~w", [T])` prints it; `depth` is `~W`'s
/// limit (None: unlimited).
pub fn write_term(out: &mut String, t: Term, depth: Option<usize>) {
    let d = depth.map_or(-1, |d| d.min(i64::MAX as usize) as i64);
    write(out, t, d, Encoding::Latin1);
}

/// `io_lib:write(T, D)` with an encoding; a negative depth is unlimited.
pub(crate) fn write(out: &mut String, t: Term, d: i64, enc: Encoding) {
    if d == 0 {
        out.push_str("...");
        return;
    }
    if let Some(a) = t.as_atom() {
        write_atom(out, a.name(), enc);
    } else if t.is_nil() {
        out.push_str("[]");
    } else if t.is_list() {
        if d == 1 {
            out.push_str("[...]");
            return;
        }
        write_list(out, t, d, enc);
    } else if let Some(elems) = t.as_tuple() {
        if elems.is_empty() {
            out.push_str("{}");
        } else if d == 1 {
            out.push_str("{...}");
        } else {
            out.push('{');
            write_seq(out, elems, d, |out, e, d| write(out, *e, d, enc));
            out.push('}');
        }
    } else if let Some(bits) = t.bits() {
        write_bitstring(out, bits, d);
    } else if t.is_map() {
        let (keys, values) = t.map_parts();
        // Unlike ~P, ~W prints a map at depth 1 as `#{}`.
        if keys.is_empty() || d == 1 {
            out.push_str("#{}");
        } else {
            // Unlike lists and tuples, every shown pair gets depth d - 1.
            out.push_str("#{");
            // `,...` follows once d - 1 pairs are shown, even if none are
            // left out (~P differs).
            for (i, (k, v)) in keys.iter().zip(values).enumerate() {
                if d > 0 && i as i64 == d - 1 {
                    break;
                }
                if i > 0 {
                    out.push(',');
                }
                write(out, *k, d - 1, enc);
                out.push_str(" => ");
                write(out, *v, d - 1, enc);
            }
            if d > 0 && keys.len() as i64 >= d - 1 {
                out.push_str(",...");
            }
            out.push('}');
        }
    } else {
        write_atomic(out, t, enc);
    }
}

/// A bitstring as `io_lib:write` shows it: `<<1,2,3>>`, with a last
/// partial byte as `Value:Bits` (`<<1,2:3>>`); at depth `d` only `d - 1`
/// elements are shown, then `...`.
pub(crate) fn write_bitstring(out: &mut String, bits: Bits, d: i64) {
    let whole = bits.len / 8;
    let rest = bits.len % 8;
    let n = whole + (rest > 0) as usize;
    let shown = if d < 0 { n } else { n.min((d - 1).max(0) as usize) };
    out.push_str("<<");
    for i in 0..shown {
        if i > 0 {
            out.push(',');
        }
        if i < whole {
            out.push_str(&bits.read_bits(8 * i, 8).to_string());
        } else {
            out.push_str(&format!("{}:{rest}", bits.read_bits(8 * i, rest)));
        }
    }
    if shown < n {
        if shown > 0 {
            out.push(',');
        }
        out.push_str("...");
    }
    out.push_str(">>");
}

/// Elements of a tuple: element `i` at depth `d - 1 - i`, `,...` where the
/// depth runs out.
fn write_seq<E>(out: &mut String, elems: &[E], d: i64, f: impl Fn(&mut String, &E, i64)) {
    let mut d = d - 1;
    for (i, e) in elems.iter().enumerate() {
        if i > 0 {
            if d == 1 {
                out.push_str(",...");
                return;
            }
            out.push(',');
            d -= 1;
        }
        f(out, e, d);
    }
}

fn write_list(out: &mut String, t: Term, d: i64, enc: Encoding) {
    out.push('[');
    let (h, mut tail) = t.cons_parts();
    let mut d = d - 1;
    write(out, h, d, enc);
    loop {
        if tail.is_nil() {
            break;
        }
        if d == 1 {
            out.push_str("|...");
            break;
        }
        if let Some((h, t)) = tail.as_cons() {
            out.push(',');
            write(out, h, d - 1, enc);
            tail = t;
            d -= 1;
        } else {
            out.push('|');
            write(out, tail, d - 1, enc);
            break;
        }
    }
    out.push(']');
}

/// Terms that are never broken or depth-limited: numbers, atoms, pids,
/// references, funs.
pub(crate) fn write_atomic(out: &mut String, t: Term, enc: Encoding) {
    if let Some(i) = t.as_small() {
        out.push_str(&i.to_string());
    } else if let Some(a) = t.as_atom() {
        write_atom(out, a.name(), enc);
    } else if t.is_nil() {
        out.push_str("[]");
    } else if t.is_pid() {
        out.push_str(&describe(t));
    } else if !t.is_boxed() {
        // NON_VALUE or a header word: never a real term; print something.
        out.push_str("<unknown>");
    } else {
        match t.boxed_subtag() {
            Some(Subtag::Float) => out.push_str(&float_short(t.float_value())),
            Some(Subtag::PosBig | Subtag::NegBig) => {
                if let Some(b) = t.to_bigint() {
                    out.push_str(&b.to_string());
                }
            }
            Some(Subtag::Export) => {
                let b = t.boxed_body();
                match (b[0].as_atom(), b[1].as_atom(), b[2].as_small()) {
                    (Some(m), Some(f), Some(a)) => {
                        out.push_str("fun ");
                        write_atom(out, m.name(), enc);
                        out.push(':');
                        write_atom(out, f.name(), enc);
                        out.push('/');
                        out.push_str(&a.to_string());
                    }
                    _ => out.push_str(&describe(t)),
                }
            }
            Some(Subtag::Fun | Subtag::Ref) => out.push_str(&describe(t)),
            // Compound terms reach here only through a caller's mistake;
            // print them in full rather than fail.
            _ => write(out, t, -1, enc),
        }
    }
}

/// Words that are always quoted as atoms (OTP 25's reserved words; `maybe`
/// and `else` only became reserved with the `maybe_expr` feature).
const RESERVED: &[&str] = &[
    "after", "and", "andalso", "band", "begin", "bnot", "bor", "bsl", "bsr", "bxor", "case", "catch", "cond", "div",
    "end", "fun", "if", "let", "not", "of", "or", "orelse", "receive", "rem", "try", "when", "xor",
];

/// Latin-1 lowercase letters, as the Erlang scanner classifies them.
fn is_lower(c: char) -> bool {
    c.is_ascii_lowercase() || (('\u{df}'..='\u{ff}').contains(&c) && c != '\u{f7}')
}

/// Characters allowed after the first in an unquoted atom.
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || c == '_'
        || c == '@'
        || (('\u{c0}'..='\u{ff}').contains(&c) && c != '\u{d7}' && c != '\u{f7}')
}

/// Whether an atom prints without quotes.
pub(crate) fn atom_is_bare(name: &str) -> bool {
    let mut cs = name.chars();
    match cs.next() {
        Some(c) if is_lower(c) => {}
        _ => return false,
    }
    cs.all(is_name_char) && !RESERVED.contains(&name)
}

/// An atom, quoted when needed.
pub(crate) fn write_atom(out: &mut String, name: &str, enc: Encoding) {
    if atom_is_bare(name) {
        out.push_str(name);
        return;
    }
    out.push('\'');
    for c in name.chars() {
        write_char_escaped(out, c, '\'', enc);
    }
    out.push('\'');
}

/// One character inside a quoted atom or string literal.
pub(crate) fn write_char_escaped(out: &mut String, c: char, quote: char, enc: Encoding) {
    let code = c as u32;
    match c {
        _ if c == quote => {
            out.push('\\');
            out.push(c);
        }
        '\\' => out.push_str("\\\\"),
        '\u{8}' => out.push_str("\\b"),
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\u{b}' => out.push_str("\\v"),
        '\u{c}' => out.push_str("\\f"),
        '\r' => out.push_str("\\r"),
        '\u{1b}' => out.push_str("\\e"),
        '\u{7f}' => out.push_str("\\d"),
        _ if code < 32 || (128..160).contains(&code) => {
            out.push_str(&format!("\\{code:03o}"));
        }
        _ if code > 255 && enc == Encoding::Latin1 => {
            out.push_str(&format!("\\x{{{code:X}}}"));
        }
        _ => out.push(c),
    }
}

/// A string literal `"..."` (the characters were found printable).
pub(crate) fn write_string(out: &mut String, chars: &[char], enc: Encoding) {
    out.push('"');
    for &c in chars {
        write_char_escaped(out, c, '"', enc);
    }
    out.push('"');
}

/// Characters `~p` shows inside a string under OTP's default `+pc latin1`.
pub(crate) fn is_printable_latin1(code: i64) -> bool {
    matches!(code, 32..=126 | 160..=255 | 8..=13 | 27)
}

/// The characters of a proper, non-empty list of printable Latin-1 codes.
pub(crate) fn printable_chars(t: Term) -> Option<Vec<char>> {
    if !t.is_list() {
        return None;
    }
    let mut v = Vec::new();
    let mut it = t.iter_list();
    for e in &mut it {
        let c = e.as_small().filter(|&c| is_printable_latin1(c))?;
        v.push(char::from(c as u8));
    }
    if it.rest().is_nil() {
        Some(v)
    } else {
        None
    }
}

/// `integer_to_list(I, Base)`: digits above 9 are uppercase letters.
/// None for a non-integer or a base outside 2..=36.
pub fn integer_to_string(t: Term, base: u32) -> Option<String> {
    if !(2..=36).contains(&base) {
        return None;
    }
    if let Some(i) = t.as_small() {
        return Some(radix_i64(i, base));
    }
    let b: BigInt = t.to_bigint()?;
    Some(b.to_str_radix(base).to_uppercase())
}

fn radix_i64(i: i64, base: u32) -> String {
    let mut n = i.unsigned_abs();
    let mut digits = Vec::new();
    loop {
        let d = (n % base as u64) as u32;
        digits.push(std::char::from_digit(d, base).unwrap_or('?').to_ascii_uppercase());
        n /= base as u64;
        if n == 0 {
            break;
        }
    }
    if i < 0 {
        digits.push('-');
    }
    digits.iter().rev().collect()
}
