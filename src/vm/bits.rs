//! The bit syntax at run time: building a bitstring from segments
//! (`BsBuild`) and taking segments out of one (`BsGet`, `BsSkip`,
//! `BsMatchLit`). The compiler uses the same writer to fold constant
//! binaries into module literals, so both agree bit for bit.
//!
//! Bit order is big-endian throughout: bit 0 is the most significant bit
//! of the first byte. A little-endian segment of N bits puts the value's
//! bytes least significant first; when N is not a multiple of 8 the last
//! chunk holds the N % 8 most significant bits (`<<16#abc:12/little>>` is
//! `<<16#bc, 16#a:4>>`), as on BEAM.

use crate::code::instr::{BuildSeg, SegSpec, SegType};
use crate::heap::Alloc;
use crate::term::binary::{self, heap_bin_words, Bits, APPEND_MIN_CAP, HEAP_BIN_MAX, REFC_ARITY};
use crate::term::Term;
use num_bigint::{BigInt, BigUint};
use num_integer::Integer;

/// Bitstrings longer than this many bits raise `system_limit`, as a size
/// that cannot be allocated does on BEAM (2^32 bytes).
const MAX_BITS: usize = 1 << 35;

/// Why a construction failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuildError {
    Badarg,
    SystemLimit,
}

/// A bitstring under construction.
#[derive(Default)]
pub struct Writer {
    pub buf: Vec<u8>,
    /// Length in bits (the last byte of `buf` may be partly used).
    pub bits: usize,
}

fn mask(n: usize) -> u64 {
    if n >= 64 {
        u64::MAX
    } else {
        (1u64 << n) - 1
    }
}

impl Writer {
    pub fn with_capacity(bits: usize) -> Writer {
        Writer { buf: Vec::with_capacity(bits.div_ceil(8)), bits: 0 }
    }

    /// The low `n` bits of `v` (n <= 64), most significant first.
    pub fn put_u64(&mut self, v: u64, n: usize) {
        debug_assert!(n <= 64);
        if self.bits.is_multiple_of(8) && n.is_multiple_of(8) {
            let bytes = v.to_be_bytes();
            self.buf.extend_from_slice(&bytes[8 - n / 8..]);
            self.bits += n;
            return;
        }
        let mut left = n;
        while left > 0 {
            let off = self.bits % 8;
            if off == 0 {
                self.buf.push(0);
            }
            let free = 8 - off;
            let take = free.min(left);
            let chunk = ((v >> (left - take)) & mask(take)) as u8;
            *self.buf.last_mut().expect("a byte was pushed") |= chunk << (free - take);
            self.bits += take;
            left -= take;
        }
    }

    /// The low `n` bits of `v` (n <= 64), little-endian.
    pub fn put_le(&mut self, v: u64, n: usize) {
        let full = n / 8;
        for i in 0..full {
            self.put_u64((v >> (8 * i)) & 0xff, 8);
        }
        if !n.is_multiple_of(8) {
            self.put_u64((v >> (8 * full)) & mask(n % 8), n % 8);
        }
    }

    /// The first `n` bits of `b`.
    pub fn put_bits(&mut self, b: &Bits, n: usize) {
        debug_assert!(n <= b.len);
        if self.bits.is_multiple_of(8) && b.offset.is_multiple_of(8) {
            let s = b.offset / 8;
            self.buf.extend_from_slice(&b.data[s..s + n / 8]);
            self.bits += n / 8 * 8;
            if !n.is_multiple_of(8) {
                let last = b.data[s + n / 8] >> (8 - n % 8);
                self.put_u64(last as u64, n % 8);
            }
            return;
        }
        let mut at = 0;
        while at < n {
            let k = (n - at).min(56);
            self.put_u64(read_u64(b.data, b.offset + at, k), k);
            at += k;
        }
    }

    /// `v` modulo 2^n, as n bits.
    pub fn put_big(&mut self, v: &BigInt, n: usize, little: bool) {
        let m = v.mod_floor(&(BigInt::from(1) << n));
        let mut bytes = m.magnitude().to_bytes_le();
        bytes.resize(n.div_ceil(8), 0);
        let (full, rem) = (n / 8, n % 8);
        if little {
            for &b in &bytes[..full] {
                self.put_u64(b as u64, 8);
            }
            if rem != 0 {
                self.put_u64(bytes[full] as u64, rem);
            }
        } else {
            if rem != 0 {
                self.put_u64(bytes[full] as u64, rem);
            }
            for &b in bytes[..full].iter().rev() {
                self.put_u64(b as u64, 8);
            }
        }
    }

    /// The writer's bits as a term.
    pub fn finish<A: Alloc>(&self, a: &mut A) -> Term {
        a.bitstring(&self.buf, self.bits)
    }
}

/// Heap words that a bitstring of `bits` bits takes (a SubBin over it too
/// when it is not a whole number of bytes).
pub fn bitstring_words(bits: usize) -> usize {
    let bytes = bits.div_ceil(8);
    let bin = if bytes <= HEAP_BIN_MAX { heap_bin_words(bytes) } else { 1 + REFC_ARITY };
    bin + if !bits.is_multiple_of(8) { 4 } else { 0 }
}

/// Up to 64 bits of `data` from bit `off`, as a big-endian number.
#[inline]
pub fn read_u64(data: &[u8], off: usize, n: usize) -> u64 {
    debug_assert!(n <= 64);
    if n == 0 {
        return 0;
    }
    let start = off / 8;
    let end = (off + n).div_ceil(8);
    let mut acc: u128 = 0;
    for &b in &data[start..end] {
        acc = (acc << 8) | b as u128;
    }
    let shift = (end - start) * 8 - off % 8 - n;
    ((acc >> shift) as u64) & mask(n)
}

/// Up to 64 bits from bit `off`, little-endian (see the module header).
fn read_le(data: &[u8], off: usize, n: usize) -> u64 {
    let full = n / 8;
    let mut v = 0u64;
    for i in 0..full {
        v |= read_u64(data, off + 8 * i, 8) << (8 * i);
    }
    if !n.is_multiple_of(8) {
        v |= read_u64(data, off + 8 * full, n % 8) << (8 * full);
    }
    v
}

// ---- floats ---------------------------------------------------------------

/// The nearest half-precision float (ties to even; too large: infinity).
pub fn f64_to_f16(x: f64) -> u16 {
    let bits = x.to_bits();
    let sign = ((bits >> 48) & 0x8000) as u16;
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mant = bits & ((1u64 << 52) - 1);
    if exp == 0x7ff {
        return sign | 0x7c00 | if mant != 0 { 0x200 } else { 0 };
    }
    let e = exp - 1023 + 15;
    if e >= 0x1f {
        return sign | 0x7c00;
    }
    let round = |v: u64, shift: u32| -> u64 {
        let kept = v >> shift;
        let rest = v & ((1u64 << shift) - 1);
        let half = 1u64 << (shift - 1);
        if rest > half || (rest == half && kept & 1 == 1) {
            kept + 1
        } else {
            kept
        }
    };
    if e <= 0 {
        // Subnormal (or zero): in units of 2^-24.
        if e < -10 {
            return sign;
        }
        let m = mant | (1u64 << 52);
        return sign | round(m, (43 - e) as u32) as u16;
    }
    // A carry out of the mantissa rounds up into the exponent (to
    // infinity at the top), which is what the encoding wants.
    sign | round(((e as u64) << 52) | mant, 42) as u16
}

pub fn f16_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = ((h >> 10) & 0x1f) as i32;
    let mant = (h & 0x3ff) as f64;
    sign * match exp {
        0 => mant * 2f64.powi(-24),
        0x1f if mant == 0.0 => f64::INFINITY,
        0x1f => f64::NAN,
        _ => (1.0 + mant / 1024.0) * 2f64.powi(exp - 15),
    }
}

// ---- construction -----------------------------------------------------------

fn code_point(v: Term) -> Option<u32> {
    let c = v.as_small()?;
    if (0..=0x10ffff).contains(&c) && !(0xd800..=0xdfff).contains(&c) {
        Some(c as u32)
    } else {
        None
    }
}

fn utf8_len(c: u32) -> usize {
    match c {
        0..=0x7f => 1,
        0x80..=0x7ff => 2,
        0x800..=0xffff => 3,
        _ => 4,
    }
}

/// A segment's size operand as a bit count: a non-negative integer times
/// the unit.
fn sized(size: Term, unit: u16) -> Result<usize, BuildError> {
    match size.as_small() {
        Some(n) if n >= 0 => (n as usize).checked_mul(unit as usize).ok_or(BuildError::SystemLimit),
        Some(_) => Err(BuildError::Badarg),
        None if size.is_bignum() && size.to_bigint().is_some_and(|b| b.sign() == num_bigint::Sign::Plus) => {
            Err(BuildError::SystemLimit)
        }
        None => Err(BuildError::Badarg),
    }
}

/// The number of bits segment `spec` takes with this value and size, or
/// why it cannot be built.
pub fn seg_bits(spec: SegSpec, value: Term, size: Option<Term>) -> Result<usize, BuildError> {
    use BuildError::Badarg;
    match spec.ty {
        SegType::Integer => {
            let n = sized(size.ok_or(Badarg)?, spec.unit)?;
            if !value.is_integer() {
                return Err(Badarg);
            }
            Ok(n)
        }
        SegType::Float => {
            let n = sized(size.ok_or(Badarg)?, spec.unit)?;
            if !matches!(n, 16 | 32 | 64) || !value.is_number() {
                return Err(Badarg);
            }
            match value.to_f64() {
                Some(f) if f.is_finite() => Ok(n),
                _ => Err(Badarg),
            }
        }
        SegType::Binary => {
            let b = value.bits().ok_or(Badarg)?;
            match size {
                None => {
                    if !b.len.is_multiple_of(spec.unit as usize) {
                        return Err(Badarg);
                    }
                    Ok(b.len)
                }
                Some(s) => {
                    let n = sized(s, spec.unit)?;
                    if n > b.len {
                        return Err(Badarg);
                    }
                    Ok(n)
                }
            }
        }
        SegType::Utf8 => Ok(8 * utf8_len(code_point(value).ok_or(Badarg)?)),
        SegType::Utf16 => Ok(if code_point(value).ok_or(Badarg)? >= 0x10000 { 32 } else { 16 }),
        SegType::Utf32 => {
            code_point(value).ok_or(Badarg)?;
            Ok(32)
        }
    }
}

/// Write a segment whose size `seg_bits` computed (so its value is valid).
pub fn write_seg(w: &mut Writer, spec: SegSpec, value: Term, bits: usize) {
    match spec.ty {
        SegType::Integer => match value.as_small() {
            Some(i) if bits <= 64 => {
                if spec.little {
                    w.put_le(i as u64, bits)
                } else {
                    w.put_u64(i as u64 & mask(bits), bits)
                }
            }
            _ => {
                let big = value.to_bigint().expect("an integer");
                w.put_big(&big, bits, spec.little)
            }
        },
        SegType::Float => {
            let f = value.to_f64().expect("a number");
            let raw = match bits {
                16 => f64_to_f16(f) as u64,
                32 => (f as f32).to_bits() as u64,
                _ => f.to_bits(),
            };
            if spec.little {
                w.put_le(raw, bits)
            } else {
                w.put_u64(raw, bits)
            }
        }
        SegType::Binary => {
            let b = value.bits().expect("a bitstring");
            w.put_bits(&b, bits)
        }
        SegType::Utf8 => {
            let c = char::from_u32(value.small_value() as u32).expect("a code point");
            let mut tmp = [0u8; 4];
            for b in c.encode_utf8(&mut tmp).bytes() {
                w.put_u64(b as u64, 8);
            }
        }
        SegType::Utf16 => {
            let c = char::from_u32(value.small_value() as u32).expect("a code point");
            let mut tmp = [0u16; 2];
            for u in c.encode_utf16(&mut tmp).iter() {
                if spec.little {
                    w.put_le(*u as u64, 16)
                } else {
                    w.put_u64(*u as u64, 16)
                }
            }
        }
        SegType::Utf32 => {
            let c = value.small_value() as u64;
            if spec.little {
                w.put_le(c, 32)
            } else {
                w.put_u64(c, 32)
            }
        }
    }
}

/// Build `<<Segs>>` from the segments' values and sizes: the total size
/// first (so the caller can make room), then the bits.
pub fn build_size(segs: &[BuildSeg], vals: &[(Term, Option<Term>)]) -> Result<usize, BuildError> {
    let mut total: usize = 0;
    for (seg, (v, s)) in segs.iter().zip(vals) {
        total = total.checked_add(seg_bits(seg.spec, *v, *s)?).ok_or(BuildError::SystemLimit)?;
        if total > MAX_BITS {
            return Err(BuildError::SystemLimit);
        }
    }
    Ok(total)
}

/// Write the segments (validated by `build_size`, which returned `total`).
pub fn build_write(w: &mut Writer, segs: &[BuildSeg], vals: &[(Term, Option<Term>)]) {
    for (seg, (v, s)) in segs.iter().zip(vals) {
        let n = seg_bits(seg.spec, *v, *s).expect("validated by build_size");
        write_seg(w, seg.spec, *v, n);
    }
}

// ---- appending ------------------------------------------------------------

/// Whether a construction is an append, `<<Acc/bitstring, More...>>`: its
/// first segment is a whole bitstring (no size) and more segments follow.
/// Those build with [`build_append`].
#[inline]
pub fn is_append(segs: &[BuildSeg]) -> bool {
    segs.len() >= 2 && segs[0].spec.ty == SegType::Binary && segs[0].size.is_none()
}

/// Heap words [`build_append`] may take: a RefcBin and a SubBin over it.
pub const APPEND_WORDS: usize = 1 + REFC_ARITY + 4;

/// Build an append (see `is_append`; validated by `build_size`, which
/// returned `total`): in the spare room of the accumulator's buffer when
/// that is safe (`binary::append_in_place`), else into a fresh writable
/// buffer with room to grow, so that a loop of appends copies each byte a
/// bounded number of times. The result is always a SubBin over a writable
/// RefcBin.
pub fn build_append<A: Alloc>(a: &mut A, segs: &[BuildSeg], vals: &[(Term, Option<Term>)], total: usize) -> Term {
    let acc = vals[0].0;
    let (orig, base) = acc.bin_origin().expect("validated by build_size");
    let acc_bits = acc.bits().expect("validated by build_size");
    let more = total - acc_bits.len;
    // In place only where the accumulator ends on a byte boundary.
    if (base + acc_bits.len).is_multiple_of(8) {
        let mut w = Writer::with_capacity(more);
        build_write(&mut w, &segs[1..], &vals[1..]);
        if binary::append_in_place(orig, base, acc_bits.len, &w.buf, w.bits) {
            return a.sub_binary_raw(orig, base, total);
        }
    }
    let cap = (2 * total.div_ceil(8)).max(APPEND_MIN_CAP);
    let mut w = Writer { buf: Vec::with_capacity(cap), bits: 0 };
    build_write(&mut w, segs, vals);
    a.appendable(w.buf, total)
}

// ---- matching -------------------------------------------------------------

/// The bitstring a match walks, resolved once: `BsStart` makes it and the
/// segment instructions that follow reuse it while their source is the
/// same term and no collection has run since (`epoch` is the heap's
/// collection count: a collection moves heap binaries and may reuse the
/// addresses). `BsStart` always makes a fresh one, so a stale view can
/// only be missed, never used.
#[derive(Clone, Copy)]
pub struct MatchView {
    pub src: Term,
    pub epoch: u64,
    /// The HeapBin or RefcBin that `bits` lies in.
    pub orig: Term,
    pub bits: Bits,
}

impl MatchView {
    /// A view that matches no term.
    pub const EMPTY: MatchView = MatchView {
        src: Term::NON_VALUE,
        epoch: u64::MAX,
        orig: Term::NIL,
        bits: Bits { data: &[], offset: 0, len: 0 },
    };

    #[inline]
    pub fn of(src: Term, epoch: u64) -> Option<MatchView> {
        let (orig, bits) = src.bin_view()?;
        Some(MatchView { src, epoch, orig, bits })
    }
}

/// What a fast path made of a segment.
pub enum Got {
    /// The value and the segment's length in bits.
    Value(Term, usize),
    /// The bits there do not match.
    NoMatch,
    /// Not a case the fast path takes: use `get_plan` and `get_value`.
    Slow,
}

/// An integer segment of at most 56 bits, which is a small integer
/// whatever its sign and needs no heap: most integer segments.
#[inline]
pub fn get_small_int(b: &Bits, pos: usize, spec: SegSpec, size: Option<Term>) -> Got {
    let Some(sz) = size else { return Got::Slow };
    if !sz.is_small() {
        return Got::Slow;
    }
    let n = sz.small_value();
    if !(0..=56).contains(&n) {
        return Got::Slow;
    }
    let n = n as usize * spec.unit as usize;
    if n > 56 {
        return Got::Slow;
    }
    if b.len < pos || b.len - pos < n {
        return Got::NoMatch;
    }
    let start = b.offset + pos;
    let raw = if spec.little {
        read_le(b.data, start, n)
    } else if start.is_multiple_of(8) {
        let i = start / 8;
        match n {
            8 => b.data[i] as u64,
            16 => u16::from_be_bytes([b.data[i], b.data[i + 1]]) as u64,
            32 => u32::from_be_bytes([b.data[i], b.data[i + 1], b.data[i + 2], b.data[i + 3]]) as u64,
            _ => read_u64(b.data, start, n),
        }
    } else {
        read_u64(b.data, start, n)
    };
    let v = if spec.signed && n > 0 && (raw >> (n - 1)) & 1 == 1 { raw as i64 - (1i64 << n) } else { raw as i64 };
    Got::Value(Term::small(v), n)
}

/// The length in bits of a binary segment at `pos` (`size` None: the
/// rest), or None when it does not match there.
#[inline]
pub fn binary_seg_bits(b: &Bits, pos: usize, unit: u16, size: Option<Term>) -> Option<usize> {
    let avail = b.len.checked_sub(pos)?;
    match size {
        None => avail.is_multiple_of(unit as usize).then_some(avail),
        Some(s) => {
            let n = s.as_small()?;
            if n < 0 {
                return None;
            }
            let n = (n as usize).checked_mul(unit as usize)?;
            (n <= avail).then_some(n)
        }
    }
}

/// The bits `pos .. pos + n` of the view as a term: its origin itself when
/// that is all of it, else a SubBin (4 words, which the caller made room
/// for after making `v`).
#[inline]
pub fn view_slice<A: Alloc>(a: &mut A, v: &MatchView, pos: usize, n: usize) -> Term {
    let off = v.bits.offset + pos;
    if off == 0 && n == 8 * v.bits.data.len() && !crate::term::binary::is_writable(v.orig) {
        v.orig
    } else {
        a.sub_binary_raw(v.orig, off, n)
    }
}

/// A code point encoded in UTF-8 at bit `pos`, and its length in bits.
fn utf8_at(b: &Bits, pos: usize) -> Option<(u32, usize)> {
    let avail = b.len - pos;
    if avail < 8 {
        return None;
    }
    let at = |i: usize| read_u64(b.data, b.offset + pos + 8 * i, 8) as u32;
    let b0 = at(0);
    let (n, init) = match b0 {
        0..=0x7f => return Some((b0, 8)),
        _ if b0 & 0xe0 == 0xc0 => (2, b0 & 0x1f),
        _ if b0 & 0xf0 == 0xe0 => (3, b0 & 0x0f),
        _ if b0 & 0xf8 == 0xf0 => (4, b0 & 0x07),
        _ => return None,
    };
    if avail < 8 * n {
        return None;
    }
    let mut c = init;
    for i in 1..n {
        let x = at(i);
        if x & 0xc0 != 0x80 {
            return None;
        }
        c = (c << 6) | (x & 0x3f);
    }
    let ok = match n {
        2 => c >= 0x80,
        3 => c >= 0x800 && !(0xd800..=0xdfff).contains(&c),
        _ => (0x10000..=0x10ffff).contains(&c),
    };
    ok.then_some((c, 8 * n))
}

fn read_spec(b: &Bits, pos: usize, n: usize, little: bool) -> u64 {
    if little {
        read_le(b.data, b.offset + pos, n)
    } else {
        read_u64(b.data, b.offset + pos, n)
    }
}

fn utf16_at(b: &Bits, pos: usize, little: bool) -> Option<(u32, usize)> {
    if b.len - pos < 16 {
        return None;
    }
    let u = read_spec(b, pos, 16, little) as u32;
    match u {
        0xd800..=0xdbff => {
            if b.len - pos < 32 {
                return None;
            }
            let l = read_spec(b, pos + 16, 16, little) as u32;
            if !(0xdc00..=0xdfff).contains(&l) {
                return None;
            }
            Some((0x10000 + ((u - 0xd800) << 10) + (l - 0xdc00), 32))
        }
        0xdc00..=0xdfff => None,
        _ => Some((u, 16)),
    }
}

/// Where the segment at bit `pos` of `b` ends: its length in bits and the
/// heap words its value needs, or None when it does not match there.
/// `size` is the size operand (None: the rest, or none for utf).
pub fn get_plan(b: &Bits, pos: usize, spec: SegSpec, size: Option<Term>) -> Option<(usize, usize)> {
    let avail = b.len.checked_sub(pos)?;
    let sized = |s: Option<Term>| -> Option<usize> {
        let n = s?.as_small()?;
        if n < 0 {
            return None;
        }
        (n as usize).checked_mul(spec.unit as usize)
    };
    match spec.ty {
        SegType::Integer => {
            let n = sized(size)?;
            (n <= avail).then_some((n, if n < 59 { 0 } else { 2 + n / 64 }))
        }
        SegType::Float => {
            let n = sized(size)?;
            if !matches!(n, 16 | 32 | 64) || n > avail {
                return None;
            }
            float_at(b, pos, n, spec.little).is_finite().then_some((n, 2))
        }
        SegType::Binary => match size {
            None => (avail.is_multiple_of(spec.unit as usize)).then_some((avail, 4)),
            Some(_) => {
                let n = sized(size)?;
                (n <= avail).then_some((n, 4))
            }
        },
        SegType::Utf8 => utf8_at(b, pos).map(|(_, n)| (n, 0)),
        SegType::Utf16 => utf16_at(b, pos, spec.little).map(|(_, n)| (n, 0)),
        SegType::Utf32 => {
            if avail < 32 {
                return None;
            }
            let c = read_spec(b, pos, 32, spec.little);
            let ok = c <= 0x10ffff && !(0xd800..=0xdfff).contains(&c);
            ok.then_some((32, 0))
        }
    }
}

fn float_at(b: &Bits, pos: usize, n: usize, little: bool) -> f64 {
    let raw = read_spec(b, pos, n, little);
    match n {
        16 => f16_to_f64(raw as u16),
        32 => f32::from_bits(raw as u32) as f64,
        _ => f64::from_bits(raw),
    }
}

/// The value of the segment of `n` bits at `pos` of `t` (planned by
/// `get_plan`, whose word count the caller made room for).
pub fn get_value<A: Alloc>(a: &mut A, t: Term, pos: usize, spec: SegSpec, n: usize) -> Term {
    let b = t.bits().expect("a bitstring");
    match spec.ty {
        SegType::Integer if n <= 64 => {
            let raw = read_spec(&b, pos, n, spec.little);
            let v: i128 =
                if spec.signed && n > 0 && raw >> (n - 1) & 1 == 1 { raw as i128 - (1i128 << n) } else { raw as i128 };
            match i64::try_from(v) {
                Ok(i) => a.int(i),
                Err(_) => a.bigint(&BigInt::from(v)),
            }
        }
        SegType::Integer => {
            let (full, rem) = (n / 8, n % 8);
            let base = b.offset + pos;
            let u = if spec.little {
                let mut bytes: Vec<u8> = (0..full).map(|i| read_u64(b.data, base + 8 * i, 8) as u8).collect();
                if rem != 0 {
                    bytes.push(read_u64(b.data, base + 8 * full, rem) as u8);
                }
                BigUint::from_bytes_le(&bytes)
            } else {
                let mut bytes = Vec::with_capacity(full + 1);
                bytes.push(read_u64(b.data, base, rem) as u8);
                bytes.extend((0..full).map(|i| read_u64(b.data, base + rem + 8 * i, 8) as u8));
                BigUint::from_bytes_be(&bytes)
            };
            let mut v = BigInt::from(u);
            if spec.signed && v.bit(n as u64 - 1) {
                v -= BigInt::from(1) << n;
            }
            a.bigint(&v)
        }
        SegType::Float => a.float(float_at(&b, pos, n, spec.little)),
        SegType::Binary => a.sub_binary(t, pos, n),
        SegType::Utf8 => Term::small(utf8_at(&b, pos).expect("planned").0 as i64),
        SegType::Utf16 => Term::small(utf16_at(&b, pos, spec.little).expect("planned").0 as i64),
        SegType::Utf32 => Term::small(read_spec(&b, pos, 32, spec.little) as i64),
    }
}

/// Whether the bits of `lit` are at bit `pos` of `b`.
pub fn bits_equal_at(b: &Bits, pos: usize, lit: &Bits) -> bool {
    let n = lit.len;
    if b.len < pos || b.len - pos < n {
        return false;
    }
    let (s, l) = (b.offset + pos, lit.offset);
    if s.is_multiple_of(8) && l.is_multiple_of(8) && n.is_multiple_of(8) {
        return b.data[s / 8..s / 8 + n / 8] == lit.data[l / 8..l / 8 + n / 8];
    }
    let mut at = 0;
    while at < n {
        let k = (n - at).min(56);
        if read_u64(b.data, s + at, k) != read_u64(lit.data, l + at, k) {
            return false;
        }
        at += k;
    }
    true
}

/// How many bits a `size * unit` skip takes at `pos`, if they are there
/// (`size` None: the rest, which must be a multiple of the unit).
pub fn skip_plan(b: &Bits, pos: usize, size: Option<Term>, unit: u16) -> Option<usize> {
    let avail = b.len.checked_sub(pos)?;
    match size {
        None => (avail.is_multiple_of(unit as usize)).then_some(avail),
        Some(s) => {
            let n = s.as_small()?;
            if n < 0 {
                return None;
            }
            let n = (n as usize).checked_mul(unit as usize)?;
            (n <= avail).then_some(n)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_floats_round_as_otp() {
        // Values from OTP 25: <<X:16/float>>.
        assert_eq!(f64_to_f16(1.5), 0x3e00);
        assert_eq!(f64_to_f16(65504.0), 0x7bff);
        assert_eq!(f64_to_f16(1.0e-7), 0x0002);
        assert_eq!(f64_to_f16(0.1), 0x2e66);
        assert_eq!(f64_to_f16(1.0e10), 0x7c00);
        assert_eq!(f16_to_f64(0x3c01), 1.0009765625);
    }

    #[test]
    fn little_endian_partial_bytes() {
        let mut w = Writer::default();
        w.put_le(0xabc, 12);
        assert_eq!((w.buf.as_slice(), w.bits), (&[0xbc, 0xa0][..], 12));
        assert_eq!(read_le(&w.buf, 0, 12), 0xabc);
    }

    #[test]
    fn unaligned_reads() {
        let data = [0b1010_1100, 0b0101_0011, 0xff];
        assert_eq!(read_u64(&data, 3, 7), 0b011_0001);
        assert_eq!(read_u64(&data, 0, 24), 0xac53ff);
    }
}
