#!/usr/bin/env bash
# Run tests/conformance/*.erl on OTP with girder's stdlib modules in place
# of OTP's (calls to lists:, maps:, string:, proplists:, orddict:,
# ordsets:, queue:, sets:, dict:, gb_trees:, gb_sets:, array: are
# rewritten to girder_M:), and compare the output
# with the .expected files.  Functions that girder implements as BIFs
# (e.g. lists:reverse/2, maps:get/2) are forwarded to OTP by a shim.
# Usage (from the repository root): tests/stdlib_check/conformance_with_girder_stdlib.sh
# Expected differences: funs_closures, macros and term_order print text that
# contains "lists:" (fun_info module, ??X stringify, a label), which the
# rewrite turns into "girder_lists:".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
mods="lists maps string proplists orddict ordsets queue sets dict gb_trees gb_sets array"
erlc -o "$out" "$root/stdlib/girder_unicode.erl" || exit 2
bifs_lists="reverse/2 member/2 keymember/3 keysearch/3 keyfind/3"
bifs_maps="get/2 find/2 from_list/1 is_key/2 keys/1 merge/2 new/0 put/3 remove/2 take/2 to_list/1 update/3 values/1 size/1"
for m in $mods; do
  f="$out/girder_$m.erl"
  sed "s/^-module($m)\./-module(girder_$m)./" "$root/stdlib/$m.erl" > "$f"
  eval "bifs=\${bifs_$m:-}"
  for fa in $bifs; do
    name=${fa%/*}; n=${fa#*/}
    args=$(python3 -c "print(', '.join('A%d' % i for i in range($n)))")
    sed -i "s|^-module(girder_$m)\.|&\n-export([$fa]).|" "$f"
    printf -- '%s(%s) -> %s:%s(%s).\n' "$name" "$args" "$m" "$name" "$args" >> "$f"
  done
  erlc -W0 -o "$out" "$f" || exit 2
done
status=0
for src in "$root"/tests/conformance/*.erl; do
  name=$(basename "$src" .erl)
  sed -E "s/\b(lists|maps|string|proplists|orddict|ordsets|queue|sets|dict|gb_trees|gb_sets|array):/girder_\1:/g" "$src" > "$out/$name.erl"
  erlc -W0 -o "$out" "$out/$name.erl" || { echo "COMPILE-ERROR $name"; status=1; continue; }
  (cd "$out" && timeout 60 erl -noshell -pa "$out" -eval "$name:main([]), halt()." > "$out/$name.out" 2>/dev/null)
  if cmp -s "$out/$name.out" "${src%.erl}.expected"; then echo "same $name"
  else echo "DIFFERS $name"; diff "${src%.erl}.expected" "$out/$name.out" | head -10; status=1; fi
done
exit $status
