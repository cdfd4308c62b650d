#!/usr/bin/env bash
# squidlens-spark on one machine beside the command line, in the same run: a plain log cut into
# parts, and a set of gzip files read one task each. Spark's cost on one machine (JVM and context
# start, task scheduling, two passes over the partial summaries) shows as the ratio to the CLI.
#
#   benchmarks/spark.sh [--size 2G] [--files 200] [--runs 2] [--dir /tmp/squidlens-e2e]
#
# The plain log is e2e.sh's narrow shape (3,000 Zipf destinations); the gzip set is one log of
# the same size cut into --files pieces, each gzipped. Prints a Markdown table (also written to
# DIR/spark-results.md): best wall seconds of --runs, peak RSS, and the time as a multiple of the
# CLI's on the same input.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
SIZE=2G
FILES=200
RUNS=2
DIR=/tmp/squidlens-e2e
while [ $# -gt 0 ]; do
  case "$1" in
    --size) SIZE=$2; shift 2 ;;
    --files) FILES=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --dir) DIR=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "spark: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
command -v /usr/bin/time >/dev/null || { echo "spark: needs GNU time (apt-get install time)" >&2; exit 2; }
mkdir -p "$DIR"

echo "spark: building" >&2
./mvnw -q -B -ntp -DskipTests install >&2
GEN=(java -XX:+UseSerialGC -cp "$ROOT/benchmarks/target/benchmarks.jar" io.squidlens.bench.LogGenerator)
LOG=$DIR/narrow-$SIZE.log
if [ ! -s "$LOG" ]; then
  echo "spark: generating $LOG" >&2
  "${GEN[@]}" --size "$SIZE" --destinations 3000 --seed 42 --shape narrow --out "$LOG.tmp"
  mv "$LOG.tmp" "$LOG"
fi
GZ=$DIR/gz-$FILES-$SIZE
if [ ! -d "$GZ" ] || [ "$(find "$GZ" -name '*.gz' | wc -l)" -ne "$FILES" ]; then
  echo "spark: cutting $LOG into $FILES gzip files" >&2
  rm -rf "$GZ.tmp" && mkdir -p "$GZ.tmp"
  split -n "l/$FILES" -a 3 -d --additional-suffix=.log "$LOG" "$GZ.tmp/access-"
  find "$GZ.tmp" -name '*.log' -print0 | xargs -0 -P "$(nproc)" -n 8 gzip -1
  rm -rf "$GZ" && mv "$GZ.tmp" "$GZ"
fi
for f in "$LOG" "$GZ"/*.gz; do cat "$f" > /dev/null; done
"$ROOT/squidlens" --version > /dev/null
"$ROOT/squidlens-spark" --version > /dev/null

CLI_SECONDS=
ROWS=()
measure() { # name command
  local name=$1 cmd=$2 best= peak=
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %M' -o "$DIR/time.out" bash -c "$cmd" > /dev/null 2> "$DIR/stderr.out" || {
      echo "spark: '$cmd' failed:" >&2; cat "$DIR/stderr.out" >&2; exit 1; }
    read -r t m < "$DIR/time.out"
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$t; fi
    if [ -z "$peak" ] || [ "$m" -gt "$peak" ]; then peak=$m; fi
  done
  [[ "$name" == *"squidlens analyze"* ]] && CLI_SECONDS=$best
  local ratio
  ratio=$(awk -v s="$best" -v c="$CLI_SECONDS" 'BEGIN { printf "%.1fx", s / c }')
  ROWS+=("| $name | $best | $((peak / 1024)) MiB | $ratio |")
  echo "spark: $name: $best s" >&2
}
A="-o json --dns off"
measure "plain $SIZE: squidlens analyze (2 threads)" "'$ROOT/squidlens' analyze $A '$LOG'"
measure "plain $SIZE: squidlens-spark --master local[1]" "'$ROOT/squidlens-spark' --master 'local[1]' $A '$LOG'"
measure "plain $SIZE: squidlens-spark --master local[2]" "'$ROOT/squidlens-spark' --master 'local[2]' $A '$LOG'"
measure "$FILES gzip files: squidlens analyze (2 threads)" "'$ROOT/squidlens' analyze $A '$GZ'"
measure "$FILES gzip files: squidlens-spark --master local[1]" "'$ROOT/squidlens-spark' --master 'local[1]' $A '$GZ'"
measure "$FILES gzip files: squidlens-spark --master local[2]" "'$ROOT/squidlens-spark' --master 'local[2]' $A '$GZ'"
{
  echo "squidlens-spark beside the CLI, $(date -u +%F), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores, best of $RUNS"
  echo
  echo "| input: command | seconds | peak RSS | times the CLI |"
  echo "|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
} | tee "$DIR/spark-results.md"
