//! Text forms of terms, as OTP 25 prints them: `~w` ([`write_term`]), `~p`
//! ([`print_term`]), floats ([`float_short`], [`float_to_list`]), integers
//! in any base ([`integer_to_string`]) and the whole of `io_lib:format/2`
//! ([`format`]).
//!
//! Every rule here was found by running the same call in OTP 25 and
//! comparing bytes; the tests carry OTP's output (`tests/format.rs`, and
//! thousands of random calls in `tests/data/format_oracle.txt`).
//! Characters are Rust `char`s: codes 0..=255 are Latin-1, larger codes
//! are Unicode.
//!
//! Known differences from OTP:
//! * maps print in the order their keys are stored; OTP prints maps of more
//!   than 32 keys in hash order, which girder does not reproduce;
//! * `~tc`/`~ts` with code points that are not Unicode scalar values
//!   (surrogates, above 0x10FFFF) are errors here; OTP passes them through;
//! * the pad character must be a character (OTP accepts any term from `*`);
//! * widths and precisions above 2^24 are errors;
//! * very deeply nested terms are printed recursively (the stack limits the
//!   nesting depth).

mod directives;
mod float;
mod pretty;
mod write;

pub use directives::{format, FormatError};
pub use float::{float_short, float_to_list, parse_float, FloatMode, FloatOpts};
pub use pretty::{print_shell, print_term};
pub use write::{integer_to_string, write_term};

use crate::term::{Subtag, Term};
use std::sync::OnceLock;

/// How pids, references and closures are shown. The VM registers a function
/// here once at start-up (it knows node names, lambda names and serials);
/// without one the printers fall back to placeholders.
pub static DESCRIBE: OnceLock<fn(Term) -> String> = OnceLock::new();

/// Text for a pid, reference or fun: the registered describer, or a
/// placeholder in OTP's shape.
pub(crate) fn describe(t: Term) -> String {
    match DESCRIBE.get() {
        Some(f) => f(t),
        None => describe_plain(t),
    }
}

/// `describe` without a registered describer (a fun shows as `#Fun<?>`).
pub fn describe_plain(t: Term) -> String {
    if t.is_pid() {
        return format!("<0.{}.0>", t.pid_serial());
    }
    match t.boxed_subtag() {
        Some(Subtag::Ref) => format!("#Ref<0.0.0.{}>", t.boxed_body()[0].0),
        // An export fun prints as OTP prints it: `fun m:f/1`.
        Some(Subtag::Export) => {
            let b = t.boxed_body();
            let (mut m, mut f) = (String::new(), String::new());
            write_term(&mut m, b[0], None);
            write_term(&mut f, b[1], None);
            format!("fun {m}:{f}/{}", b[2].small_value())
        }
        _ => "#Fun<?>".to_string(),
    }
}

/// How characters above 255 are shown in quoted atoms: `~w`/`~p` escape
/// them as `\x{...}`, `~tw`/`~tp` print them as they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Latin1,
    Unicode,
}

/// How the bytes of a binary inside character data become characters.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum BinChars {
    /// One character per byte (`~s`, format strings).
    Latin1,
    /// UTF-8; anything else is an error (`io:put_chars`).
    Utf8,
    /// UTF-8 when the bytes are UTF-8, else one character per byte (`~ts`).
    Utf8OrLatin1,
}

/// The characters of chardata: a deep list of character codes (at most
/// `max`) and binaries, or an atom, or None.
pub fn chardata(t: Term, bins: BinChars, max: u32) -> Option<Vec<char>> {
    if let Some(a) = t.as_atom() {
        return Some(a.name().chars().collect());
    }
    let mut out = Vec::new();
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        if t.is_nil() {
            continue;
        }
        if let Some((h, tl)) = t.as_cons() {
            stack.push(tl);
            match h.as_small() {
                Some(c) => {
                    let c = u32::try_from(c).ok().filter(|&c| c <= max)?;
                    out.push(char::from_u32(c)?);
                }
                None => stack.push(h),
            }
        } else {
            let b = t.binary_cow()?;
            match (bins, std::str::from_utf8(&b)) {
                (BinChars::Latin1, _) | (BinChars::Utf8OrLatin1, Err(_)) => out.extend(b.iter().map(|&c| c as char)),
                (_, Ok(s)) => out.extend(s.chars()),
                (BinChars::Utf8, Err(_)) => return None,
            }
        }
    }
    Some(out)
}
