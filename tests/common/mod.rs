//! Shared by the format tests: a reader for Erlang term text.

#![allow(dead_code)]

use girder::heap::{Alloc, Heap};
use girder::term::{order, Atom, Term};
use num_bigint::BigInt;

/// A reader for the subset of Erlang term syntax that `~w` writes, plus
/// string literals.
pub struct Reader<'a> {
    pub s: &'a [char],
    pub i: usize,
    pub heap: &'a mut Heap,
}

impl Reader<'_> {
    fn peek(&self) -> char {
        self.s.get(self.i).copied().unwrap_or('\0')
    }
    fn bump(&mut self) -> char {
        let c = self.peek();
        self.i += 1;
        c
    }
    fn expect(&mut self, c: char) {
        let got = self.bump();
        assert_eq!(got, c, "at {} in {}", self.i, self.s.iter().collect::<String>());
    }
    fn skip_ws(&mut self) {
        while self.peek() == ' ' {
            self.i += 1;
        }
    }

    fn escape(&mut self) -> char {
        let c = self.bump();
        let code = match c {
            'b' => 8,
            'd' => 127,
            'e' => 27,
            'f' => 12,
            'n' => 10,
            'r' => 13,
            's' => 32,
            't' => 9,
            'v' => 11,
            '^' => (self.bump() as u32) & 31,
            '0'..='7' => {
                let mut v = c.to_digit(8).unwrap();
                for _ in 0..2 {
                    match self.peek().to_digit(8) {
                        Some(d) => {
                            v = v * 8 + d;
                            self.i += 1;
                        }
                        None => break,
                    }
                }
                v
            }
            'x' => {
                if self.peek() == '{' {
                    self.i += 1;
                    let mut v = 0;
                    while self.peek() != '}' {
                        v = v * 16 + self.bump().to_digit(16).unwrap();
                    }
                    self.i += 1;
                    v
                } else {
                    let a = self.bump().to_digit(16).unwrap();
                    let b = self.bump().to_digit(16).unwrap();
                    a * 16 + b
                }
            }
            c => c as u32,
        };
        char::from_u32(code).unwrap()
    }

    fn quoted(&mut self, q: char) -> String {
        self.expect(q);
        let mut s = String::new();
        loop {
            match self.bump() {
                '\\' => s.push(self.escape()),
                c if c == q => return s,
                c => s.push(c),
            }
        }
    }

    pub fn term(&mut self) -> Term {
        self.skip_ws();
        let c = self.peek();
        match c {
            '[' => {
                self.i += 1;
                let mut elems = Vec::new();
                let mut tail = Term::NIL;
                if self.peek() == ']' {
                    self.i += 1;
                    return Term::NIL;
                }
                loop {
                    elems.push(self.term());
                    match self.bump() {
                        ',' => {}
                        '|' => {
                            tail = self.term();
                            self.expect(']');
                            break;
                        }
                        ']' => break,
                        c => panic!("unexpected {c}"),
                    }
                }
                self.heap.list_with_tail(&elems, tail)
            }
            '{' => {
                self.i += 1;
                let elems = self.seq('}');
                self.heap.tuple(&elems)
            }
            '#' => {
                self.i += 1;
                self.expect('{');
                let mut pairs = Vec::new();
                if self.peek() == '}' {
                    self.i += 1;
                } else {
                    loop {
                        let k = self.term();
                        self.skip_ws();
                        self.expect('=');
                        self.expect('>');
                        let v = self.term();
                        pairs.push((k, v));
                        match self.bump() {
                            ',' => {}
                            '}' => break,
                            c => panic!("unexpected {c}"),
                        }
                    }
                }
                // OTP orders small maps' keys with every integer before
                // every float.
                pairs.sort_by(|a, b| {
                    let rank = |t: Term| if t.is_float() { 1 } else { 0 };
                    if a.0.is_number() && b.0.is_number() && rank(a.0) != rank(b.0) {
                        rank(a.0).cmp(&rank(b.0))
                    } else {
                        order::compare_exact(a.0, b.0)
                    }
                });
                let (ks, vs): (Vec<Term>, Vec<Term>) = pairs.into_iter().unzip();
                self.heap.map_sorted(&ks, &vs)
            }
            '"' => {
                let s = self.quoted('"');
                let v: Vec<Term> = s.chars().map(|c| Term::small(c as i64)).collect();
                self.heap.list(&v)
            }
            '\'' => {
                let s = self.quoted('\'');
                Term::atom(Atom::intern(&s))
            }
            '-' | '0'..='9' => {
                let st = self.i;
                self.i += 1;
                let mut float = false;
                while let Some(&c) = self.s.get(self.i) {
                    if c.is_ascii_digit()
                        || c == '.'
                        || c == 'e'
                        || ((c == '-' || c == '+') && self.s[self.i - 1] == 'e')
                    {
                        float |= c == '.';
                        self.i += 1;
                    } else {
                        break;
                    }
                }
                let text: String = self.s[st..self.i].iter().collect();
                if float {
                    self.heap.float(text.parse().unwrap())
                } else {
                    self.heap.bigint(&text.parse::<BigInt>().unwrap())
                }
            }
            _ => {
                let st = self.i;
                while let Some(&c) = self.s.get(self.i) {
                    if c.is_alphanumeric() || c == '_' || c == '@' {
                        self.i += 1;
                    } else {
                        break;
                    }
                }
                assert!(self.i > st, "bad term at {}", st);
                let name: String = self.s[st..self.i].iter().collect();
                Term::atom(Atom::intern(&name))
            }
        }
    }

    fn seq(&mut self, close: char) -> Vec<Term> {
        let mut elems = Vec::new();
        if self.peek() == close {
            self.i += 1;
            return elems;
        }
        loop {
            elems.push(self.term());
            match self.bump() {
                ',' => {}
                c if c == close => return elems,
                c => panic!("unexpected {c}"),
            }
        }
    }
}

/// Parse one term from its text, building it on `heap`.
pub fn parse(heap: &mut Heap, text: &str) -> Term {
    let chars: Vec<char> = text.chars().collect();
    let mut r = Reader { s: &chars, i: 0, heap };
    r.term()
}
