//! `~p`: the pretty printer (`io_lib_pretty`), reimplemented from OTP 25's
//! observable behaviour.
//!
//! The term is first turned into a tree of [`Node`]s that knows the flat
//! length of every subterm. A term that fits in what is left of the line is
//! printed flat. Otherwise lists, tuples and maps are broken:
//!
//! ```text
//! [1,2,3,...,27,28,          atomic elements fill the line
//!  29,30]
//! [{a,1},                    a compound element ends its line
//!  {b,2}]
//! {tag,[1,2,...],            a tuple starting with an atom keeps its
//!      {x,y}}                elements after the tag...
//! {a_long_tag,1,2,           ...unless the tag is long: then they go
//!     [...]}                 4 columns in ("tag indentation")
//! #{key =>                   a map pair that does not fit puts its value
//!       [...]}               4 columns after the key's column
//! ```
//!
//! Columns are 1-based inside this module, as in OTP; "last depth" (`ld`)
//! is the number of closing brackets that must still fit after an element.
//! The tag indentation is chosen by dry runs: first "never indent by a
//! fixed amount" (-1), then 4, then 1, taking the first under which no
//! tagged tuple's elements start right of the middle of the line.

use super::write::{is_printable_latin1, printable_chars, write_atom, write_atomic, write_bitstring, write_string};
use super::Encoding;
use crate::term::binary::Bits;
use crate::term::{Atom, Term};

/// A subterm with its flat length in characters.
struct Node {
    len: i64,
    kind: Kind,
}

enum Kind {
    /// Never broken: numbers, atoms, strings, `...`, empty containers.
    Flat(String),
    /// `[...]`: a list cut by the depth limit. Printed flat, but laid out
    /// like a container (it ends its line); `{...}` and `#{...}` are flat.
    Cut(&'static str),
    Seq(Box<Seq>),
    /// A map association `K => V`.
    Pair(Box<(Node, Node)>),
    /// A binary shown as bytes, `<<1,2,3>>`: broken between bytes when it
    /// does not fit, and like a container it ends its line.
    Bin(String),
    /// A tuple shown as a record, `#name{field = Value,...}`.
    Record(Box<Record>),
    /// `name = Value` in a record.
    Field(Box<(String, Node)>),
}

struct Record {
    /// `#name`
    name: String,
    fields: Vec<Node>,
    /// Fields were left out by the depth limit: `,...`.
    dots: bool,
}

/// A list, tuple or map.
struct Seq {
    open: &'static str,
    close: char,
    /// A tuple of two or more elements whose first element is an atom.
    tagged: bool,
    elems: Vec<Node>,
    end: End,
    /// Written before `...` or an improper tail: `|` for lists, `,` else.
    sep: char,
}

enum End {
    Nil,
    Dots,
    Tail(Node),
}

impl Node {
    fn flat(s: String) -> Node {
        Node { len: s.chars().count() as i64, kind: Kind::Flat(s) }
    }
    fn cut(s: &'static str) -> Node {
        Node { len: s.len() as i64, kind: Kind::Cut(s) }
    }
    fn is_atomic(&self) -> bool {
        match &self.kind {
            Kind::Flat(_) => true,
            Kind::Cut(_) | Kind::Bin(_) | Kind::Record(_) => false,
            Kind::Pair(p) => p.0.is_atomic() && p.1.is_atomic(),
            Kind::Field(f) => f.1.is_atomic(),
            Kind::Seq(_) => false,
        }
    }
}

struct Builder<'r> {
    enc: Encoding,
    /// `~p` shows printable lists as strings; `~lp` does not.
    strings: bool,
    records: Option<RecordFields<'r>>,
}

impl Builder<'_> {
    /// The node for `t` at depth `d` (negative: unlimited).
    fn build(&self, t: Term, d: i64) -> Node {
        if d == 0 {
            return Node::flat("...".into());
        }
        if t.is_list() {
            if self.strings && d != 1 {
                if let Some(cs) = printable_chars(t) {
                    let mut s = String::new();
                    write_string(&mut s, &cs, self.enc);
                    return Node::flat(s);
                }
            }
            if d == 1 {
                return Node::cut("[...]");
            }
            return self.build_list(t, d);
        }
        if let Some(elems) = t.as_tuple() {
            if elems.is_empty() {
                return Node::flat("{}".into());
            }
            if d == 1 {
                return Node::flat("{...}".into());
            }
            if let Some(n) = self.build_record(elems, d) {
                return n;
            }
            let (nodes, end) = self.build_seq(elems, d, |e, d| self.build(*e, d));
            let tagged = elems.len() > 1 && elems[0].is_atom();
            return seq_node("{", '}', tagged, nodes, end, ',');
        }
        if t.is_map() {
            let (keys, values) = t.map_parts();
            if keys.is_empty() {
                return Node::flat("#{}".into());
            }
            if d == 1 {
                return Node::flat("#{...}".into());
            }
            // Unlike lists and tuples, every shown pair gets depth d - 1;
            // `,...` follows when pairs are left out.
            let (shown, cut) =
                if d < 0 || keys.len() <= (d - 1) as usize { (keys.len(), false) } else { ((d - 1) as usize, true) };
            let nodes = (0..shown)
                .map(|i| {
                    let k = self.build(keys[i], d - 1);
                    let v = self.build(values[i], d - 1);
                    Node { len: k.len + 4 + v.len, kind: Kind::Pair(Box::new((k, v))) }
                })
                .collect();
            let end = if cut { End::Dots } else { End::Nil };
            return seq_node("#{", '}', false, nodes, end, ',');
        }
        if let Some(bits) = t.bits() {
            return self.build_bitstring(bits, d);
        }
        let mut s = String::new();
        write_atomic(&mut s, t, self.enc);
        Node::flat(s)
    }

    /// A tuple whose tag names a known record of its size.
    fn build_record(&self, elems: &[Term], d: i64) -> Option<Node> {
        let tag = elems[0].as_atom()?;
        let names = (self.records?)(tag, elems.len() - 1)?;
        let mut name = String::from("#");
        write_atom(&mut name, tag.name(), self.enc);
        let mut fields = Vec::new();
        let mut dots = false;
        let mut d = d - 1;
        for (fname, v) in names.iter().zip(&elems[1..]) {
            if d == 1 {
                dots = true;
                break;
            }
            let mut n = String::new();
            write_atom(&mut n, fname, self.enc);
            let value = self.build(*v, d - 1);
            let len = n.chars().count() as i64 + 3 + value.len;
            fields.push(Node { len, kind: Kind::Field(Box::new((n, value))) });
            d -= 1;
        }
        let nlen = name.chars().count() as i64;
        let len = nlen + 2 + fields.iter().map(|f| f.len).sum::<i64>() + fields.len().saturating_sub(1) as i64;
        let len = len
            + if dots {
                if fields.is_empty() {
                    3
                } else {
                    4
                }
            } else {
                0
            };
        Some(Node { len, kind: Kind::Record(Box::new(Record { name, fields, dots })) })
    }

    /// A bitstring: `<<"text">>` when its bytes are printable (only the
    /// first `4 * (d - 1)` of them are looked at under a depth limit, and a
    /// printable prefix is shown as `<<"pre"...>>`), else `<<1,2,3>>`.
    fn build_bitstring(&self, bits: Bits, d: i64) -> Node {
        if bits.len == 0 {
            return Node::flat("<<>>".into());
        }
        if d == 1 {
            return Node::flat("<<...>>".into());
        }
        if self.strings && bits.is_binary() {
            let bytes = bits.bytes();
            if let Some((chars, utf8, cut)) = printable_binary(&bytes, d - 1, self.enc) {
                let mut s = String::from("<<");
                write_string(&mut s, &chars, self.enc);
                if utf8 {
                    s.push_str("/utf8");
                }
                if cut {
                    s.push_str("...");
                }
                s.push_str(">>");
                return Node::flat(s);
            }
        }
        let mut s = String::new();
        write_bitstring(&mut s, bits, d);
        Node { len: s.chars().count() as i64, kind: Kind::Bin(s) }
    }

    /// Element `i` at depth `d - 1 - i`; dots where the depth runs out.
    fn build_seq<E>(&self, elems: &[E], d: i64, f: impl Fn(&E, i64) -> Node) -> (Vec<Node>, End) {
        let mut d = d - 1;
        let mut nodes = Vec::with_capacity(elems.len());
        for (i, e) in elems.iter().enumerate() {
            if i > 0 {
                if d == 1 {
                    return (nodes, End::Dots);
                }
                d -= 1;
            }
            nodes.push(f(e, d));
        }
        (nodes, End::Nil)
    }

    fn build_list(&self, t: Term, d: i64) -> Node {
        let (h, mut tail) = t.cons_parts();
        let mut d = d - 1;
        let mut nodes = vec![self.build(h, d)];
        let end = loop {
            if tail.is_nil() {
                break End::Nil;
            }
            if d == 1 {
                break End::Dots;
            }
            match tail.as_cons() {
                Some((h, t)) => {
                    nodes.push(self.build(h, d - 1));
                    tail = t;
                    d -= 1;
                }
                None => break End::Tail(self.build(tail, d - 1)),
            }
        };
        seq_node("[", ']', false, nodes, end, '|')
    }
}

fn seq_node(open: &'static str, close: char, tagged: bool, elems: Vec<Node>, end: End, sep: char) -> Node {
    let mut len = open.len() as i64 + 1;
    len += elems.iter().map(|e| e.len).sum::<i64>() + elems.len() as i64 - 1;
    len += match &end {
        End::Nil => 0,
        End::Dots => 4,
        End::Tail(t) => 1 + t.len,
    };
    Node { len, kind: Kind::Seq(Box::new(Seq { open, close, tagged, elems, end, sep })) }
}

/// The flat text of a node.
fn write_flat(out: &mut String, n: &Node) {
    match &n.kind {
        Kind::Flat(s) | Kind::Bin(s) => out.push_str(s),
        Kind::Cut(s) => out.push_str(s),
        Kind::Field(f) => {
            out.push_str(&f.0);
            out.push_str(" = ");
            write_flat(out, &f.1);
        }
        Kind::Record(r) => {
            out.push_str(&r.name);
            out.push('{');
            for (i, f) in r.fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_flat(out, f);
            }
            if r.dots {
                out.push_str(if r.fields.is_empty() { "..." } else { ",..." });
            }
            out.push('}');
        }
        Kind::Pair(p) => {
            write_flat(out, &p.0);
            out.push_str(" => ");
            write_flat(out, &p.1);
        }
        Kind::Seq(s) => {
            out.push_str(s.open);
            for (i, e) in s.elems.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_flat(out, e);
            }
            match &s.end {
                End::Nil => {}
                End::Dots => {
                    out.push(s.sep);
                    out.push_str("...");
                }
                End::Tail(t) => {
                    out.push(s.sep);
                    write_flat(out, t);
                }
            }
            out.push(s.close);
        }
    }
}

/// What `~p` shows of a binary as text: its characters, whether they were
/// decoded from UTF-8 (`/utf8`), and whether only a prefix is shown.
/// `d1` is the depth left (negative: unlimited): at most `4 * d1` bytes
/// are examined, and a prefix is shown only when at least `d1` characters
/// of it are printable.
fn printable_binary(bytes: &[u8], d1: i64, enc: Encoding) -> Option<(Vec<char>, bool, bool)> {
    let limit = if d1 >= 0 { bytes.len().min(4 * d1 as usize) } else { bytes.len() };
    if limit == 0 {
        return None;
    }
    if enc == Encoding::Unicode {
        if let Some(r) = printable_utf8(bytes, limit, d1) {
            return r;
        }
    }
    let printable = bytes[..limit].iter().take_while(|&&b| is_printable_latin1(b as i64)).count();
    let chars = |n: usize| bytes[..n].iter().map(|&b| b as char).collect::<Vec<char>>();
    if printable == limit && limit == bytes.len() {
        Some((chars(limit), false, false))
    } else if d1 > 0 && printable as i64 >= d1 {
        Some((chars(printable), false, true))
    } else {
        None
    }
}

/// The UTF-8 reading of `printable_binary` (for `~tp`), or None when the
/// bytes are not UTF-8 and the Latin-1 reading applies. Printable means
/// printable Latin-1 (OTP's default `+pc latin1`).
#[allow(clippy::type_complexity)]
fn printable_utf8(bytes: &[u8], limit: usize, d1: i64) -> Option<Option<(Vec<char>, bool, bool)>> {
    let mut chars = Vec::new();
    let mut at = 0;
    let mut left = limit;
    let mut stopped = false;
    while at < bytes.len() {
        let (c, n) = decode_utf8(&bytes[at..])?;
        if left == 0 || !is_printable_latin1(c as i64) {
            stopped = true;
            break;
        }
        chars.push(c);
        at += n;
        left -= 1;
    }
    let ascii = chars.len() == at;
    if !stopped {
        return Some(Some((chars, !ascii, false)));
    }
    if d1 > 0 && chars.len() as i64 >= d1 {
        return Some(Some((chars, !ascii, true)));
    }
    Some(None)
}

/// One UTF-8 character at the start of `b` and its length in bytes.
fn decode_utf8(b: &[u8]) -> Option<(char, usize)> {
    let n = match b[0] {
        0..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return None,
    };
    let s = std::str::from_utf8(b.get(..n)?).ok()?;
    s.chars().next().map(|c| (c, n))
}

/// One layout pass. A dry pass writes nothing and fails where a tagged
/// tuple or a record would put its elements too far right.
///
/// Besides the column, every step carries `w`, the characters already on
/// the line since the enclosing element began it, which together with `m`
/// (the most characters an element may put on one line: 60 in the shell,
/// otherwise the whole term's length, so no limit) decides as OTP does
/// whether an element joins a line.
struct Layout<'a> {
    out: &'a mut String,
    dry: bool,
    /// Line length.
    ll: i64,
    /// Tag indentation: -1 (none), or the fixed indent for long tags.
    tind: i64,
    /// Most characters per line (OTP's `line_max_chars`, or the length).
    m: i64,
}

type Fit = Result<(), ()>;

/// `last_depth`: the closing brackets after an element that must fit on
/// its line: none when more elements follow, else one more than outside.
fn last_depth(last: bool, ld: i64) -> i64 {
    if last {
        ld + 1
    } else {
        0
    }
}

impl Layout<'_> {
    fn emit(&mut self, s: &str) {
        if !self.dry {
            self.out.push_str(s);
        }
    }
    fn emit_flat(&mut self, n: &Node) {
        if !self.dry {
            write_flat(self.out, n);
        }
    }
    fn newline(&mut self, ind: i64) {
        if !self.dry {
            self.out.push('\n');
            for _ in 0..ind.max(0) {
                self.out.push(' ');
            }
        }
    }
    /// Whether `n` fits flat at `col` with `ld` closers after it.
    fn fits(&self, n: &Node, col: i64, ld: i64, w: i64) -> bool {
        n.len < self.ll - col - ld && n.len + w + ld <= self.m
    }
    /// Whether an element of `elen` (with its comma) stays on the line.
    fn joins(&self, e: &Node, elen: i64, col: i64, ld1: i64, w: i64) -> bool {
        e.is_atomic()
            && if ld1 == 0 {
                elen + 1 < self.ll - col && w + elen < self.m
            } else {
                elen < self.ll - col - ld1 && w + elen + ld1 <= self.m
            }
    }
    /// A dry pass fails where something would start at `col`, too far
    /// right (OTP's `no_good`).
    fn check_col(&self, col: i64, strict: bool) -> Fit {
        let ok = if strict {
            self.m + col < self.ll || col < self.ll / 2
        } else {
            self.m + col <= self.ll || col <= self.ll / 2
        };
        if self.dry && !ok {
            Err(())
        } else {
            Ok(())
        }
    }

    fn pp(&mut self, n: &Node, col: i64, ind: i64, ld: i64, w: i64) -> Fit {
        if self.fits(n, col, ld, w) {
            self.emit_flat(n);
            return Ok(());
        }
        match &n.kind {
            Kind::Flat(_) | Kind::Cut(_) => {
                self.emit_flat(n);
                Ok(())
            }
            Kind::Bin(s) => {
                self.pp_binary(s, col + 2, ind + 2, ld, w);
                Ok(())
            }
            Kind::Pair(_) => self.pp_pair(n, col, ind, ld, w).map(|_| ()),
            Kind::Field(_) => self.pp_field(n, col, ind, ld, w).map(|_| ()),
            Kind::Record(r) => {
                self.emit(&r.name);
                self.emit("{");
                let nlen = r.name.chars().count() as i64;
                self.pp_record(r, nlen, col, ind, ld, w + nlen + 1)?;
                self.emit("}");
                Ok(())
            }
            Kind::Seq(s) => {
                self.emit(s.open);
                let o = s.open.len() as i64;
                if s.tagged {
                    self.pp_tag_tuple(s, col, ind, ld, w + 1)?;
                } else if s.open == "#{" {
                    self.pp_map(&s.elems, &s.end, col + o, ind + o, ld, w + 1)?;
                } else {
                    self.pp_list(&s.elems, &s.end, s.sep, col + o, ind + o, ld, w + 1)?;
                }
                if !self.dry {
                    self.out.push(s.close);
                }
                Ok(())
            }
        }
    }

    fn pp_tag_tuple(&mut self, s: &Seq, col: i64, ind: i64, ld: i64, w: i64) -> Fit {
        let tag = &s.elems[0];
        let tag_ind = tag.len + 2;
        let tcol = col + tag_ind;
        if self.tind > 0 && tag_ind > self.tind {
            let col1 = col + self.tind;
            self.check_col(col1, false)?;
            self.emit_flat(tag);
            self.pp_tail(&s.elems[1..], &s.end, ',', col1, tcol, ind + self.tind, ld, w + tag.len)
        } else {
            self.check_col(tcol, true)?;
            self.emit_flat(tag);
            self.emit(",");
            if s.elems.len() == 1 {
                // Only the tag survived the depth limit: `{tag,...}`.
                self.emit("...");
                return Ok(());
            }
            self.pp_list(&s.elems[1..], &s.end, ',', tcol, ind + tag_ind, ld, w + tag.len + 1)
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn pp_list(&mut self, elems: &[Node], end: &End, sep: char, col0: i64, ind: i64, ld: i64, w: i64) -> Fit {
        // The last element must leave room for what closes the sequence
        // (`]`, or `|...`/`|Tail` whose own check follows).
        let last = elems.len() == 1;
        let we = self.pp_element(&elems[0], col0, ind, last_depth(last, ld), w)?;
        self.pp_tail(&elems[1..], end, sep, col0, col0 + we, ind, ld, w + we)
    }

    #[allow(clippy::too_many_arguments)]
    fn pp_tail(
        &mut self,
        elems: &[Node],
        end: &End,
        sep: char,
        col0: i64,
        mut col: i64,
        ind: i64,
        ld: i64,
        mut w: i64,
    ) -> Fit {
        for (i, e) in elems.iter().enumerate() {
            let last = i + 1 == elems.len();
            let ld1 = last_depth(last, ld);
            let elen = 1 + e.len;
            self.emit(",");
            if self.joins(e, elen, col, ld1, w) {
                self.emit_flat(e);
                col += elen;
                w += elen;
            } else {
                self.newline(ind);
                let we = self.pp_element(e, col0, ind, ld1, 0)?;
                col = col0 + we;
                w = we;
            }
        }
        match end {
            End::Nil => Ok(()),
            End::Dots => {
                if !self.dry {
                    self.out.push(sep);
                    self.out.push_str("...");
                }
                Ok(())
            }
            End::Tail(t) => {
                // Laid out like a last element, after `|` instead of `,`.
                let len = 1 + t.len;
                if !self.dry {
                    self.out.push(sep);
                }
                if t.is_atomic() && len < self.ll - col - (ld + 1) && len + w + ld < self.m {
                    self.emit_flat(t);
                } else {
                    self.newline(ind);
                    self.pp(t, col0, ind, ld + 1, 0)?;
                }
                Ok(())
            }
        }
    }

    /// Print one element; returns its width, or the line length when the
    /// next element must start a new line.
    fn pp_element(&mut self, e: &Node, col: i64, ind: i64, ld: i64, w: i64) -> Result<i64, ()> {
        if e.is_atomic() && self.fits(e, col, ld, w) {
            self.emit_flat(e);
            return Ok(e.len);
        }
        self.pp(e, col, ind, ld, w)?;
        Ok(self.ll)
    }

    /// A map's associations: like a list, but each line's width restarts
    /// with the association that begins it.
    fn pp_map(&mut self, pairs: &[Node], end: &End, col0: i64, ind: i64, ld: i64, w: i64) -> Fit {
        let last = pairs.len() == 1;
        let pw = self.pp_pair(&pairs[0], col0, ind, last_depth(last, ld), w)?;
        let mut col = col0 + pw;
        let mut w = pw;
        for (i, p) in pairs[1..].iter().enumerate() {
            let last = i + 2 == pairs.len();
            let ld1 = last_depth(last, ld);
            let elen = 1 + p.len;
            self.emit(",");
            if self.joins(p, elen, col, ld1, w) {
                self.emit_flat(p);
                col += elen;
                w += elen;
            } else {
                self.newline(ind);
                let pw = self.pp_pair(p, col0, ind, ld1, 0)?;
                col = col0 + pw;
                w = pw;
            }
        }
        if let End::Dots = end {
            self.emit(",...");
        }
        Ok(())
    }

    fn pp_pair(&mut self, p: &Node, col: i64, ind: i64, ld: i64, w: i64) -> Result<i64, ()> {
        if self.fits(p, col, ld, w) {
            self.emit_flat(p);
            return Ok(if p.is_atomic() { p.len } else { self.ll });
        }
        let Kind::Pair(kv) = &p.kind else {
            self.pp(p, col, ind, ld, w)?;
            return Ok(self.ll);
        };
        let i = if self.tind > 0 { self.tind } else { 4 };
        self.pp(&kv.0, col, ind, ld, w)?;
        self.emit(" =>");
        self.newline(ind + i);
        self.pp(&kv.1, col + i, ind + i, ld, 0)?;
        Ok(self.ll)
    }

    /// Where a record's fields (or a field's value) start: right after the
    /// name, or, with a tag indentation smaller than the name, on a new
    /// line that far in. Returns (column, indentation, new line?).
    fn rec_indent(&mut self, rind: i64, col0: i64, ind0: i64) -> Result<(i64, i64, bool), ()> {
        let nl = self.tind > 0 && rind > self.tind;
        let dcol = if nl { self.tind } else { rind };
        let col = col0 + dcol;
        self.check_col(col, false)?;
        Ok((col, ind0 + dcol, nl))
    }

    fn pp_record(&mut self, r: &Record, nlen: i64, col0: i64, ind0: i64, ld: i64, w0: i64) -> Fit {
        if r.fields.is_empty() {
            if r.dots {
                self.emit("...");
            }
            return Ok(());
        }
        let (col, ind, nl) = self.rec_indent(nlen + 1, col0, ind0)?;
        let w = if nl { 0 } else { w0 };
        if nl {
            self.newline(ind);
        }
        let last = r.fields.len() == 1;
        let fw = self.pp_field(&r.fields[0], col, ind, last_depth(last, ld), w)?;
        let mut c = col + fw;
        let mut w = w + fw;
        for (i, f) in r.fields[1..].iter().enumerate() {
            let last = i + 2 == r.fields.len();
            let ld1 = last_depth(last, ld);
            let elen = 1 + f.len;
            self.emit(",");
            if self.joins(f, elen, c, ld1, w) {
                self.emit_flat(f);
                c += elen;
                w += elen;
            } else {
                self.newline(ind);
                let fw = self.pp_field(f, col, ind, ld1, 0)?;
                c = col + fw;
                w = fw;
            }
        }
        if r.dots {
            self.emit(",...");
        }
        Ok(())
    }

    /// `name = Value`; a value that does not fit goes after the name or,
    /// with a small tag indentation, on the next line.
    fn pp_field(&mut self, f: &Node, col0: i64, ind0: i64, ld: i64, w0: i64) -> Result<i64, ()> {
        if self.fits(f, col0, ld, w0) {
            self.emit_flat(f);
            return Ok(if f.is_atomic() { f.len } else { self.ll });
        }
        let Kind::Field(field) = &f.kind else {
            self.pp(f, col0, ind0, ld, w0)?;
            return Ok(self.ll);
        };
        let (name, value) = (&field.0, &field.1);
        let namel = name.chars().count() as i64 + 3;
        let (col, ind, nl) = self.rec_indent(namel, col0, ind0)?;
        self.emit(name);
        if nl {
            self.emit(" =");
            self.newline(ind);
            self.pp(value, col, ind, ld, 0)?;
        } else {
            self.emit(" = ");
            self.pp(value, col, ind, ld, w0 + namel)?;
        }
        Ok(self.ll)
    }

    /// `<<1,2,...>>` over several lines: bytes fill each line of width
    /// `max(8, min(ll - col, m - 4 - w) - ld)`, continuation lines indented
    /// under the first.
    fn pp_binary(&mut self, s: &str, col: i64, ind: i64, ld: i64, w: i64) {
        let n0 = 8.max((self.ll - col).min(self.m - 4 - w) - ld);
        let inner = &s[2..s.len() - 2];
        let pieces: Vec<&str> = inner.split(',').collect();
        self.emit("<<");
        let mut n = n0;
        for (i, piece) in pieces.iter().enumerate() {
            if i + 1 < pieces.len() {
                let len = piece.len() as i64 + 1;
                if n - len < 0 {
                    self.newline(ind);
                    n = n0 - len;
                } else {
                    n -= len;
                }
                self.emit(piece);
                self.emit(",");
            } else {
                if piece.len() as i64 > n {
                    self.newline(ind);
                }
                self.emit(piece);
            }
        }
        self.emit(">>");
    }
}

/// `~p`: `t` pretty-printed for a line of `line_len` characters, starting
/// at 0-based column `col`; `depth` is `~P`'s limit.
pub fn print_term(out: &mut String, t: Term, col: usize, line_len: usize, depth: Option<usize>) {
    let d = depth.map_or(-1, |d| d.min(i64::MAX as usize) as i64);
    print(out, t, col, line_len, d, Encoding::Latin1, true);
}

/// Field names of a record, by its tag and number of fields, for printing
/// tuples as records (the shell's `rr/1`).
pub type RecordFields<'a> = &'a dyn Fn(Atom, usize) -> Option<Vec<String>>;

/// How the shell prints a result: from the first column, depth 30, at most
/// 60 characters of an element per line, records by their field names.
pub fn print_shell(out: &mut String, t: Term, records: RecordFields) {
    print_with(out, t, 0, 80, 30, Encoding::Latin1, true, 60, Some(records));
}

/// The printer behind `~p`, `~tp`, `~lp` and `~P`.
pub(crate) fn print(out: &mut String, t: Term, col: usize, line_len: usize, d: i64, enc: Encoding, strings: bool) {
    print_with(out, t, col, line_len, d, enc, strings, -1, None);
}

/// `io_lib_pretty:print/2` with its options; `max_chars` is OTP's
/// `line_max_chars` (-1: none).
#[allow(clippy::too_many_arguments)]
fn print_with(
    out: &mut String,
    t: Term,
    col: usize,
    line_len: usize,
    d: i64,
    enc: Encoding,
    strings: bool,
    max_chars: i64,
    records: Option<RecordFields>,
) {
    if d == 0 {
        out.push_str("...");
        return;
    }
    if let Some(a) = t.as_atom() {
        write_atom(out, a.name(), enc);
        return;
    }
    let b = Builder { enc, strings, records };
    let node = b.build(t, d);
    let col = col as i64 + 1;
    let ll = line_len.min(i64::MAX as usize / 4) as i64;
    let m = if max_chars < 0 { node.len } else { max_chars };
    if ll == 0
        || (node.len < ll - col && node.len <= m)
        || !matches!(node.kind, Kind::Seq(_) | Kind::Bin(_) | Kind::Record(_))
    {
        write_flat(out, &node);
        return;
    }
    let mut scratch = String::new();
    let mut tind = 1;
    for try_ind in [-1, 4] {
        let mut dry = Layout { out: &mut scratch, dry: true, ll, tind: try_ind, m };
        if dry.pp(&node, col, col - 1, 0, 0).is_ok() {
            tind = try_ind;
            break;
        }
    }
    let mut lay = Layout { out, dry: false, ll, tind, m };
    let _ = lay.pp(&node, col, col - 1, 0, 0);
}
