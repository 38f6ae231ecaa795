#!/bin/sh
# Bytes per idle process: peak RSS of idle_procs.erl with N processes minus
# that with none, divided by N.  Usage: measure.sh [VM] [N]
#   VM: a girder binary (default $CARGO_TARGET_DIR/release/girder), or `otp`.
dir=$(dirname "$0")
vm=${1:-${CARGO_TARGET_DIR:-target}/release/girder}
n=${2:-100000}
rss() {
    if [ "$vm" = otp ]; then
        tmp=$(mktemp -d)
        erlc -o "$tmp" "$dir/idle_procs.erl"
        /usr/bin/time -f %M erl -noshell -pa "$tmp" +P 2000000 -eval "idle_procs:main([\"$1\"]), halt()." 2>&1 >/dev/null | tail -1
        rm -rf "$tmp"
    else
        /usr/bin/time -f %M "$vm" run "$dir/idle_procs.erl" "$1" 2>&1 >/dev/null | tail -1
    fi
}
base=$(rss 0)
full=$(rss "$n")
echo "peak RSS: $base KiB with 0, $full KiB with $n: $(( (full - base) * 1024 / n )) bytes per idle process"
