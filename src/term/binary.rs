//! Binaries and bitstrings.
//!
//! Three boxed shapes, as on BEAM:
//!
//! ```text
//!  HeapBin  [header(HeapBin, 1 + words), byte_len, data words...]
//!           at most HEAP_BIN_MAX bytes, copied with the term like a tuple
//!  RefcBin  [header(RefcBin, 4), byte_len, data_ptr, cap, used_bits << 1 | writable]
//!           the bytes live off-heap in an `Arc<[u8]>` of `cap` bytes
//!           (data_ptr is what `Arc::into_raw` gave); every RefcBin object
//!           holds one strong count, which the heap that holds the object
//!           gives back when the object dies (see `heap::Heap`'s off-heap
//!           list). `byte_len` bytes are in use; the rest of a writable
//!           one is room for appends (see "Appending" below)
//!  SubBin   [header(SubBin, 3), orig, offset_bits, len_bits]
//!           a window on a HeapBin or RefcBin (`orig`, never another
//!           SubBin); offset and length are small integers, so all three
//!           body words are terms and the collector scans them like a tuple
//! ```
//!
//! A bitstring whose length is not a multiple of 8 is always a SubBin over
//! a whole-byte binary. Reading goes through [`Bits`], a view that hides
//! the three shapes.
//!
//! # Appending
//!
//! `<<Acc/binary, X:8>>` in a loop would copy `Acc` every time. Instead an
//! append builds a *writable* RefcBin with spare room (`cap` bytes,
//! `used_bits` of them in use) and returns a SubBin over it; the next
//! append to that SubBin writes into the spare room ([`append_in_place`])
//! when nobody else can see the change:
//!
//! ```text
//!  A = <<>>, B = <<A/binary, 1>>    new buffer [1 . . .], used 8,  B = Sub(0, 8)
//!  C = <<B/binary, 2>>              in place   [1 2 . .], used 16, C = Sub(0, 16)
//!  D = <<B/binary, 3>>              B ends at 8, not 16: copy,     D = <<1, 3>>
//! ```
//!
//! A writable RefcBin is never a term by itself (its `byte_len` grows):
//! only SubBins point at it, each with the length it had when made.

use super::{header_arity, header_subtag, Subtag, Term};
use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Binaries up to this many bytes live on the process heap; larger ones
/// off-heap, shared by reference count.
pub const HEAP_BIN_MAX: usize = 64;

/// Bytes of off-heap binary data alive in the VM (`erlang:memory(binary)`).
static OFFHEAP_BYTES: AtomicUsize = AtomicUsize::new(0);

pub fn offheap_bytes() -> usize {
    OFFHEAP_BYTES.load(Ordering::Relaxed)
}

/// Words a heap binary of `n` bytes takes, header included.
#[inline]
pub fn heap_bin_words(n: usize) -> usize {
    2 + n.div_ceil(8)
}

/// Move `data` off-heap; returns the raw data pointer a RefcBin stores.
pub fn offheap_new(data: Arc<[u8]>) -> u64 {
    OFFHEAP_BYTES.fetch_add(data.len(), Ordering::Relaxed);
    Arc::into_raw(data) as *const u8 as u64
}

/// One more RefcBin object refers to the data at `ptr` (`len` bytes).
pub fn offheap_retain(ptr: u64, len: usize) {
    // SAFETY: ptr/len came from `offheap_new` and the caller holds a live
    // RefcBin for them, so the strong count is at least one.
    unsafe { Arc::increment_strong_count(std::ptr::slice_from_raw_parts(ptr as *const u8, len)) }
}

/// A RefcBin object died: give back its count, freeing the data with the
/// last one.
pub fn offheap_release(ptr: u64, len: usize) {
    // SAFETY: ptr/len came from `offheap_new`, and the dying object owned
    // one strong count, which this consumes.
    let arc: Arc<[u8]> = unsafe { Arc::from_raw(std::ptr::slice_from_raw_parts(ptr as *const u8, len)) };
    if Arc::strong_count(&arc) == 1 {
        OFFHEAP_BYTES.fetch_sub(len, Ordering::Relaxed);
    }
    drop(arc);
}

/// A bitstring seen as bits `offset .. offset + len` of `data`.
#[derive(Clone, Copy)]
pub struct Bits {
    pub data: &'static [u8],
    /// Bit offset into `data` of the first bit.
    pub offset: usize,
    /// Length in bits.
    pub len: usize,
}

impl Bits {
    /// Whether the bitstring is a binary (a whole number of bytes).
    #[inline]
    pub fn is_binary(&self) -> bool {
        self.len.is_multiple_of(8)
    }
    pub fn byte_len(&self) -> usize {
        self.len / 8
    }
    /// The bytes without copying when the view is byte aligned and a whole
    /// number of bytes.
    #[inline]
    pub fn aligned_bytes(&self) -> Option<&'static [u8]> {
        if self.offset.is_multiple_of(8) && self.len.is_multiple_of(8) {
            let s = self.offset / 8;
            Some(&self.data[s..s + self.len / 8])
        } else {
            None
        }
    }
    /// The bytes (a trailing partial byte padded with zero bits at the
    /// bottom), copied only when not byte aligned.
    pub fn bytes(&self) -> Cow<'static, [u8]> {
        if let Some(b) = self.aligned_bytes() {
            return Cow::Borrowed(b);
        }
        if self.offset.is_multiple_of(8) {
            let s = self.offset / 8;
            let mut v = self.data[s..s + self.len.div_ceil(8)].to_vec();
            if !self.len.is_multiple_of(8) {
                let last = v.len() - 1;
                v[last] &= 0xffu8 << (8 - self.len % 8);
            }
            return Cow::Owned(v);
        }
        let mut v = vec![0u8; self.len.div_ceil(8)];
        for i in 0..self.len {
            if self.bit(i) {
                v[i / 8] |= 0x80 >> (i % 8);
            }
        }
        Cow::Owned(v)
    }
    /// Bit `i` (0 = the most significant bit of the first byte).
    #[inline]
    pub fn bit(&self, i: usize) -> bool {
        let b = self.offset + i;
        self.data[b / 8] & (0x80 >> (b % 8)) != 0
    }
    /// Up to 64 bits starting at bit `at`, as an unsigned big-endian number.
    pub fn read_bits(&self, at: usize, n: usize) -> u64 {
        debug_assert!(n <= 64 && at + n <= self.len);
        let mut v: u64 = 0;
        let mut i = 0;
        let start = self.offset + at;
        // Leading bits up to a byte boundary, then whole bytes, then the rest.
        while i < n && !(start + i).is_multiple_of(8) {
            v = (v << 1) | self.bit(at + i) as u64;
            i += 1;
        }
        while n - i >= 8 {
            v = (v << 8) | self.data[(start + i) / 8] as u64;
            i += 8;
        }
        while i < n {
            v = (v << 1) | self.bit(at + i) as u64;
            i += 1;
        }
        v
    }
}

impl Term {
    #[inline]
    pub fn is_bitstring(self) -> bool {
        self.is_boxed()
            && matches!(header_subtag(self.boxed_header()), Subtag::HeapBin | Subtag::RefcBin | Subtag::SubBin)
    }
    #[inline]
    pub fn is_binary(self) -> bool {
        self.bits().is_some_and(|b| b.is_binary())
    }

    /// The bits of a bitstring, or None for any other term.
    #[inline]
    pub fn bits(self) -> Option<Bits> {
        self.bin_view().map(|(_, b)| b)
    }

    /// The whole binary a bitstring lies in (itself, or a SubBin's
    /// origin) and its bits; None for any other term. Not recursive: a
    /// SubBin's origin is never another SubBin, so a matching loop that
    /// asks for this per segment reads at most two headers.
    #[inline]
    pub fn bin_view(self) -> Option<(Term, Bits)> {
        if !self.is_boxed() {
            return None;
        }
        match header_subtag(self.boxed_header()) {
            Subtag::HeapBin | Subtag::RefcBin => {
                // SAFETY: the subtag was just checked.
                let data = unsafe { whole_bin_data(self) };
                Some((self, Bits { data, offset: 0, len: 8 * data.len() }))
            }
            Subtag::SubBin => {
                // SAFETY: a SubBin has three body words (module header).
                let (orig, off, len) = unsafe {
                    let p = self.ptr();
                    (Term(*p.add(1)), Term(*p.add(2)), Term(*p.add(3)))
                };
                // SAFETY: a SubBin's origin is a HeapBin or RefcBin.
                let data = unsafe { whole_bin_data(orig) };
                Some((orig, Bits { data, offset: off.small_value() as usize, len: len.small_value() as usize }))
            }
            _ => None,
        }
    }

    /// The bytes of a binary when it is byte aligned (always so for a
    /// binary that was not made by matching at a bit offset).
    pub fn binary_bytes(self) -> Option<&'static [u8]> {
        self.bits().and_then(|b| b.aligned_bytes())
    }

    /// The bytes of a binary (not a bitstring of odd length), copied only
    /// when it starts at a bit offset.
    pub fn binary_cow(self) -> Option<Cow<'static, [u8]>> {
        self.bits().filter(|b| b.is_binary()).map(|b| b.bytes())
    }

    /// For a SubBin: the binary it is a window on and the window's offset
    /// in bits; for a whole binary: itself and 0.
    pub fn bin_origin(self) -> Option<(Term, usize)> {
        match self.boxed_subtag()? {
            Subtag::HeapBin | Subtag::RefcBin => Some((self, 0)),
            Subtag::SubBin => {
                let body = self.boxed_body();
                Some((body[0], body[1].small_value() as usize))
            }
            _ => None,
        }
    }
}

/// The bytes of a HeapBin or RefcBin.
///
/// # Safety
/// `t` must be a boxed HeapBin or RefcBin.
#[inline(always)]
unsafe fn whole_bin_data(t: Term) -> &'static [u8] {
    let p = t.ptr();
    let n = *p.add(1) as usize;
    // Both shapes keep the byte length in the first body word; a HeapBin's
    // data follows it, a RefcBin's second body word points at its data.
    let data = if header_subtag(*p) == Subtag::HeapBin { p.add(2) as *const u8 } else { *p.add(2) as *const u8 };
    // SAFETY: the object is live until the next collection (module
    // invariant of term), a HeapBin holds n bytes after its length word,
    // and a RefcBin holds a strong count on its data, of which n bytes are
    // in use. Those n bytes never change: an append writes only past them
    // (`append_in_place`).
    std::slice::from_raw_parts(data, n)
}

/// Off-heap data pointer and length of a RefcBin object at `p` (its header).
///
/// # Safety
/// `p` must point at the header of a live RefcBin object.
pub unsafe fn refc_parts(p: *const u64) -> (u64, usize) {
    debug_assert_eq!(header_subtag(*p), Subtag::RefcBin);
    debug_assert_eq!(header_arity(*p), REFC_ARITY);
    (*p.add(2), *p.add(3) as usize)
}

/// Body words of a RefcBin: byte_len, data_ptr, cap, used_bits << 1 | writable.
pub const REFC_ARITY: usize = 4;

/// Spare room of a fresh writable binary: at least this many bytes, and at
/// least twice what it holds, so that appending N bytes one at a time
/// copies O(N) bytes in all.
pub const APPEND_MIN_CAP: usize = 256;

/// Whether `t` is a writable RefcBin (one that must not be handed out as a
/// term by itself: see "Appending" above).
#[inline]
pub fn is_writable(t: Term) -> bool {
    t.boxed_subtag() == Some(Subtag::RefcBin) && t.boxed_body()[3].0 & 1 == 1
}

/// Append `bits` bits from `bytes` (`bytes.len() == bits.div_ceil(8)`) to
/// the bitstring that is bits `off .. off + len` of `orig`, writing into
/// the spare room of `orig`'s buffer, when that is safe:
/// - `orig` is a writable RefcBin;
/// - this object holds the only count of the buffer (a message copy holds
///   one too, and has its own `used_bits`, so neither writes while both
///   live);
/// - the bitstring ends where the used part ends (nobody appended past it);
/// - the used part ends on a byte boundary (a partial last byte is covered
///   by slices that others may hold; such appends copy instead);
/// - the new bits fit in `cap`.
///
/// Returns whether it appended; on success `orig`'s used part (and byte
/// length) grew by `bits` and bits `off .. off + len + bits` are the result.
pub fn append_in_place(orig: Term, off: usize, len: usize, bytes: &[u8], bits: usize) -> bool {
    debug_assert_eq!(bytes.len(), bits.div_ceil(8));
    if !is_writable(orig) {
        return false;
    }
    let p = orig.ptr();
    // SAFETY: `orig` is a live RefcBin (checked above), which has
    // REFC_ARITY body words.
    let (data, cap, used) = unsafe { (*p.add(2), *p.add(3) as usize, (*p.add(4) >> 1) as usize) };
    if off + len != used || !used.is_multiple_of(8) || used / 8 + bytes.len() > cap {
        return false;
    }
    if !offheap_unique(data, cap) {
        return false;
    }
    let at = used / 8;
    // SAFETY: the buffer has `cap` bytes and `at + bytes.len() <= cap`. The
    // bytes at `at..` are beyond the used part, which is all that any slice
    // made from this buffer covers (`whole_bin_data` covers `byte_len` =
    // `used / 8` bytes), so no live reference sees them change; this
    // object holds the only strong count (checked just above, with an
    // acquire fence), so no other object or thread reaches the buffer;
    // the pointer came from `Arc::into_raw` of an allocation this process
    // owns uniquely, so writing through it is allowed.
    unsafe {
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), (data as *mut u8).add(at), bytes.len());
        let new_used = used + bits;
        *p.add(1) = new_used.div_ceil(8) as u64;
        *p.add(4) = (new_used as u64) << 1 | 1;
    }
    true
}

/// Whether the RefcBin object the caller holds owns the only strong count
/// of the buffer at `ptr` (`len` bytes).
fn offheap_unique(ptr: u64, len: usize) -> bool {
    // SAFETY: ptr/len came from `offheap_new` and the caller holds a live
    // RefcBin for them; ManuallyDrop keeps this from giving the count back.
    let arc =
        std::mem::ManuallyDrop::new(unsafe { Arc::from_raw(std::ptr::slice_from_raw_parts(ptr as *const u8, len)) });
    // No weak references are ever made, so the strong count says it all.
    let unique = Arc::strong_count(&arc) == 1;
    if unique {
        // Pairs with the release of another thread's drop of its count:
        // its reads of the buffer happen before our writes.
        std::sync::atomic::fence(Ordering::Acquire);
    }
    unique
}
