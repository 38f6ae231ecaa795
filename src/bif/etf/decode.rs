//! Decoding the External Term Format into terms on a process heap.
//!
//! Reads every form OTP 25 writes and the older ones it still reads
//! (ATOM_EXT, SMALL_ATOM_EXT, FLOAT_EXT, PID_EXT, REFERENCE_EXT,
//! NEW_REFERENCE_EXT, LIST_EXT with an improper tail). Anything malformed
//! is an `Err(())`, which the BIFs turn into badarg.
//!
//! Compound terms are built bottom-up with an explicit stack of open
//! tuples, lists, maps and funs, so nesting depth costs heap, not Rust
//! stack:
//!
//! ```text
//!  LIST_EXT 2, SMALL_TUPLE_EXT 1, a, b, NIL_EXT
//!  open [list want 3] -> open [list, tuple want 1] -> a closes the tuple
//!  -> {a} and b and [] fill the list -> [{a}, b]
//! ```

use super::tag;
use crate::code::Lambda;
use crate::heap::Alloc;
use crate::term::order::compare_exact;
use crate::term::{Atom, Term};
use num_bigint::{BigInt, Sign};

type R<T> = Result<T, ()>;

pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    /// `safe`: no new atoms (and so no funs of modules not loaded).
    safe: bool,
}

enum Open {
    Tuple,
    /// Elements, then the tail.
    List,
    /// Keys and values interleaved.
    Map,
    Fun(&'static Lambda),
}

struct Frame {
    kind: Open,
    items: Vec<Term>,
    want: usize,
}

enum Step {
    Done(Term),
    Open(Frame),
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8], safe: bool) -> Reader<'a> {
        Reader { buf, pos: 0, safe }
    }
    pub fn pos(&self) -> usize {
        self.pos
    }
    fn left(&self) -> usize {
        self.buf.len() - self.pos
    }
    fn take(&mut self, n: usize) -> R<&'a [u8]> {
        if n > self.left() {
            return Err(());
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    fn u8(&mut self) -> R<u8> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> R<usize> {
        let b = self.take(2)?;
        Ok(u16::from_be_bytes([b[0], b[1]]) as usize)
    }
    fn u32(&mut self) -> R<u32> {
        let b = self.take(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }
    /// A count of items each at least `min` bytes long: larger than the
    /// input could hold is malformed (and must not size an allocation).
    fn count(&self, n: usize, min: usize) -> R<usize> {
        if n.saturating_mul(min) > self.left() {
            Err(())
        } else {
            Ok(n)
        }
    }

    fn make_atom(&self, name: &str) -> R<Term> {
        if name.chars().count() > crate::term::atom::MAX_ATOM_CHARS {
            return Err(());
        }
        let a = if self.safe { Atom::existing(name).ok_or(())? } else { Atom::intern(name) };
        Ok(Term::atom(a))
    }

    /// An atom in any of its four encodings, the tag already read.
    fn atom_body(&mut self, t: u8) -> R<Term> {
        let (n, utf8) = match t {
            tag::ATOM_EXT => (self.u16()?, false),
            tag::SMALL_ATOM_EXT => (self.u8()? as usize, false),
            tag::ATOM_UTF8_EXT => (self.u16()?, true),
            tag::SMALL_ATOM_UTF8_EXT => (self.u8()? as usize, true),
            _ => return Err(()),
        };
        let b = self.take(n)?;
        if utf8 {
            self.make_atom(std::str::from_utf8(b).map_err(|_| ())?)
        } else {
            self.make_atom(&b.iter().map(|&c| c as char).collect::<String>())
        }
    }
    fn atom(&mut self) -> R<Atom> {
        let t = self.u8()?;
        Ok(self.atom_body(t)?.as_atom().expect("an atom"))
    }
    /// A small non-negative integer (SMALL_INTEGER_EXT or INTEGER_EXT).
    fn small_int(&mut self) -> R<i64> {
        match self.u8()? {
            tag::SMALL_INTEGER_EXT => Ok(self.u8()? as i64),
            tag::INTEGER_EXT => Ok(self.u32()? as i32 as i64),
            _ => Err(()),
        }
    }
    /// The node of a pid or reference: girder is `nonode@nohost` and has
    /// no distribution, so a term of another node is refused.
    fn local_node(&mut self) -> R<()> {
        if self.atom()?.name() == super::encode::NODE {
            Ok(())
        } else {
            Err(())
        }
    }
    fn pid_body(&mut self, t: u8) -> R<Term> {
        self.local_node()?;
        let id = self.u32()? as u64;
        let serial = self.u32()? as u64;
        if t == tag::PID_EXT {
            self.u8()?;
        } else {
            self.u32()?;
        }
        Ok(Term::pid(id | (serial << 32)))
    }
    fn pid(&mut self) -> R<Term> {
        match self.u8()? {
            t @ (tag::PID_EXT | tag::NEW_PID_EXT) => self.pid_body(t),
            _ => Err(()),
        }
    }

    /// The whole term at the current position.
    pub fn term<A: Alloc>(&mut self, heap: &mut A) -> R<Term> {
        let mut stack: Vec<Frame> = Vec::new();
        loop {
            let mut t = match self.one(heap)? {
                Step::Done(t) => t,
                Step::Open(f) if f.want == 0 => finish(heap, f)?,
                Step::Open(f) => {
                    stack.push(f);
                    continue;
                }
            };
            // Hand `t` to the innermost open term, closing those it fills.
            loop {
                let Some(top) = stack.last_mut() else { return Ok(t) };
                top.items.push(t);
                if top.items.len() < top.want {
                    break;
                }
                let f = stack.pop().expect("a frame");
                t = finish(heap, f)?;
            }
        }
    }

    fn open(&self, kind: Open, want: usize, min: usize) -> R<Step> {
        let want = self.count(want, min)?;
        Ok(Step::Open(Frame { kind, items: Vec::with_capacity(want), want }))
    }

    fn one<A: Alloc>(&mut self, heap: &mut A) -> R<Step> {
        let t = self.u8()?;
        let done = match t {
            tag::SMALL_INTEGER_EXT => Term::small(self.u8()? as i64),
            tag::INTEGER_EXT => Term::small(self.u32()? as i32 as i64),
            tag::SMALL_BIG_EXT | tag::LARGE_BIG_EXT => {
                let n = if t == tag::SMALL_BIG_EXT { self.u8()? as usize } else { self.u32()? as usize };
                let sign = if self.u8()? == 0 { Sign::Plus } else { Sign::Minus };
                let mag = self.take(n)?;
                heap.bigint(&BigInt::from_bytes_le(sign, mag))
            }
            tag::NEW_FLOAT_EXT => {
                let b = self.take(8)?;
                let x = f64::from_bits(u64::from_be_bytes(b.try_into().expect("8 bytes")));
                if !x.is_finite() {
                    return Err(());
                }
                heap.float(x)
            }
            tag::FLOAT_EXT => {
                let b = self.take(31)?;
                let end = b.iter().position(|&c| c == 0).unwrap_or(31);
                let s = std::str::from_utf8(&b[..end]).map_err(|_| ())?;
                let x: f64 = s.trim().parse().map_err(|_| ())?;
                if !x.is_finite() {
                    return Err(());
                }
                heap.float(x)
            }
            tag::ATOM_EXT | tag::SMALL_ATOM_EXT | tag::ATOM_UTF8_EXT | tag::SMALL_ATOM_UTF8_EXT => self.atom_body(t)?,
            tag::NIL_EXT => Term::NIL,
            tag::STRING_EXT => {
                let n = self.u16()?;
                let b = self.take(n)?;
                let v: Vec<Term> = b.iter().map(|&c| Term::small(c as i64)).collect();
                heap.list(&v)
            }
            tag::LIST_EXT => {
                let n = self.u32()? as usize;
                return self.open(Open::List, n.saturating_add(1), 1);
            }
            tag::SMALL_TUPLE_EXT => {
                let n = self.u8()? as usize;
                return self.open(Open::Tuple, n, 1);
            }
            tag::LARGE_TUPLE_EXT => {
                let n = self.u32()? as usize;
                return self.open(Open::Tuple, n, 1);
            }
            tag::MAP_EXT => {
                let n = self.u32()? as usize;
                return self.open(Open::Map, n.saturating_mul(2), 1);
            }
            tag::BINARY_EXT => {
                let n = self.u32()? as usize;
                heap.binary(self.take(n)?)
            }
            tag::BIT_BINARY_EXT => {
                let n = self.u32()? as usize;
                let bits = self.u8()? as usize;
                // An empty binary has 0 bits in its last byte; any other
                // has 1 to 8.
                if (n == 0 && bits != 0) || (n > 0 && !(1..=8).contains(&bits)) {
                    return Err(());
                }
                let data = self.take(n)?;
                let len = if n == 0 { 0 } else { 8 * (n - 1) + bits };
                heap.bitstring(data, len)
            }
            tag::PID_EXT | tag::NEW_PID_EXT => self.pid_body(t)?,
            tag::REFERENCE_EXT => {
                self.local_node()?;
                let id = self.u32()? as u64;
                self.u8()?;
                heap.reference(id)
            }
            tag::NEW_REFERENCE_EXT | tag::NEWER_REFERENCE_EXT => {
                let n = self.u16()?;
                if !(1..=5).contains(&n) {
                    return Err(());
                }
                self.local_node()?;
                if t == tag::NEW_REFERENCE_EXT {
                    self.u8()?;
                } else {
                    self.u32()?;
                }
                let mut ids = [0u64; 5];
                for id in ids.iter_mut().take(n) {
                    *id = self.u32()? as u64;
                }
                // girder's references are one 64-bit number: the first
                // two words, as the encoder writes them.
                heap.reference(ids[0] | (ids[1] << 32))
            }
            tag::EXPORT_EXT => {
                let m = self.atom()?;
                let f = self.atom()?;
                let a = self.small_int()?;
                if !(0..=255).contains(&a) {
                    return Err(());
                }
                heap.export_fun(Term::atom(m), Term::atom(f), a as u32)
            }
            tag::NEW_FUN_EXT => return self.new_fun(),
            _ => return Err(()),
        };
        Ok(Step::Done(done))
    }

    /// NEW_FUN_EXT as girder writes it (see `encode::closure`): the lambda
    /// is found by module, index and uniq in the module's current version
    /// (loading the module if it is not loaded and `safe` was not given).
    fn new_fun(&mut self) -> R<Step> {
        let size = self.u32()? as usize;
        if size < 4 || size - 4 > self.left() {
            return Err(());
        }
        let arity = self.u8()? as u32;
        self.take(16)?;
        let index = self.u32()?;
        let num_free = self.u32()? as usize;
        let module = self.atom()?;
        let _old_index = self.small_int()?;
        let old_uniq = self.integer_u32()?;
        self.pid()?;
        let code = if self.safe {
            crate::code::server::loaded(module)
        } else {
            crate::code::server::ensure_loaded(module).ok()
        };
        let lambda = code
            .and_then(|m| m.lambdas.iter().copied().find(|l| l.index == index && l.uniq == old_uniq))
            .filter(|l| l.arity == arity && l.num_free as usize == num_free)
            .ok_or(())?;
        self.open(Open::Fun(lambda), num_free, 1)
    }

    /// An unsigned 32-bit number written as an integer term.
    fn integer_u32(&mut self) -> R<u32> {
        match self.u8()? {
            tag::SMALL_INTEGER_EXT => Ok(self.u8()? as u32),
            tag::INTEGER_EXT => Ok(self.u32()?),
            tag::SMALL_BIG_EXT => {
                let n = self.u8()? as usize;
                let neg = self.u8()? != 0;
                let b = self.take(n)?;
                if neg || n > 4 {
                    return Err(());
                }
                Ok(b.iter().rev().fold(0u32, |v, &x| (v << 8) | x as u32))
            }
            _ => Err(()),
        }
    }
}

/// Build the term of a frame whose items are all there.
fn finish<A: Alloc>(heap: &mut A, f: Frame) -> R<Term> {
    Ok(match f.kind {
        Open::Tuple => heap.tuple(&f.items),
        Open::List => {
            let (tail, elems) = f.items.split_last().expect("a tail");
            heap.list_with_tail(elems, *tail)
        }
        Open::Map => {
            let mut pairs: Vec<(Term, Term)> = f.items.chunks(2).map(|c| (c[0], c[1])).collect();
            pairs.sort_by(|a, b| compare_exact(a.0, b.0));
            // OTP refuses a map with a key twice.
            if pairs.windows(2).any(|w| compare_exact(w[0].0, w[1].0).is_eq()) {
                return Err(());
            }
            let (k, v): (Vec<Term>, Vec<Term>) = pairs.into_iter().unzip();
            heap.map_sorted(&k, &v)
        }
        Open::Fun(l) => heap.closure(l as *const Lambda as u64, &f.items),
    })
}
