//! BIFs called directly, each case an OTP expression and its result on
//! OTP 25. `CASES` is checked against OTP by `tests/bifs_otp_check.escript`
//! (run it with `escript tests/bifs_otp_check.escript`): every expression
//! there is evaluated by `erl_eval` and its value, or error reason, compared
//! with `=:=` to the expected text. Cases that need terms without literal
//! syntax (pids, references) are separate tests, with the OTP expression in
//! a comment.
//!
//! The test reads each expression with a small term parser, builds the
//! arguments on a process heap, calls the BIF through `bif::lookup` and
//! `call_bif`, and compares the result with `eq_exact`.

use girder::bif;
use girder::heap::Alloc;
use girder::term::order::eq_exact;
use girder::term::{Atom, Term};
use girder::vm::exception::{BifResult, Class};
use girder::vm::interp::call_bif;
use girder::vm::process::Process;
use num_bigint::BigInt;

/// (OTP expression, its value or `error:Reason`). Sequences that share the
/// process dictionary run in order in one process, here and in the checker.
const CASES: &[(&str, &str)] = &[
    // ---- operators as functions ----
    ("erlang:'+'(1, 2)", "3"),
    ("erlang:'+'(576460752303423487, 1)", "576460752303423488"),
    ("erlang:'+'(1, a)", "error:badarith"),
    ("erlang:'-'(a, 1)", "error:badarith"),
    ("erlang:'-'(-576460752303423488, 1)", "-576460752303423489"),
    ("erlang:'*'(576460752303423487, 576460752303423487)", "332306998946228967073030260463239169"),
    ("erlang:'+'(1.0e308, 1.0e308)", "error:badarith"),
    ("erlang:'-'(1, 2.5)", "-1.5"),
    ("erlang:'*'(123456789012345678901234567890, 3)", "370370367037037036703703703670"),
    ("erlang:'*'(1.0e300, 1.0e300)", "error:badarith"),
    ("erlang:'/'(1, 4)", "0.25"),
    ("erlang:'/'(1, 0)", "error:badarith"),
    ("erlang:'/'(1, 0.0)", "error:badarith"),
    ("erlang:'div'(-7, 2)", "-3"),
    ("erlang:'div'(1, 0)", "error:badarith"),
    ("erlang:'rem'(-7, 2)", "-1"),
    ("erlang:'rem'(7.0, 2)", "error:badarith"),
    ("erlang:'band'(12, 10)", "8"),
    ("erlang:'band'(1.0, 2)", "error:badarith"),
    ("erlang:'bor'(12, 10)", "14"),
    ("erlang:'bxor'(12, 10)", "6"),
    ("erlang:'bsl'(1, 70)", "1180591620717411303424"),
    ("erlang:'bsl'(1, a)", "error:badarith"),
    ("erlang:'bsl'(1, 1180591620717411303424)", "error:system_limit"),
    ("erlang:'bsl'(0, 1180591620717411303424)", "0"),
    ("erlang:'bsr'(-1, 1180591620717411303424)", "-1"),
    ("erlang:'bsr'(1, -3)", "8"),
    ("erlang:'+'(1.5)", "1.5"),
    ("erlang:'+'(a)", "error:badarith"),
    ("erlang:'-'(-576460752303423488)", "576460752303423488"),
    ("erlang:'=='(1, 1.0)", "true"),
    ("erlang:'/='(1, 1.0)", "false"),
    ("erlang:'=:='(1, 1.0)", "false"),
    ("erlang:'=/='(1, 1.0)", "true"),
    ("erlang:'<'(1, a)", "true"),
    ("erlang:'>'({1}, [])", "false"),
    ("erlang:'=<'(2, 1)", "false"),
    ("erlang:'>='(a, a)", "true"),
    // ---- min/max: the first of two equal terms ----
    ("erlang:min(1, 1.0)", "1"),
    ("erlang:min(1.0, 1)", "1.0"),
    ("erlang:max(1, 1.0)", "1"),
    ("erlang:max(1.0, 1)", "1.0"),
    ("erlang:min(a, 1)", "1"),
    ("erlang:max([], {})", "[]"),
    // ---- numbers ----
    ("erlang:abs(-5)", "5"),
    ("erlang:abs(-576460752303423488)", "576460752303423488"),
    ("erlang:abs(-1180591620717411303424)", "1180591620717411303424"),
    ("erlang:abs(-2.5)", "2.5"),
    ("erlang:abs(-0.0)", "-0.0"),
    ("erlang:abs(a)", "error:badarg"),
    ("erlang:trunc(2.7)", "2"),
    ("erlang:trunc(-2.7)", "-2"),
    ("erlang:trunc(5)", "5"),
    ("erlang:trunc(1.0e30)", "1000000000000000019884624838656"),
    ("erlang:trunc(a)", "error:badarg"),
    ("erlang:round(2.5)", "3"),
    ("erlang:round(-2.5)", "-3"),
    ("erlang:round(-0.5)", "-1"),
    ("erlang:round(0.49999999999999994)", "0"),
    ("erlang:round(1.0e20)", "100000000000000000000"),
    ("erlang:round(a)", "error:badarg"),
    ("erlang:floor(-2.5)", "-3"),
    ("erlang:floor(5)", "5"),
    ("erlang:ceil(-2.5)", "-2"),
    ("erlang:ceil(0.1)", "1"),
    ("erlang:ceil(a)", "error:badarg"),
    ("erlang:float(5)", "5.0"),
    ("erlang:float(1180591620717411303424)", "1.1805916207174113e21"),
    ("erlang:float(2.5)", "2.5"),
    ("erlang:float(a)", "error:badarg"),
    // 2^1024 - 2^971 is the largest float; 2^1024 - 2^970 rounds past it.
    (
        "erlang:float(179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368)",
        "1.7976931348623157e308",
    ),
    (
        "erlang:float(179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792)",
        "error:badarg",
    ),
    // ---- type tests ----
    ("erlang:is_atom(a)", "true"),
    ("erlang:is_atom(\"a\")", "false"),
    ("erlang:is_binary(a)", "false"),
    ("erlang:is_bitstring([])", "false"),
    ("erlang:is_boolean(false)", "true"),
    ("erlang:is_boolean(1)", "false"),
    ("erlang:is_float(1.0)", "true"),
    ("erlang:is_float(1)", "false"),
    ("erlang:is_integer(1180591620717411303424)", "true"),
    ("erlang:is_integer(1.0)", "false"),
    ("erlang:is_list([])", "true"),
    ("erlang:is_list([a|b])", "true"),
    ("erlang:is_list({})", "false"),
    ("erlang:is_map(a)", "false"),
    ("erlang:is_number(1.0)", "true"),
    ("erlang:is_number(a)", "false"),
    ("erlang:is_pid(a)", "false"),
    ("erlang:is_port(a)", "false"),
    ("erlang:is_reference(a)", "false"),
    ("erlang:is_tuple({})", "true"),
    ("erlang:is_tuple([])", "false"),
    ("erlang:is_function(fun lists:map/2)", "true"),
    ("erlang:is_function(a)", "false"),
    ("erlang:is_function(fun lists:map/2, 2)", "true"),
    ("erlang:is_function(fun lists:map/2, 1)", "false"),
    ("erlang:is_function(fun lists:map/2, 1180591620717411303424)", "false"),
    ("erlang:is_function(fun lists:map/2, -1)", "error:badarg"),
    ("erlang:is_function(fun lists:map/2, 1.0)", "error:badarg"),
    ("erlang:is_function(a, 1)", "false"),
    ("erlang:is_function(a, -1)", "error:badarg"),
    ("erlang:is_record({a, 1}, a, 2)", "true"),
    ("erlang:is_record({a, 1}, b, 2)", "false"),
    ("erlang:is_record({a, 1}, a, -1)", "false"),
    ("erlang:is_record(x, a, 1)", "false"),
    ("erlang:is_record({a, 1}, 1, 2)", "error:badarg"),
    ("erlang:is_record({a, 1}, a, a)", "error:badarg"),
    ("erlang:is_record({a}, a, 1180591620717411303424)", "error:badarg"),
    ("erlang:size({1, 2})", "2"),
    ("erlang:size(a)", "error:badarg"),
    ("erlang:node()", "nonode@nohost"),
    // ---- conversions ----
    ("erlang:atom_to_list(hello)", "\"hello\""),
    ("erlang:atom_to_list('')", "[]"),
    ("erlang:atom_to_list(1)", "error:badarg"),
    ("erlang:list_to_atom(\"hello\")", "hello"),
    ("erlang:list_to_atom([])", "''"),
    ("erlang:list_to_atom([1000])", "'\\x{3E8}'"),
    ("erlang:list_to_atom([1114111])", "'\\x{10FFFF}'"),
    ("erlang:list_to_atom([1114112])", "error:badarg"),
    ("erlang:list_to_atom([55296])", "error:badarg"),
    ("erlang:list_to_atom([-1])", "error:badarg"),
    ("erlang:list_to_atom([a])", "error:badarg"),
    ("erlang:list_to_atom([$a|b])", "error:badarg"),
    ("erlang:list_to_atom(foo)", "error:badarg"),
    ("erlang:list_to_existing_atom(\"true\")", "true"),
    ("erlang:list_to_existing_atom(\"girder_no_such_atom_xyz\")", "error:badarg"),
    ("erlang:list_to_existing_atom(a)", "error:badarg"),
    ("erlang:list_to_tuple([a, b])", "{a,b}"),
    ("erlang:list_to_tuple([])", "{}"),
    ("erlang:list_to_tuple([a|b])", "error:badarg"),
    ("erlang:tuple_to_list({a, {b}})", "[a,{b}]"),
    ("erlang:tuple_to_list(a)", "error:badarg"),
    ("erlang:integer_to_list(-123)", "\"-123\""),
    ("erlang:integer_to_list(1180591620717411303424)", "\"1180591620717411303424\""),
    ("erlang:integer_to_list(1.0)", "error:badarg"),
    ("erlang:integer_to_list(-255, 16)", "\"-FF\""),
    ("erlang:integer_to_list(0, 2)", "\"0\""),
    ("erlang:integer_to_list(1267650600228229401496703205376, 36)", "\"3EWFDNCA0N6LD1GGVFGG\""),
    ("erlang:integer_to_list(10, 1)", "error:badarg"),
    ("erlang:integer_to_list(10, 37)", "error:badarg"),
    ("erlang:integer_to_list(10, a)", "error:badarg"),
    ("erlang:integer_to_list(a, 10)", "error:badarg"),
    ("erlang:list_to_integer(\"+12\")", "12"),
    ("erlang:list_to_integer(\"-12\")", "-12"),
    ("erlang:list_to_integer(\"-0\")", "0"),
    ("erlang:list_to_integer(\"123456789012345678901234567890\")", "123456789012345678901234567890"),
    ("erlang:list_to_integer(\" 12\")", "error:badarg"),
    ("erlang:list_to_integer(\"\")", "error:badarg"),
    ("erlang:list_to_integer(\"+\")", "error:badarg"),
    ("erlang:list_to_integer(\"+-1\")", "error:badarg"),
    ("erlang:list_to_integer(\"1_000\")", "error:badarg"),
    ("erlang:list_to_integer([$1|a])", "error:badarg"),
    ("erlang:list_to_integer([$1, 256])", "error:badarg"),
    ("erlang:list_to_integer(a)", "error:badarg"),
    ("erlang:list_to_integer(\"ff\", 16)", "255"),
    ("erlang:list_to_integer(\"FF\", 16)", "255"),
    ("erlang:list_to_integer(\"-1z\", 36)", "-71"),
    ("erlang:list_to_integer(\"7fffffffffffffffffff\", 16)", "604462909807314587353087"),
    ("erlang:list_to_integer(\"1z\", 35)", "error:badarg"),
    ("erlang:list_to_integer(\"12\", 37)", "error:badarg"),
    ("erlang:list_to_integer(\"12\", a)", "error:badarg"),
    // ---- tuples ----
    ("erlang:make_tuple(2, a)", "{a,a}"),
    ("erlang:make_tuple(0, a)", "{}"),
    ("erlang:make_tuple(-1, a)", "error:badarg"),
    ("erlang:make_tuple(a, a)", "error:badarg"),
    ("erlang:make_tuple(1180591620717411303424, a)", "error:badarg"),
    ("erlang:make_tuple(16777216, a)", "error:badarg"),
    ("erlang:make_tuple(3, a, [{1, b}, {3, c}, {1, d}])", "{d,a,c}"),
    ("erlang:make_tuple(3, a, [{0, b}])", "error:badarg"),
    ("erlang:make_tuple(3, a, [{4, b}])", "error:badarg"),
    ("erlang:make_tuple(3, a, [x])", "error:badarg"),
    ("erlang:make_tuple(3, a, [{1, b, c}])", "error:badarg"),
    ("erlang:make_tuple(3, a, [{1, b}|c])", "error:badarg"),
    ("erlang:make_tuple(2, a, [{1.0, b}])", "error:badarg"),
    ("erlang:append_element({1}, 2)", "{1,2}"),
    ("erlang:append_element(a, 2)", "error:badarg"),
    ("erlang:insert_element(1, {a, b}, x)", "{x,a,b}"),
    ("erlang:insert_element(3, {a, b}, x)", "{a,b,x}"),
    ("erlang:insert_element(1, {}, x)", "{x}"),
    ("erlang:insert_element(4, {a, b}, x)", "error:badarg"),
    ("erlang:insert_element(0, {a, b}, x)", "error:badarg"),
    ("erlang:delete_element(2, {a, b})", "{a}"),
    ("erlang:delete_element(3, {a, b})", "error:badarg"),
    ("erlang:delete_element(1, {})", "error:badarg"),
    // ---- the process dictionary (keys compared exactly) ----
    ("erlang:erase()", "[]"),
    ("erlang:put(1, a)", "undefined"),
    ("erlang:get(1.0)", "undefined"),
    ("erlang:get(1)", "a"),
    ("erlang:put(1, b)", "a"),
    ("erlang:put(k, 1)", "undefined"),
    ("erlang:get_keys(1.0)", "[]"),
    ("erlang:get_keys(1)", "[k]"),
    ("erlang:erase(1)", "b"),
    ("erlang:erase(1)", "undefined"),
    ("erlang:get()", "[{k,1}]"),
    ("erlang:get_keys()", "[k]"),
    ("erlang:get(nokey)", "undefined"),
    ("erlang:erase()", "[{k,1}]"),
    ("erlang:get()", "[]"),
    ("erlang:halt(-1)", "error:badarg"),
    ("erlang:halt(a)", "error:badarg"),
    ("erlang:halt(1.0)", "error:badarg"),
    // ---- math ----
    ("math:pi()", "3.141592653589793"),
    ("math:sqrt(2)", "1.4142135623730951"),
    ("math:sqrt(-1)", "error:badarith"),
    ("math:sqrt(-0.0)", "-0.0"),
    ("math:sqrt(a)", "error:badarg"),
    ("math:sqrt(1180591620717411303424)", "34359738368.0"),
    ("math:pow(2, 0.5)", "1.4142135623730951"),
    ("math:pow(0, 0)", "1.0"),
    ("math:pow(-2, 3)", "-8.0"),
    ("math:pow(2, -1)", "0.5"),
    ("math:pow(0, -1)", "error:badarith"),
    ("math:pow(-8, 0.5)", "error:badarith"),
    ("math:pow(10, 400)", "error:badarith"),
    ("math:pow(a, 1)", "error:badarg"),
    // The first argument is converted first: a huge integer there wins.
    ("math:pow(a, 179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792)", "error:badarg"),
    ("math:pow(179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792, a)", "error:badarith"),
    ("math:exp(1)", "2.718281828459045"),
    ("math:exp(1000)", "error:badarith"),
    ("math:exp(-1000)", "0.0"),
    ("math:log(1)", "0.0"),
    ("math:log(0)", "error:badarith"),
    ("math:log(-1)", "error:badarith"),
    ("math:log(-0.0)", "error:badarith"),
    ("math:log2(8)", "3.0"),
    ("math:log2(0)", "error:badarith"),
    ("math:log10(1000)", "3.0"),
    ("math:log10(-1)", "error:badarith"),
    ("math:sin(0)", "0.0"),
    ("math:sin(a)", "error:badarg"),
    ("math:cos(0)", "1.0"),
    ("math:tan(1.0e300)", "1.4214488238747245"),
    ("math:asin(2)", "error:badarith"),
    ("math:acos(1)", "0.0"),
    ("math:acos(2)", "error:badarith"),
    ("math:atan(1)", "0.7853981633974483"),
    ("math:atan2(1, -1)", "2.356194490192345"),
    ("math:atan2(0, 0)", "0.0"),
    ("math:sinh(1000)", "error:badarith"),
    ("math:cosh(1000)", "error:badarith"),
    ("math:tanh(1000)", "1.0"),
    ("math:asinh(1)", "0.881373587019543"),
    ("math:acosh(1)", "0.0"),
    ("math:acosh(0.5)", "error:badarith"),
    ("math:atanh(1)", "error:badarith"),
    ("math:atanh(-1)", "error:badarith"),
    ("math:ceil(2.1)", "3.0"),
    ("math:ceil(-0.5)", "-0.0"),
    ("math:floor(-2.1)", "-3.0"),
    ("math:floor(5)", "5.0"),
    ("math:ceil(a)", "error:badarg"),
    ("math:fmod(5.5, 2)", "1.5"),
    ("math:fmod(-5.5, 2)", "-1.5"),
    ("math:fmod(5, -3)", "2.0"),
    ("math:fmod(1, 0)", "error:badarith"),
    ("math:fmod(a, 1)", "error:badarg"),
    ("math:erf(0.5)", "0.5204998778130465"),
    ("math:erf(1.0e-10)", "1.1283791670955126e-10"),
    ("math:erfc(0.5)", "0.4795001221869535"),
    ("math:erfc(30)", "0.0"),
    ("math:erf(a)", "error:badarg"),
    // An integer too large for a float is badarith in `math`, badarg in float/1.
    (
        "math:sin(179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792)",
        "error:badarith",
    ),
    // ---- lists ----
    ("lists:reverse([1, 2, 3], [])", "[3,2,1]"),
    ("lists:reverse([1, 2], c)", "[2,1|c]"),
    ("lists:reverse([], a)", "a"),
    ("lists:reverse([1], [a|b])", "[1,a|b]"),
    ("lists:reverse([1, 2|c], [])", "error:badarg"),
    ("lists:reverse(a, [])", "error:badarg"),
    ("lists:member(1.0, [1])", "false"),
    ("lists:member(1, [a, 1])", "true"),
    ("lists:member(1180591620717411303424, [a, 1180591620717411303424])", "true"),
    ("lists:member(a, [a|b])", "true"),
    ("lists:member(c, [a|b])", "error:badarg"),
    ("lists:member(a, b)", "error:badarg"),
    ("lists:keyfind(1.0, 1, [{1, a}])", "{1,a}"),
    ("lists:keyfind(1, 1, [{1.0}])", "{1.0}"),
    ("lists:keyfind(b, 2, [{a}, {x, b}, {y, b}])", "{x,b}"),
    ("lists:keyfind(a, 3, [{a, b}])", "false"),
    ("lists:keyfind(a, 1, [x])", "false"),
    ("lists:keyfind(a, 1, [{a}|b])", "{a}"),
    ("lists:keyfind(b, 1, [{a}|b])", "error:badarg"),
    ("lists:keyfind(a, 1, foo)", "error:badarg"),
    ("lists:keyfind(a, 0, [])", "error:badarg"),
    ("lists:keyfind(a, 2.0, [{a}])", "error:badarg"),
    ("lists:keyfind(1, 1180591620717411303424, [])", "error:badarg"),
    ("lists:keymember(1.0, 1, [{1, a}])", "true"),
    ("lists:keymember(a, 1, [{b}])", "false"),
    ("lists:keymember(a, 0, [])", "error:badarg"),
    ("lists:keysearch(1.0, 1, [{1, a}])", "{value,{1,a}}"),
    ("lists:keysearch(a, 1, [])", "false"),
    ("lists:keysearch(a, 1, [x|y])", "error:badarg"),
];

// ---- a reader for the Erlang terms and calls in CASES ----

struct Reader<'a> {
    s: &'a [u8],
    i: usize,
}

impl<'a> Reader<'a> {
    fn new(s: &'a str) -> Self {
        Reader { s: s.as_bytes(), i: 0 }
    }
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }
    fn peek(&mut self) -> u8 {
        self.ws();
        self.s.get(self.i).copied().unwrap_or(0)
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == c {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn expect(&mut self, c: u8) {
        assert!(self.eat(c), "expected {:?} at {} in {:?}", c as char, self.i, std::str::from_utf8(self.s));
    }
    fn atom_name(&mut self) -> String {
        if self.eat(b'\'') {
            let mut name = String::new();
            while self.s[self.i] != b'\'' {
                if self.s[self.i..].starts_with(b"\\x{") {
                    let end = self.i + self.s[self.i..].iter().position(|&c| c == b'}').unwrap();
                    let hex = std::str::from_utf8(&self.s[self.i + 3..end]).unwrap();
                    name.push(char::from_u32(u32::from_str_radix(hex, 16).unwrap()).unwrap());
                    self.i = end + 1;
                } else {
                    name.push(self.s[self.i] as char);
                    self.i += 1;
                }
            }
            self.i += 1;
            name
        } else {
            let start = self.i;
            while self.i < self.s.len() && (self.s[self.i].is_ascii_alphanumeric() || b"_@".contains(&self.s[self.i])) {
                self.i += 1;
            }
            String::from_utf8(self.s[start..self.i].to_vec()).unwrap()
        }
    }
    fn atom(&mut self) -> Atom {
        Atom::intern(&self.atom_name())
    }
    fn number(&mut self, p: &mut Process) -> Term {
        let start = self.i;
        self.i += 1; // a digit or '-'
        while self.i < self.s.len() && (self.s[self.i].is_ascii_digit() || b".e-".contains(&self.s[self.i])) {
            if self.s[self.i] == b'-' && self.s[self.i - 1] != b'e' {
                break;
            }
            self.i += 1;
        }
        let text = std::str::from_utf8(&self.s[start..self.i]).unwrap();
        if text.contains('.') {
            p.heap.float(text.parse().unwrap())
        } else {
            p.heap.bigint(&text.parse::<BigInt>().unwrap())
        }
    }
    fn seq(&mut self, p: &mut Process, close: u8) -> Vec<Term> {
        let mut v = Vec::new();
        if self.eat(close) {
            return v;
        }
        loop {
            v.push(self.term(p));
            if !self.eat(b',') {
                break;
            }
        }
        v
    }
    fn term(&mut self, p: &mut Process) -> Term {
        match self.peek() {
            b'{' => {
                self.i += 1;
                let v = self.seq(p, b'}');
                if !v.is_empty() {
                    self.expect(b'}');
                }
                p.heap.tuple(&v)
            }
            b'[' => {
                self.i += 1;
                let v = self.seq(p, b']');
                if v.is_empty() {
                    return Term::NIL;
                }
                let tail = if self.eat(b'|') { self.term(p) } else { Term::NIL };
                self.expect(b']');
                p.heap.list_with_tail(&v, tail)
            }
            b'"' => {
                self.i += 1;
                let end = self.i + self.s[self.i..].iter().position(|&c| c == b'"').unwrap();
                let s = std::str::from_utf8(&self.s[self.i..end]).unwrap().to_owned();
                self.i = end + 1;
                p.heap.str_list(&s)
            }
            b'$' => {
                self.i += 2;
                Term::small(self.s[self.i - 1] as i64)
            }
            c if c.is_ascii_digit() || c == b'-' => self.number(p),
            _ => {
                let name = self.atom_name();
                if name == "fun" {
                    // fun M:F/A
                    self.ws();
                    let m = self.atom();
                    self.expect(b':');
                    let f = self.atom();
                    self.expect(b'/');
                    let a = self.number(p).as_small().unwrap() as u32;
                    p.heap.export_fun(Term::atom(m), Term::atom(f), a)
                } else {
                    Term::atom(Atom::intern(&name))
                }
            }
        }
    }
    /// `m:f(Args)`: the BIF's result.
    fn call(&mut self, p: &mut Process) -> BifResult {
        self.ws();
        let m = self.atom();
        self.expect(b':');
        let f = self.atom();
        self.expect(b'(');
        let args = self.seq(p, b')');
        if !args.is_empty() {
            self.expect(b')');
        }
        let b = bif::lookup(m, f, args.len() as u32)
            .unwrap_or_else(|| panic!("no BIF {}:{}/{}", m.name(), f.name(), args.len()));
        call_bif(p, b, &args)
    }
}

fn parse(p: &mut Process, s: &str) -> Term {
    Reader::new(s).term(p)
}

/// Run one case; a description of the mismatch, if any.
fn run(p: &mut Process, expr: &str, expected: &str) -> Option<String> {
    let got = Reader::new(expr).call(p);
    match (expected.strip_prefix("error:"), got) {
        (Some(reason), Err(e)) => {
            let want = parse(p, reason);
            (e.class != Class::Error || !eq_exact(e.reason, want))
                .then(|| format!("{expr}: expected error {reason}, got {:?}:{:?}", e.class, e.reason))
        }
        (None, Ok(t)) => {
            let want = parse(p, expected);
            // eq_exact does not tell 0.0 from -0.0; compare their signs too.
            let same_zero = match (t.as_float(), want.as_float()) {
                (Some(x), Some(y)) => x.to_bits() == y.to_bits(),
                _ => true,
            };
            (!eq_exact(t, want) || !same_zero).then(|| format!("{expr}: expected {expected}, got {t:?}"))
        }
        (_, got) => Some(format!("{expr}: expected {expected}, got {got:?}")),
    }
}

#[test]
fn bifs_match_otp() {
    let mut p = Process::new(Term::pid(1));
    let failures: Vec<String> = CASES.iter().filter_map(|(e, x)| run(&mut p, e, x)).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases differ from OTP:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

fn call(p: &mut Process, m: &str, f: &str, args: &[Term]) -> BifResult {
    let b = bif::lookup(Atom::intern(m), Atom::intern(f), args.len() as u32).expect("a BIF");
    call_bif(p, b, args)
}

#[test]
fn pids_and_references() {
    let mut p = Process::new(Term::pid(1));
    let pid = p.pid;
    let r = p.heap.reference(7);
    // is_pid(self()) -> true
    assert_eq!(call(&mut p, "erlang", "is_pid", &[pid]).unwrap(), Term::TRUE);
    // is_reference(self()) -> false
    assert_eq!(call(&mut p, "erlang", "is_reference", &[pid]).unwrap(), Term::FALSE);
    // is_reference(make_ref()) -> true
    assert_eq!(call(&mut p, "erlang", "is_reference", &[r]).unwrap(), Term::TRUE);
    // is_pid(make_ref()) -> false
    assert_eq!(call(&mut p, "erlang", "is_pid", &[r]).unwrap(), Term::FALSE);
    // is_port(self()) -> false
    assert_eq!(call(&mut p, "erlang", "is_port", &[pid]).unwrap(), Term::FALSE);
}

#[test]
fn atom_length_limit() {
    let mut p = Process::new(Term::pid(1));
    let a = Term::small('a' as i64);
    // length(atom_to_list(list_to_atom(lists:duplicate(255, $a)))) -> 255
    let l255 = p.heap.list(&vec![a; 255]);
    let at = call(&mut p, "erlang", "list_to_atom", &[l255]).unwrap();
    assert_eq!(at.as_atom().unwrap().name().len(), 255);
    // list_to_atom(lists:duplicate(255, 1000)) succeeds: the limit counts characters
    let wide = p.heap.list(&vec![Term::small(1000); 255]);
    assert!(call(&mut p, "erlang", "list_to_atom", &[wide]).is_ok());
    // list_to_atom(lists:duplicate(256, $a)) -> error:system_limit
    let l256 = p.heap.list(&vec![a; 256]);
    let e = call(&mut p, "erlang", "list_to_atom", &[l256]).unwrap_err();
    assert_eq!(e.reason, Term::atom(Atom::intern("system_limit")));
    // list_to_atom(lists:duplicate(300, $a) ++ [-1]) -> error:system_limit
    let mut v = vec![a; 300];
    v.push(Term::small(-1));
    let bad_late = p.heap.list(&v);
    let e = call(&mut p, "erlang", "list_to_atom", &[bad_late]).unwrap_err();
    assert_eq!(e.reason, Term::atom(Atom::intern("system_limit")));
    // list_to_atom(lists:duplicate(300, $a) ++ x) -> error:system_limit
    let bad_tail = p.heap.list_with_tail(&[a; 300], Term::atom(Atom::intern("x")));
    let e = call(&mut p, "erlang", "list_to_atom", &[bad_tail]).unwrap_err();
    assert_eq!(e.reason, Term::atom(Atom::intern("system_limit")));
    // list_to_existing_atom(lists:duplicate(256, $a)) -> error:badarg
    let e = call(&mut p, "erlang", "list_to_existing_atom", &[l256]).unwrap_err();
    assert_eq!(e.reason, Term::atom(Atom::intern("badarg")));
}

#[test]
fn largest_tuples() {
    let mut p = Process::new(Term::pid(1));
    let a = Term::atom(Atom::intern("a"));
    // tuple_size(erlang:make_tuple(16#FFFFFF, a)) -> 16777215
    let big = call(&mut p, "erlang", "make_tuple", &[Term::small(0xFF_FFFF), a]).unwrap();
    assert_eq!(big.as_tuple().unwrap().len(), 0xFF_FFFF);
    // erlang:append_element(erlang:make_tuple(16#FFFFFF, a), b) -> error:badarg
    let e = call(&mut p, "erlang", "append_element", &[big, a]).unwrap_err();
    assert_eq!(e.reason, Term::atom(Atom::intern("badarg")));
}

#[test]
fn bif_errors_carry_their_arguments() {
    let mut p = Process::new(Term::pid(1));
    // catch error:R:S -> hd(S) for math:sqrt(a): {math,sqrt,[a],_}
    let a = Term::atom(Atom::intern("a"));
    let e = call(&mut p, "math", "sqrt", &[a]).unwrap_err();
    let (m, f, args) = e.bif.expect("BIF frame");
    assert_eq!((m.name(), f.name()), ("math", "sqrt"));
    assert_eq!(args.list_to_vec().unwrap(), vec![a]);
}

#[test]
fn no_bif_collects() {
    // A BIF allocates through heap fragments when the heap is full; the
    // collection counter must not move.
    let mut p = Process::new(Term::pid(1));
    let before = p.heap.collections;
    for i in 0..2000 {
        let t = p.heap.int(i);
        let k = p.heap.tuple(&[t]);
        call(&mut p, "erlang", "put", &[k, t]).unwrap();
        let big = parse(&mut p, "1180591620717411303424");
        call(&mut p, "erlang", "*", &[big, big]).unwrap();
        call(&mut p, "math", "sqrt", &[t]).unwrap();
    }
    assert_eq!(p.heap.collections, before);
    assert!(p.heap.frag_words() > 0);
}
