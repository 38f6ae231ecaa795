#!/usr/bin/env bash
# Compare girder's stdlib modules (stdlib/*.erl) with OTP's on many inputs.
# Each stdlib/M.erl is compiled as module girder_M and the check_M.erl
# script calls both.  Usage (from the repository root):
#   tests/stdlib_check/run.sh            # all modules
#   tests/stdlib_check/run.sh lists maps # some
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
mods=${*:-$(cd "$root/tests/stdlib_check" && ls check_*.erl | sed 's/check_//;s/\.erl//')}
for m in $(cd "$root/stdlib" && ls *.erl | sed 's/\.erl//'); do
  sed "s/^-module($m)\./-module(girder_$m)./" "$root/stdlib/$m.erl" > "$out/girder_$m.erl"
  erlc -o "$out" "$out/girder_$m.erl"
done
cp "$root/tests/stdlib_check/check_common.erl" "$out/"
erlc -o "$out" "$out/check_common.erl"
status=0
for m in $mods; do
  erlc -o "$out" "$root/tests/stdlib_check/check_$m.erl"
  (cd "$out" && erl -noshell -pa "$out" -eval "halt(case check_$m:main() of ok -> 0; _ -> 1 end).") || status=1
done
exit $status
