#!/usr/bin/env bash
# Benchmark of mentor-evidence: generates synthetic programmes at several
# sizes, runs the pipeline, and prints per-stage times (run --timings),
# input rows per second and peak RSS (GNU time). Department scale (the
# committed xlsx sample) is run 5 times and the median reported.
#
# Usage: bench/run.sh [N ...]      default sizes: 1000 10000 100000 1000000
# Needs GNU time (/usr/bin/time, Debian package "time"). Data goes to
# $BENCH_DIR (default /tmp/mentor-evidence-bench); nothing is written here.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000 1000000)
work="${BENCH_DIR:-/tmp/mentor-evidence-bench}"
mkdir -p "$work"
if [ ! -x /usr/bin/time ]; then
  echo "bench: /usr/bin/time not found (apt-get install time)" >&2
  exit 1
fi
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/mentor-evidence"

rows() { # data rows of the generated inputs (header lines excluded)
  local dir=$1 total=0 f lines
  for f in "$dir"/cohort.csv "$dir"/meetings.csv "$dir"/survey-pre.csv "$dir"/survey-post.csv; do
    [ -f "$f" ] || continue
    lines=$(wc -l < "$f")
    total=$((total + lines - 1))
  done
  echo "$total"
}

echo "== department scale: committed sample (xlsx), 5 runs"
times=()
for i in 1 2 3 4 5; do
  t=$( { /usr/bin/time -f "%e %M" "$bin" run -c sample-data/evidence.toml --out "$work/sample-out" --quiet; } 2>&1 | tail -1)
  times+=("$t")
done
printf '%s\n' "${times[@]}" | sort -n | sed -n 3p | awk '{printf "median wall %.3f s, peak RSS %.0f MB\n", $1, $2/1024}'

# Read baseline: the same CSV files read as text by polars alone (Python
# polars, when installed: pip install polars), for the "whole run within 1.5x
# of reading the inputs" goal. "-" when Python polars is missing.
read_baseline() {
  local seconds
  seconds=$(python3 bench/read_inputs.py "$@" 2>/dev/null) || seconds=""
  if [ -n "$seconds" ]; then printf '%.2f' "$seconds"; else echo "-"; fi
}

printf '\n%-9s %9s %8s %8s %8s %8s %8s %8s %10s %8s %9s %9s %7s %6s\n' students rows gen_s ingest validate metrics charts render total_s cpu_s rows_per_s peak_MB read_s ratio
for n in "${sizes[@]}"; do
  dir="$work/n$n"
  rm -rf "$dir"
  /usr/bin/time -f "%e" -o "$work/gen-time" "$bin" sample-data --out "$dir" --students "$n" --format csv >/dev/null 2>&1
  gen=$(tail -1 "$work/gen-time")
  out=$( { /usr/bin/time -f "peak %e %M %U %S" "$bin" run -c "$dir/evidence.toml" --out "$dir/out" --quiet --timings; } 2>&1)
  stage() { echo "$out" | awk -v s="$1" '$1=="timing" && $2==s {print $3}'; }
  wall=$(echo "$out" | awk '$1=="peak" {print $2}')
  rss=$(echo "$out" | awk '$1=="peak" {printf "%.0f", $3/1024}')
  # CPU (user + system) varies less than wall on a shared VM.
  cpu=$(echo "$out" | awk '$1=="peak" {printf "%.2f", $4 + $5}')
  r=$(rows "$dir")
  rate=$(awk -v r="$r" -v t="$wall" 'BEGIN { if (t > 0) printf "%.0f", r / t; else print "-" }')
  base=$(read_baseline "$dir"/cohort.csv "$dir"/mentors.csv "$dir"/meetings.csv "$dir"/survey-pre.csv "$dir"/survey-post.csv)
  # The whole run over the read baseline (the goal: at most 1.5); "-" without a baseline.
  ratio=$(awk -v t="$wall" -v b="$base" 'BEGIN { if (b + 0 > 0) printf "%.2f", t / b; else print "-" }')
  printf '%-9s %9s %8s %8s %8s %8s %8s %8s %10s %8s %9s %9s %7s %6s\n' "$n" "$r" "$gen" "$(stage ingest)" "$(stage validate)" "$(stage metrics)" "$(stage charts)" "$(stage render)" "$wall" "$cpu" "$rate" "$rss" "$base" "$ratio"
done
echo
echo "stage columns: seconds (run --timings); total_s, cpu_s (user + system) and peak_MB: GNU time for the whole run; rows: cohort + meetings + survey rows"
echo "read_s: the same five CSV files read as text by polars alone (Python polars), the baseline of the 1.5x goal; ratio: total_s / read_s"
echo "(the VM's speed drifts between the two timings: compare ratios over several runs)"
