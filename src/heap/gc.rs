//! The per-process copying collector (Cheney), and deep copies of terms
//! between allocators (messages, literals).
//!
//! A collection copies everything reachable from the roots out of the heap
//! block and its fragments into a fresh block, then frees the old ones.
//! Pointers outside the heap (module literals) are left as they are.
//!
//! Forwarding: a moved boxed object's header is overwritten with a boxed
//! pointer to its copy (a header has tag 00, so tag 10 there means "moved");
//! a moved cons cell gets NON_VALUE in its head and the new list pointer in
//! its tail (NON_VALUE is never the head of a live cell).

use super::{Alloc, Heap, MIN_HEAP_WORDS};
use crate::term::{header_arity, header_subtag, Term, TAG_BOXED, TAG_PRIMARY_MASK};
use std::alloc::{alloc, dealloc, realloc, Layout};

/// A block of words from the global allocator, left uninitialised: the
/// collector writes every word below `top` before anything reads it.
pub(crate) struct Block {
    ptr: *mut u64,
    len: usize,
}

// SAFETY: a Block is plain memory owned by one process; moving it between
// threads with its process is sound.
unsafe impl Send for Block {}

impl Block {
    pub(crate) fn new(len: usize) -> Block {
        let len = len.max(1);
        // SAFETY: the layout has non-zero size.
        let ptr = unsafe { alloc(Layout::array::<u64>(len).unwrap()) as *mut u64 };
        if ptr.is_null() {
            std::alloc::handle_alloc_error(Layout::array::<u64>(len).unwrap());
        }
        super::heap_alloc(len * 8);
        Block { ptr, len }
    }
    #[inline(always)]
    pub(crate) fn base(&self) -> *mut u64 {
        self.ptr
    }
    #[inline(always)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }
    /// Shrink to `len` words; returns the (possibly new) base.
    fn shrink(&mut self, len: usize) -> *mut u64 {
        let len = len.max(1);
        // SAFETY: ptr was allocated with the layout of self.len words, and
        // the new size is non-zero.
        let p = unsafe { realloc(self.ptr as *mut u8, Layout::array::<u64>(self.len).unwrap(), len * 8) as *mut u64 };
        if p.is_null() {
            std::alloc::handle_alloc_error(Layout::array::<u64>(len).unwrap());
        }
        super::heap_free(self.len * 8);
        super::heap_alloc(len * 8);
        self.ptr = p;
        self.len = len;
        p
    }
}

impl Drop for Block {
    fn drop(&mut self) {
        super::heap_free(self.len * 8);
        // SAFETY: allocated in `new`/`shrink` with this layout.
        unsafe { dealloc(self.ptr as *mut u8, Layout::array::<u64>(self.len).unwrap()) }
    }
}

/// Smallest heap of a process that has collected at least once (an idle
/// process keeps MIN_HEAP_WORDS until it allocates that much).
const GROWN_HEAP_WORDS: usize = 4181;

/// Collections after which a process counts as busy.
const BUSY_COLLECTIONS: u64 = 16;

/// Blocks at least this large are kept for the next collection: big busy
/// heaps, not the many small ones of a program with many processes.
const SPARE_MIN_WORDS: usize = 28657;

/// The heap size to use for `words` words: BEAM's steps, each the sum of
/// the two before plus one (233, 376, 610, 987, 1598, ...: the sizes
/// `min_heap_size` is rounded up to, as process_info shows them), then
/// 20% steps past 8 M words.
pub fn next_heap_size(words: usize) -> usize {
    let (mut a, mut b) = (MIN_HEAP_WORDS, 376usize);
    while a < words {
        if a >= 8 << 20 {
            a += a / 5;
        } else {
            let c = a + b + 1;
            a = b;
            b = c;
        }
    }
    a
}

/// From-space as address ranges: the block, then the fragments sorted by
/// address so a pointer is placed with a binary search (a process that
/// received many messages has many fragments).
struct FromSpace {
    block: (u64, u64),
    fragments: Vec<(u64, u64)>,
}

impl FromSpace {
    fn of(heap: &Heap) -> FromSpace {
        let b = heap.block.base() as u64;
        let mut fragments: Vec<(u64, u64)> =
            heap.fragments.iter().map(|(f, _)| (f.as_ptr() as u64, f.as_ptr() as u64 + 8 * f.len() as u64)).collect();
        fragments.sort_unstable();
        FromSpace { block: (b, b + 8 * heap.block.len() as u64), fragments }
    }

    #[inline]
    fn contains(&self, p: *const u64) -> bool {
        let a = p as u64;
        if a >= self.block.0 && a < self.block.1 {
            return true;
        }
        let i = self.fragments.partition_point(|r| r.0 <= a);
        i > 0 && a < self.fragments[i - 1].1
    }
}

struct Copier {
    from: FromSpace,
    to: *mut u64,
    top: usize,
}

impl Copier {
    /// Copy the object `t` points to (if it lives in from-space) and return
    /// the term for the copy.
    #[inline]
    fn evacuate(&mut self, t: Term) -> Term {
        let tag = t.0 & TAG_PRIMARY_MASK;
        if tag == TAG_BOXED || tag == crate::term::TAG_LIST {
            let p = t.ptr();
            if !self.from.contains(p) {
                return t; // a literal: never moved
            }
            // SAFETY: p points into from-space at a live cell or object (it
            // is reachable), and to-space has room for every live word
            // because it is at least as large as from-space's used words.
            unsafe {
                if tag == crate::term::TAG_LIST {
                    if *p == Term::NON_VALUE.0 {
                        return Term(*p.add(1));
                    }
                    let dst = self.to.add(self.top);
                    *dst = *p;
                    *dst.add(1) = *p.add(1);
                    self.top += 2;
                    let nt = Term::list_ptr(dst);
                    *p = Term::NON_VALUE.0;
                    *p.add(1) = nt.0;
                    nt
                } else {
                    let h = *p;
                    if h & TAG_PRIMARY_MASK == TAG_BOXED {
                        return Term(h);
                    }
                    let n = 1 + header_arity(h);
                    let dst = self.to.add(self.top);
                    std::ptr::copy_nonoverlapping(p, dst, n);
                    self.top += n;
                    let nt = Term::boxed_ptr(dst);
                    *p = nt.0;
                    nt
                }
            }
        } else {
            t
        }
    }

    /// Cheney scan of to-space from `scan` until it catches up with `top`.
    fn scan(&mut self, mut scan: usize) {
        while scan < self.top {
            // SAFETY: scan < top, so the word was written by evacuate.
            let w = unsafe { *self.to.add(scan) };
            if w & TAG_PRIMARY_MASK == crate::term::TAG_HEADER {
                let n = header_arity(w);
                if header_subtag(w).holds_terms() {
                    for i in 1..=n {
                        // SAFETY: body words of a copied object, below top.
                        unsafe {
                            let slot = self.to.add(scan + i);
                            *slot = self.evacuate(Term(*slot)).0;
                        }
                    }
                }
                scan += 1 + n;
            } else {
                // SAFETY: a word of a copied cons cell, below top.
                unsafe {
                    let slot = self.to.add(scan);
                    *slot = self.evacuate(Term(w)).0;
                }
                scan += 1;
            }
        }
    }
}

/// Collect `heap` so that afterwards `need` words fit. `roots` are every
/// place outside the heap that holds terms of this process; they are
/// updated in place. This is the only function that moves terms.
pub fn collect(heap: &mut Heap, need: usize, roots: &mut [&mut [Term]]) {
    // The heap grows with the roots (a deep stack): each collection scans
    // them all, so collections must get rarer as they grow.
    let root_words: usize = roots.iter().map(|r| r.len()).sum();
    // A process that keeps collecting (a busy allocator, not one of many
    // idle ones) gets a working heap of at least GROWN_HEAP_WORDS.
    let floor = if heap.collections >= BUSY_COLLECTIONS { GROWN_HEAP_WORDS.min(heap.size() * 4) } else { 0 };
    let floor = floor.max(heap.min_words);
    let size = next_heap_size((heap.used() + need + root_words).max(floor));
    let to = match heap.spare.take() {
        Some(b) if b.len() >= size && b.len() <= 2 * size => b,
        _ => Block::new(size),
    };
    let size = to.len();
    let mut cx = Copier { from: FromSpace::of(heap), to: to.base(), top: 0 };
    for r in roots.iter_mut() {
        for t in r.iter_mut() {
            *t = cx.evacuate(*t);
        }
    }
    cx.scan(0);
    let live = cx.top;
    sweep_offheap(heap);
    let old = std::mem::replace(&mut heap.block, to);
    if old.len() >= SPARE_MIN_WORDS {
        heap.spare = Some(old);
    }
    heap.top = live;
    heap.fragments.clear();
    heap.frag_words = 0;
    heap.collections += 1;

    // Shrink a heap that is mostly empty, so one burst of garbage does not
    // pin a large block for the life of the process.
    // A process that collects keeps at least GROWN_HEAP_WORDS: its next
    // collection should not come after a few hundred words.
    let want = next_heap_size((2 * live + need + root_words).max(floor));
    if want < size / 2 {
        let old = heap.block.base();
        heap.spare = None;
        let new = heap.block.shrink(want);
        if new != old {
            relocate(old, new, live, roots);
            for p in heap.offheap.iter_mut() {
                *p = (*p as u64 - old as u64 + new as u64) as *mut u64;
            }
        }
    }
    heap.full_requested = false;
}

/// After a copy: keep the RefcBin objects that were copied (at their new
/// address) and give back the counts of those that died. Runs while
/// from-space is still allocated, since it reads the forwarding words.
fn sweep_offheap(heap: &mut Heap) {
    let mut kept_bytes = 0;
    let mut objs = std::mem::take(&mut heap.offheap);
    objs.retain_mut(|p| {
        // SAFETY: p is the header word of a RefcBin object in from-space,
        // which is still allocated.
        let h = unsafe { **p };
        if h & TAG_PRIMARY_MASK == TAG_BOXED {
            *p = Term(h).ptr();
            // SAFETY: the forwarding word points at the copy's header.
            kept_bytes += unsafe { crate::term::binary::refc_parts(*p) }.1;
            true
        } else {
            // SAFETY: a RefcBin object that was not copied: dead.
            let (ptr, n) = unsafe { crate::term::binary::refc_parts(*p) };
            crate::term::binary::offheap_release(ptr, n);
            false
        }
    });
    heap.offheap = objs;
    heap.vheap = 0;
    heap.pressure = 0;
    heap.vheap_limit = super::VHEAP_MIN_BYTES.max(kept_bytes);
}

/// After the live words moved from `old` to `new` (same layout), fix every
/// pointer into the old range: in the heap itself and in the roots.
fn relocate(old: *mut u64, new: *mut u64, live: usize, roots: &mut [&mut [Term]]) {
    let lo = old as u64;
    let hi = lo + (live as u64) * 8;
    let fix = |t: Term| -> Term {
        let tag = t.0 & TAG_PRIMARY_MASK;
        if (tag == TAG_BOXED || tag == crate::term::TAG_LIST)
            && (t.0 & !TAG_PRIMARY_MASK) >= lo
            && (t.0 & !TAG_PRIMARY_MASK) < hi
        {
            Term(t.0 - lo + new as u64)
        } else {
            t
        }
    };
    let mut i = 0;
    while i < live {
        // SAFETY: i < live: words copied by the collector, now at `new`.
        let w = unsafe { *new.add(i) };
        if w & TAG_PRIMARY_MASK == crate::term::TAG_HEADER {
            let n = header_arity(w);
            if header_subtag(w).holds_terms() {
                for j in 1..=n {
                    // SAFETY: body words of a live object.
                    unsafe { *new.add(i + j) = fix(Term(*new.add(i + j))).0 };
                }
            }
            i += 1 + n;
        } else {
            // SAFETY: a word of a live cons cell.
            unsafe { *new.add(i) = fix(Term(w)).0 };
            i += 1;
        }
    }
    for r in roots.iter_mut() {
        for t in r.iter_mut() {
            *t = fix(*t);
        }
    }
}

/// Number of heap words a deep copy of `t` needs (sharing is not kept).
pub fn size_of(t: Term) -> usize {
    let mut n = 0;
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        let mut cur = t;
        loop {
            if cur.is_list() {
                let (h, tl) = cur.cons_parts();
                n += 2;
                stack.push(h);
                cur = tl;
            } else if cur.is_boxed() {
                let h = cur.boxed_header();
                n += 1 + header_arity(h);
                if header_subtag(h).holds_terms() {
                    stack.extend_from_slice(cur.boxed_body());
                }
                break;
            } else {
                break;
            }
        }
    }
    n
}

/// Deep copy of `t` into `dst` (iterative: long lists do not recurse).
pub fn copy_term<A: Alloc + ?Sized>(dst: &mut A, t: Term) -> Term {
    if t.is_immediate() {
        return t;
    }
    // Work items: a slot in the copy to fill with a copy of the term.
    let mut root = Term::NIL;
    let mut work: Vec<(*mut u64, Term)> = vec![(&mut root.0 as *mut u64, t)];
    while let Some((slot, src)) = work.pop() {
        let mut slot = slot;
        let mut cur = src;
        loop {
            if cur.is_list() {
                let (h, tl) = cur.cons_parts();
                let p = dst.alloc(2);
                // SAFETY: p is two fresh words; slot is a word of the copy
                // (or `root`) that is filled exactly once.
                unsafe {
                    *p = h.0;
                    *slot = Term::list_ptr(p).0;
                }
                if !h.is_immediate() {
                    work.push((p, h));
                }
                // SAFETY: the tail word of the fresh cell.
                slot = unsafe { p.add(1) };
                cur = tl;
            } else if cur.is_boxed() {
                let h = cur.boxed_header();
                let n = header_arity(h);
                let p = dst.alloc(1 + n);
                // SAFETY: p is 1 + n fresh words; the source has n body words.
                unsafe {
                    std::ptr::copy_nonoverlapping(cur.ptr(), p, 1 + n);
                    *slot = Term::boxed_ptr(p).0;
                }
                if header_subtag(h) == crate::term::Subtag::RefcBin {
                    // SAFETY: p is the header of the RefcBin copy just made.
                    let (ptr, len) = unsafe { crate::term::binary::refc_parts(p) };
                    crate::term::binary::offheap_retain(ptr, len);
                    dst.note_offheap(p);
                }
                if header_subtag(h).holds_terms() {
                    for i in 1..=n {
                        // SAFETY: body words of the fresh copy.
                        let e = Term(unsafe { *p.add(i) });
                        if !e.is_immediate() {
                            work.push((unsafe { p.add(i) }, e));
                        }
                    }
                }
                break;
            } else {
                // SAFETY: slot is a word of the copy.
                unsafe { *slot = cur.0 };
                break;
            }
        }
    }
    root
}

/// Debugging aid: check that every pointer in the heap block and in
/// `roots` points into the block or satisfies `outside_ok` (literals).
/// Returns a description of the first bad word.
pub fn verify(heap: &Heap, roots: &[&[Term]], outside_ok: &dyn Fn(*const u64) -> bool) -> Result<(), String> {
    let base = heap.block.base();
    let ok = |t: Term| -> bool {
        let tag = t.0 & TAG_PRIMARY_MASK;
        if tag == TAG_BOXED || tag == crate::term::TAG_LIST {
            heap.contains(t.ptr()) || outside_ok(t.ptr())
        } else {
            true
        }
    };
    let mut i = 0;
    while i < heap.top {
        // SAFETY: i < top: initialised words of the block.
        let w = unsafe { *base.add(i) };
        if w & TAG_PRIMARY_MASK == crate::term::TAG_HEADER {
            let n = header_arity(w);
            if header_subtag(w).holds_terms() {
                for j in 1..=n {
                    // SAFETY: body words of a live object.
                    let t = Term(unsafe { *base.add(i + j) });
                    if !ok(t) {
                        let words: Vec<String> =
                            (0..(1 + n).min(12)).map(|k| format!("{:#x}", unsafe { *base.add(i + k) })).collect();
                        return Err(format!("heap word {} (object at {i}: {}) = {:#x}", i + j, words.join(" "), t.0));
                    }
                }
            }
            i += 1 + n;
        } else {
            if !ok(Term(w)) {
                return Err(format!("heap word {i} (cons) = {w:#x}"));
            }
            i += 1;
        }
    }
    for (ri, r) in roots.iter().enumerate() {
        for (j, t) in r.iter().enumerate() {
            if !ok(*t) {
                return Err(format!("root set {ri} word {j} = {:#x}", t.0));
            }
        }
    }
    Ok(())
}
