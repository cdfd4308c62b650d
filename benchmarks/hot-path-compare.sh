#!/usr/bin/env bash
# Two builds of squidlens side by side with the mawk one-liner and cat, on e2e.sh's narrow and
# wide 2 GiB logs, alternated, RUNS times each; prints "label|seconds|peak RSS KiB" per run.
# BENCHMARKS.md, "The hot path: where a run's time goes".
#
#   benchmarks/hot-path-compare.sh BEFORE.jar AFTER.jar [RUNS] [DIR]
#
# Make the logs first (benchmarks/e2e.sh --shape-size 2G does, into /tmp/squidlens-e2e); build
# each jar with ./mvnw -B -q -DskipTests package at the commit to compare and copy
# analyzer-cli/target/squidlens.jar aside under a name of its own (rows are labelled by it).
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,10p' "$0"; exit 2; }
BEFORE=$1 AFTER=$2 RUNS=${3:-2} DIR=${4:-/tmp/squidlens-e2e}
cd "$DIR"
for f in narrow-2G.log wide-2G.log; do
  [ -s "$f" ] || { echo "hot-path-compare: $DIR/$f missing (run benchmarks/e2e.sh --shape-size 2G)" >&2; exit 2; }
done
P='$6=="CONNECT"{split($7,a,":"); n[a[1]]++; b[a[1]]+=$5} END{for (h in n) print h, n[h], b[h]}'
J="java -XX:+UseSerialGC -XX:-UsePerfData"
A="analyze -o json --dns off --no-progress"
raw=$(mktemp)
m() { /usr/bin/time -f "$1|%e|%M" bash -c "$2" >/dev/null 2>>"$raw"; tail -1 "$raw"; }
cat narrow-2G.log wide-2G.log >/dev/null
for _ in $(seq "$RUNS"); do
  for s in narrow wide; do
    f=$s-2G.log
    m "$s mawk" "mawk '$P' $f"
    m "$s cat" "cat $f"
    for j in "$BEFORE" "$AFTER"; do
      m "$s $(basename "$j" .jar) file" "$J -jar $j $A $f"
      if [ "$s" = narrow ]; then m "$s $(basename "$j" .jar) stdin" "cat $f | $J -jar $j $A -"; fi
    done
  done
done
rm -f "$raw"
