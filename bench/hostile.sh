#!/usr/bin/env bash
# Hostile files and folders: runs mentor-evidence on each hostile input and
# prints, per input, wall time (s), peak memory (max RSS, MB), the exit code,
# the first line of stderr and a case-specific check.
#
# Budget (the issue "Hostile files and folders"): every hostile input ends in
# under 1 s and under 300 MB with a clear error and exit 1 - not 101 (panic),
# not 134 (abort), not killed, not a hang, and writes nothing outside --out.
# A row breaking it is marked FAIL in the "check" column ("ok" = within
# budget; "-" = a control, expected to exit 0).
#
# Usage: bench/hostile.sh [WORKDIR]     (default: a temporary folder, removed)
#   BIN=path          binary to test (default target/release/mentor-evidence;
#                     nothing is built here)
#   TIMEOUT=20        seconds per run, then TERM (KILL 2 s later); exit 124
#   MEM_CAP_MB=4096   ulimit -v per run, so a bomb cannot take the machine:
#                     an allocation past it aborts (134, "memory allocation").
#                     Without a cap, mimalloc reserves even a 1 TB request
#                     untouched: the damaged_xls_alloc_* files then exit 0.
#   TRIALS=20         pairs of concurrent runs into one --out folder
#   SKIP_BOMBS=1      skip the ~1 GB-expanding zip bombs (quick run)
# Needs python3 (bench/hostile/make.py, standard library; xlwt for one .xls) and GNU time
# (/usr/bin/time, Debian package "time"). Never hangs (every run is under
# timeout) and never expands a bomb on disk: the zip bombs are ~5 MB each.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
BIN=${BIN:-$repo/target/release/mentor-evidence}
BIN=$(readlink -f "$BIN")
TIMEOUT=${TIMEOUT:-20}
MEM_CAP_MB=${MEM_CAP_MB:-4096}
TRIALS=${TRIALS:-20}
[ -x "$BIN" ] || { echo "hostile: no binary at $BIN (set BIN=)" >&2; exit 1; }
if ! /usr/bin/time -f "%e" true 2>/dev/null; then
  echo "hostile: GNU time not found at /usr/bin/time (apt-get install time)" >&2
  exit 1
fi

if [ -n "${1:-}" ]; then
  work=$(readlink -f "$1"); mkdir -p "$work"; keep=1
else
  work=$(mktemp -d /tmp/mentor-evidence-hostile.XXXXXX); keep=0
fi
cleanup() { [ "$keep" = 1 ] || rm -rf "$work"; }
trap cleanup EXIT
started=$SECONDS
# Panics and allocation failures print one line, not a symbolised backtrace
# (which costs time and memory): measure what a user sees.
export RUST_BACKTRACE=0

gen="$work/reproducers"
mkdir -p "$gen" "$work/cases"
only=()
[ "${SKIP_BOMBS:-}" = 1 ] && only=(env ONLY=damaged_xls,init_config_injection,escape_in_header,formula_without_value,nul_in_csv)
"${only[@]}" python3 "$repo/bench/hostile/make.py" "$gen" || { echo "hostile: make.py failed" >&2; exit 1; }
echo "binary: $BIN"
echo "reproducers: $gen (made in $((SECONDS - started)) s); timeout ${TIMEOUT}s, memory cap ${MEM_CAP_MB} MB"
echo
printf '%-44s %7s %8s %5s  %-40s  %s\n' case seconds maxRSS_MB exit check "stderr (first line)"

# A fresh copy of the sample programme in $work/cases/NAME.
fresh() {
  local dir="$work/cases/$1"
  rm -rf "$dir"
  cp -r "$repo/sample-data" "$dir"
  echo "$dir"
}

# Points input cohort|mentors of DIR's evidence.toml at FILE (a name in DIR);
# the cohort loses its `sheet = "Year 2"`.
use_input() {
  local dir=$1 input=$2 file=$3
  case $input in
    cohort) sed -i "s|^path = \"cohort.xlsx\"\$|path = \"$file\"|; /^sheet = \"Year 2\"\$/d" "$dir/evidence.toml" ;;
    mentors) sed -i "s|^path = \"mentors.xlsx\"\$|path = \"$file\"|" "$dir/evidence.toml" ;;
  esac
}

# measure NAME DIR CMD...: runs CMD (cwd DIR) under timeout, GNU time and the
# memory cap; leaves DIR/.stdout, DIR/.stderr, and sets rc, secs, rss_mb.
measure() {
  local name=$1 dir=$2; shift 2
  (
    cd "$dir" || exit 99
    ulimit -c 0
    ulimit -v $((MEM_CAP_MB * 1024))
    exec /usr/bin/time -o "$dir/.time" -f "%e %M" timeout -k 2 "$TIMEOUT" "$@"
  ) >"$dir/.stdout" 2>"$dir/.stderr" </dev/null
  rc=$?
  read -r secs rss_kb < <(tail -1 "$dir/.time" 2>/dev/null) || true
  secs=${secs:-?}
  rss_mb=$(awk -v k="${rss_kb:-0}" 'BEGIN { printf "%.0f", k / 1024 }')
}

# The first stderr line (else stdout's), control characters made visible;
# a panic as "panic at crate/src/file.rs:L:C: message".
first_line() {
  local dir=$1 line
  line=$(grep -m1 -v '^\s*$' "$dir/.stderr" 2>/dev/null)
  if [[ $line == *"panicked at "* ]]; then
    line="panic at $(sed 's|.*panicked at ||; s|^.*/registry/src/[^/]*/||' <<<"$line") $(grep -A1 -m1 'panicked at' "$dir/.stderr" | tail -1)"
  fi
  [ -n "$line" ] || line=$(grep -m1 -v '^\s*$' "$dir/.stdout" 2>/dev/null)
  printf '%s' "$line" | cat -v | cut -c1-100
}

# verdict CHECK: ok when exit 1 within 1 s and 300 MB, else FAIL (why).
verdict() {
  local why=()
  [ "$rc" = 1 ] || why+=("exit $rc")
  awk -v s="$secs" 'BEGIN { exit !(s + 0 >= 1) }' && why+=(">1s")
  [ "$rss_mb" -ge 300 ] 2>/dev/null && why+=(">300MB")
  [ "$secs" = "?" ] && why+=("no time")
  if [ ${#why[@]} -eq 0 ]; then echo ok; else echo "FAIL (${why[*]})"; fi
}

row() { # row NAME DIR CHECK
  printf '%-44s %7s %8s %5s  %-40s  %s\n' "$1" "$secs" "$rss_mb" "$rc" "$3" "$(first_line "$2")"
}

# --- controls: the genuine seeds ------------------------------------------
for seed in seed.xls seed.ods; do
  dir=$(fresh "control_$seed"); cp "$gen/$seed" "$dir/"; use_input "$dir" mentors "$seed"
  measure "control_$seed" "$dir" "$BIN" validate -c "$dir/evidence.toml"
  row "control_$seed (mentors)" "$dir" "- (control: expect 0)"
done

# --- 1. damaged .xls (mentors) ---------------------------------------------
for f in "$gen"/damaged_xls_*.xls; do
  [ -e "$f" ] || continue
  name=$(basename "$f" .xls)
  dir=$(fresh "$name"); cp "$f" "$dir/"; use_input "$dir" mentors "$name.xls"
  measure "$name" "$dir" "$BIN" validate -c "$dir/evidence.toml"
  row "$name" "$dir" "$(verdict)"
done

# --- 1b. the .xls panic census (tests/fixtures/hostile/xls_records) ---------
for f in "$repo"/tests/fixtures/hostile/xls_records/{cfb,xls-panic}-*.xls; do
  [ -e "$f" ] || continue
  name=records_$(basename "$f" .xls)
  dir=$(fresh "$name"); cp "$f" "$dir/m.xls"; use_input "$dir" mentors m.xls
  measure "$name" "$dir" "$BIN" validate -c "$dir/evidence.toml"
  check=$(verdict)
  grep -q "the reader stopped" "$dir/.stderr" && check="FAIL (reached calamine's panic)"
  row "$name" "$dir" "$check"
done

# --- 2-5, 11-13. hostile cohort files --------------------------------------
for f in ods_repeat_bomb.ods xlsx_sheet_bomb.xlsx xlsx_strings_bomb.xlsx xlsx_lying_sizes.xlsx \
  escape_in_header.csv nul_in_csv.csv formula_without_value.xlsx \
  xlsx_shared_string_amplified.xlsx xls_shared_string_amplified.xls; do
  [ -e "$gen/$f" ] || continue
  name=${f%.*}
  dir=$(fresh "$name"); cp "$gen/$f" "$dir/"; use_input "$dir" cohort "$f"
  measure "$name" "$dir" "$BIN" validate -c "$dir/evidence.toml"
  check=$(verdict)
  case $name in
    escape_in_header)
      if grep -q $'\x1b' "$dir/.stderr" "$dir/.stdout"; then check="FAIL (raw ESC printed; exit $rc)"; else check="$check; no raw ESC"; fi ;;
    formula_without_value)
      # A data-quality error (exit 3) naming the cells, not a refusal.
      if [ "$rc" = 3 ] && grep -q formula_without_value "$dir/.stdout"; then check="ok (exit 3: formula_without_value)"
      else check="FAIL (exit $rc: formulas read as empty)"; fi ;;
  esac
  row "$name (cohort)" "$dir" "$check"
  rm -f "$dir/$f"
done

# --- 6-8. a FIFO, /dev/zero, a folder, named as the cohort --------------------
special() { # special NAME FILE MAKER...
  local name=$1 file=$2; shift 2
  dir=$(fresh "$name"); rm -f "$dir/$file"; "$@" "$dir/$file"; use_input "$dir" cohort "$file"
  measure "$name" "$dir" "$BIN" validate -c "$dir/evidence.toml"
  row "$name (validate)" "$dir" "$(verdict)"
  local idir="$work/cases/${name}_init"
  rm -rf "$idir"; mkdir -p "$idir"; "$@" "$idir/$file"
  measure "${name}_init" "$idir" "$BIN" init --out "$idir/evidence.toml" "$idir/$file"
  row "$name (init)" "$idir" "$(verdict)"
}
special fifo_cohort_csv cohort.csv mkfifo
special devzero_cohort_xlsx cohort.xlsx ln -s /dev/zero
special devzero_cohort_csv cohort.csv ln -s /dev/zero
special dir_cohort_csv cohort.csv mkdir

# --- 9. init: a cell or header that tries to add a [limits] table -------------
if [ -e "$gen/init_config_injection.xlsx" ]; then
  dir="$work/cases/init_config_injection"; rm -rf "$dir"; mkdir -p "$dir"
  cp "$gen/init_config_injection.xlsx" "$dir/cohort.xlsx"
  measure init_config_injection "$dir" "$BIN" init --out "$dir/evidence.toml" "$dir/cohort.xlsx"
  check=$(python3 - "$dir/evidence.toml" <<'EOF'
import sys, tomllib
try:
    with open(sys.argv[1], "rb") as f:
        config = tomllib.load(f)
except FileNotFoundError:
    print("no evidence.toml written"); sys.exit()
except tomllib.TOMLDecodeError as e:
    print(f"FAIL (written toml invalid: {e})"[:60]); sys.exit()
print(f"FAIL (live [limits]: {config['limits']})" if "limits" in config else "ok (no [limits] table)")
EOF
)
  row "init_config_injection (init, exit 0/1)" "$dir" "$check"
fi

# --- 10. symlinked temporary files in the output folder ----------------------
# write_file() writes DIR/NAME.partial then renames it (path.with_extension):
# report.partial, metrics.partial, data-quality.partial, tables.partial,
# tables/<table>.partial; init: evidence.partial; run --record:
# history/metrics-<as_of>.partial. Each is a symlink to its own victim file
# outside the folder; `tables` a symlink to a folder outside.
dir=$(fresh symlinked_partial)
victims="$work/cases/victims"; rm -rf "$victims"; mkdir -p "$victims/tables-elsewhere"
out="$dir/out"; mkdir -p "$out/tables" "$dir/history"
for p in report metrics data-quality tables tables/uptake history/metrics-2027-04-30; do
  v="$victims/$(echo "$p" | tr / _).txt"; echo VICTIM >"$v"
  case $p in history/*) ln -s "$v" "$dir/$p.partial" ;; *) ln -s "$v" "$out/$p.partial" ;; esac
done
measure symlinked_partial "$dir" "$BIN" run -c "$dir/evidence.toml" --out "$out" --record -q
hit=$(grep -L '^VICTIM$' "$victims"/*.txt | xargs -r -n1 basename | sed 's/\.txt$//' | tr '\n' ' ')
if [ -n "$hit" ]; then check="FAIL (overwritten: ${hit% })"; else check="ok (no victim written)"; fi
row "symlinked_partial (run --record)" "$dir" "$check"
# `tables` itself a symlink to a folder outside --out.
dir=$(fresh symlinked_tables_dir); out="$dir/out"; mkdir -p "$out"
ln -s "$victims/tables-elsewhere" "$out/tables"
measure symlinked_tables_dir "$dir" "$BIN" run -c "$dir/evidence.toml" --out "$out" -q
n=$(find "$victims/tables-elsewhere" -type f | wc -l)
if [ "$n" -gt 0 ]; then check="FAIL ($n files written outside --out)"; else check="ok (nothing outside)"; fi
row "symlinked_tables_dir (run)" "$dir" "$check"
# init's evidence.partial.
dir="$work/cases/symlinked_init"; rm -rf "$dir"; mkdir -p "$dir"
cp "$repo/sample-data/cohort.xlsx" "$dir/"; echo VICTIM >"$victims/init.txt"
ln -s "$victims/init.txt" "$dir/evidence.partial"
measure symlinked_init "$dir" "$BIN" init --out "$dir/evidence.toml" "$dir/cohort.xlsx"
if grep -qx VICTIM "$victims/init.txt"; then check="ok (victim intact)"; else check="FAIL (victim overwritten)"; fi
row "symlinked_init (init evidence.partial)" "$dir" "$check"

# --- 14. concurrent runs into one --out folder -------------------------------
# Runs A and B differ in programme name and as_of, so half the files differ;
# each file of the folder after a pair of runs is matched against A's and
# B's outputs made alone: "mixed" = files of both runs in one folder,
# "torn" = a file that is neither, "incomplete" = a file missing.
dir=$(fresh concurrent); cp "$dir/evidence.toml" "$dir/a.toml"; cp "$dir/evidence.toml" "$dir/b.toml"
sed -i 's/^name = "Professional Mentoring Programme"$/name = "Concurrent Run A"/' "$dir/a.toml"
sed -i 's/^name = "Professional Mentoring Programme"$/name = "Concurrent Run B"/; s/^as_of = 2027-04-30$/as_of = 2027-03-31/' "$dir/b.toml"
timeout -k 2 "$TIMEOUT" "$BIN" run -c "$dir/a.toml" --out "$dir/alone-a" -q 2>/dev/null
timeout -k 2 "$TIMEOUT" "$BIN" run -c "$dir/b.toml" --out "$dir/alone-b" -q 2>/dev/null
mapfile -t files < <(cd "$dir/alone-a" && find . -type f | sort)
out="$dir/out"; mixed=0; torn=0; missing=0; failed=0; t0=$(date +%s.%N)
for ((i = 1; i <= TRIALS; i++)); do
  rm -rf "$out"
  timeout -k 2 "$TIMEOUT" "$BIN" run -c "$dir/a.toml" --out "$out" -q 2>>"$dir/.stderr" & pa=$!
  timeout -k 2 "$TIMEOUT" "$BIN" run -c "$dir/b.toml" --out "$out" -q 2>>"$dir/.stderr" & pb=$!
  wait $pa || failed=$((failed + 1)); wait $pb || failed=$((failed + 1))
  from_a=0; from_b=0; neither=0; gone=0
  for f in "${files[@]}"; do
    if [ ! -f "$out/$f" ]; then gone=1
    elif cmp -s "$out/$f" "$dir/alone-a/$f" && cmp -s "$out/$f" "$dir/alone-b/$f"; then :
    elif cmp -s "$out/$f" "$dir/alone-a/$f"; then from_a=1
    elif cmp -s "$out/$f" "$dir/alone-b/$f"; then from_b=1
    else neither=1; fi
  done
  [ $((from_a + from_b)) = 2 ] && mixed=$((mixed + 1))
  torn=$((torn + neither)); missing=$((missing + gone))
done
secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'); rss_mb=-; rc="-"
: >"$dir/.stdout"
# A run refused by the folder's lock is the intended outcome; any other
# failure is not.
locked=$(grep -c "another mentor-evidence run is writing this folder" "$dir/.stderr" || true)
other=$((failed - locked))
check="mixed $mixed/$TRIALS, torn $torn, incomplete $missing, $locked/$((2 * TRIALS)) runs refused by the lock, $other failed otherwise"
if [ $((mixed + torn + missing + other)) -gt 0 ]; then check="FAIL ($check)"; else check="ok ($check)"; fi
row "concurrent_runs ($TRIALS trials, total s)" "$dir" "$check"

echo
echo "total $((SECONDS - started)) s"
