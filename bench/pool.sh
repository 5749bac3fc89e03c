#!/usr/bin/env bash
# Time to pool 1,000 institutions (pooling.md: well under a second): 1,000
# published metrics.json files made from the committed sample report's, each
# a different institution with its pooling estimates jittered by their SE,
# then the whole `pool` command over all of them (reading, pooling, and
# writing pooled.json, tables/, tables.xlsx and pool.html), 5 runs, the
# median printed.
#
# With two binaries it compares them in rounds of A B B A (ROUNDS rounds,
# default 4), as bench/compare.sh does and for the same reason: on the
# build VM consecutive runs alternate slow and fast, so A B pairs favour
# whichever runs second.
#
# Usage: bench/pool.sh                   (BIN=path to the binary; needs python3)
#        bench/pool.sh BIN_A BIN_B       (ROUNDS=n)
# K=number of institutions (default 1000); POOL_ARGS=extra arguments to pool
# (e.g. "-c pool.toml" for another method).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-target/release/mentor-evidence}
K=${K:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" "$K" <<'PY'
import json, random, sys, pathlib
out = pathlib.Path(sys.argv[1])
base = json.load(open("reports/sample/metrics.json"))
rng = random.Random(1000)
for i in range(int(sys.argv[2])):
    m = json.loads(json.dumps(base))
    m["programme"]["institution"] = f"Institution {i:04d}"
    for r in m.get("pooling", []):
        if r.get("estimate") is not None and r.get("se"):
            r["se"] = round(r["se"] * rng.uniform(0.6, 1.6), 4)
            r["estimate"] = round(r["estimate"] + rng.gauss(0, r["se"]), 4)
    d = out / f"i{i:04d}"
    d.mkdir()
    (d / "metrics.json").write_text(json.dumps(m))
PY

# One timed run of binary $1 into $work/pooled: prints its wall time.
run_one() {
  local start end
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  "$1" pool "$work"/i* ${POOL_ARGS:-} --out "$work/pooled" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  end=$(date +%s.%N)
  printf '%.3f\n' "$(echo "$end - $start" | bc)"
}

median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

figures() {
  python3 -c "import json;p=json.load(open('$work/pooled/pooled.json'));print(sum(1 for r in p['pooled'] if r['k']>1))"
}

if [ $# -eq 2 ]; then
  a=$1 b=$2
  : > "$work/a"; : > "$work/b"
  for _ in $(seq "${ROUNDS:-4}"); do
    run_one "$a" >> "$work/a"
    run_one "$b" >> "$work/b"
    run_one "$b" >> "$work/b"
    run_one "$a" >> "$work/a"
  done
  echo "pool: $K institutions, $(figures) pooled figures (with leave-one-out), A B B A x ${ROUNDS:-4}"
  echo "  A $a: median $(median < "$work/a") s (runs: $(tr '\n' ' ' < "$work/a"))"
  echo "  B $b: median $(median < "$work/b") s (runs: $(tr '\n' ' ' < "$work/b"))"
  exit 0
fi
[ $# -eq 0 ] || { echo "usage: bench/pool.sh [BIN_A BIN_B]" >&2; exit 2; }
for _ in 1 2 3 4 5; do run_one "$BIN" >> "$work/times"; done
echo "pool: $K institutions, $(figures) pooled figures (with leave-one-out): median of 5 runs $(median < "$work/times") s"
