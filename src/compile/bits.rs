//! Code generation for the bit syntax: `<<...>>` as an expression, in a
//! guard and as a pattern (the third part of `Codegen`).
//!
//! Construction is one `BsBuild` over all segments; runs of constant
//! segments are folded into a literal bitstring at compile time with the
//! run-time writer (`vm::bits`), and a wholly constant binary is a module
//! literal.
//!
//! A pattern walks the bitstring with a position register and never
//! copies or allocates per segment (only the values it extracts):
//!
//! ```text
//! <<N:8, "ok", Data:N/binary, Rest/bits>> = Bin
//!
//!     bs_start      fail, Bin, pos           pos := 0
//!     bs_get        integer 8 -> xN          pos += 8
//!     bs_match_lit  "ok"                     compare 16 bits, pos += 16
//!     bs_get        binary size xN unit 8 -> xData   (a sub-binary)
//!     bs_get        binary rest unit 1 -> xRest
//! ```
//!
//! A pattern that does not end in a rest segment ends with
//! `bs_test_tail`.

use super::codegen::{Codegen, CompileError};
use crate::code::instr::*;
use crate::syntax::ast::*;
use crate::term::Term;
use crate::vm::bits::{self, Writer};

type R<T> = Result<T, CompileError>;

fn err<T>(code: &'static str, loc: Loc, message: impl Into<String>, label: impl Into<String>) -> R<T> {
    Err(CompileError { code, message: message.into(), loc, label: label.into() })
}

/// A segment with its specifiers resolved and its size defaulted.
#[derive(Clone)]
struct Seg {
    spec: SegSpec,
    value: Expr,
    /// None: the whole value / the rest (binary), or no size (utf).
    size: Option<Expr>,
    loc: Loc,
}

fn type_name(t: SegType, unit8: bool) -> &'static str {
    match t {
        SegType::Integer => "integer",
        SegType::Float => "float",
        SegType::Binary if unit8 => "binary",
        SegType::Binary => "bitstring",
        SegType::Utf8 => "utf8",
        SegType::Utf16 => "utf16",
        SegType::Utf32 => "utf32",
    }
}

/// Resolve one element's specifiers (`/integer-little-unit:8`).
fn resolve(el: &BinElement) -> R<(SegSpec, Option<Expr>)> {
    let mut ty: Option<(SegType, bool)> = None;
    let mut endian: Option<&str> = None;
    let mut sign: Option<&str> = None;
    let mut unit: Option<u16> = None;
    for (name, arg) in &el.specs {
        let new_ty = match (name.as_str(), arg) {
            ("integer", None) => Some((SegType::Integer, false)),
            ("float", None) => Some((SegType::Float, false)),
            ("binary" | "bytes", None) => Some((SegType::Binary, true)),
            ("bitstring" | "bits", None) => Some((SegType::Binary, false)),
            ("utf8", None) => Some((SegType::Utf8, false)),
            ("utf16", None) => Some((SegType::Utf16, false)),
            ("utf32", None) => Some((SegType::Utf32, false)),
            ("big" | "little" | "native", None) => {
                if let Some(old) = endian.filter(|o| *o != name) {
                    return err(
                        "E0203",
                        el.loc,
                        format!("conflict in endianness specification for bit field: '{name}' and '{old}'"),
                        "conflicting specifiers",
                    );
                }
                endian = Some(name);
                None
            }
            ("signed" | "unsigned", None) => {
                if let Some(old) = sign.filter(|o| *o != name) {
                    return err(
                        "E0203",
                        el.loc,
                        format!("conflict in sign specification for bit field: '{name}' and '{old}'"),
                        "conflicting specifiers",
                    );
                }
                sign = Some(name);
                None
            }
            ("unit", Some(u)) if (1..=256).contains(u) => {
                unit = Some(*u as u16);
                None
            }
            (_, Some(u)) => {
                return err("E0201", el.loc, format!("bit type {{{name},{u}}} undefined"), "unknown type specifier")
            }
            (_, None) => return err("E0201", el.loc, format!("bit type {name} undefined"), "unknown type specifier"),
        };
        if let Some(t) = new_ty {
            if let Some(old) = ty.filter(|o| *o != t) {
                return err(
                    "E0203",
                    el.loc,
                    format!(
                        "conflict in type specification for bit field: '{}' and '{}'",
                        type_name(t.0, t.1),
                        type_name(old.0, old.1)
                    ),
                    "conflicting specifiers",
                );
            }
            ty = Some(t);
        }
    }
    let (ty, unit8) = ty.unwrap_or((SegType::Integer, false));
    let little = endian == Some("little") || (endian == Some("native") && cfg!(target_endian = "little"));
    let utf = matches!(ty, SegType::Utf8 | SegType::Utf16 | SegType::Utf32);
    if utf && (el.size.is_some() || unit.is_some()) {
        return err(
            "E0202",
            el.loc,
            "neither size nor unit must be given for segments of type utf8/utf16/utf32",
            "here",
        );
    }
    let default_unit = if ty == SegType::Binary && unit8 { 8 } else { 1 };
    let size = match (&el.size, ty) {
        (Some(s), _) => Some(s.clone()),
        (None, SegType::Integer) => Some(Expr::Integer(8.into(), el.loc)),
        (None, SegType::Float) => Some(Expr::Integer(64.into(), el.loc)),
        (None, _) => None,
    };
    // A unit applies to an explicit size only (`<<X/integer-unit:8>>` is
    // 8 bits).
    let unit = if el.size.is_some() || ty == SegType::Binary { unit.unwrap_or(default_unit) } else { 1 };
    Ok((SegSpec { ty, unit, little, signed: sign == Some("signed") }, size))
}

/// The segments of `<<Els>>`: a string literal value stands for one
/// segment per character, with the element's size and specifiers.
fn segments(els: &[BinElement]) -> R<Vec<Seg>> {
    let mut out = Vec::new();
    for el in els {
        let (spec, size) = resolve(el)?;
        match &el.value {
            Expr::String(chars, _) => {
                for c in chars {
                    out.push(Seg { spec, value: Expr::Char(*c, el.loc), size: size.clone(), loc: el.loc });
                }
            }
            v => out.push(Seg { spec, value: v.clone(), size, loc: el.loc }),
        }
    }
    Ok(out)
}

/// A piece of a construction: a folded literal run or a segment.
enum Part {
    Lit(Src),
    Seg(SegSpec, Box<(Expr, Option<Expr>)>),
}

/// The integer value of a literal integer expression.
fn int_literal(e: &Expr) -> Option<num_bigint::BigInt> {
    match e {
        Expr::Integer(i, _) => Some(i.clone()),
        Expr::Char(c, _) => Some((*c).into()),
        Expr::UnOp(UnOp::Neg, a, _) => int_literal(a).map(|i| -i),
        Expr::UnOp(UnOp::Plus, a, _) => int_literal(a),
        _ => None,
    }
}

impl Codegen<'_> {
    /// A segment's value and size when both are constants (in the
    /// literal area).
    fn const_seg(&mut self, s: &Seg) -> Option<(Term, Option<Term>)> {
        let v = self.const_term(&s.value)?;
        let size = match &s.size {
            Some(e) => Some(self.const_term(e)?),
            None => None,
        };
        Some((v, size))
    }

    /// A binary whose segments are all constants, as a literal bitstring;
    /// None when some segment is not constant or would fail to build (the
    /// run-time construction then raises the error).
    pub(super) fn const_binary(&mut self, els: &[BinElement]) -> Option<Term> {
        let segs = segments(els).ok()?;
        let mut w = Writer::default();
        for s in &segs {
            let (v, size) = self.const_seg(s)?;
            let n = bits::seg_bits(s.spec, v, size).ok()?;
            bits::write_seg(&mut w, s.spec, v, n);
        }
        Some(w.finish(&mut self.asm.literals))
    }

    /// `<<Els>>` as a value; `fail` nonzero in a guard (errors jump there).
    pub(super) fn bin_build(&mut self, els: &[BinElement], hint: Option<Dst>, fail: Label, loc: Loc) -> R<Src> {
        let segs = segments(els)?;
        if let Some(t) = self.const_binary(els) {
            return Ok(self.lit(t));
        }
        // Fold runs of constant segments into literal bitstrings.
        let whole = SegSpec { ty: SegType::Binary, unit: 1, little: false, signed: false };
        let mut parts: Vec<Part> = Vec::new();
        let mut run = Writer::default();
        for s in &segs {
            if let Some((v, size)) = self.const_seg(s) {
                if let Ok(n) = bits::seg_bits(s.spec, v, size) {
                    bits::write_seg(&mut run, s.spec, v, n);
                    continue;
                }
            }
            self.flush_run(&mut run, &mut parts);
            parts.push(Part::Seg(s.spec, Box::new((s.value.clone(), s.size.clone()))));
        }
        self.flush_run(&mut run, &mut parts);
        // Evaluate values and sizes left to right.
        let mut exprs: Vec<Expr> = Vec::new();
        for p in &parts {
            if let Part::Seg(_, vs) = p {
                let (v, size) = &**vs;
                exprs.push(v.clone());
                exprs.extend(size.iter().cloned());
            }
        }
        let srcs = if fail != 0 {
            let mut v = Vec::new();
            for e in &exprs {
                v.push(self.guard_value(e, fail)?);
            }
            v
        } else {
            self.exprs(&exprs, loc)?
        };
        let mut it = srcs.iter().copied();
        let mut out = Vec::new();
        for p in &parts {
            out.push(match p {
                Part::Lit(l) => BuildSeg { spec: whole, value: *l, size: None },
                Part::Seg(spec, vs) => {
                    let value = it.next().expect("a value per segment");
                    let size = vs.1.as_ref().map(|_| it.next().expect("a size per sized segment"));
                    BuildSeg { spec: *spec, value, size }
                }
            });
        }
        let d = self.temp(hint, loc)?;
        let live = self.live_with(Some(d), &srcs);
        self.emit(Instr::BsBuild { build: Box::new(BsBuildOps { segs: out.into_boxed_slice(), fail, dst: d, live }) });
        self.mark_written(d);
        Ok(d.into())
    }

    /// Patterns are about to be compiled: remember what is bound before
    /// them, for the size check in `bin_pattern`.
    pub(super) fn begin_patterns(&mut self, pats: &[Expr]) {
        let mut sizes = Vec::new();
        pats.iter().for_each(|p| pattern_size_vars(p, &mut sizes));
        self.pattern_base = (!sizes.is_empty()).then(|| self.scope.vars.keys().cloned().collect());
    }

    /// Match the pattern `<<Els>>` against the value in `src`.
    pub(super) fn bin_pattern(&mut self, els: &[BinElement], src: Src, fail: Label, loc: Loc) -> R<()> {
        // A size may use variables bound before the pattern or earlier in
        // this binary, not elsewhere in the same pattern (OTP's rule).
        let mut earlier: Vec<String> = Vec::new();
        for el in els {
            if let (Some(size), Some(base)) = (&el.size, &self.pattern_base) {
                let mut used = Vec::new();
                super::vars_of(size, &mut used);
                if let Some(v) = used.iter().find(|v| !base.contains(*v) && !earlier.contains(v)) {
                    return err("E0001", size.loc(), format!("variable '{v}' is unbound"), "not bound here");
                }
            }
            pattern_vars(&el.value, &mut earlier);
        }
        let segs = segments(els)?;
        for (i, s) in segs.iter().enumerate() {
            if s.spec.ty == SegType::Binary && s.size.is_none() && i + 1 < segs.len() {
                return err(
                    "E0204",
                    s.loc,
                    "a binary field without size is only allowed at the end of a binary pattern",
                    "give this segment a size",
                );
            }
        }
        let pos = self.new_x(loc)?;
        self.emit(Instr::BsStart { fail, src, pos });
        self.mark_written(Dst::X(pos));
        let mut run = Writer::default();
        for s in &segs {
            if let Some(()) = self.pattern_const_seg(s, &mut run) {
                continue;
            }
            self.flush_lit(&mut run, src, pos, fail);
            self.pattern_seg(s, src, pos, fail)?;
        }
        self.flush_lit(&mut run, src, pos, fail);
        let ends_in_rest = segs.last().is_some_and(|s| s.spec.ty == SegType::Binary && s.size.is_none());
        if !ends_in_rest {
            self.emit(Instr::BsTestTail { fail, src, pos });
        }
        Ok(())
    }

    /// Append a pattern segment to the literal run when it matches exactly
    /// one constant bit sequence: an integer literal in range for its
    /// constant size, a code point, or a whole constant binary.
    fn pattern_const_seg(&mut self, s: &Seg, run: &mut Writer) -> Option<()> {
        let size = match &s.size {
            Some(e) => Some(self.const_term(e)?),
            None => None,
        };
        let v = match s.spec.ty {
            SegType::Integer => {
                let i = int_literal(&s.value)?;
                let n = (size?.as_small()? as usize).checked_mul(s.spec.unit as usize)?;
                let (lo, hi) = if s.spec.signed {
                    if n == 0 {
                        return None;
                    }
                    (-(num_bigint::BigInt::from(1) << (n - 1)), num_bigint::BigInt::from(1) << (n - 1))
                } else {
                    (0.into(), num_bigint::BigInt::from(1) << n)
                };
                if i < lo || i >= hi {
                    return None;
                }
                self.const_term(&s.value)?
            }
            SegType::Utf8 | SegType::Utf16 | SegType::Utf32 => {
                int_literal(&s.value)?;
                self.const_term(&s.value)?
            }
            SegType::Binary if size.is_none() => {
                let t = self.const_term(&s.value)?;
                if !t.is_bitstring() {
                    return None;
                }
                t
            }
            _ => return None,
        };
        let n = bits::seg_bits(s.spec, v, size).ok()?;
        bits::write_seg(run, s.spec, v, n);
        Some(())
    }

    fn flush_run(&mut self, run: &mut Writer, parts: &mut Vec<Part>) {
        if run.bits > 0 {
            let t = std::mem::take(run).finish(&mut self.asm.literals);
            parts.push(Part::Lit(self.lit(t)));
        }
    }

    fn flush_lit(&mut self, run: &mut Writer, src: Src, pos: u16, fail: Label) {
        if run.bits > 0 {
            let t = std::mem::take(run).finish(&mut self.asm.literals);
            let lit = self.lit(t);
            self.emit(Instr::BsMatchLit { fail, src, pos, lit });
        }
    }

    fn pattern_seg(&mut self, s: &Seg, src: Src, pos: u16, fail: Label) -> R<()> {
        let size = match &s.size {
            Some(e) => Some(self.guard_value(e, fail)?),
            None => None,
        };
        let wildcard = matches!(&s.value, Expr::Var(n, _) if n == "_");
        if wildcard && matches!(s.spec.ty, SegType::Integer | SegType::Binary) {
            self.emit(Instr::BsSkip { fail, src, pos, size, unit: s.spec.unit });
            return Ok(());
        }
        let d = Dst::X(self.new_x(s.loc)?);
        let mut roots = vec![src, Src::X(pos)];
        roots.extend(size);
        let live = self.live_with(Some(d), &roots);
        self.emit(Instr::BsGet { get: Box::new(BsGetOps { fail, src, pos, spec: s.spec, size, dst: d, live }) });
        self.mark_written(d);
        if !wildcard {
            self.pattern(&s.value, d.into(), fail)?;
        }
        Ok(())
    }
}

/// Variables a pattern binds or compares: those of its values, not those
/// of binary segment sizes (which are uses).
pub fn pattern_vars(e: &Expr, out: &mut Vec<String>) {
    match e {
        Expr::Binary(els, _) => els.iter().for_each(|b| pattern_vars(&b.value, out)),
        Expr::Cons(a, b, _) | Expr::Match(a, b, _) | Expr::BinOp(_, a, b, _) => {
            pattern_vars(a, out);
            pattern_vars(b, out);
        }
        Expr::Tuple(es, _) => es.iter().for_each(|x| pattern_vars(x, out)),
        Expr::Map(fs, _) => fs.iter().for_each(|f| {
            super::vars_of(&f.key, out);
            pattern_vars(&f.value, out)
        }),
        Expr::Record(_, fs, _) => fs.iter().for_each(|f| pattern_vars(&f.value, out)),
        _ => super::vars_of(e, out),
    }
}

/// Variables used by the binary segment sizes inside a pattern.
pub fn pattern_size_vars(e: &Expr, out: &mut Vec<String>) {
    match e {
        Expr::Binary(els, _) => els.iter().for_each(|b| {
            if let Some(s) = &b.size {
                super::vars_of(s, out);
            }
            pattern_size_vars(&b.value, out)
        }),
        Expr::Cons(a, b, _) | Expr::Match(a, b, _) | Expr::BinOp(_, a, b, _) => {
            pattern_size_vars(a, out);
            pattern_size_vars(b, out);
        }
        Expr::Tuple(es, _) => es.iter().for_each(|x| pattern_size_vars(x, out)),
        Expr::Map(fs, _) => fs.iter().for_each(|f| pattern_size_vars(&f.value, out)),
        Expr::Record(_, fs, _) => fs.iter().for_each(|f| pattern_size_vars(&f.value, out)),
        _ => {}
    }
}
