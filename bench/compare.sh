#!/usr/bin/env bash
# Compares two builds of mentor-evidence (or one build against polars'
# read of the inputs) on one generated programme, in rounds of A B B A.
#
# Why that order: on the shared VM of the build machine, consecutive
# memory-heavy runs alternate slow and fast (the same binary, sixteen runs
# in a row at 1M students: metrics 0.29-0.43 s on odd runs, 0.22-0.27 s on
# even ones). Runs in A B order therefore favour whichever program runs
# second, by as much as a session's work. In A B B A order each program
# runs equally often in both positions, and the medians are printed per
# position as well as over all runs.
#
# Usage: bench/compare.sh [-n ROUNDS] [-d DIR] BIN_A BIN_B
#        bench/compare.sh [-n ROUNDS] [-d DIR] --read BIN
#   BIN_A, BIN_B: paths to mentor-evidence binaries (copy target/release/
#   mentor-evidence aside before rebuilding). --read compares BIN with
#   Python polars reading DIR's five CSV files as text (pip install polars).
#   DIR: a programme from `sample-data --format csv` (default
#   $BENCH_DIR/n1000000, as bench/run.sh leaves it). ROUNDS: default 8.
# Needs GNU time (/usr/bin/time).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rounds=8
dir="${BENCH_DIR:-/tmp/mentor-evidence-bench}/n1000000"
read_mode=0
while [ $# -gt 0 ]; do
  case "$1" in
    -n) rounds=$2; shift 2 ;;
    -d) dir=$2; shift 2 ;;
    --read) read_mode=1; shift ;;
    *) break ;;
  esac
done
if [ "$read_mode" = 1 ]; then
  [ $# -eq 1 ] || { echo "usage: bench/compare.sh [-n ROUNDS] [-d DIR] --read BIN" >&2; exit 2; }
  a=read; b=$1
else
  [ $# -eq 2 ] || { echo "usage: bench/compare.sh [-n ROUNDS] [-d DIR] BIN_A BIN_B" >&2; exit 2; }
  a=$1; b=$2
fi
[ -f "$dir/evidence.toml" ] || { echo "bench: no programme in $dir (run bench/run.sh 1000000 first)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time not found (apt-get install time)" >&2; exit 1; }
results=$(mktemp)
outputs=$(mktemp -d)
trap 'rm -rf "$results" "$outputs"' EXIT

# One timed run: "label position wall cpu ingest validate metrics".
run_one() {
  local label=$1 program=$2 position=$3
  if [ "$program" = read ]; then
    local wall
    wall=$(python3 "$here/read_inputs.py" "$dir"/cohort.csv "$dir"/mentors.csv "$dir"/meetings.csv "$dir"/survey-pre.csv "$dir"/survey-post.csv)
    echo "$label $position $wall - - - -"
    return
  fi
  local out
  out=$( { /usr/bin/time -f "peak %e %U %S" "$program" run -c "$dir/evidence.toml" --out "$outputs/$label" --quiet --timings; } 2>&1)
  stage() { echo "$out" | awk -v s="$1" '$1=="timing" && $2==s {print $3}'; }
  echo "$label $position $(echo "$out" | awk '$1=="peak" {printf "%s %.2f", $2, $3 + $4}') $(stage ingest) $(stage validate) $(stage metrics)"
}

k=0
for _ in $(seq "$rounds"); do
  for which in A B B A; do
    k=$((k + 1))
    if [ "$which" = A ]; then program=$a; else program=$b; fi
    run_one "$which" "$program" $((k % 2)) >> "$results"
  done
done

python3 - "$results" "$a" "$b" <<'PY'
import statistics as s, sys
path, a, b = sys.argv[1:]
rows = [line.split() for line in open(path)]
names = ["wall", "cpu", "ingest", "validate", "metrics"]
def med(values):
    values = [float(v) for v in values if v != "-"]
    return f"{s.median(values):.3f}" if values else "-"
for label, program in (("A", a), ("B", b)):
    print(f"{label}: {program}")
    for position, title in (("1", "odd runs "), ("0", "even runs"), (None, "all runs ")):
        mine = [r for r in rows if r[0] == label and (position is None or r[1] == position)]
        print(f"  {title} ({len(mine):2d})  " + "  ".join(f"{n} {med([r[2 + i] for r in mine])}" for i, n in enumerate(names)))
walls = {l: s.median(float(r[2]) for r in rows if r[0] == l) for l in ("A", "B")}
print(f"B / A (median wall): {walls['B'] / walls['A']:.2f}")
PY
