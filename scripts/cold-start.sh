#!/bin/sh
# Cold wall time of pond commands on a small pond: median of N runs (default 10) after one warm-up, each a new JVM
# started the way users start it (the packaged launcher). Prints java -version and the launcher's JVM flags.
set -e
cd "$(dirname "$0")/.."
runs=${1:-10}
launcher=pond-cli/target/pond-dist/bin/pond
[ -x "$launcher" ] || mvn -q -B -DskipTests -pl pond-cli -am package
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export POND="$work/pond"
"$launcher" init 2>/dev/null
echo "hello" > "$work/small.txt"
"$launcher" copy "$work/small.txt" / 2>/dev/null
java -version 2>&1 | head -1
grep '^exec' "$launcher" | sed 's/^/launcher: /'
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
measure() { # label, command...
  label=$1; shift
  "$@" >/dev/null 2>&1 || true
  i=0
  while [ $i -lt "$runs" ]; do
    s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
    echo $(( (e - s) / 1000000 ))
    i=$((i + 1))
  done | median | xargs printf "%-24s median %s ms over $runs runs\n" "$label"
}
measure "pond list" "$launcher" list
measure "pond cat (small file)" "$launcher" cat /small.txt
n=0
mkdir_once() { n=$((n + 1)); "$launcher" mkdir "/d$(date +%s%N)"; }
measure "pond mkdir" mkdir_once
