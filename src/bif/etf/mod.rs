//! `term_to_binary/1,2` and `binary_to_term/1,2`: the External Term Format
//! OTP uses, so that girder and OTP read each other's terms.
//!
//! ```text
//!  131 Term                       a term (see encode.rs, decode.rs)
//!  131 80 Size:32 ZlibData        compressed: Size bytes of Term inflated
//! ```
//! Pids and references carry the node `nonode@nohost` and creation 0, as
//! OTP's do when not distributed. Closures round-trip within girder only
//! (see `encode::closure` for the format).

mod decode;
mod encode;

use super::binary::bytes_of;
use crate::heap::Alloc;
use crate::term::{Atom, Term};
use crate::vm::exception::{BifResult, Exception};
use crate::vm::process::Process;
use std::io::{Read, Write};

/// The tags of the format.
pub mod tag {
    pub const VERSION: u8 = 131;
    pub const NEW_FLOAT_EXT: u8 = 70;
    pub const BIT_BINARY_EXT: u8 = 77;
    pub const COMPRESSED: u8 = 80;
    pub const NEW_PID_EXT: u8 = 88;
    pub const NEWER_REFERENCE_EXT: u8 = 90;
    pub const SMALL_INTEGER_EXT: u8 = 97;
    pub const INTEGER_EXT: u8 = 98;
    pub const FLOAT_EXT: u8 = 99;
    pub const ATOM_EXT: u8 = 100;
    pub const REFERENCE_EXT: u8 = 101;
    pub const PID_EXT: u8 = 103;
    pub const SMALL_TUPLE_EXT: u8 = 104;
    pub const LARGE_TUPLE_EXT: u8 = 105;
    pub const NIL_EXT: u8 = 106;
    pub const STRING_EXT: u8 = 107;
    pub const LIST_EXT: u8 = 108;
    pub const BINARY_EXT: u8 = 109;
    pub const SMALL_BIG_EXT: u8 = 110;
    pub const LARGE_BIG_EXT: u8 = 111;
    pub const NEW_FUN_EXT: u8 = 112;
    pub const EXPORT_EXT: u8 = 113;
    pub const NEW_REFERENCE_EXT: u8 = 114;
    pub const SMALL_ATOM_EXT: u8 = 115;
    pub const MAP_EXT: u8 = 116;
    pub const ATOM_UTF8_EXT: u8 = 118;
    pub const SMALL_ATOM_UTF8_EXT: u8 = 119;
}

/// zlib's default level, which `compressed` means.
const DEFAULT_LEVEL: u32 = 6;

/// The encoding of `t` with the version byte, compressed at `level` when
/// given and when that is shorter (as OTP does).
pub fn to_bytes(t: Term, opts: encode::EncodeOpts, level: Option<u32>) -> Vec<u8> {
    let mut out = vec![tag::VERSION];
    encode::encode(t, opts, &mut out);
    match level {
        Some(level) if level > 0 => {
            let body = &out[1..];
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(level));
            z.write_all(body).expect("writing to a Vec");
            let packed = z.finish().expect("writing to a Vec");
            if 6 + packed.len() < out.len() {
                let mut c = vec![tag::VERSION, tag::COMPRESSED];
                c.extend_from_slice(&(body.len() as u32).to_be_bytes());
                c.extend_from_slice(&packed);
                return c;
            }
            out
        }
        _ => out,
    }
}

pub fn term_to_binary1(p: &mut Process, a: &[Term]) -> BifResult {
    let v = to_bytes(a[0], encode::EncodeOpts::default(), None);
    Ok(p.heap.binary(&v))
}

pub fn term_to_binary2(p: &mut Process, a: &[Term]) -> BifResult {
    let mut opts = encode::EncodeOpts::default();
    let mut level = None;
    let list = a[1].list_to_vec().ok_or_else(Exception::badarg)?;
    for o in list {
        if let Some(name) = o.as_atom() {
            match name.name() {
                "compressed" => level = Some(DEFAULT_LEVEL),
                "deterministic" => {}
                _ => return Err(Exception::badarg()),
            }
            continue;
        }
        match o.as_tuple() {
            Some([k, v]) if k.as_atom() == Some(Atom::intern("compressed")) => match v.as_small() {
                Some(n @ 0..=9) => level = Some(n as u32),
                _ => return Err(Exception::badarg()),
            },
            Some([k, v]) if k.as_atom() == Some(Atom::intern("minor_version")) => match v.as_small() {
                Some(n @ 0..=2) => opts.minor_version = n as u8,
                _ => return Err(Exception::badarg()),
            },
            _ => return Err(Exception::badarg()),
        }
    }
    let v = to_bytes(a[0], opts, level);
    Ok(p.heap.binary(&v))
}

/// Decode `bytes` (version byte first); with the number of bytes read.
pub(crate) fn from_bytes<A: Alloc>(heap: &mut A, bytes: &[u8], safe: bool) -> Result<(Term, usize), ()> {
    if bytes.len() < 2 || bytes[0] != tag::VERSION {
        return Err(());
    }
    if bytes[1] == tag::COMPRESSED {
        let size = u32::from_be_bytes(bytes.get(2..6).ok_or(())?.try_into().expect("4 bytes")) as usize;
        let mut z = flate2::bufread::ZlibDecoder::new(&bytes[6..]);
        // Read at most one byte past the stated size: more is malformed,
        // and must not be inflated without bound.
        let mut body = Vec::new();
        (&mut z).take(size as u64 + 1).read_to_end(&mut body).map_err(|_| ())?;
        if body.len() != size {
            return Err(());
        }
        let used = 6 + z.total_in() as usize;
        let mut r = decode::Reader::new(&body, safe);
        let t = r.term(heap)?;
        if r.pos() != size {
            return Err(());
        }
        return Ok((t, used));
    }
    let mut r = decode::Reader::new(&bytes[1..], safe);
    let t = r.term(heap)?;
    Ok((t, 1 + r.pos()))
}

pub fn binary_to_term1(p: &mut Process, a: &[Term]) -> BifResult {
    let b = bytes_of(a[0])?;
    let (t, _) = from_bytes(&mut p.heap, &b, false).map_err(|_| Exception::badarg())?;
    Ok(t)
}

pub fn binary_to_term2(p: &mut Process, a: &[Term]) -> BifResult {
    let b = bytes_of(a[0])?;
    let (mut safe, mut used) = (false, false);
    for o in a[1].list_to_vec().ok_or_else(Exception::badarg)? {
        match o.as_atom().map(|x| x.name()) {
            Some("safe") => safe = true,
            Some("used") => used = true,
            _ => return Err(Exception::badarg()),
        }
    }
    let (t, n) = from_bytes(&mut p.heap, &b, safe).map_err(|_| Exception::badarg())?;
    if used {
        return Ok(p.heap.tuple(&[t, Term::small(n as i64)]));
    }
    Ok(t)
}
