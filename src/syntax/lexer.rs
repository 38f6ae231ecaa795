//! The Erlang tokenizer: source text to a vector of tokens with byte spans
//! and lines, built on `logos`. Literals are decoded here (escapes, bases,
//! digit separators), so later stages only see values.
//!
//! One quirk of Erlang is handled after logos: a `.` followed by whitespace,
//! a comment or the end of input ends a form (`Tok::Dot`); any other `.` is
//! the record-field period (`Tok::Period`), as in `X#r.f`.

use std::fmt;

use logos::Logos;
use num_bigint::BigInt;

use super::ast::Loc;
use super::diag::{codes, Diagnostic};

/// Why a token could not be read. The message is final (erlc wording where
/// one exists); the span is the token's.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum LexError {
    #[default]
    IllegalCharacter,
    Unterminated(String),
    Bad(String),
}

#[derive(Logos, Clone, Debug, PartialEq)]
#[logos(error = LexError)]
#[logos(skip r"[ \t\r\n\f\x0B]+")]
#[logos(skip r"%[^\n]*")]
pub enum Tok {
    // ---- keywords ----
    #[token("after")]
    After,
    #[token("and")]
    And,
    #[token("andalso")]
    AndAlso,
    #[token("band")]
    Band,
    #[token("begin")]
    Begin,
    #[token("bnot")]
    Bnot,
    #[token("bor")]
    Bor,
    #[token("bsl")]
    Bsl,
    #[token("bsr")]
    Bsr,
    #[token("bxor")]
    Bxor,
    #[token("case")]
    Case,
    #[token("catch")]
    Catch,
    #[token("cond")]
    Cond,
    #[token("div")]
    Div,
    #[token("end")]
    End,
    #[token("fun")]
    Fun,
    #[token("if")]
    If,
    #[token("let")]
    Let,
    #[token("not")]
    Not,
    #[token("of")]
    Of,
    #[token("or")]
    Or,
    #[token("orelse")]
    OrElse,
    #[token("receive")]
    Receive,
    #[token("rem")]
    Rem,
    #[token("try")]
    Try,
    #[token("when")]
    When,
    #[token("xor")]
    Xor,
    /// `maybe`/`else` are keywords only with OTP 25's `maybe_expr`
    /// feature enabled, which girder does not support; by default they
    /// lex as atoms, as in OTP 25.
    Maybe,
    Else,

    // ---- literals and names ----
    #[regex(r"[a-zß-öø-ÿ][A-Za-z0-9_@À-ÖØ-öø-ÿ]*", |lex| lex.slice().to_string())]
    #[token("'", quoted_atom)]
    Atom(String),
    #[regex(r"[A-Z_À-ÖØ-Þ][A-Za-z0-9_@À-ÖØ-öø-ÿ]*", |lex| lex.slice().to_string())]
    Var(String),
    /// Any number; split into `Integer` and `Float` by `lex`. (Reading
    /// the fraction and base by hand avoids relying on logos backtracking
    /// out of `1.` when no digit follows the dot.)
    #[regex(r"[0-9](_?[0-9])*", number)]
    Number(Number),
    Integer(BigInt),
    Float(f64),
    #[token("$", char_literal)]
    Char(u32),
    #[token("\"", string_literal)]
    String(Vec<u32>),

    // ---- punctuation ----
    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("[")]
    LBracket,
    #[token("]")]
    RBracket,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token(",")]
    Comma,
    #[token(";")]
    Semi,
    #[token(":")]
    Colon,
    #[token("::")]
    ColonColon,
    #[token("|")]
    Pipe,
    #[token("||")]
    PipePipe,
    #[token("->")]
    Arrow,
    #[token("<-")]
    LArrow,
    #[token("<=")]
    LDoubleArrow,
    #[token("=>")]
    AssocArrow,
    #[token(":=")]
    ExactArrow,
    /// A form-terminating `.` (see the module docs); the lexer first
    /// produces every `.` as `Dot` and then demotes some to `Period`.
    #[token(".")]
    Dot,
    Period,
    #[token("..")]
    DotDot,
    #[token("...")]
    DotDotDot,
    #[token("=")]
    Match,
    #[token("!")]
    Bang,
    #[token("#")]
    Hash,
    #[token("?")]
    Question,
    #[token("??")]
    QuestionQuestion,
    #[token("?=")]
    MaybeMatch,
    #[token("<<")]
    BinOpen,
    #[token(">>")]
    BinClose,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("/")]
    Slash,
    #[token("++")]
    PlusPlus,
    #[token("--")]
    MinusMinus,
    #[token("==")]
    EqEq,
    #[token("/=")]
    NotEq,
    #[token("=:=")]
    ExactEq,
    #[token("=/=")]
    ExactNotEq,
    #[token("<")]
    Lt,
    #[token(">")]
    Gt,
    #[token("=<")]
    Le,
    #[token(">=")]
    Ge,

    /// Synthetic first token telling the parser to read one form.
    StartForm,
    /// Synthetic first token telling the parser to read `Exprs .`.
    StartExprs,
}

/// A token with its location. `origin` is 0 for the file being compiled and
/// the index of an included file otherwise (see the preprocessor), with
/// `orig_line` its line there; `loc` always points into the main file.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned {
    pub tok: Tok,
    pub loc: Loc,
    pub origin: u16,
    pub orig_line: u32,
}

impl Spanned {
    pub fn new(tok: Tok, loc: Loc) -> Self {
        Spanned { tok, loc, origin: 0, orig_line: loc.line }
    }
}

/// Tokenize a whole file. The first lexical error stops the scan.
pub fn lex(source: &str) -> Result<Vec<Spanned>, Diagnostic> {
    let lines = LineTable::new(source);
    let mut out = Vec::new();
    let mut lexer = Tok::lexer(source);
    while let Some(res) = lexer.next() {
        let span = lexer.span();
        let loc = lines.loc(span.start, span.end);
        match res {
            Ok(Tok::Dot) => {
                let next = source[span.end..].chars().next();
                let ends_form = match next {
                    None => true,
                    Some(c) => c.is_whitespace() || c == '%',
                };
                out.push(Spanned::new(if ends_form { Tok::Dot } else { Tok::Period }, loc));
            }
            Ok(Tok::Number(Number::Int(i))) => out.push(Spanned::new(Tok::Integer(i), loc)),
            Ok(Tok::Number(Number::Float(f))) => out.push(Spanned::new(Tok::Float(f), loc)),
            Ok(tok) => out.push(Spanned::new(tok, loc)),
            Err(err) => return Err(lex_diagnostic(err, source, loc)),
        }
    }
    Ok(out)
}

fn lex_diagnostic(err: LexError, source: &str, loc: Loc) -> Diagnostic {
    match err {
        LexError::IllegalCharacter => {
            let c = source.get(loc.start as usize..).and_then(|s| s.chars().next()).unwrap_or(' ');
            let end = loc.start + c.len_utf8() as u32;
            Diagnostic::new(
                codes::ILLEGAL_CHARACTER,
                "illegal character",
                Loc { end, ..loc },
                format!("{c:?} cannot start a token"),
            )
        }
        LexError::Unterminated(msg) => {
            let loc = Loc { end: loc.start + 1, ..loc };
            Diagnostic::new(codes::UNTERMINATED, msg, loc, "starts here").with_help("add the closing quote")
        }
        LexError::Bad(msg) => Diagnostic::new(codes::BAD_TOKEN, msg, loc, "here"),
    }
}

/// Byte offsets of line starts, to turn offsets into 1-based lines.
pub struct LineTable {
    starts: Vec<usize>,
}

impl LineTable {
    pub fn new(source: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        LineTable { starts }
    }

    pub fn line(&self, offset: usize) -> u32 {
        match self.starts.binary_search(&offset) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }

    pub fn loc(&self, start: usize, end: usize) -> Loc {
        Loc { start: start as u32, end: end as u32, line: self.line(start) }
    }
}

// ---- literal callbacks ----

/// A numeric literal as read by the lexer.
#[derive(Clone, Debug, PartialEq)]
pub enum Number {
    Int(BigInt),
    Float(f64),
}

/// Length of a run of digits valid in `base`, single `_` allowed between
/// two digits (`1_000`).
fn digit_run(s: &str, base: u32) -> usize {
    let b = s.as_bytes();
    let is_digit = |c: u8| (c as char).is_digit(base);
    let mut i = 0;
    while i < b.len() && (is_digit(b[i]) || (b[i] == b'_' && i > 0 && i + 1 < b.len() && is_digit(b[i + 1]))) {
        i += 1;
    }
    i
}

fn number(lex: &mut logos::Lexer<Tok>) -> Result<Number, LexError> {
    let int_part: String = lex.slice().chars().filter(|&c| c != '_').collect();
    let rest = lex.remainder();
    if let Some(after_hash) = rest.strip_prefix('#') {
        let base: u32 = match int_part.parse() {
            Ok(b) if (2..=36).contains(&b) => b,
            _ => return Err(LexError::Bad(format!("illegal base '{int_part}'"))),
        };
        let n = digit_run(after_hash, base);
        if n == 0 {
            return Err(LexError::Bad(format!("illegal integer: no digits in base {base}")));
        }
        let digits: String = after_hash[..n].chars().filter(|&c| c != '_').collect();
        lex.bump(1 + n);
        return BigInt::parse_bytes(digits.as_bytes(), base)
            .map(Number::Int)
            .ok_or_else(|| LexError::Bad("illegal integer".into()));
    }
    let frac = rest.strip_prefix('.').map(|f| digit_run(f, 10)).unwrap_or(0);
    if frac == 0 {
        return BigInt::parse_bytes(int_part.as_bytes(), 10)
            .map(Number::Int)
            .ok_or_else(|| LexError::Bad("illegal integer".into()));
    }
    let mut len = 1 + frac;
    let after = &rest[len..];
    if let Some(e) = after.strip_prefix(['e', 'E']) {
        let sign = usize::from(e.starts_with(['+', '-']));
        let exp = digit_run(&e[sign..], 10);
        if exp > 0 {
            len += 1 + sign + exp;
        }
    }
    let text: String = lex.slice().chars().chain(rest[..len].chars()).filter(|&c| c != '_').collect();
    lex.bump(len);
    match text.parse::<f64>() {
        Ok(f) if f.is_finite() => Ok(Number::Float(f)),
        _ => Err(LexError::Bad("illegal float".into())),
    }
}

fn char_literal(lex: &mut logos::Lexer<Tok>) -> Result<u32, LexError> {
    let rest = lex.remainder();
    let mut chars = rest.chars();
    match chars.next() {
        None => Err(LexError::Unterminated("unterminated character literal".into())),
        Some('\\') => {
            let (code, used) = escape(&rest[1..])?;
            lex.bump(1 + used);
            Ok(code)
        }
        Some(c) => {
            lex.bump(c.len_utf8());
            Ok(c as u32)
        }
    }
}

fn string_literal(lex: &mut logos::Lexer<Tok>) -> Result<Vec<u32>, LexError> {
    quoted(lex, '"', "string")
}

fn quoted_atom(lex: &mut logos::Lexer<Tok>) -> Result<String, LexError> {
    let codes = quoted(lex, '\'', "atom")?;
    codes.into_iter().map(|c| char::from_u32(c).ok_or_else(|| LexError::Bad("illegal atom".into()))).collect()
}

/// Reads the rest of a quoted literal whose opening quote was just matched,
/// decoding escapes, and bumps the lexer past the closing quote.
fn quoted(lex: &mut logos::Lexer<Tok>, quote: char, what: &str) -> Result<Vec<u32>, LexError> {
    let rest = lex.remainder();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(c) = rest[i..].chars().next() {
        if c == quote {
            lex.bump(i + 1);
            return Ok(out);
        }
        if c == '\\' {
            let (code, used) = escape(&rest[i + 1..])?;
            out.push(code);
            i += 1 + used;
        } else {
            out.push(c as u32);
            i += c.len_utf8();
        }
    }
    let prefix: Vec<u32> = rest.chars().take(16).map(|c| c as u32).collect();
    let shown = if quote == '"' {
        write_string(&prefix)
    } else {
        let s: String = prefix.iter().filter_map(|&c| char::from_u32(c)).collect();
        write_atom_quoted(&s)
    };
    Err(LexError::Unterminated(format!("unterminated {what} starting with {shown}")))
}

/// Decodes the escape sequence after a backslash. Returns the character
/// code and the number of bytes consumed (not counting the backslash).
fn escape(s: &str) -> Result<(u32, usize), LexError> {
    let bad = || LexError::Bad("illegal escape sequence".into());
    let mut chars = s.char_indices();
    let (_, c) = chars.next().ok_or_else(bad)?;
    let simple = match c {
        'b' => Some(8),
        'd' => Some(127),
        'e' => Some(27),
        'f' => Some(12),
        'n' => Some(10),
        'r' => Some(13),
        's' => Some(32),
        't' => Some(9),
        'v' => Some(11),
        _ => None,
    };
    if let Some(code) = simple {
        return Ok((code, 1));
    }
    match c {
        '0'..='7' => {
            let n = s.bytes().take(3).take_while(|b| (b'0'..=b'7').contains(b)).count();
            let code = u32::from_str_radix(&s[..n], 8).map_err(|_| bad())?;
            Ok((code, n))
        }
        'x' => {
            let rest = &s[1..];
            if let Some(inner) = rest.strip_prefix('{') {
                let close = inner.find('}').ok_or_else(bad)?;
                let hex = &inner[..close];
                if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Err(bad());
                }
                let code = u32::from_str_radix(hex, 16).map_err(|_| bad())?;
                if code > 0x10FFFF {
                    return Err(bad());
                }
                Ok((code, 1 + 1 + close + 1))
            } else {
                let hex = rest.get(..2).ok_or_else(bad)?;
                if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Err(bad());
                }
                Ok((u32::from_str_radix(hex, 16).map_err(|_| bad())?, 3))
            }
        }
        '^' => {
            let (_, x) = chars.next().ok_or_else(bad)?;
            Ok((x as u32 & 31, 1 + x.len_utf8()))
        }
        other => Ok((other as u32, other.len_utf8())),
    }
}

// ---- printing ----

/// Whether an atom can be written without quotes.
pub fn atom_needs_quotes(name: &str) -> bool {
    let mut chars = name.chars();
    let first_ok = matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || ('ß'..='ÿ').contains(&c) && c != '÷');
    if !first_ok {
        return true;
    }
    if !name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '@') {
        return true;
    }
    matches!(
        Tok::lexer(name).next(),
        Some(Ok(t)) if !matches!(t, Tok::Atom(_))
    )
}

/// Writes an atom the way `io_lib:write_atom/1` would.
pub fn write_atom(name: &str) -> String {
    if atom_needs_quotes(name) {
        write_atom_quoted(name)
    } else {
        name.to_string()
    }
}

fn write_atom_quoted(name: &str) -> String {
    let mut s = String::from("'");
    for c in name.chars() {
        push_escaped(&mut s, c as u32, '\'');
    }
    s.push('\'');
    s
}

/// Writes a string literal the way `io_lib:write_string/1` would.
pub fn write_string(codes: &[u32]) -> String {
    let mut s = String::from("\"");
    for &c in codes {
        push_escaped(&mut s, c, '"');
    }
    s.push('"');
    s
}

fn push_escaped(s: &mut String, c: u32, quote: char) {
    match c {
        10 => s.push_str("\\n"),
        13 => s.push_str("\\r"),
        9 => s.push_str("\\t"),
        11 => s.push_str("\\v"),
        8 => s.push_str("\\b"),
        12 => s.push_str("\\f"),
        27 => s.push_str("\\e"),
        127 => s.push_str("\\d"),
        0x5C => s.push_str("\\\\"),
        c if c == quote as u32 => {
            s.push('\\');
            s.push(quote);
        }
        c if c < 32 => s.push_str(&format!("\\{c:o}")),
        c => match char::from_u32(c) {
            Some(ch) => s.push(ch),
            None => s.push_str(&format!("\\x{{{c:X}}}")),
        },
    }
}

impl Tok {
    /// The token as source text, as `epp` prints tokens for `??Arg`.
    pub fn src_text(&self) -> String {
        match self {
            Tok::Atom(a) => write_atom(a),
            Tok::Var(v) => v.clone(),
            Tok::Integer(i) => i.to_string(),
            Tok::Float(f) | Tok::Number(Number::Float(f)) => format!("{f:?}"),
            Tok::Number(Number::Int(i)) => i.to_string(),
            Tok::Char(c) => match char::from_u32(*c) {
                Some(ch) if *c > 32 && *c != 0x5C && *c != 127 => format!("${ch}"),
                _ => {
                    let mut s = String::from("$");
                    push_escaped(&mut s, *c, '\0');
                    if s == "$" {
                        s.push_str(&format!("\\{c:o}"));
                    }
                    s
                }
            },
            Tok::String(s) => write_string(s),
            other => other.punct().to_string(),
        }
    }

    /// Fixed text of a keyword or punctuation token.
    pub fn punct(&self) -> &'static str {
        match self {
            Tok::After => "after",
            Tok::And => "and",
            Tok::AndAlso => "andalso",
            Tok::Band => "band",
            Tok::Begin => "begin",
            Tok::Bnot => "bnot",
            Tok::Bor => "bor",
            Tok::Bsl => "bsl",
            Tok::Bsr => "bsr",
            Tok::Bxor => "bxor",
            Tok::Case => "case",
            Tok::Catch => "catch",
            Tok::Cond => "cond",
            Tok::Div => "div",
            Tok::End => "end",
            Tok::Fun => "fun",
            Tok::If => "if",
            Tok::Let => "let",
            Tok::Not => "not",
            Tok::Of => "of",
            Tok::Or => "or",
            Tok::OrElse => "orelse",
            Tok::Receive => "receive",
            Tok::Rem => "rem",
            Tok::Try => "try",
            Tok::When => "when",
            Tok::Xor => "xor",
            Tok::Maybe => "maybe",
            Tok::Else => "else",
            Tok::LParen => "(",
            Tok::RParen => ")",
            Tok::LBracket => "[",
            Tok::RBracket => "]",
            Tok::LBrace => "{",
            Tok::RBrace => "}",
            Tok::Comma => ",",
            Tok::Semi => ";",
            Tok::Colon => ":",
            Tok::ColonColon => "::",
            Tok::Pipe => "|",
            Tok::PipePipe => "||",
            Tok::Arrow => "->",
            Tok::LArrow => "<-",
            Tok::LDoubleArrow => "<=",
            Tok::AssocArrow => "=>",
            Tok::ExactArrow => ":=",
            Tok::Dot | Tok::Period => ".",
            Tok::DotDot => "..",
            Tok::DotDotDot => "...",
            Tok::Match => "=",
            Tok::Bang => "!",
            Tok::Hash => "#",
            Tok::Question => "?",
            Tok::QuestionQuestion => "??",
            Tok::MaybeMatch => "?=",
            Tok::BinOpen => "<<",
            Tok::BinClose => ">>",
            Tok::Plus => "+",
            Tok::Minus => "-",
            Tok::Star => "*",
            Tok::Slash => "/",
            Tok::PlusPlus => "++",
            Tok::MinusMinus => "--",
            Tok::EqEq => "==",
            Tok::NotEq => "/=",
            Tok::ExactEq => "=:=",
            Tok::ExactNotEq => "=/=",
            Tok::Lt => "<",
            Tok::Gt => ">",
            Tok::Le => "=<",
            Tok::Ge => ">=",
            Tok::StartForm | Tok::StartExprs => "",
            Tok::Atom(_)
            | Tok::Var(_)
            | Tok::Integer(_)
            | Tok::Number(_)
            | Tok::Float(_)
            | Tok::Char(_)
            | Tok::String(_) => "",
        }
    }
}

/// Prints a token as erlc does in "syntax error before: ..." messages:
/// punctuation and keywords quoted, atoms and numbers as written.
impl fmt::Display for Tok {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tok::Atom(_)
            | Tok::Var(_)
            | Tok::Integer(_)
            | Tok::Number(_)
            | Tok::Float(_)
            | Tok::Char(_)
            | Tok::String(_) => f.write_str(&self.src_text()),
            Tok::StartForm | Tok::StartExprs => f.write_str("start of input"),
            other => write!(f, "'{}'", other.punct()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        lex(s).unwrap().into_iter().map(|t| t.tok).collect()
    }

    fn int(i: i64) -> Tok {
        Tok::Integer(BigInt::from(i))
    }

    #[test]
    fn numbers() {
        assert_eq!(
            toks("1 16#FF 2#101 36#ZZ 1_000 1.0 1.5e10 2.0E-3 1_0.5"),
            vec![
                int(1),
                int(255),
                int(5),
                int(36 * 36 - 1),
                int(1000),
                Tok::Float(1.0),
                Tok::Float(1.5e10),
                Tok::Float(2.0e-3),
                Tok::Float(10.5)
            ]
        );
        // `1.` at the end of a form is an integer and a dot.
        assert_eq!(toks("1."), vec![int(1), Tok::Dot]);
        assert_eq!(toks("1.e"), vec![int(1), Tok::Period, Tok::Atom("e".into())]);
        // A separator must sit between two digits.
        assert_eq!(toks("1_a"), vec![int(1), Tok::Var("_a".into())]);
        assert_eq!(toks("1__0"), vec![int(1), Tok::Var("__0".into())]);
        assert_eq!(toks("1.0e+"), vec![Tok::Float(1.0), Tok::Atom("e".into()), Tok::Plus]);
        assert!(lex("37#1").is_err());
        // As erl_scan: the digits stop at the first one invalid in the base.
        assert_eq!(toks("2#102"), vec![int(2), int(2)]);
    }

    #[test]
    fn chars_and_strings() {
        assert_eq!(
            toks(r"$a $\n $\\ $\x{41} $\^A $\101 $  $\s"),
            vec![
                Tok::Char(97),
                Tok::Char(10),
                Tok::Char(92),
                Tok::Char(65),
                Tok::Char(1),
                Tok::Char(65),
                Tok::Char(32),
                Tok::Char(32)
            ]
        );
        let s = r#""\n\t\r\s\e\d\b\f\v\'\"\\\x41\x{3b1}\101\^Bz""#;
        assert_eq!(
            toks(s),
            vec![Tok::String(vec![10, 9, 13, 32, 27, 127, 8, 12, 11, 39, 34, 92, 65, 0x3b1, 65, 2, 122])]
        );
        assert_eq!(
            toks(r"'hello world' 'a\'b' foo@bar"),
            vec![Tok::Atom("hello world".into()), Tok::Atom("a'b".into()), Tok::Atom("foo@bar".into())]
        );
    }

    #[test]
    fn names_keywords_and_operators() {
        assert_eq!(
            toks("_ _Foo Bar receive 'receive' andalso"),
            vec![
                Tok::Var("_".into()),
                Tok::Var("_Foo".into()),
                Tok::Var("Bar".into()),
                Tok::Receive,
                Tok::Atom("receive".into()),
                Tok::AndAlso
            ]
        );
        assert_eq!(
            toks("-> <- <= => := || :: .. ... =:= =/= == /= =< >= < > ++ -- ! # ? ?? << >>"),
            vec![
                Tok::Arrow,
                Tok::LArrow,
                Tok::LDoubleArrow,
                Tok::AssocArrow,
                Tok::ExactArrow,
                Tok::PipePipe,
                Tok::ColonColon,
                Tok::DotDot,
                Tok::DotDotDot,
                Tok::ExactEq,
                Tok::ExactNotEq,
                Tok::EqEq,
                Tok::NotEq,
                Tok::Le,
                Tok::Ge,
                Tok::Lt,
                Tok::Gt,
                Tok::PlusPlus,
                Tok::MinusMinus,
                Tok::Bang,
                Tok::Hash,
                Tok::Question,
                Tok::QuestionQuestion,
                Tok::BinOpen,
                Tok::BinClose
            ]
        );
        assert_eq!(
            toks("X#r.f. % done\n"),
            vec![Tok::Var("X".into()), Tok::Hash, Tok::Atom("r".into()), Tok::Period, Tok::Atom("f".into()), Tok::Dot]
        );
    }

    #[test]
    fn lines_and_spans() {
        let t = lex("a\n  bc\n").unwrap();
        assert_eq!(t[1].loc, Loc { start: 4, end: 6, line: 2 });
    }

    #[test]
    fn errors() {
        let e = lex("foo \"abc").unwrap_err();
        assert_eq!(e.message, "unterminated string starting with \"abc\"");
        assert_eq!(e.loc.start, 4);
        let e = lex("a ` b").unwrap_err();
        assert_eq!(e.message, "illegal character");
        assert!(lex("'abc").is_err());
        assert!(lex("$").is_err());
        assert!(lex(r#""\x{zz}""#).is_err());
    }

    #[test]
    fn printing() {
        assert_eq!(write_atom("foo"), "foo");
        assert_eq!(write_atom("Foo"), "'Foo'");
        assert_eq!(write_atom("hello world"), "'hello world'");
        assert_eq!(write_atom("receive"), "'receive'");
        assert_eq!(write_string(&[97, 10, 34]), "\"a\\n\\\"\"");
        assert_eq!(Tok::RParen.to_string(), "')'");
    }
}
