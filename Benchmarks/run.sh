#!/usr/bin/env bash
# kinerja on the reference workload plaju-q, side by side with the yardstick engines of ../shared/bench, in one run.
#
#   Benchmarks/run.sh [N] [REPS]      N records (default 200000), REPS runs each (default 3) after one unmeasured
#                                     run (WARMUP=0: none), medians reported
#   PEERS=0 Benchmarks/run.sh         kinerja, the hand-written limit and plain Python only (no pip installs)
#   SLOW_N=20000                      engines slower than ~20k records/s run on the first SLOW_N records
#
# Builds kinerja (release, with the Swift runtime linked in, as installed) and the hand-written Swift limit, installs the peer engines into Benchmarks/.venv
# (pinned, as ../shared/bench/setup.sh does), generates data with ../shared/bench/gen.py, checks that kinerja's
# output equals the exact oracle (ref.py --mode exact) record for record, then prints records/s, peak memory and
# the ratios of kinerja against each engine, plus CSV input, `check`, start-up and `serve` figures
# (Benchmarks/scaling.sh: growth with records and indicators).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
BENCH="$(cd "$ROOT/../shared/bench" && pwd)"
N=${1:-200000}
REPS=${2:-3}
SLOW_N=${SLOW_N:-20000}
PEERS=${PEERS:-1}
DATA="$HERE/data"
mkdir -p "$DATA/out"
KINERJA="$ROOT/.build/release/kinerja"
LIMIT="$HERE/.build-limit/release/plaju-limit"
POLICY="$ROOT/Benchmarks/plaju-q.policy"

echo "# building" >&2
# As installed (README): self-contained, which also starts faster.
swift build -c release --static-swift-stdlib --package-path "$ROOT" >/dev/null
[ -x "$LIMIT" ] || swift build -c release --package-path "$BENCH/limit" --scratch-path "$HERE/.build-limit" >/dev/null
PY=python3
if [ "$PEERS" = 1 ]; then
  if [ ! -x "$HERE/.venv/bin/python" ]; then
    python3 -m venv "$HERE/.venv"
    "$HERE/.venv/bin/pip" install -q orjson==3.13.0 zen-engine==2.1.3 common-expression-language==0.10.0
    "$HERE/.venv/bin/pip" install -q --no-deps --ignore-requires-python opa-golib-python-bindings==0.4.4
  fi
  PY="$HERE/.venv/bin/python"
fi

IN="$DATA/r$N.jsonl"
[ -f "$IN" ] || python3 "$BENCH/gen.py" "$N" "$IN" >/dev/null
SMALL="$DATA/r$N.head$SLOW_N.jsonl"
[ -f "$SMALL" ] || head -n "$SLOW_N" "$IN" > "$SMALL"
[ -f "$DATA/edge.jsonl" ] || python3 "$BENCH/gen.py" --edge "$DATA/edge.jsonl" >/dev/null
[ -f "$DATA/r20000.jsonl" ] || python3 "$BENCH/gen.py" 20000 "$DATA/r20000.jsonl" >/dev/null
CSV="$DATA/r$N.csv"
[ -f "$CSV" ] || python3 "$HERE/to_csv.py" "$IN" "$CSV"

# Agreement with the exact oracle, record for record.
for set in edge r20000; do
  python3 "$BENCH/ref.py" --mode exact "$DATA/$set.jsonl" "$DATA/out/$set.oracle.tsv"
  (cd "$ROOT" && "$KINERJA" eval "$POLICY" --data "$DATA/$set.jsonl") | python3 "$HERE/to_tsv.py" > "$DATA/out/$set.kinerja.tsv"
  if cmp -s "$DATA/out/$set.oracle.tsv" "$DATA/out/$set.kinerja.tsv"; then
    echo "agreement $set: IDENTICAL to ref.py --mode exact ($(wc -l < "$DATA/out/$set.oracle.tsv") records)"
  else
    echo "agreement $set: DIFFERS from ref.py --mode exact" >&2
    exit 1
  fi
done

# name|records|command
ENGINES=(
  "kinerja (2 cores)|$N|$KINERJA eval $POLICY --data $IN > $DATA/out/kinerja.jsonl"
  "kinerja (1 core)|$N|$KINERJA eval $POLICY --data $IN --jobs 1 > $DATA/out/kinerja1.jsonl"
  "kinerja CSV input|$N|$KINERJA eval $POLICY --data $CSV > $DATA/out/kinerja-csv.jsonl"
  "limit: hand-written Swift scanner|$N|$LIMIT scan $IN $DATA/out/limit.tsv"
  "plain Python, guarded floats|$N|$PY $BENCH/ref.py --mode float $IN $DATA/out/ref-float.tsv"
)
if [ "$PEERS" = 1 ]; then
  ENGINES+=(
    "GoRules ZEN, 1000 per call|$N|$PY $BENCH/engines/run_zen.py batch1000 $IN $DATA/out/zen.tsv"
    "OPA, one record per call|$SLOW_N|$PY $BENCH/engines/run_opa.py raw $SMALL $DATA/out/opa.tsv"
    "CEL|$SLOW_N|$PY $BENCH/engines/run_cel.py dict $SMALL $DATA/out/cel.tsv"
  )
fi

# measure REPS COMMAND... (Benchmarks/measure.sh)
source "$HERE/measure.sh"

printf '\n# plaju-q, N=%s, %s runs each after %s unmeasured, %s cores, %s\n\n' "$N" "$REPS" \
  "$([ "${WARMUP:-1}" = 1 ] && echo 1 || echo 0)" "$(nproc)" "$(date -u +%Y-%m-%d)"
printf '| engine | records | records/s | seconds (median) | all runs | peak RSS (MiB) | kinerja (2 cores) is N× faster |\n'
printf '|---|---:|---:|---:|---|---:|---:|\n'
base=""
for engine in "${ENGINES[@]}"; do
  IFS='|' read -r name records command <<< "$engine"
  read -r median peak all <<< "$(measure "$REPS" bash -c "cd '$ROOT' && $command")"
  rate=$(awk -v n="$records" -v t="$median" 'BEGIN { printf "%.0f", (t > 0) ? n / t : 0 }')
  [ -z "$base" ] && base=$rate
  ratio=$(awk -v b="$base" -v r="$rate" 'BEGIN { printf "%.2f", (r > 0) ? b / r : 0 }')
  printf '| %s | %s | %s | %s | %s | %.0f | %s |\n' "$name" "$records" "$rate" "$median" "$all" "$(awk -v k="$peak" 'BEGIN { print k / 1024 }')" "$ratio"
done

for out in kinerja1 kinerja-csv; do
  cmp -s "$DATA/out/kinerja.jsonl" "$DATA/out/$out.jsonl" || { echo "$out.jsonl differs from kinerja.jsonl" >&2; exit 1; }
done
echo
echo "outputs of 2 cores, 1 core and CSV input: identical ($(wc -l < "$DATA/out/kinerja.jsonl") lines)"

# Whole-process times in milliseconds: the median of 21 runs each (the 10 ms timer of time(1) is too coarse).
milliseconds() {
  local runs=()
  for _ in $(seq 21); do
    local start end
    start=$(date +%s%N)
    (cd "$ROOT" && eval "$1") >/dev/null 2>&1
    end=$(date +%s%N)
    runs+=("$(( (end - start) / 1000 ))")
  done
  printf '%s\n' "${runs[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[11] / 1000}'
}
printf '\n# whole-process times (median of 21 runs)\n\n'
printf '| command | milliseconds | target |\n|---|---:|---:|\n'
printf '| `kinerja --version` | %s | 20 |\n' "$(milliseconds "$KINERJA --version")"
printf '| `kinerja check Rules Policies` | %s | 50 |\n' "$(milliseconds "$KINERJA check Rules Policies")"

printf '\n# kinerja serve: single-record eval requests over a pipe\n\n'
python3 "$HERE/serve.py" --binary "$KINERJA"
