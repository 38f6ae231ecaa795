//! A process heap: one block with bump allocation, plus heap fragments for
//! allocations made where a collection may not run (inside BIFs, which hold
//! terms in Rust locals). The next collection moves live fragment data into
//! the new block and frees the fragments.
//!
//! Also the `Arena` for module literals: terms built once at load time that
//! no collection ever moves.

pub mod gc;
pub mod stack;

use crate::term::binary::{self, heap_bin_words, HEAP_BIN_MAX};
use crate::term::{header, Subtag, Term};
use num_bigint::{BigInt, Sign};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Where terms can be built.
pub trait Alloc {
    /// `words` words of uninitialised memory that the caller fills at once.
    fn alloc(&mut self, words: usize) -> *mut u64;

    /// A RefcBin object was just built at `obj` in this allocator's memory,
    /// holding one strong count of its data: remember it, so the count is
    /// given back when the object dies.
    ///
    /// # Safety
    /// `obj` must be the header of a RefcBin object in this allocator's
    /// memory, listed only once.
    unsafe fn note_offheap(&mut self, obj: *mut u64);

    /// A binary holding `bytes`: on the heap when small, off-heap otherwise.
    fn binary(&mut self, bytes: &[u8]) -> Term {
        if bytes.len() <= HEAP_BIN_MAX {
            let n = bytes.len();
            let words = heap_bin_words(n);
            let p = self.alloc(words);
            // SAFETY: alloc returned `words` writable words: header, length,
            // then ceil(n / 8) data words, the last zero padded.
            unsafe {
                *p = header(Subtag::HeapBin, words - 1);
                *p.add(1) = n as u64;
                *p.add(words - 1) = 0;
                std::ptr::copy_nonoverlapping(bytes.as_ptr(), p.add(2) as *mut u8, n);
            }
            Term::boxed_ptr(p)
        } else {
            self.binary_arc(Arc::from(bytes))
        }
    }

    /// A binary over `data`, sharing it (off-heap) when it is large.
    fn binary_arc(&mut self, data: Arc<[u8]>) -> Term {
        if data.len() <= HEAP_BIN_MAX {
            return self.binary(&data);
        }
        let n = data.len();
        let ptr = binary::offheap_new(data);
        self.refc_binary(ptr, n, n, None)
    }

    /// A RefcBin object for off-heap data of `cap` bytes, `len` of them in
    /// use, whose strong count the caller hands over to it. `writable`:
    /// `Some(used_bits)` for a binary that appends may extend (see
    /// term::binary "Appending"; never hand such an object out as a term).
    fn refc_binary(&mut self, ptr: u64, len: usize, cap: usize, writable: Option<usize>) -> Term {
        let p = self.alloc(1 + binary::REFC_ARITY);
        // SAFETY: alloc returned 1 + REFC_ARITY writable words.
        unsafe {
            *p = header(Subtag::RefcBin, binary::REFC_ARITY);
            *p.add(1) = len as u64;
            *p.add(2) = ptr;
            *p.add(3) = cap as u64;
            *p.add(4) = writable.map_or(0, |used| (used as u64) << 1 | 1);
        }
        // SAFETY: p is the RefcBin object just built here.
        unsafe { self.note_offheap(p) };
        Term::boxed_ptr(p)
    }

    /// A bitstring of `bit_len` bits: the first bits of `bytes`.
    fn bitstring(&mut self, bytes: &[u8], bit_len: usize) -> Term {
        debug_assert!(bit_len <= bytes.len() * 8);
        let whole = bit_len.div_ceil(8);
        let bin = self.binary(&bytes[..whole]);
        if bit_len.is_multiple_of(8) {
            bin
        } else {
            self.sub_binary_raw(bin, 0, bit_len)
        }
    }

    /// Bits `offset .. offset + len` of the bitstring `t`, without copying.
    fn sub_binary(&mut self, t: Term, offset: usize, len: usize) -> Term {
        let (orig, base) = t.bin_origin().expect("sub_binary of a bitstring");
        let whole = orig.bits().map_or(0, |b| b.len);
        if base + offset == 0 && len == whole && !binary::is_writable(orig) {
            return orig;
        }
        self.sub_binary_raw(orig, base + offset, len)
    }

    /// A bitstring of `bits` bits from `bytes` in a fresh writable
    /// off-heap buffer with room to append to (a SubBin over it).
    fn appendable(&mut self, mut bytes: Vec<u8>, bits: usize) -> Term {
        let n = bits.div_ceil(8);
        debug_assert!(bytes.len() >= n);
        let cap = (2 * n).max(binary::APPEND_MIN_CAP);
        bytes.resize(cap, 0);
        let ptr = binary::offheap_new(Arc::from(bytes));
        let orig = self.refc_binary(ptr, n, cap, Some(bits));
        self.sub_binary_raw(orig, 0, bits)
    }

    /// A SubBin object; `orig` is a HeapBin or RefcBin.
    fn sub_binary_raw(&mut self, orig: Term, offset: usize, len: usize) -> Term {
        self.tuple_like(Subtag::SubBin, &[orig, Term::small(offset as i64), Term::small(len as i64)])
    }

    fn cons(&mut self, head: Term, tail: Term) -> Term {
        let p = self.alloc(2);
        // SAFETY: alloc returned two writable words.
        unsafe {
            *p = head.0;
            *p.add(1) = tail.0;
        }
        Term::list_ptr(p)
    }

    fn tuple(&mut self, elems: &[Term]) -> Term {
        let p = self.alloc(1 + elems.len());
        // SAFETY: alloc returned 1 + len writable words.
        unsafe {
            *p = header(Subtag::Tuple, elems.len());
            std::ptr::copy_nonoverlapping(elems.as_ptr() as *const u64, p.add(1), elems.len());
        }
        Term::boxed_ptr(p)
    }

    /// A tuple of `n` elements all set to `fill`; the caller may overwrite
    /// them with `set_element_raw` before the tuple escapes.
    fn tuple_filled(&mut self, n: usize, fill: Term) -> Term {
        let p = self.alloc(1 + n);
        // SAFETY: alloc returned 1 + n writable words.
        unsafe {
            *p = header(Subtag::Tuple, n);
            for i in 0..n {
                *p.add(1 + i) = fill.0;
            }
        }
        Term::boxed_ptr(p)
    }

    fn float(&mut self, x: f64) -> Term {
        let p = self.alloc(2);
        // SAFETY: alloc returned two writable words.
        unsafe {
            *p = header(Subtag::Float, 1);
            *p.add(1) = x.to_bits();
        }
        Term::boxed_ptr(p)
    }

    fn int(&mut self, v: i64) -> Term {
        if Term::fits_small(v) {
            Term::small(v)
        } else {
            self.bigint(&BigInt::from(v))
        }
    }

    /// An integer: an immediate when it fits, otherwise a bignum.
    fn bigint(&mut self, v: &BigInt) -> Term {
        if let Ok(i) = i64::try_from(v) {
            if Term::fits_small(i) {
                return Term::small(i);
            }
        }
        let (sign, limbs) = v.to_u64_digits();
        let st = if sign == Sign::Minus { Subtag::NegBig } else { Subtag::PosBig };
        let p = self.alloc(1 + limbs.len());
        // SAFETY: alloc returned 1 + limbs writable words.
        unsafe {
            *p = header(st, limbs.len());
            std::ptr::copy_nonoverlapping(limbs.as_ptr(), p.add(1), limbs.len());
        }
        Term::boxed_ptr(p)
    }

    /// An integer from an i128: a small, or a bignum of one or two limbs
    /// (at most 3 words), without going through `BigInt`.
    fn int128(&mut self, v: i128) -> Term {
        if let Ok(i) = i64::try_from(v) {
            if Term::fits_small(i) {
                return Term::small(i);
            }
        }
        let st = if v < 0 { Subtag::NegBig } else { Subtag::PosBig };
        let mag = v.unsigned_abs();
        let (lo, hi) = (mag as u64, (mag >> 64) as u64);
        let n = if hi == 0 { 1 } else { 2 };
        let p = self.alloc(1 + n);
        // SAFETY: alloc returned 1 + n writable words.
        unsafe {
            *p = header(st, n);
            *p.add(1) = lo;
            if n == 2 {
                *p.add(2) = hi;
            }
        }
        Term::boxed_ptr(p)
    }

    /// A list of `elems` ending in `tail`.
    fn list_with_tail(&mut self, elems: &[Term], tail: Term) -> Term {
        if elems.is_empty() {
            return tail;
        }
        let p = self.alloc(2 * elems.len());
        // SAFETY: alloc returned 2 * len writable words; cell i's tail points
        // at cell i + 1 inside the same block.
        unsafe {
            for (i, e) in elems.iter().enumerate() {
                *p.add(2 * i) = e.0;
                *p.add(2 * i + 1) = if i + 1 == elems.len() { tail.0 } else { Term::list_ptr(p.add(2 * i + 2)).0 };
            }
        }
        Term::list_ptr(p)
    }

    fn list(&mut self, elems: &[Term]) -> Term {
        self.list_with_tail(elems, Term::NIL)
    }

    /// A string as a list of character codes.
    fn str_list(&mut self, s: &str) -> Term {
        let v: Vec<Term> = s.chars().map(|c| Term::small(c as i64)).collect();
        self.list(&v)
    }

    /// A map from keys already sorted in term order and without duplicates.
    fn map_sorted(&mut self, keys: &[Term], values: &[Term]) -> Term {
        debug_assert_eq!(keys.len(), values.len());
        let n = keys.len();
        let p = self.alloc(1 + 2 * n);
        // SAFETY: alloc returned 1 + 2n writable words.
        unsafe {
            *p = header(Subtag::Map, 2 * n);
            std::ptr::copy_nonoverlapping(keys.as_ptr() as *const u64, p.add(1), n);
            std::ptr::copy_nonoverlapping(values.as_ptr() as *const u64, p.add(1 + n), n);
        }
        Term::boxed_ptr(p)
    }

    /// A closure: the address of its (never freed) lambda descriptor, kept
    /// as a raw word with tag 00 that the collector leaves alone, then the
    /// captured values.
    fn closure(&mut self, lambda: u64, free: &[Term]) -> Term {
        assert_eq!(lambda & 0b111, 0, "lambda descriptors are word aligned");
        let p = self.alloc(2 + free.len());
        // SAFETY: alloc returned 2 + len writable words.
        unsafe {
            *p = header(Subtag::Fun, 1 + free.len());
            *p.add(1) = lambda;
            std::ptr::copy_nonoverlapping(free.as_ptr() as *const u64, p.add(2), free.len());
        }
        Term::boxed_ptr(p)
    }

    fn export_fun(&mut self, m: Term, f: Term, arity: u32) -> Term {
        self.tuple_like(Subtag::Export, &[m, f, Term::small(arity as i64)])
    }

    fn reference(&mut self, serial: u64) -> Term {
        let p = self.alloc(2);
        // SAFETY: alloc returned two writable words.
        unsafe {
            *p = header(Subtag::Ref, 1);
            *p.add(1) = serial;
        }
        Term::boxed_ptr(p)
    }

    fn tuple_like(&mut self, st: Subtag, elems: &[Term]) -> Term {
        let t = self.tuple(elems);
        // SAFETY: `t` was just built with len words after its header.
        unsafe { *t.ptr() = header(st, elems.len()) };
        t
    }

    /// Copy `t` (deeply) into this allocator, except data outside `keep`'s
    /// judgement: immediates are returned as they are.
    fn copy_term(&mut self, t: Term) -> Term
    where
        Self: Sized,
    {
        gc::copy_term(self, t)
    }
}

/// Overwrite element `i` (0-based) of a tuple built by this process and not
/// yet visible to anyone else (used by setelement and record updates).
pub fn set_element_raw(tuple: Term, i: usize, v: Term) {
    assert!(tuple.is_boxed() && i < tuple.boxed_body().len());
    // SAFETY: bounds checked above; the caller owns the fresh tuple.
    unsafe { *tuple.ptr().add(1 + i) = v.0 };
}

/// Overwrite the tail of a fresh cons cell (used to build lists front to back).
pub fn set_tail_raw(cell: Term, tail: Term) {
    assert!(cell.is_list());
    // SAFETY: a list term points to a two-word cell the caller just built.
    unsafe { *cell.ptr().add(1) = tail.0 };
}

/// Heap sizes grow in steps as on BEAM; this is the smallest a collection
/// picks.
pub const MIN_HEAP_WORDS: usize = 233;
/// The heap a new process starts with. Smaller than MIN_HEAP_WORDS: most
/// spawned processes wait in receive for most of their life, and OTP's 233
/// words also hold the stack, which girder keeps apart. Room for the
/// arguments of a spawn and a BIF's reserve (BIF_RESERVE, 64) without a
/// collection; 1 KiB, a size class of the allocator, so nothing is lost to
/// rounding (233 words, 1,864 bytes, took a 2 KiB block). A process that
/// needs more collects once and continues with MIN_HEAP_WORDS or more.
pub const INITIAL_HEAP_WORDS: usize = 128;
/// OTP's default `fullsweep_after`: minor collections between full sweeps.
pub const DEFAULT_FULLSWEEP_AFTER: u64 = 65535;
/// A BIF's overflow allocation takes at least this many words at a time.
const FRAGMENT_WORDS: usize = 1024;
/// Off-heap binary bytes a process may take on between collections before
/// one is forced (grows with the binary data that survives).
pub const VHEAP_MIN_BYTES: usize = 256 * 1024;

pub struct Heap {
    /// RefcBin objects in the block and fragments (their headers); the
    /// collector gives back the counts of those it did not copy.
    offheap: Vec<*mut u64>,
    /// Off-heap bytes referred to from this heap that arrived since the
    /// last collection; past `vheap_limit` the next allocation check fails
    /// so that garbage binaries are released in time.
    vheap: usize,
    vheap_limit: usize,
    /// Set to the block size when `vheap` passes its limit: counted by
    /// `has_room`, so the next allocation collects.
    pressure: usize,
    block: gc::Block,
    top: usize,
    /// The young block's high-water mark: the words below it survived the
    /// last collection (see gc.rs: the next minor collection promotes them).
    hw: usize,
    /// The old generation: data that survived two collections. Created by
    /// the first minor collection that promotes, dropped by a full sweep.
    /// Boxed: most processes never have one.
    old: Option<Box<OldGen>>,
    /// Minor collections since the last full sweep.
    minors: u32,
    /// Heap fragments: (block, used words). Newest last.
    fragments: Vec<(Box<[u64]>, usize)>,
    frag_words: usize,
    /// The previous block, kept for the next collection's to-space so a
    /// busy process does not map fresh pages at every collection (only
    /// for heaps past GROWN_HEAP_WORDS; idle processes keep one block).
    spare: Option<gc::Block>,
    /// Number of collections so far (for process_info).
    pub collections: u64,
    /// The smallest heap a collection leaves (`min_heap_size`, words).
    pub min_words: usize,
    /// Minor collections between full sweeps (`fullsweep_after`).
    pub fullsweep_after: u64,
    /// The next collection is a full sweep (garbage_collect/0,1).
    pub(crate) full_requested: bool,
}

/// A heap's old generation: a block filled up to `top` by minor
/// collections, and the RefcBin objects in it (see `Heap::offheap`).
pub(crate) struct OldGen {
    pub(crate) block: gc::Block,
    pub(crate) top: usize,
    pub(crate) offheap: Vec<*mut u64>,
}

impl Default for Heap {
    fn default() -> Self {
        Heap::new(INITIAL_HEAP_WORDS)
    }
}

impl Heap {
    pub fn new(words: usize) -> Heap {
        Heap {
            offheap: Vec::new(),
            vheap: 0,
            vheap_limit: VHEAP_MIN_BYTES,
            pressure: 0,
            block: gc::Block::new(words),
            top: 0,
            hw: 0,
            old: None,
            minors: 0,
            fragments: Vec::new(),
            frag_words: 0,
            spare: None,
            collections: 0,
            min_words: MIN_HEAP_WORDS,
            fullsweep_after: DEFAULT_FULLSWEEP_AFTER,
            full_requested: false,
        }
    }

    /// Make the next safe point collect, with a full sweep (garbage_collect/0,1):
    /// `pressure` makes `has_room` fail until then.
    pub fn request_collection(&mut self) {
        self.full_requested = true;
        self.pressure = self.block.len() + 1;
    }

    /// Whether a collection was asked for and has not run yet.
    pub fn collection_requested(&self) -> bool {
        self.full_requested
    }

    /// Minor collections since the last full sweep.
    pub fn minor_gcs(&self) -> u64 {
        self.minors as u64
    }
    /// Words of the old generation's block (0 while there is none).
    pub fn old_block_words(&self) -> usize {
        self.old.as_ref().map_or(0, |o| o.block.len())
    }
    /// Words in use in the old generation.
    pub fn old_used_words(&self) -> usize {
        self.old.as_ref().map_or(0, |o| o.top)
    }
    /// Words in use in the young block.
    pub fn young_used_words(&self) -> usize {
        self.top
    }
    /// Words that survived the last collection and stayed young.
    pub fn recent_words(&self) -> usize {
        self.hw
    }

    /// Words of the heap as OTP's `total_heap_size` counts them: every
    /// block and fragment, used or not.
    pub fn total_words(&self) -> usize {
        let frags: usize = self.fragments.iter().map(|(b, _)| b.len()).sum();
        self.block.len() + frags + self.old_block_words()
    }

    /// Whether `words` fit without a collection. Fragments count against the
    /// heap so that a BIF-heavy loop still collects now and then, and so do
    /// new off-heap binaries past the limit (see `pressure`).
    #[inline(always)]
    pub fn has_room(&self, words: usize) -> bool {
        self.top + words + self.frag_words + self.pressure <= self.block.len()
    }

    /// Count `bytes` of newly referenced off-heap data against the heap.
    fn charge_offheap(&mut self, bytes: usize) {
        self.vheap += bytes;
        if self.vheap > self.vheap_limit {
            self.pressure = self.block.len() + 1;
        }
    }

    /// Off-heap binary bytes this heap refers to (process_info binary).
    pub fn offheap_objects(&self) -> impl Iterator<Item = (u64, usize)> + '_ {
        // SAFETY: every entry is the header of a live RefcBin object of
        // this heap (entries are removed when their object dies).
        self.offheap.iter().map(|&p| unsafe { binary::refc_parts(p) })
    }

    /// The bump pointer and the end of the room allocations may use
    /// without a collection (as `has_room` counts it), for compiled code
    /// (`crate::jit`) that allocates in place.
    pub fn jit_window(&mut self) -> (*mut u64, *mut u64) {
        let room = self.block.len().saturating_sub(self.frag_words + self.pressure);
        let base = self.block.base();
        // SAFETY: top and room are at most the block's length.
        unsafe { (base.add(self.top), base.add(room)) }
    }

    /// Take the new bump pointer after compiled code ran.
    ///
    /// # Safety
    /// `top` lies between the bump pointer and the limit `jit_window`
    /// returned (the block unchanged since), and the words below it form
    /// well-formed objects.
    pub unsafe fn jit_commit(&mut self, top: *mut u64) {
        // SAFETY: top and the base are in one block (the contract).
        let t = unsafe { top.offset_from(self.block.base()) } as usize;
        debug_assert!(t >= self.top && t <= self.block.len());
        self.top = t;
    }

    #[inline(always)]
    pub fn frag_words(&self) -> usize {
        self.frag_words
    }

    /// Words in use (block and fragments).
    pub fn used(&self) -> usize {
        self.top + self.frag_words
    }
    pub fn size(&self) -> usize {
        self.block.len()
    }
    /// Words of memory the heap holds: the block, the fragments (received
    /// messages and BIF overflow, whole) and a spare block kept for the
    /// next collection.
    pub fn allocated_words(&self) -> usize {
        let frags: usize = self.fragments.iter().map(|(b, _)| b.len()).sum();
        self.block.len() + frags + self.spare.as_ref().map_or(0, |b| b.len()) + self.old_block_words()
    }

    #[inline(always)]
    fn bump(&mut self, words: usize) -> Option<*mut u64> {
        if self.top + words <= self.block.len() {
            // SAFETY: top + words is within the block.
            let p = unsafe { self.block.base().add(self.top) };
            self.top += words;
            Some(p)
        } else {
            None
        }
    }

    fn fragment_alloc(&mut self, words: usize) -> *mut u64 {
        if let Some((blk, used)) = self.fragments.last_mut() {
            if *used + words <= blk.len() {
                // SAFETY: used + words is within the fragment.
                let p = unsafe { blk.as_mut_ptr().add(*used) };
                *used += words;
                self.frag_words += words;
                return p;
            }
        }
        // Each fragment is at least twice the last, so a heap has few of
        // them and the collector's "is this pointer ours" check stays short.
        let last = self.fragments.last().map_or(0, |(b, _)| b.len());
        let mut blk = vec![0u64; words.max(FRAGMENT_WORDS).max(2 * last)].into_boxed_slice();
        let p = blk.as_mut_ptr();
        self.fragments.push((blk, words));
        self.frag_words += words;
        p
    }

    /// Whether `p` points into this heap's collectable memory.
    #[inline]
    pub fn contains(&self, p: *const u64) -> bool {
        let base = self.block.base() as *const u64;
        // SAFETY: one-past-the-end pointer of the block.
        let end = unsafe { base.add(self.block.len()) };
        if p >= base && p < end {
            return true;
        }
        if let Some(o) = &self.old {
            let ob = o.block.base() as *const u64;
            // SAFETY: one-past-the-end pointer of the old block's data.
            if p >= ob && p < unsafe { ob.add(o.top) } {
                return true;
            }
        }
        self.fragments.iter().any(|(b, _)| {
            let s = b.as_ptr();
            // SAFETY: one-past-the-end pointer of the fragment.
            p >= s && p < unsafe { s.add(b.len()) }
        })
    }
}

impl Heap {
    /// Take over an arena's memory as heap fragments (a received message:
    /// the next collection moves what is live into the heap proper).
    pub fn adopt(&mut self, mut arena: Arena) {
        let bytes: usize = arena.offheap_objects().map(|(_, n)| n).sum();
        self.offheap.append(&mut arena.offheap);
        if bytes > 0 {
            self.charge_offheap(bytes);
        }
        for (blk, used) in std::mem::take(&mut arena.chunks) {
            self.frag_words += used;
            // Keep the current fragment last so BIF allocations continue in
            // it (the others' order does not matter; this is O(1)).
            self.fragments.push((blk, used));
            let n = self.fragments.len();
            if n >= 2 {
                self.fragments.swap(n - 1, n - 2);
            }
        }
    }
}

impl Alloc for Heap {
    #[inline(always)]
    fn alloc(&mut self, words: usize) -> *mut u64 {
        match self.bump(words) {
            Some(p) => p,
            None => self.fragment_alloc(words),
        }
    }
    unsafe fn note_offheap(&mut self, obj: *mut u64) {
        self.offheap.push(obj);
        // SAFETY: obj is the header of a RefcBin object (the contract).
        let (_, n) = unsafe { binary::refc_parts(obj) };
        self.charge_offheap(n);
    }
}

// SAFETY: a Heap is owned by one process and moves between threads with it;
// the raw pointers in `offheap` point into its own blocks, and the off-heap
// data they lead to is shared through atomic reference counts.
unsafe impl Send for Heap {}

impl Drop for Heap {
    fn drop(&mut self) {
        release_all(&mut self.offheap);
        if let Some(o) = &mut self.old {
            release_all(&mut o.offheap);
        }
    }
}

/// Give back the counts of the RefcBin objects listed.
fn release_all(objs: &mut Vec<*mut u64>) {
    for p in objs.drain(..) {
        // SAFETY: every entry is the header of a RefcBin object in memory
        // that is still allocated (the owner releases before freeing).
        let (ptr, n) = unsafe { binary::refc_parts(p) };
        binary::offheap_release(ptr, n);
    }
}

/// Bytes of process heap blocks and fragments alive now, over all
/// processes (erlang:memory(processes)).
static HEAP_BYTES: AtomicUsize = AtomicUsize::new(0);

pub(crate) fn heap_alloc(bytes: usize) {
    HEAP_BYTES.fetch_add(bytes, Ordering::Relaxed);
}
pub(crate) fn heap_free(bytes: usize) {
    HEAP_BYTES.fetch_sub(bytes, Ordering::Relaxed);
}
pub fn heap_bytes() -> usize {
    HEAP_BYTES.load(Ordering::Relaxed)
}

/// Memory that is never collected: module literals. Chunks are never moved
/// or freed while the arena lives.
#[derive(Default)]
pub struct Arena {
    chunks: Vec<(Box<[u64]>, usize)>,
    /// RefcBin objects in the chunks (see `Heap::offheap`).
    offheap: Vec<*mut u64>,
}

impl Drop for Arena {
    fn drop(&mut self) {
        release_all(&mut self.offheap);
    }
}

// SAFETY: an Arena's contents are immutable once built (literals are only
// read after loading), so sharing the pointers between threads is sound.
unsafe impl Send for Arena {}
// SAFETY: see above: no mutation through a shared reference.
unsafe impl Sync for Arena {}

impl Arena {
    /// A deep copy of `t` in an arena of its own, sized to fit (a message).
    pub fn copy_of(t: Term) -> (Arena, Term) {
        let n = gc::size_of(t);
        let mut a = Arena { chunks: vec![(vec![0u64; n.max(1)].into_boxed_slice(), 0)], offheap: Vec::new() };
        let c = gc::copy_term(&mut a, t);
        (a, c)
    }

    /// Words of memory the arena holds.
    pub fn allocated_words(&self) -> usize {
        self.chunks.iter().map(|(b, _)| b.len()).sum()
    }

    fn offheap_objects(&self) -> impl Iterator<Item = (u64, usize)> + '_ {
        // SAFETY: every entry is the header of a RefcBin object in a chunk.
        self.offheap.iter().map(|&p| unsafe { binary::refc_parts(p) })
    }

    /// Whether `p` points into this arena (a debugging aid).
    pub fn contains(&self, p: *const u64) -> bool {
        self.chunks.iter().any(|(b, _)| {
            let s = b.as_ptr();
            // SAFETY: one-past-the-end pointer of the chunk.
            p >= s && p < unsafe { s.add(b.len()) }
        })
    }
}

impl Alloc for Arena {
    fn alloc(&mut self, words: usize) -> *mut u64 {
        if let Some((blk, used)) = self.chunks.last_mut() {
            if *used + words <= blk.len() {
                // SAFETY: used + words is within the chunk.
                let p = unsafe { blk.as_mut_ptr().add(*used) };
                *used += words;
                return p;
            }
        }
        let mut blk = vec![0u64; words.max(512)].into_boxed_slice();
        let p = blk.as_mut_ptr();
        self.chunks.push((blk, words));
        p
    }
    unsafe fn note_offheap(&mut self, obj: *mut u64) {
        self.offheap.push(obj);
    }
}

/// A shared reference from a pointer that was made from a leaked
/// (`Box::leak`) or otherwise `'static` value: loaded modules, exports and
/// lambdas are never freed.
pub(crate) fn static_ref<T>(p: *mut T) -> &'static T {
    assert!(!p.is_null());
    // SAFETY: callers only pass pointers obtained from `&'static T` (code
    // objects are leaked on load and live until the VM exits).
    unsafe { &*p }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every RefcBin object holds exactly one count of its data: copies
    /// (messages) take one, dropping a copy or collecting a dead object
    /// gives it back, and a collection keeps the count of a live one.
    #[test]
    fn offheap_counts_follow_the_objects() {
        let data: Arc<[u8]> = Arc::from(vec![7u8; 1000]);
        let mut heap = Heap::new(64);
        let t = heap.binary_arc(data.clone());
        assert_eq!(Arc::strong_count(&data), 2);
        let sub = heap.sub_binary(t, 8, 80);
        assert_eq!(sub.bits().unwrap().bytes()[..], [7u8; 10]);

        let (arena, copy) = Arena::copy_of(sub);
        assert_eq!(Arc::strong_count(&data), 3, "a message copy takes a count");
        assert_eq!(copy.binary_bytes().unwrap().len(), 10);
        drop(arena);
        assert_eq!(Arc::strong_count(&data), 2, "dropping the message gives it back");

        let (arena, _) = Arena::copy_of(t);
        heap.adopt(arena);
        assert_eq!(Arc::strong_count(&data), 3, "an adopted message keeps its count");

        let mut roots = [sub];
        gc::collect(&mut heap, 0, &mut [&mut roots[..]]);
        assert_eq!(Arc::strong_count(&data), 2, "only the object the sub-binary refers to survives");
        assert_eq!(roots[0].bits().unwrap().len, 80);
        assert_eq!(roots[0].binary_bytes().unwrap(), &[7u8; 10]);

        gc::collect(&mut heap, 0, &mut []);
        assert_eq!(Arc::strong_count(&data), 1, "a collection with no roots frees it");
        let _ = heap.binary_arc(data.clone());
        drop(heap);
        assert_eq!(Arc::strong_count(&data), 1, "a dying heap gives back its counts");
    }
}
