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
