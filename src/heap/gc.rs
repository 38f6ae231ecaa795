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
    /// The old block in a full sweep; an empty range in a minor collection.
    old: (u64, u64),
    fragments: Vec<(u64, u64)>,
}

impl FromSpace {
    fn of(heap: &Heap, full: bool) -> FromSpace {
        let b = heap.block.base() as u64;
        let mut fragments: Vec<(u64, u64)> =
            heap.fragments.iter().map(|(f, _)| (f.as_ptr() as u64, f.as_ptr() as u64 + 8 * f.len() as u64)).collect();
        fragments.sort_unstable();
        let old = match (&heap.old, full) {
            (Some(o), true) => (o.block.base() as u64, o.block.base() as u64 + 8 * o.top as u64),
            _ => (0, 0),
        };
        FromSpace { block: (b, b + 8 * heap.block.len() as u64), old, fragments }
    }

    #[inline]
    fn contains(&self, p: *const u64) -> bool {
        let a = p as u64;
        if a >= self.block.0 && a < self.block.1 {
            return true;
        }
        if a >= self.old.0 && a < self.old.1 {
            return true;
        }
        let i = self.fragments.partition_point(|r| r.0 <= a);
        i > 0 && a < self.fragments[i - 1].1
    }
}

/// Where a collection copies to: a block and its fill level.
struct Dest {
    base: *mut u64,
    top: usize,
}

struct Copier {
    from: FromSpace,
    /// Objects at addresses in this range (the young block below its
    /// high-water mark) go to `old`; empty in a full sweep.
    promote: (u64, u64),
    to: Dest,
    old: Dest,
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
                return t; // a literal or old data in a minor collection
            }
            let a = p as u64;
            let dest = if a >= self.promote.0 && a < self.promote.1 { &mut self.old } else { &mut self.to };
            // SAFETY: p points into from-space at a live cell or object (it
            // is reachable); each destination has room for every live word
            // that can go there: to-space is at least as large as
            // from-space's used words, and the old block has room for the
            // words below the high-water mark (checked by `collect`).
            unsafe {
                if tag == crate::term::TAG_LIST {
                    if *p == Term::NON_VALUE.0 {
                        return Term(*p.add(1));
                    }
                    let dst = dest.base.add(dest.top);
                    *dst = *p;
                    *dst.add(1) = *p.add(1);
                    dest.top += 2;
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
                    let dst = dest.base.add(dest.top);
                    std::ptr::copy_nonoverlapping(p, dst, n);
                    dest.top += n;
                    let nt = Term::boxed_ptr(dst);
                    *p = nt.0;
                    nt
                }
            }
        } else {
            t
        }
    }

    /// Cheney scan of one destination (`old` or not) from `scan` until it
    /// catches up with its top; returns where it stopped.
    fn scan_dest(&mut self, old: bool, mut scan: usize) -> usize {
        loop {
            let (base, top) = if old { (self.old.base, self.old.top) } else { (self.to.base, self.to.top) };
            if scan >= top {
                return scan;
            }
            // SAFETY: scan < top, so the word was written by evacuate.
            let w = unsafe { *base.add(scan) };
            if w & TAG_PRIMARY_MASK == crate::term::TAG_HEADER {
                let n = header_arity(w);
                if header_subtag(w).holds_terms() {
                    for i in 1..=n {
                        // SAFETY: body words of a copied object, below top.
                        unsafe {
                            let slot = base.add(scan + i);
                            *slot = self.evacuate(Term(*slot)).0;
                        }
                    }
                }
                scan += 1 + n;
            } else {
                // SAFETY: a word of a copied cons cell, below top.
                unsafe {
                    let slot = base.add(scan);
                    *slot = self.evacuate(Term(w)).0;
                }
                scan += 1;
            }
        }
    }

    /// Scan both destinations until neither has unscanned words.
    fn scan(&mut self, mut young: usize, mut old: usize) {
        loop {
            young = self.scan_dest(false, young);
            old = self.scan_dest(true, old);
            if young == self.to.top {
                return;
            }
        }
    }
}

/// Collect `heap` so that afterwards `need` words fit. `roots` are every
/// place outside the heap that holds terms of this process; they are
/// updated in place. This is the only function that moves terms.
///
/// Generational, as on BEAM: a minor collection copies the live young
/// data (young block and fragments) and promotes what had already
/// survived one collection (what lies below the high-water mark `hw`) to
/// the old block; a full sweep copies everything, old block included, into
/// a fresh young block and drops the old one. A full sweep runs when asked
/// for (garbage_collect), after `fullsweep_after` minor collections, or
/// when the old block has no room for what would be promoted.
///
/// The invariant that lets a minor collection leave the old block alone:
/// **no old object points into the young generation.** Terms are
/// immutable, so an object only points to objects older than itself; data
/// below `hw` (all copied by the last collection) points only below `hw`,
/// into the old block, or to literals, so promoting it keeps the
/// invariant. The in-place writes girder does (`set_element_raw` in
/// setelement/make_tuple/put_tuple, `set_tail_raw`) only touch an object
/// built by the same instruction or BIF, with no safe point between the
/// allocation and the write, so the object is above `hw` and young.
pub fn collect(heap: &mut Heap, need: usize, roots: &mut [&mut [Term]]) {
    // The heap grows with the roots (a deep stack): each collection scans
    // them all, so collections must get rarer as they grow.
    let root_words: usize = roots.iter().map(|r| r.len()).sum();
    // A process that keeps collecting (a busy allocator, not one of many
    // idle ones) gets a working heap of at least GROWN_HEAP_WORDS.
    let floor = if heap.collections >= BUSY_COLLECTIONS { GROWN_HEAP_WORDS.min(heap.size() * 4) } else { 0 };
    let floor = floor.max(heap.min_words);
    let promote = heap.hw.min(heap.top);
    let old_room = heap.old.as_ref().map_or(0, |o| o.block.len() - o.top);
    let full = heap.full_requested
        || heap.minors as u64 >= heap.fullsweep_after
        || (promote > 0 && heap.old.is_some() && old_room < promote);
    if !full && promote > 0 && heap.old.is_none() {
        let block = Block::new(next_heap_size((2 * promote).max(heap.block.len())));
        heap.old = Some(Box::new(super::OldGen { block, top: 0, offheap: Vec::new() }));
    }
    let old_live = if full { heap.old_used_words() } else { 0 };
    // In a minor collection the words below hw go to the old block.
    let young_need = heap.used() + old_live - if full { 0 } else { promote };
    // Sized as if nothing were promoted: the young block grows with the
    // data as a single-generation heap would, and minor collections stay
    // rare while the old block takes the survivors.
    let size = next_heap_size((young_need.max(heap.used()) + need + root_words).max(floor));
    let to = match heap.spare.take() {
        Some(b) if b.len() >= size && b.len() <= 2 * size => b,
        _ => Block::new(size),
    };
    let size = to.len();
    let base = heap.block.base() as u64;
    let (old_base, old_start) = match (&heap.old, full) {
        (Some(o), false) => (o.block.base(), o.top),
        _ => (std::ptr::null_mut(), 0),
    };
    let mut cx = Copier {
        from: FromSpace::of(heap, full),
        promote: if full { (0, 0) } else { (base, base + 8 * promote as u64) },
        to: Dest { base: to.base(), top: 0 },
        old: Dest { base: old_base, top: old_start },
    };
    for r in roots.iter_mut() {
        for t in r.iter_mut() {
            *t = cx.evacuate(*t);
        }
    }
    cx.scan(0, old_start);
    let live = cx.to.top;
    let old_top = cx.old.top;
    sweep_offheap(heap, full);
    let old = std::mem::replace(&mut heap.block, to);
    if old.len() >= SPARE_MIN_WORDS {
        heap.spare = Some(old);
    }
    heap.top = live;
    heap.hw = live;
    if full {
        heap.old = None;
        heap.minors = 0;
    } else {
        if let Some(o) = &mut heap.old {
            o.top = old_top;
        }
        heap.minors += 1;
    }
    heap.fragments.clear();
    heap.frag_words = 0;
    heap.collections += 1;

    // Shrink a heap that is mostly empty, so one burst of garbage does not
    // pin a large block for the life of the process.
    // A process that collects keeps at least GROWN_HEAP_WORDS: its next
    // collection should not come after a few hundred words. (No old
    // object points into the young block, so only it and the roots are
    // fixed up.)
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
fn sweep_offheap(heap: &mut Heap, full: bool) {
    let mut kept_bytes = 0;
    let mut objs = std::mem::take(&mut heap.offheap);
    if full {
        // The old block is from-space too: its objects were copied or died.
        if let Some(o) = &mut heap.old {
            objs.append(&mut o.offheap);
        }
    }
    let old_range = match &heap.old {
        Some(o) if !full => (o.block.base() as u64, o.block.base() as u64 + 8 * o.block.len() as u64),
        _ => (0, 0),
    };
    let mut promoted = Vec::new();
    objs.retain_mut(|p| {
        // SAFETY: p is the header word of a RefcBin object in from-space,
        // which is still allocated.
        let h = unsafe { **p };
        if h & TAG_PRIMARY_MASK == TAG_BOXED {
            *p = Term(h).ptr();
            // SAFETY: the forwarding word points at the copy's header.
            kept_bytes += unsafe { crate::term::binary::refc_parts(*p) }.1;
            if (*p as u64) >= old_range.0 && (*p as u64) < old_range.1 {
                promoted.push(*p);
                return false;
            }
            true
        } else {
            // SAFETY: a RefcBin object that was not copied: dead.
            let (ptr, n) = unsafe { crate::term::binary::refc_parts(*p) };
            crate::term::binary::offheap_release(ptr, n);
            false
        }
    });
    heap.offheap = objs;
    if let Some(o) = &mut heap.old {
        o.offheap.append(&mut promoted);
    }
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
                    // SAFETY: p is the RefcBin copy just made in dst.
                    unsafe { dst.note_offheap(p) };
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
