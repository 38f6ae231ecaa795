//! The abstract syntax of an Erlang module, as the parser produces it and the
//! compiler consumes it. Macros are already expanded (the preprocessor works
//! on tokens); records are still records (the front end lowers them).
//!
//! Every node carries a `Span` (byte offsets into the source) so that
//! diagnostics can point at it; `Loc` adds the 1-based line for `?LINE` and
//! for line tables in the bytecode.

/// Byte range in the source file plus the 1-based line of its start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Loc {
    pub start: u32,
    pub end: u32,
    pub line: u32,
}

#[derive(Clone, Debug)]
pub struct Module {
    pub name: String,
    pub loc: Loc,
    pub forms: Vec<Form>,
}

#[derive(Clone, Debug)]
pub enum Form {
    /// `-export([f/1, g/2]).`
    Export(Vec<(String, u32, Loc)>, Loc),
    /// `-import(mod, [f/1]).`
    Import(String, Vec<(String, u32, Loc)>, Loc),
    /// `-record(name, {field = Default, field2, field3 :: type}).`
    Record(String, Vec<RecordFieldDef>, Loc),
    /// `-compile(export_all).` and friends; the options as raw expressions.
    Compile(Vec<Expr>, Loc),
    /// Any other attribute: `-vsn(...)`, `-behaviour(...)`, `-spec`, `-type`...
    /// kept by name with its argument when it is a plain term (for
    /// `module_info(attributes)`), `None` for type-language attributes.
    Attribute(String, Option<Expr>, Loc),
    Function(Function),
}

#[derive(Clone, Debug)]
pub struct RecordFieldDef {
    pub name: String,
    pub default: Option<Expr>,
    pub loc: Loc,
}

#[derive(Clone, Debug)]
pub struct Function {
    pub name: String,
    pub arity: u32,
    pub clauses: Vec<Clause>,
    pub loc: Loc,
}

/// One clause of a function, fun, case, receive or catch:
/// `Patterns when Guards -> Body`.
#[derive(Clone, Debug)]
pub struct Clause {
    pub patterns: Vec<Expr>,
    /// Guard sequence: alternatives separated by `;`, each a conjunction of
    /// guard tests separated by `,`. Empty when there is no `when`.
    pub guards: Vec<Vec<Expr>>,
    pub body: Vec<Expr>,
    pub loc: Loc,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    // arithmetic
    Add,
    Sub,
    Mul,
    FDiv,
    IDiv,
    Rem,
    Band,
    Bor,
    Bxor,
    Bsl,
    Bsr,
    // boolean (strict)
    And,
    Or,
    Xor,
    // comparison
    Eq,
    Ne,
    ExactEq,
    ExactNe,
    Lt,
    Le,
    Gt,
    Ge,
    // list
    Append,
    Subtract,
    // message send `!`
    Send,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Plus,
    Not,
    Bnot,
}

/// `[... || Qualifiers]` qualifier.
#[derive(Clone, Debug)]
pub enum Qualifier {
    /// `Pattern <- ListExpr`
    Generator(Expr, Expr),
    /// `Pattern <= BinaryExpr`
    BitGenerator(Expr, Expr),
    /// A filter expression (a guard-like or any boolean expression).
    Filter(Expr),
}

#[derive(Clone, Debug)]
pub struct BinElement {
    pub value: Expr,
    pub size: Option<Expr>,
    /// Type specifiers as written: `integer`, `little`, `signed`, `unit:8`
    /// (stored as ("unit", Some(8))), `binary`, `utf8`, ...
    pub specs: Vec<(String, Option<u64>)>,
    pub loc: Loc,
}

#[derive(Clone, Debug)]
pub struct RecordField {
    /// Field name; `_` for the `_ = Default` catch-all initialiser.
    pub name: String,
    pub value: Expr,
    pub loc: Loc,
}

/// What a `fun` expression names.
#[derive(Clone, Debug)]
pub enum FunRef {
    /// `fun f/2`
    Local(String, u32),
    /// `fun m:f/2` (module and function may be variables in OTP; we accept
    /// expressions so that `fun M:F/A` works).
    Remote(Box<Expr>, Box<Expr>, Box<Expr>),
}

#[derive(Clone, Debug)]
pub enum MapFieldKind {
    /// `K => V` (insert or update in construction/update; not allowed in patterns)
    Assoc,
    /// `K := V` (update existing key; the form used in patterns)
    Exact,
}

#[derive(Clone, Debug)]
pub struct MapField {
    pub kind: MapFieldKind,
    pub key: Expr,
    pub value: Expr,
    pub loc: Loc,
}

#[derive(Clone, Debug)]
pub struct CatchClause {
    /// `Class:Reason:Stack`; class defaults to the atom `throw` when absent.
    pub class: Expr,
    pub reason: Expr,
    pub stack: Option<String>,
    pub guards: Vec<Vec<Expr>>,
    pub body: Vec<Expr>,
    pub loc: Loc,
}

/// Expressions and patterns share one type: the parser cannot tell them
/// apart (`X = {a, B}` is a pattern on the left), the front end checks which
/// forms are allowed where.
#[derive(Clone, Debug)]
pub enum Expr {
    Integer(num_bigint::BigInt, Loc),
    Float(f64, Loc),
    Atom(String, Loc),
    /// A string literal (adjacent literals already concatenated), as the
    /// list of its character codes.
    String(Vec<u32>, Loc),
    Char(u32, Loc),
    Var(String, Loc),
    Nil(Loc),
    Cons(Box<Expr>, Box<Expr>, Loc),
    Tuple(Vec<Expr>, Loc),
    Binary(Vec<BinElement>, Loc),
    /// `#{K => V, ...}`
    Map(Vec<MapField>, Loc),
    /// `M#{K := V, ...}`
    MapUpdate(Box<Expr>, Vec<MapField>, Loc),
    /// `#name{f = V, ...}`
    Record(String, Vec<RecordField>, Loc),
    /// `E#name{f = V, ...}`
    RecordUpdate(Box<Expr>, String, Vec<RecordField>, Loc),
    /// `E#name.field`
    RecordField(Box<Expr>, String, String, Loc),
    /// `#name.field` (the field's index)
    RecordIndex(String, String, Loc),
    /// `Pattern = Expr`
    Match(Box<Expr>, Box<Expr>, Loc),
    BinOp(BinOp, Box<Expr>, Box<Expr>, Loc),
    UnOp(UnOp, Box<Expr>, Loc),
    AndAlso(Box<Expr>, Box<Expr>, Loc),
    OrElse(Box<Expr>, Box<Expr>, Loc),
    /// `f(Args)` where f is an atom: a local (or imported / auto-imported BIF) call.
    CallLocal(String, Vec<Expr>, Loc),
    /// `M:F(Args)` with arbitrary module and function expressions.
    CallRemote(Box<Expr>, Box<Expr>, Vec<Expr>, Loc),
    /// `Expr(Args)` where Expr is not an atom (a fun value, a variable...).
    CallFun(Box<Expr>, Vec<Expr>, Loc),
    /// `fun (Pats) when G -> Body; ... end`, with an optional name for
    /// recursive funs: `fun Name(Pats) -> ... end`.
    Fun(Option<String>, Vec<Clause>, Loc),
    FunRef(FunRef, Loc),
    ListComp(Box<Expr>, Vec<Qualifier>, Loc),
    BinComp(Box<Expr>, Vec<Qualifier>, Loc),
    Block(Vec<Expr>, Loc),
    If(Vec<Clause>, Loc),
    Case(Box<Expr>, Vec<Clause>, Loc),
    /// `receive Clauses after Timeout -> Body end`
    Receive(Vec<Clause>, Option<(Box<Expr>, Vec<Expr>)>, Loc),
    /// `try Body of Clauses catch CatchClauses after After end`
    Try(Vec<Expr>, Vec<Clause>, Vec<CatchClause>, Vec<Expr>, Loc),
    /// `catch Expr`
    Catch(Box<Expr>, Loc),
}

impl Expr {
    pub fn loc(&self) -> Loc {
        use Expr::*;
        match self {
            Integer(_, l)
            | Float(_, l)
            | Atom(_, l)
            | String(_, l)
            | Char(_, l)
            | Var(_, l)
            | Nil(l)
            | Cons(_, _, l)
            | Tuple(_, l)
            | Binary(_, l)
            | Map(_, l)
            | MapUpdate(_, _, l)
            | Record(_, _, l)
            | RecordUpdate(_, _, _, l)
            | RecordField(_, _, _, l)
            | RecordIndex(_, _, l)
            | Match(_, _, l)
            | BinOp(_, _, _, l)
            | UnOp(_, _, l)
            | AndAlso(_, _, l)
            | OrElse(_, _, l)
            | CallLocal(_, _, l)
            | CallRemote(_, _, _, l)
            | CallFun(_, _, l)
            | Fun(_, _, l)
            | FunRef(_, l)
            | ListComp(_, _, l)
            | BinComp(_, _, l)
            | Block(_, l)
            | If(_, l)
            | Case(_, _, l)
            | Receive(_, _, l)
            | Try(_, _, _, _, l)
            | Catch(_, l) => *l,
        }
    }
}
