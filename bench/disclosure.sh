#!/usr/bin/env bash
# Benchmark of disclosure control under `threshold` (secondary suppression
# and the audit, outputs.md "Across records"): runs the committed sample
# (600 students) and generated programmes under threshold = N and prints
# the "disclose" stage of `run --timings`, the run's wall time, and how many
# figures were withheld, by secondary suppression, and by the audit.
#
# Usage: bench/disclosure.sh [N ...]   default sizes: 100000 1000000
#        THRESHOLD=5 bench/disclosure.sh    (default 10)
# Data goes to $BENCH_DIR (default /tmp/mentor-evidence-bench), shared with
# bench/run.sh: a programme generated there once is reused.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)
work="${BENCH_DIR:-/tmp/mentor-evidence-bench}"
threshold="${THRESHOLD:-10}"
mkdir -p "$work"
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/mentor-evidence"

under_threshold() { # config in $1 -> a copy under threshold in $2
  sed "s/^rule = \"hesa\"/rule = \"threshold\"\nthreshold = $threshold/" "$1" > "$2"
}

measure() { # label, config
  local out
  out=$("$bin" run -c "$2" --out "$work/disclose-out" --quiet --timings 2>&1)
  local disclose total
  disclose=$(echo "$out" | awk '$1=="timing" && $2=="disclose" {print $3}')
  total=$(echo "$out" | awk '$1=="timing" && $2=="total" {print $3}')
  python3 - "$1" "$disclose" "$total" "$work/disclose-out/metrics.json" <<'PY'
import json, sys
label, disclose, total, path = sys.argv[1:]
d = json.load(open(path))["disclosure"]
print(f"{label:>10}  disclose {disclose} s  run {total} s  withheld {d.get('withheld')}  "
      f"secondary {d.get('secondary')}  audit added {d.get('audited')}")
PY
}

echo "== disclosure under threshold = $threshold"
# A copy of the sample: its paths are relative to its folder.
mkdir -p "$work/sample"
cp -r sample-data/. "$work/sample/"
under_threshold "$work/sample/evidence.toml" "$work/sample/threshold.toml"
measure "sample 600" "$work/sample/threshold.toml"
for n in "${sizes[@]}"; do
  dir="$work/n$n"
  if [ ! -f "$dir/evidence.toml" ]; then
    echo "generating $n students in $dir"
    "$bin" sample-data --out "$dir" --students "$n" > /dev/null
  fi
  under_threshold "$dir/evidence.toml" "$dir/threshold.toml"
  measure "$n" "$dir/threshold.toml"
done
