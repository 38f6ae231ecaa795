//! Diagnostics shared by the whole front end and compiler: a stable code, a
//! message, the source location it is about, a label for that location and
//! an optional help line. `render` turns one into a rustc-like report via
//! miette, deterministically (ASCII theme, no colours, fixed width) so that
//! tests can compare the text.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};

use super::ast::Loc;

/// Stable diagnostic codes used by the front end. The compiler adds its own;
/// a code never changes meaning once released.
pub mod codes {
    /// A character that cannot start any token.
    pub const ILLEGAL_CHARACTER: &str = "syntax::illegal_character";
    /// A string, quoted atom or character literal that never ends.
    pub const UNTERMINATED: &str = "syntax::unterminated";
    /// A malformed number, escape sequence or similar token.
    pub const BAD_TOKEN: &str = "syntax::bad_token";
    /// The parser met a token it cannot accept at this point.
    pub const UNEXPECTED_TOKEN: &str = "syntax::unexpected_token";
    /// The input ended in the middle of a form or expression.
    pub const UNEXPECTED_EOF: &str = "syntax::unexpected_eof";
    /// A construct that parses but is not a valid expression, pattern or attribute.
    pub const ILLEGAL: &str = "syntax::illegal";
    /// An expression nested deeper than the front end accepts.
    pub const TOO_DEEP: &str = "syntax::too_deep";
    /// Clauses of one function disagree on name or arity.
    pub const HEAD_MISMATCH: &str = "syntax::head_mismatch";
    /// The module has no `-module(Name).` attribute.
    pub const NO_MODULE: &str = "syntax::no_module";
    /// `?NAME` used but not defined (with that arity).
    pub const UNDEFINED_MACRO: &str = "preprocessor::undefined_macro";
    /// Malformed `-define`, `-ifdef`, `-include`... or a macro call.
    pub const BAD_DIRECTIVE: &str = "preprocessor::bad_directive";
    /// A macro defined twice with the same arity.
    pub const REDEFINED_MACRO: &str = "preprocessor::redefined_macro";
    /// An `-include` whose file cannot be found or read.
    pub const INCLUDE: &str = "preprocessor::include";
    /// Unbalanced `-ifdef`/`-else`/`-endif`.
    pub const CONDITIONAL: &str = "preprocessor::conditional";
    /// A macro expanding forever (directly or indirectly recursive).
    pub const MACRO_LIMIT: &str = "preprocessor::expansion_limit";
    /// `-error(Term).` met in an active region.
    pub const USER_ERROR: &str = "preprocessor::user_error";
}

/// One problem found in a source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable machine-readable code, e.g. `syntax::unexpected_token`.
    pub code: &'static str,
    /// The headline, worded like erlc's where there is an equivalent.
    pub message: String,
    /// Where in the source the problem is.
    pub loc: Loc,
    /// Short text printed under the caret.
    pub label: String,
    /// Optional advice printed after the snippet.
    pub help: Option<String>,
}

/// Width the report is wrapped to: fixed so that output does not depend on
/// the terminal.
const RENDER_WIDTH: usize = 100;

impl Diagnostic {
    pub fn new(code: &'static str, message: impl Into<String>, loc: Loc, label: impl Into<String>) -> Self {
        Diagnostic { code, message: message.into(), loc, label: label.into(), help: None }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// 1-based (line, column) of the start of `loc` in `source`, columns
    /// counted in characters. Out-of-range offsets are clamped.
    pub fn line_col(&self, source: &str) -> (usize, usize) {
        let start = clamp_offset(source, self.loc.start as usize);
        let before = &source[..start];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
        let col = source[line_start..start].chars().count() + 1;
        (line, col)
    }

    /// A rustc-style report: header with code and message, then the file
    /// name with line and column, the offending source line and a labelled
    /// caret under the span, then the help line if any.
    pub fn render(&self, file_name: &str, source: &str) -> String {
        let start = clamp_offset(source, self.loc.start as usize);
        let mut end = clamp_offset(source, (self.loc.end as usize).max(start));
        // Keep labels on one line: cut a span at its first newline.
        if let Some(nl) = source[start..end].find('\n') {
            end = start + nl;
        }
        let report = Report {
            code: self.code,
            message: &self.message,
            help: self.help.as_deref(),
            label: &self.label,
            span: SourceSpan::from((start, end - start)),
            source: OneLine { name: file_name, text: source },
        };
        let handler = GraphicalReportHandler::new_themed(GraphicalTheme::none())
            .with_width(RENDER_WIDTH)
            // See `OneLine`: context 1 asks it for the whole line.
            .with_context_lines(1)
            .with_links(false)
            .without_syntax_highlighting();
        let mut body = String::new();
        if handler.render_report(&mut body, &report).is_err() {
            body.clear();
        }
        let (line, col) = self.line_col(source);
        let mut out = format!("error[{}]: {}\n", self.code, self.message);
        // miette repeats the message above the snippet; the header line
        // above already says it, so keep only the snippet and the help.
        if let Some(snippet) = body.find(",-[") {
            let line_start = body[..snippet].rfind('\n').map(|i| i + 1).unwrap_or(0);
            out.push_str(&body[line_start..]);
        } else {
            // miette could not place the span (empty source...): fall back
            // to a plain location line so the contract still holds.
            let text = source.lines().nth(line - 1).unwrap_or("");
            out.push_str(&format!(
                "  --> {file_name}:{line}:{col}\n {line} | {text}\n   | {}^ {}\n",
                " ".repeat(col.saturating_sub(1)),
                self.label
            ));
            if let Some(h) = &self.help {
                out.push_str(&format!("  help: {h}\n"));
            }
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.loc.line, self.message)
    }
}

impl std::error::Error for Diagnostic {}

fn clamp_offset(source: &str, mut off: usize) -> usize {
    off = off.min(source.len());
    while !source.is_char_boundary(off) {
        off -= 1;
    }
    off
}

/// The miette view of a diagnostic; only lives during `render`. The header
/// line is printed by `render` itself, so this reports no code and an empty
/// message is avoided by repeating the message in the label line.
struct Report<'a> {
    code: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    label: &'a str,
    span: SourceSpan,
    source: OneLine<'a>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help.map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(Some(self.label.to_string()), self.span))))
    }
}

/// The source as miette sees it. miette either shows the bare span (no
/// context) or whole neighbouring lines; we want exactly the lines the span
/// is on, rustc-style. The handler is set to one line of context, which
/// this reads as "widen to whole lines"; zero context (used for the
/// `file:line:col` header) is passed through unchanged.
struct OneLine<'a> {
    name: &'a str,
    text: &'a str,
}

impl SourceCode for OneLine<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let span = if before == 0 && after == 0 {
            *span
        } else {
            let start = clamp_offset(self.text, span.offset());
            let end = clamp_offset(self.text, span.offset() + span.len()).max(start);
            let line_start = self.text[..start].rfind('\n').map(|i| i + 1).unwrap_or(0);
            let line_end = self.text[end..].find('\n').map(|i| end + i).unwrap_or(self.text.len());
            SourceSpan::from(line_start..line_end)
        };
        let inner = self.text.read_span(&span, 0, 0)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            *inner.span(),
            inner.line(),
            inner.column(),
            inner.line_count(),
        )))
    }
}
