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
pub use pretty::print_term;
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
