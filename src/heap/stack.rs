//! A process stack: frames of Y registers and saved continuations, in one
//! growable vector of words (never the Rust stack, so recursion depth is
//! bounded by memory only).
//!
//! ```text
//!   ... | caller's frame | module ptr | pc<<3 | y(n-1) ... y1 y0 |  <- top
//! ```
//! A continuation is two words with tag 00 (an aligned pointer and a
//! shifted index); Y slots always hold terms, whose tag is never 00, so the
//! collector can take the whole vector as roots (it ignores tag-00 words)
//! and a stack walk can find the continuations.

use crate::term::{Term, TAG_HEADER, TAG_PRIMARY_MASK};
use std::marker::PhantomData;

pub struct Stack<M: 'static> {
    words: Vec<Term>,
    _code: PhantomData<&'static M>,
}

impl<M: 'static> Default for Stack<M> {
    fn default() -> Self {
        Stack { words: Vec::new(), _code: PhantomData }
    }
}

/// A continuation: code and instruction index; None is "return to the VM".
pub type Cont<M> = (Option<&'static M>, u32);

impl<M: 'static> Stack<M> {
    /// Push a frame of `n` slots set to [] with its continuation.
    #[inline(always)]
    pub fn allocate(&mut self, n: usize, cont: Cont<M>) {
        let m = cont.0.map_or(0, |m| m as *const M as u64);
        self.words.reserve(n + 2);
        let len = self.words.len();
        // SAFETY: `reserve` made room for n + 2 more words; every one of
        // them is written before the length covers it.
        unsafe {
            let p = self.words.as_mut_ptr().add(len);
            *p = Term(m);
            *p.add(1) = Term((cont.1 as u64) << 3);
            for i in 0..n {
                *p.add(2 + i) = Term::NIL;
            }
            self.words.set_len(len + n + 2);
        }
    }

    /// Pop a frame of `n` slots and return its continuation.
    #[inline(always)]
    pub fn deallocate(&mut self, n: usize) -> Cont<M> {
        let len = self.words.len();
        assert!(len >= n + 2, "stack underflow");
        let base = len - n - 2;
        let (m, pc) = (self.words[base].0, self.words[base + 1].0);
        // Continuation words have tag 00; anything else is a compiler bug.
        debug_assert!(m & 3 == 0 && pc & 3 == 0);
        self.words.truncate(base);
        (decode::<M>(m), (pc >> 3) as u32)
    }

    #[inline(always)]
    pub fn y(&self, i: u16) -> Term {
        self.words[self.words.len() - 1 - i as usize]
    }
    #[inline(always)]
    pub fn set_y(&mut self, i: u16, t: Term) {
        let l = self.words.len();
        self.words[l - 1 - i as usize] = t;
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
    pub fn truncate(&mut self, len: usize) {
        self.words.truncate(len)
    }
    /// All words, for the collector (continuations are ignored by it).
    pub fn roots(&mut self) -> &mut [Term] {
        &mut self.words
    }
    /// Memory in words (for process_info).
    pub fn capacity(&self) -> usize {
        self.words.capacity()
    }

    /// The top of the stack and the end of its capacity, for compiled code
    /// (`crate::jit`) that pushes and pops frames in place.
    pub fn jit_window(&mut self) -> (*mut Term, *mut Term) {
        let (len, cap) = (self.words.len(), self.words.capacity());
        let base = self.words.as_mut_ptr();
        // SAFETY: len <= cap, so both are within the allocation or one past it.
        unsafe { (base.add(len), base.add(cap)) }
    }

    /// Take the new top after compiled code ran.
    ///
    /// # Safety
    /// `top` lies in the window `jit_window` returned (the vector unchanged
    /// since), and every word below it holds a term or a continuation word
    /// written by `allocate` or by compiled code from a `&'static M`.
    pub unsafe fn jit_commit(&mut self, top: *mut Term) {
        // SAFETY: top and the base are in one allocation (the contract).
        let len = unsafe { top.offset_from(self.words.as_ptr()) } as usize;
        debug_assert!(len <= self.words.capacity());
        // SAFETY: len is within the capacity and its words are written.
        unsafe { self.words.set_len(len) }
    }

    /// Continuations from the top of the stack down.
    pub fn continuations(&self) -> Vec<Cont<M>> {
        let mut out = Vec::new();
        let mut i = self.words.len();
        while i >= 2 {
            let w = self.words[i - 1].0;
            if w & TAG_PRIMARY_MASK == TAG_HEADER {
                out.push((decode::<M>(self.words[i - 2].0), (w >> 3) as u32));
                i -= 2;
            } else {
                i -= 1;
            }
        }
        out
    }
}

/// The continuation held in two raw words (compiled code keeps the
/// continuation register as a module address and an index).
///
/// # Safety
/// `m` is 0 or the address of a `&'static M`.
pub unsafe fn cont_from_raw<M: 'static>(m: u64, pc: u32) -> Cont<M> {
    (decode::<M>(m), pc)
}

#[inline(always)]
fn decode<M: 'static>(w: u64) -> Option<&'static M> {
    if w == 0 {
        None
    } else {
        // SAFETY: continuation words of a Stack<M> are only ever written by
        // `allocate` from a `&'static M`.
        Some(unsafe { &*(w as *const M) })
    }
}
