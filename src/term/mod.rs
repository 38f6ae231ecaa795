//! Terms: one 64-bit word with a low-bit tag, in the manner of BEAM.
//!
//! ```text
//!  primary tag (bits 1..0)
//!    00  header word (first word of a boxed object; never a term value)
//!    01  list: pointer to a cons cell [head, tail] (no header)
//!    10  boxed: pointer to a header word
//!    11  immediate; bits 3..2 say which:
//!          0011  small integer, value in bits 63..4 (60-bit signed)
//!          0111  atom, index in bits 63..4
//!          1011  pid, serial number in bits 63..4
//!          1111  special: NIL (0x0f), NON_VALUE (0x1f)
//!
//!  header word: arity (bits 63..6) | subtag (bits 5..2) | 00
//! ```
//! Pointers are to 8-byte aligned words, so the two low bits are free.
//! Everything that dereferences a term pointer lives in this module and in
//! `heap`; the rest of the VM uses the safe accessors below.
//!
//! Invariant all accessors rely on: a list or boxed term was produced by this
//! module's constructors and points to live memory (a process heap, a heap
//! fragment or a module's literal area) that is not moved or freed while the
//! term is in use. The collector is the only thing that moves terms, and it
//! runs only at safe points where every live term is in a root.

pub mod atom;
pub mod bignum;
pub mod binary;
pub mod order;

pub use atom::{atoms, Atom};
use std::fmt;

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Term(pub u64);

pub const TAG_PRIMARY_MASK: u64 = 0b11;
pub const TAG_HEADER: u64 = 0b00;
pub const TAG_LIST: u64 = 0b01;
pub const TAG_BOXED: u64 = 0b10;
pub const TAG_IMMED: u64 = 0b11;
const TAG_IMMED_MASK: u64 = 0b1111;
const TAG_SMALL: u64 = 0b0011;
const TAG_ATOM: u64 = 0b0111;
const TAG_PID: u64 = 0b1011;

/// Smallest and largest integers held in an immediate.
pub const SMALL_MIN: i64 = -(1 << 59);
pub const SMALL_MAX: i64 = (1 << 59) - 1;

/// Kinds of boxed object, stored in bits 5..2 of the header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Subtag {
    /// arity = number of elements, which are terms.
    Tuple = 0,
    /// arity = number of u64 magnitude limbs (little-endian), raw words.
    PosBig = 1,
    NegBig = 2,
    /// arity = 1, the f64 bits.
    Float = 3,
    /// A flat map: arity = 2n; n keys in term order, then n values.
    Map = 4,
    /// A closure: arity = 1 + free vars; word 1 is a small integer, the
    /// lambda's global index; then the captured values.
    Fun = 5,
    /// `fun M:F/A`: arity = 3: module atom, function atom, arity (small).
    Export = 6,
    /// A reference: arity = 1, a raw 64-bit serial.
    Ref = 7,
    /// A binary of at most 64 bytes on the heap (see `binary`): raw words.
    HeapBin = 8,
    /// A reference-counted off-heap binary (see `binary`): raw words.
    RefcBin = 9,
    /// A window on another binary (see `binary`): three terms.
    SubBin = 10,
}

impl Subtag {
    /// Whether the words after the header are terms (scanned by the
    /// collector) or raw data.
    #[inline]
    pub fn holds_terms(self) -> bool {
        matches!(self, Subtag::Tuple | Subtag::Map | Subtag::Fun | Subtag::Export | Subtag::SubBin)
    }
    fn from_bits(b: u64) -> Subtag {
        match b {
            0 => Subtag::Tuple,
            1 => Subtag::PosBig,
            2 => Subtag::NegBig,
            3 => Subtag::Float,
            4 => Subtag::Map,
            5 => Subtag::Fun,
            6 => Subtag::Export,
            7 => Subtag::Ref,
            8 => Subtag::HeapBin,
            9 => Subtag::RefcBin,
            _ => Subtag::SubBin,
        }
    }
}

/// A header word.
#[inline]
pub const fn header(subtag: Subtag, arity: usize) -> u64 {
    ((arity as u64) << 6) | ((subtag as u64) << 2)
}
#[inline]
pub fn header_arity(h: u64) -> usize {
    (h >> 6) as usize
}
#[inline]
pub fn header_subtag(h: u64) -> Subtag {
    Subtag::from_bits((h >> 2) & 0xf)
}

impl Term {
    pub const NIL: Term = Term(0x0f);
    /// Marks "no value": an unbound slot, a moved cons cell during GC.
    pub const NON_VALUE: Term = Term(0x1f);
    pub const TRUE: Term = Term::atom(atoms::TRUE);
    pub const FALSE: Term = Term::atom(atoms::FALSE);

    // ---- immediates -------------------------------------------------------

    #[inline(always)]
    pub const fn small(v: i64) -> Term {
        Term(((v as u64) << 4) | TAG_SMALL)
    }
    #[inline(always)]
    pub fn is_small(self) -> bool {
        self.0 & TAG_IMMED_MASK == TAG_SMALL
    }
    #[inline(always)]
    pub fn small_value(self) -> i64 {
        (self.0 as i64) >> 4
    }
    #[inline(always)]
    pub fn fits_small(v: i64) -> bool {
        (SMALL_MIN..=SMALL_MAX).contains(&v)
    }
    #[inline]
    pub fn as_small(self) -> Option<i64> {
        if self.is_small() {
            Some(self.small_value())
        } else {
            None
        }
    }
    /// Both terms small integers: the fast path of arithmetic.
    #[inline(always)]
    pub fn both_small(a: Term, b: Term) -> bool {
        (a.0 & b.0 & TAG_IMMED_MASK) == TAG_SMALL && (a.0 | b.0) & 0b1100 == 0
    }

    #[inline(always)]
    pub const fn atom(a: Atom) -> Term {
        Term(((a.0 as u64) << 4) | TAG_ATOM)
    }
    #[inline(always)]
    pub fn is_atom(self) -> bool {
        self.0 & TAG_IMMED_MASK == TAG_ATOM
    }
    #[inline]
    pub fn as_atom(self) -> Option<Atom> {
        if self.is_atom() {
            Some(Atom((self.0 >> 4) as u32))
        } else {
            None
        }
    }
    #[inline]
    pub fn bool(b: bool) -> Term {
        if b {
            Term::TRUE
        } else {
            Term::FALSE
        }
    }
    #[inline]
    pub fn is_boolean(self) -> bool {
        self == Term::TRUE || self == Term::FALSE
    }

    #[inline]
    pub const fn pid(serial: u64) -> Term {
        Term((serial << 4) | TAG_PID)
    }
    #[inline]
    pub fn is_pid(self) -> bool {
        self.0 & TAG_IMMED_MASK == TAG_PID
    }
    #[inline]
    pub fn pid_serial(self) -> u64 {
        self.0 >> 4
    }

    #[inline(always)]
    pub fn is_nil(self) -> bool {
        self == Term::NIL
    }
    #[inline(always)]
    pub fn is_immediate(self) -> bool {
        self.0 & TAG_PRIMARY_MASK == TAG_IMMED
    }

    // ---- pointers ---------------------------------------------------------

    #[inline(always)]
    pub fn is_list(self) -> bool {
        self.0 & TAG_PRIMARY_MASK == TAG_LIST
    }
    #[inline(always)]
    pub fn is_boxed(self) -> bool {
        self.0 & TAG_PRIMARY_MASK == TAG_BOXED
    }
    #[inline(always)]
    pub fn list_ptr(p: *const u64) -> Term {
        Term(p as u64 | TAG_LIST)
    }
    #[inline(always)]
    pub fn boxed_ptr(p: *const u64) -> Term {
        Term(p as u64 | TAG_BOXED)
    }
    /// The address a list or boxed term points to.
    #[inline(always)]
    pub fn ptr(self) -> *mut u64 {
        (self.0 & !TAG_PRIMARY_MASK) as *mut u64
    }

    /// Head and tail of a cons cell. Caller checked `is_list`.
    #[inline(always)]
    pub fn cons_parts(self) -> (Term, Term) {
        debug_assert!(self.is_list());
        // SAFETY: a list term points to a live two-word cons cell (module invariant).
        unsafe {
            let p = self.ptr();
            (Term(*p), Term(*p.add(1)))
        }
    }
    #[inline(always)]
    pub fn head(self) -> Term {
        self.cons_parts().0
    }
    #[inline(always)]
    pub fn tail(self) -> Term {
        self.cons_parts().1
    }
    #[inline]
    pub fn as_cons(self) -> Option<(Term, Term)> {
        if self.is_list() {
            Some(self.cons_parts())
        } else {
            None
        }
    }

    /// The header word of a boxed term. Caller checked `is_boxed`.
    #[inline(always)]
    pub fn boxed_header(self) -> u64 {
        debug_assert!(self.is_boxed());
        // SAFETY: a boxed term points to a live header word (module invariant).
        unsafe { *self.ptr() }
    }
    #[inline(always)]
    pub fn boxed_subtag(self) -> Option<Subtag> {
        if self.is_boxed() {
            Some(header_subtag(self.boxed_header()))
        } else {
            None
        }
    }
    #[inline(always)]
    fn is_boxed_with(self, st: Subtag) -> bool {
        self.is_boxed() && (self.boxed_header() >> 2) & 0xf == st as u64
    }
    /// The words after the header of a boxed object.
    #[inline(always)]
    pub fn boxed_body(self) -> &'static [Term] {
        let h = self.boxed_header();
        // SAFETY: the object has `arity` words after its header (module
        // invariant); Term is repr(transparent) over u64. The 'static lifetime
        // is the module invariant: valid until the next collection.
        unsafe { std::slice::from_raw_parts(self.ptr().add(1) as *const Term, header_arity(h)) }
    }

    #[inline(always)]
    pub fn is_tuple(self) -> bool {
        self.is_boxed_with(Subtag::Tuple)
    }
    /// The elements of a tuple, or None.
    #[inline(always)]
    pub fn as_tuple(self) -> Option<&'static [Term]> {
        if self.is_tuple() {
            Some(self.boxed_body())
        } else {
            None
        }
    }
    #[inline(always)]
    pub fn is_float(self) -> bool {
        self.is_boxed_with(Subtag::Float)
    }
    #[inline(always)]
    pub fn float_value(self) -> f64 {
        f64::from_bits(self.boxed_body()[0].0)
    }
    #[inline]
    pub fn as_float(self) -> Option<f64> {
        if self.is_float() {
            Some(self.float_value())
        } else {
            None
        }
    }
    #[inline]
    pub fn is_bignum(self) -> bool {
        self.is_boxed() && matches!(header_subtag(self.boxed_header()), Subtag::PosBig | Subtag::NegBig)
    }
    #[inline]
    pub fn is_integer(self) -> bool {
        self.is_small() || self.is_bignum()
    }
    #[inline]
    pub fn is_number(self) -> bool {
        self.is_small()
            || (self.is_boxed()
                && matches!(header_subtag(self.boxed_header()), Subtag::PosBig | Subtag::NegBig | Subtag::Float))
    }
    #[inline]
    pub fn is_map(self) -> bool {
        self.is_boxed_with(Subtag::Map)
    }
    #[inline]
    pub fn is_fun(self) -> bool {
        self.is_boxed() && matches!(header_subtag(self.boxed_header()), Subtag::Fun | Subtag::Export)
    }
    #[inline]
    pub fn is_ref(self) -> bool {
        self.is_boxed_with(Subtag::Ref)
    }

    /// Keys and values of a map, both in key order.
    #[inline]
    pub fn map_parts(self) -> (&'static [Term], &'static [Term]) {
        let body = self.boxed_body();
        let n = body.len() / 2;
        (&body[..n], &body[n..])
    }
    #[inline]
    pub fn map_size(self) -> usize {
        self.boxed_body().len() / 2
    }

    /// Iterate over a proper or improper list's elements; the iterator's
    /// `tail()` afterwards is the final tail (NIL for a proper list).
    pub fn iter_list(self) -> ListIter {
        ListIter { cur: self }
    }

    /// Elements of a proper list, or None for an improper one or a non-list.
    pub fn list_to_vec(self) -> Option<Vec<Term>> {
        let mut v = Vec::new();
        let mut it = self.iter_list();
        for x in &mut it {
            v.push(x);
        }
        if it.cur.is_nil() {
            Some(v)
        } else {
            None
        }
    }

    /// Length of a proper list, or None.
    pub fn list_length(self) -> Option<usize> {
        let mut n = 0;
        let mut cur = self;
        while cur.is_list() {
            n += 1;
            cur = cur.tail();
        }
        if cur.is_nil() {
            Some(n)
        } else {
            None
        }
    }
}

pub struct ListIter {
    cur: Term,
}
impl ListIter {
    pub fn rest(&self) -> Term {
        self.cur
    }
}
impl Iterator for ListIter {
    type Item = Term;
    #[inline]
    fn next(&mut self) -> Option<Term> {
        if self.cur.is_list() {
            let (h, t) = self.cur.cons_parts();
            self.cur = t;
            Some(h)
        } else {
            None
        }
    }
}

impl fmt::Debug for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(i) = self.as_small() {
            write!(f, "{i}")
        } else if let Some(a) = self.as_atom() {
            write!(f, "'{}'", a.name())
        } else if self.is_nil() {
            write!(f, "[]")
        } else if *self == Term::NON_VALUE {
            write!(f, "<non-value>")
        } else if self.is_pid() {
            write!(f, "<0.{}.0>", self.pid_serial())
        } else if self.is_list() {
            write!(f, "[{:?}|{:?}]", self.head(), self.tail())
        } else if let Some(t) = self.as_tuple() {
            write!(f, "{{")?;
            for (i, e) in t.iter().enumerate() {
                if i > 0 {
                    write!(f, ",")?;
                }
                write!(f, "{e:?}")?;
            }
            write!(f, "}}")
        } else if let Some(x) = self.as_float() {
            write!(f, "{x:?}")
        } else {
            write!(f, "<boxed {:?}>", self.boxed_subtag())
        }
    }
}
