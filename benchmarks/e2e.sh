#!/usr/bin/env bash
# End-to-end throughput of squidlens beside cat, wc -l, zcat, a mawk one-liner, GoAccess and
# Calamaris, measured in the same run on the same generated logs, warm page cache. See
# BENCHMARKS.md.
#
#   benchmarks/e2e.sh [--size 4G] [--destinations 3000] [--cardinalities "100k 5m"]
#                     [--slice 256M] [--shape-size 2G] [--no-shapes] [--runs 3]
#                     [--dir /tmp/squidlens-e2e] [--quick]
#
# The throughput rows use a log with --destinations distinct destinations (3,000 by default, a
# busy cluster's egress); the cardinality rows repeat the file run on logs of the same size with
# many more, for time and memory. The shape rows use two logs of --shape-size: narrow (a
# cluster's egress: 3,000 Zipf-distributed destinations, 200 clients) and wide (a corporate
# proxy: 20,000 uniformly used destinations, about 260,000 clients), each beside the one-liner
# users write instead of squidlens:
#   mawk '$6=="CONNECT"{split($7,a,":"); n[a[1]]++; b[a[1]]+=$5} END{...}'
# which is single-threaded and compute-bound like squidlens, so "times mawk" travels between
# machines where GB/s does not. --quick: 1G log, 64M slice, 256M shapes, one run, 100k only.
# Prints a Markdown table (also written to DIR/results.md): median seconds, GB/s of log read,
# the time per byte as a multiple of cat's, how many times the mawk one-liner's time on the same
# log squidlens takes (per byte), and peak RSS (GNU time's maximum resident set size).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)

SIZE=4G
DESTS=3000
CARDINALITIES="100k 5m"
SLICE=256M
SHAPE_SIZE=2G
SHAPES=1
RUNS=3
DIR=/tmp/squidlens-e2e
while [ $# -gt 0 ]; do
  case "$1" in
    --size) SIZE=$2; shift 2 ;;
    --destinations) DESTS=$2; shift 2 ;;
    --slice) SLICE=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --dir) DIR=$2; shift 2 ;;
    --cardinalities) CARDINALITIES=$2; shift 2 ;;
    --shape-size) SHAPE_SIZE=$2; shift 2 ;;
    --no-shapes) SHAPES=; shift ;;
    --quick) SIZE=1G; SLICE=64M; SHAPE_SIZE=256M; RUNS=1; CARDINALITIES=100k; shift ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "e2e: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

command -v /usr/bin/time >/dev/null || { echo "e2e: needs GNU time (apt-get install time)" >&2; exit 2; }
command -v mawk >/dev/null || { echo "e2e: needs mawk (apt-get install mawk)" >&2; exit 2; }
mkdir -p "$DIR"

echo "e2e: building jars" >&2
./mvnw -q -B -ntp -DskipTests package >&2
GEN=(java -XX:+UseSerialGC -cp "$ROOT/benchmarks/target/benchmarks.jar" io.squidlens.bench.LogGenerator)
SQ="$ROOT/squidlens"

# Logs are a pure function of their options, so existing files are reused.
gen() { # out size destinations seed [--gzip]
  local out=$1 size=$2 dests=$3 seed=$4; shift 4
  if [ ! -s "$out" ]; then
    echo "e2e: generating $out ($size, $dests destinations, seed $seed $*)" >&2
    "${GEN[@]}" --size "$size" --destinations "$dests" --seed "$seed" "$@" --out "$out.tmp"
    mv "$out.tmp" "$out"
  fi
}
LOG=$DIR/access-$SIZE-$DESTS.log
gen "$LOG" "$SIZE" "$DESTS" 42
gen "$LOG.gz" "$SIZE" "$DESTS" 42 --gzip
SLICE_LOG=$DIR/slice-$SLICE-$DESTS.log   # same seed: a prefix of the big log
gen "$SLICE_LOG" "$SLICE" "$DESTS" 42
ONE_MB=$DIR/one-mb.log
gen "$ONE_MB" 1M 3000 42
# Four rotated files of an eighth of SIZE each, different seeds, gzip (read in parallel).
EIGHTH=$(( $(numfmt --from=iec "$SIZE") / 8 ))
ROT=()
for i in 1 2 3 4; do
  f=$DIR/rotated-$EIGHTH-$DESTS.log.$i.gz
  gen "$f" "$EIGHTH" "$DESTS" "$((100 + i))" --gzip
  ROT+=("$f")
done
NARROW=$DIR/narrow-$SHAPE_SIZE.log
WIDE=$DIR/wide-$SHAPE_SIZE.log
if [ -n "$SHAPES" ]; then
  gen "$NARROW" "$SHAPE_SIZE" 3000 42 --shape narrow
  gen "$WIDE" "$SHAPE_SIZE" 20000 42 --shape wide
  # GoAccess takes minutes per GiB: it reads a slice of each (same seed, so a prefix).
  gen "$DIR/narrow-$SLICE.log" "$SLICE" 3000 42 --shape narrow
  gen "$DIR/wide-$SLICE.log" "$SLICE" 20000 42 --shape wide
fi
MANY=()
for c in $CARDINALITIES; do
  gen "$DIR/access-$SIZE-$c.log" "$SIZE" "$c" 42
  MANY+=("$DIR/access-$SIZE-$c.log")
done

bytes() { stat -c %s "$1"; }
LOG_BYTES=$(bytes "$LOG")
SLICE_BYTES=$(bytes "$SLICE_LOG")
ROT_BYTES=0
for f in "${ROT[@]}"; do ROT_BYTES=$((ROT_BYTES + $(zcat "$f" | wc -c))); done

echo "e2e: warming the page cache" >&2
for f in "$LOG" "$LOG.gz" "$SLICE_LOG" "$ONE_MB" "${ROT[@]}" "${MANY[@]}"; do
  cat "$f" > /dev/null
done
"$SQ" --version > /dev/null   # builds the jar now, not inside a measurement

ROWS=()
CAT_SECONDS=
CAT_BYTES=
MAWK_SECONDS=
MAWK_BYTES=
# The one-liner: requests and bytes per CONNECT host, what a user would otherwise run.
MAWK_PROGRAM='$6=="CONNECT"{split($7,a,":"); n[a[1]]++; b[a[1]]+=$5} END{for (h in n) print h, n[h], b[h]}'
# measure NAME BYTES COMMAND: median wall seconds and the peak RSS of that run, over RUNS runs.
measure() {
  local name=$1 nbytes=$2 cmd=$3
  local times=() rss=()
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %M' -o "$DIR/time.out" bash -c "$cmd" > /dev/null 2> "$DIR/stderr.out" || {
      echo "e2e: '$cmd' failed:" >&2; cat "$DIR/stderr.out" >&2; exit 1; }
    read -r t m < "$DIR/time.out"
    times+=("$t"); rss+=("$m")
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  local peak
  peak=$(printf '%s\n' "${rss[@]}" | sort -g | tail -1)
  [ "$name" = "cat" ] && { CAT_SECONDS=$median; CAT_BYTES=$nbytes; }
  [[ "$name" == "mawk one-liner"* ]] && { MAWK_SECONDS=$median; MAWK_BYTES=$nbytes; }
  local gbs ratio vs
  gbs=$(awk -v b="$nbytes" -v s="$median" 'BEGIN { if (s > 0) printf "%.2f", b / s / 1e9; else print "-" }')
  # Seconds per byte against cat's, so rows over a slice or a smaller file compare fairly.
  ratio=$(awk -v s="$median" -v b="$nbytes" -v c="$CAT_SECONDS" -v cb="$CAT_BYTES" \
    'BEGIN { if (c > 0 && b > 0) printf "%.1fx", (s / b) / (c / cb); else print "-" }')
  # How many times faster than the mawk one-liner on the log of this group, per byte.
  vs=$(awk -v s="$median" -v b="$nbytes" -v m="$MAWK_SECONDS" -v mb="$MAWK_BYTES" \
    'BEGIN { if (m > 0 && s > 0) printf "%.1fx", (m / mb) / (s / b); else print "-" }')
  # A '|' inside a cell, even in a code span, ends the cell in Markdown unless escaped.
  ROWS+=("| ${name//|/\\|} | \`${cmd//|/\\|}\` | $median | $gbs | $ratio | $vs | $((peak / 1024)) MiB |")
  echo "e2e: $name: ${median}s, $gbs GB/s, $ratio cat, $vs mawk, $((peak / 1024)) MiB" >&2
}

short() { echo "${1/#$DIR\//}"; }
J="--dns off -o json"
measure "cat" "$LOG_BYTES" "cat $LOG"
measure "wc -l" "$LOG_BYTES" "wc -l $LOG"
measure "mawk one-liner" "$LOG_BYTES" "mawk '$MAWK_PROGRAM' $LOG"
measure "squidlens, file" "$LOG_BYTES" "$SQ analyze $J $LOG"
measure "squidlens, file, 1 thread" "$LOG_BYTES" "$SQ analyze $J --threads 1 $LOG"
measure "squidlens, stdin pipe" "$LOG_BYTES" "cat $LOG | $SQ analyze $J -"
measure "zcat" "$LOG_BYTES" "zcat $LOG.gz"
measure "squidlens, gzip" "$LOG_BYTES" "$SQ analyze $J $LOG.gz"
measure "zcat, 4 rotated .gz" "$ROT_BYTES" "zcat ${ROT[*]}"
measure "squidlens, 4 rotated .gz" "$ROT_BYTES" "$SQ analyze $J ${ROT[*]}"
for m in "${MANY[@]}"; do
  c=${m##*-}; c=${c%.log}
  cat "$m" > /dev/null
  measure "squidlens, $c destinations" "$(bytes "$m")" "$SQ analyze $J $m"
done
measure "squidlens, slice" "$SLICE_BYTES" "$SQ analyze $J $SLICE_LOG"
if command -v goaccess >/dev/null; then
  measure "GoAccess 1.x, slice" "$SLICE_BYTES" \
    "goaccess $SLICE_LOG --log-format='%x.%^ %~%L %h %^/%s %b %m %U %e %^' --date-format=%s --time-format=%s --no-strict-status -o $DIR/goaccess.json"
else
  echo "e2e: goaccess not installed (apt-get install goaccess): skipped" >&2
fi
if command -v calamaris >/dev/null; then
  measure "Calamaris, slice" "$SLICE_BYTES" "calamaris -a -n -f squid < $SLICE_LOG"
else
  echo "e2e: calamaris not installed (apt-get install calamaris): skipped" >&2
fi
measure "squidlens, 1 MB log (JVM start included)" "$(bytes "$ONE_MB")" "$SQ analyze $J $ONE_MB"
if [ -n "$SHAPES" ]; then
  for shape in narrow wide; do
    f=$NARROW; [ "$shape" = wide ] && f=$WIDE
    cat "$f" > /dev/null
    n=$(bytes "$f")
    measure "mawk one-liner, $shape" "$n" "mawk '$MAWK_PROGRAM' $f"
    measure "cat, $shape" "$n" "cat $f"
    measure "squidlens, $shape" "$n" "$SQ analyze $J $f"
    if [ "$shape" = narrow ]; then
      # What the pipe alone carries: no reader of standard input can be faster than this.
      measure "the pipe alone (cat into wc -c), $shape" "$n" "cat $f | wc -c"
      measure "squidlens, $shape, stdin pipe" "$n" "cat $f | $SQ analyze $J -"
    fi
    if command -v goaccess >/dev/null; then
      g=$DIR/$shape-$SLICE.log
      measure "GoAccess 1.x, $shape, slice" "$(bytes "$g")" \
        "goaccess $g --log-format='%x.%^ %~%L %h %^/%s %b %m %U %e %^' --date-format=%s --time-format=%s --no-strict-status -o $DIR/goaccess.json"
    fi
  done
fi

{
  echo "Log: $(short "$LOG"), $LOG_BYTES bytes, $DESTS destinations; slice $SLICE_BYTES bytes;"
  echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo),"
  echo "$(java -version 2>&1 | head -1); runs: $RUNS (median); page cache warm."
  echo "CPU: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)."
  [ -n "$SHAPES" ] && echo "Shapes: narrow $(bytes "$NARROW") bytes, wide $(bytes "$WIDE") bytes."
  echo
  echo "| what | command | seconds | GB/s | time per byte vs cat | times mawk | peak RSS |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  for r in "${ROWS[@]}"; do echo "${r//$DIR\//}"; done
} | tee "$DIR/results.md"
