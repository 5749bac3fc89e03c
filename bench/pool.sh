#!/usr/bin/env bash
# Time to pool 1,000 institutions (pooling.md: well under a second): 1,000
# published metrics.json files made from the committed sample report's, each
# a different institution with its pooling estimates jittered by their SE,
# then `pool` over all of them, 5 runs, the median printed.
# Usage: bench/pool.sh   (BIN=path to the binary; needs python3)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-target/release/mentor-evidence}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import json, random, sys, pathlib
out = pathlib.Path(sys.argv[1])
base = json.load(open("reports/sample/metrics.json"))
rng = random.Random(1000)
for i in range(1000):
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
times=()
for run in 1 2 3 4 5; do
  start=$(date +%s.%N)
  "$BIN" pool "$work"/i* --out "$work/pooled" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  end=$(date +%s.%N)
  times+=("$(echo "$end - $start" | bc)")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
figures=$(python3 -c "import json;p=json.load(open('$work/pooled/pooled.json'));print(sum(1 for r in p['pooled'] if r['k']>1))")
echo "pool: 1,000 institutions, $figures pooled figures (with leave-one-out): median of 5 runs ${median} s"
