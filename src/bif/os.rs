//! `os` BIFs (environment, shell commands, the OS process id) and the
//! `erlang` clock BIFs that OTP's `calendar` and `rand` build on: wall
//! clock dates in UTC and local time, `timestamp`, `time_offset`,
//! `unique_integer` and `convert_time_unit`.
//!
//! Local time comes from the TZif file of `$TZ` (a zone name or a path) or
//! `/etc/localtime`; where neither can be read, local time is UTC.

use crate::bif::io::chars_of;
use crate::heap::Alloc;
use crate::term::{Atom, Term};
use crate::vm::exception::{BifResult, Exception};
use crate::vm::process::Process;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::OnceLock;

/// A flat or deep string (OTP's os functions take no atoms or binaries).
fn string_arg(t: Term) -> Result<String, Exception> {
    if !t.is_list() && !t.is_nil() {
        return Err(Exception::badarg());
    }
    chars_of(t).map(|cs| cs.into_iter().collect()).ok_or_else(Exception::badarg)
}

/// A variable name as OTP accepts it: a string without `=` (nor NUL).
fn var_name(t: Term) -> Result<String, Exception> {
    let s = string_arg(t)?;
    if s.is_empty() || s.contains('=') || s.contains('\0') {
        return Err(Exception::badarg());
    }
    Ok(s)
}

/// os:getenv(): every `"NAME=VALUE"`.
pub fn getenv0(p: &mut Process, _a: &[Term]) -> BifResult {
    let vars: Vec<String> =
        std::env::vars_os().map(|(k, v)| format!("{}={}", k.to_string_lossy(), v.to_string_lossy())).collect();
    let terms: Vec<Term> = vars.iter().map(|s| p.heap.str_list(s)).collect();
    Ok(p.heap.list(&terms))
}

/// os:getenv(Name): the value, or `false`.
pub fn getenv1(p: &mut Process, a: &[Term]) -> BifResult {
    let name = string_arg(a[0])?;
    if name.is_empty() || name.contains('\0') {
        return Ok(Term::FALSE);
    }
    match std::env::var_os(&name) {
        Some(v) => Ok(p.heap.str_list(&v.to_string_lossy())),
        None => Ok(Term::FALSE),
    }
}

/// os:getenv(Name, Default)
pub fn getenv2(p: &mut Process, a: &[Term]) -> BifResult {
    let v = getenv1(p, &a[..1])?;
    Ok(if v == Term::FALSE { a[1] } else { v })
}

/// os:putenv(Name, Value): `true`.
pub fn putenv(_p: &mut Process, a: &[Term]) -> BifResult {
    let name = var_name(a[0])?;
    let value = string_arg(a[1])?;
    if value.contains('\0') {
        return Err(Exception::badarg());
    }
    std::env::set_var(name, value);
    Ok(Term::TRUE)
}

/// os:unsetenv(Name): `true`.
pub fn unsetenv(_p: &mut Process, a: &[Term]) -> BifResult {
    std::env::remove_var(var_name(a[0])?);
    Ok(Term::TRUE)
}

/// os:cmd(Command): runs Command with `/bin/sh` and returns what it wrote
/// on standard output and standard error (merged, as OTP's port does), as
/// a list of bytes. The scheduler thread waits for it.
pub fn cmd(p: &mut Process, a: &[Term]) -> BifResult {
    let command = match a[0].as_atom() {
        Some(at) => Atom::name(at).to_string(),
        None => string_arg(a[0])?,
    };
    let out = std::process::Command::new("/bin/sh")
        .arg("-c")
        .arg(format!("exec 2>&1\n{command}"))
        .stdin(std::process::Stdio::null())
        .output();
    let bytes = out.map(|o| o.stdout).unwrap_or_default();
    let terms: Vec<Term> = bytes.iter().map(|&b| Term::small(b as i64)).collect();
    Ok(p.heap.list(&terms))
}

/// os:type()
pub fn os_type(p: &mut Process, _a: &[Term]) -> BifResult {
    let family = if cfg!(unix) { "unix" } else { "win32" };
    let name = if cfg!(target_os = "linux") {
        "linux"
    } else if cfg!(target_os = "macos") {
        "darwin"
    } else {
        std::env::consts::OS
    };
    Ok(p.heap.tuple(&[Term::atom(Atom::intern(family)), Term::atom(Atom::intern(name))]))
}

/// os:getpid(): the OS process id as a string.
pub fn getpid(p: &mut Process, _a: &[Term]) -> BifResult {
    Ok(p.heap.str_list(&std::process::id().to_string()))
}

fn now_ns() -> i128 {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

/// os:timestamp() and erlang:timestamp(): `{MegaSecs, Secs, MicroSecs}`.
pub fn timestamp(p: &mut Process, _a: &[Term]) -> BifResult {
    let us = now_ns().div_euclid(1000);
    let (mega, rest) = (us.div_euclid(1_000_000_000_000), us.rem_euclid(1_000_000_000_000));
    let parts = [mega as i64, (rest / 1_000_000) as i64, (rest % 1_000_000) as i64];
    let t: Vec<Term> = parts.iter().map(|&v| p.heap.int(v)).collect();
    Ok(p.heap.tuple(&t))
}

/// Units per second of a time unit term (native is nanoseconds here).
fn per_second(unit: Term) -> Result<i128, Exception> {
    Ok(match unit.as_atom().map(Atom::name) {
        Some("second" | "seconds") => 1,
        Some("millisecond" | "milli_seconds") => 1_000,
        Some("microsecond" | "micro_seconds") => 1_000_000,
        Some("nanosecond" | "nano_seconds" | "native" | "perf_counter") => 1_000_000_000,
        _ => match unit.as_small() {
            Some(n) if n > 0 => n as i128,
            _ => return Err(Exception::badarg()),
        },
    })
}

/// `t` nanoseconds in `unit`, rounded down.
fn ns_in(p: &mut Process, ns: i128, unit: Term) -> BifResult {
    let v = (ns * per_second(unit)?).div_euclid(1_000_000_000);
    Ok(p.heap.bigint(&num_bigint::BigInt::from(v)))
}

/// os:system_time/0 (native units).
pub fn system_time0(p: &mut Process, _a: &[Term]) -> BifResult {
    Ok(p.heap.int(now_ns() as i64))
}

/// os:system_time(Unit)
pub fn system_time1(p: &mut Process, a: &[Term]) -> BifResult {
    ns_in(p, now_ns(), a[0])
}

/// The start of girder's monotonic clock, as a system time in nanoseconds:
/// erlang:time_offset/0 is system time minus monotonic time.
fn offset_ns() -> i128 {
    // The monotonic clock (process.rs) counts from its first reading; the
    // offset is fixed at the first call, as OTP's is in its default mode.
    static OFFSET: OnceLock<i128> = OnceLock::new();
    *OFFSET.get_or_init(|| now_ns() - monotonic_ns())
}

fn monotonic_ns() -> i128 {
    crate::bif::process::start().elapsed().as_nanos() as i128
}

/// erlang:time_offset/0 (native units).
pub fn time_offset0(p: &mut Process, _a: &[Term]) -> BifResult {
    let o = offset_ns();
    Ok(p.heap.int(o as i64))
}

/// erlang:time_offset(Unit)
pub fn time_offset1(p: &mut Process, a: &[Term]) -> BifResult {
    ns_in(p, offset_ns(), a[0])
}

/// erlang:convert_time_unit(Time, FromUnit, ToUnit), rounded down.
pub fn convert_time_unit(p: &mut Process, a: &[Term]) -> BifResult {
    use num_integer::Integer;
    let t = a[0].to_bigint().ok_or_else(Exception::badarg)?;
    let (from, to) = (per_second(a[1])?, per_second(a[2])?);
    let v = (t * num_bigint::BigInt::from(to)).div_floor(&num_bigint::BigInt::from(from));
    Ok(p.heap.bigint(&v))
}

static UNIQUE: AtomicI64 = AtomicI64::new(1);

/// erlang:unique_integer/0: unique in this run of the VM.
pub fn unique_integer0(p: &mut Process, _a: &[Term]) -> BifResult {
    Ok(p.heap.int(UNIQUE.fetch_add(1, Ordering::Relaxed)))
}

/// erlang:unique_integer(Modifiers): `positive` and `monotonic` are both
/// true of girder's one counter; anything else in the list is badarg.
pub fn unique_integer1(p: &mut Process, a: &[Term]) -> BifResult {
    let mods = a[0].list_to_vec().ok_or_else(Exception::badarg)?;
    for m in mods {
        match m.as_atom().map(Atom::name) {
            Some("positive" | "monotonic") => {}
            _ => return Err(Exception::badarg()),
        }
    }
    unique_integer0(p, a)
}

// ---- Calendar arithmetic -------------------------------------------------

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian.
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// (year, month, day) to days since 1970-01-01.
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn datetime_term(p: &mut Process, secs: i64) -> Term {
    let (y, mo, d) = civil_from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    let date = p.heap.tuple(&[Term::small(y), Term::small(mo), Term::small(d)]);
    let time = p.heap.tuple(&[Term::small(s / 3600), Term::small(s / 60 % 60), Term::small(s % 60)]);
    p.heap.tuple(&[date, time])
}

/// `{{Y, M, D}, {H, Mi, S}}` to seconds since the epoch, checking ranges.
fn datetime_secs(t: Term) -> Result<i64, Exception> {
    let parts = |x: Term| -> Result<[i64; 3], Exception> {
        match x.as_tuple() {
            Some([a, b, c]) => match (a.as_small(), b.as_small(), c.as_small()) {
                (Some(a), Some(b), Some(c)) => Ok([a, b, c]),
                _ => Err(Exception::badarg()),
            },
            _ => Err(Exception::badarg()),
        }
    };
    let Some([date, time]) = t.as_tuple() else { return Err(Exception::badarg()) };
    let [y, mo, d] = parts(*date)?;
    let [h, mi, s] = parts(*time)?;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days_in = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let valid = (1..=12).contains(&mo)
        && d >= 1
        && d <= days_in[(mo.clamp(1, 12) - 1) as usize]
        && (0..24).contains(&h)
        && (0..60).contains(&mi)
        && (0..60).contains(&s)
        && y >= 0;
    if !valid {
        return Err(Exception::badarg());
    }
    Ok(days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s)
}

/// erlang:universaltime()
pub fn universaltime(p: &mut Process, _a: &[Term]) -> BifResult {
    let secs = now_ns().div_euclid(1_000_000_000) as i64;
    Ok(datetime_term(p, secs))
}

/// erlang:localtime()
pub fn localtime(p: &mut Process, _a: &[Term]) -> BifResult {
    let secs = now_ns().div_euclid(1_000_000_000) as i64;
    Ok(datetime_term(p, secs + utc_offset_at(secs)))
}

/// erlang:date()
pub fn date(p: &mut Process, a: &[Term]) -> BifResult {
    let dt = localtime(p, a)?;
    Ok(dt.as_tuple().map_or(dt, |e| e[0]))
}

/// erlang:time()
pub fn time(p: &mut Process, a: &[Term]) -> BifResult {
    let dt = localtime(p, a)?;
    Ok(dt.as_tuple().map_or(dt, |e| e[1]))
}

/// erlang:universaltime_to_localtime(DateTime)
pub fn universaltime_to_localtime(p: &mut Process, a: &[Term]) -> BifResult {
    let secs = datetime_secs(a[0])?;
    Ok(datetime_term(p, secs + utc_offset_at(secs)))
}

/// erlang:localtime_to_universaltime(DateTime) and /2 (the daylight
/// saving flag is not consulted: the zone's offset at that time is used).
pub fn localtime_to_universaltime(p: &mut Process, a: &[Term]) -> BifResult {
    let secs = datetime_secs(a[0])?;
    // The offset in force at the local time read as UTC, corrected once.
    let guess = secs - utc_offset_at(secs);
    Ok(datetime_term(p, secs - utc_offset_at(guess)))
}

// ---- Time zones ------------------------------------------------------------

/// A zone: transition times (UTC seconds) with the offset that starts at
/// each, and the offset before the first.
struct Zone {
    transitions: Vec<(i64, i64)>,
    initial: i64,
}

fn zone() -> &'static Option<Zone> {
    static Z: OnceLock<Option<Zone>> = OnceLock::new();
    Z.get_or_init(|| {
        let path = match std::env::var("TZ") {
            Ok(tz) if !tz.is_empty() => {
                let tz = tz.trim_start_matches(':');
                if tz.starts_with('/') {
                    tz.to_string()
                } else {
                    format!("/usr/share/zoneinfo/{tz}")
                }
            }
            _ => "/etc/localtime".to_string(),
        };
        std::fs::read(path).ok().and_then(|b| parse_tzif(&b))
    })
}

fn utc_offset_at(secs: i64) -> i64 {
    match zone() {
        None => 0,
        Some(z) => {
            let i = z.transitions.partition_point(|&(t, _)| t <= secs);
            if i == 0 {
                z.initial
            } else {
                z.transitions[i - 1].1
            }
        }
    }
}

/// The transitions of a TZif file (RFC 8536): the 64-bit block of version
/// 2 and later, else the 32-bit block. The footer's rule for times after
/// the last transition is not read: the last offset stays in force.
fn parse_tzif(b: &[u8]) -> Option<Zone> {
    let be32 = |at: usize| -> Option<i64> { Some(i32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?) as i64) };
    let be64 = |at: usize| -> Option<i64> { Some(i64::from_be_bytes(b.get(at..at + 8)?.try_into().ok()?)) };
    let header = |at: usize| -> Option<[usize; 6]> {
        if b.get(at..at + 4)? != b"TZif" {
            return None;
        }
        let mut c = [0usize; 6];
        for (i, v) in c.iter_mut().enumerate() {
            *v = be32(at + 20 + 4 * i)? as usize;
        }
        Some(c)
    };
    // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
    let [isut, isstd, leap, timecnt, typecnt, charcnt] = header(0)?;
    let version = *b.get(4)?;
    let (start, tsize, counts) = if version >= b'2' {
        let v1_len = timecnt * 4 + timecnt + typecnt * 6 + charcnt + leap * 8 + isstd + isut;
        let at = 44 + v1_len;
        (at + 44, 8, header(at)?)
    } else {
        (44, 4, [isut, isstd, leap, timecnt, typecnt, charcnt])
    };
    let [_, _, _, timecnt, typecnt, _] = counts;
    let times_at = start;
    let idx_at = times_at + timecnt * tsize;
    let types_at = idx_at + timecnt;
    let offset_of = |ty: usize| -> Option<i64> {
        if ty >= typecnt {
            return None;
        }
        be32(types_at + 6 * ty)
    };
    let mut transitions = Vec::with_capacity(timecnt);
    for i in 0..timecnt {
        let t = if tsize == 8 { be64(times_at + 8 * i)? } else { be32(times_at + 4 * i)? };
        let ty = *b.get(idx_at + i)? as usize;
        transitions.push((t, offset_of(ty)?));
    }
    Some(Zone { transitions, initial: offset_of(0)? })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for d in [-719_528, -1, 0, 1, 10_957, 11_016, 2_932_896] {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d, "{y}-{m}-{dd}");
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(days_from_civil(0, 1, 1), -719_528);
    }
}
