#!/usr/bin/env bash
# How kinerja's time and memory scale with the work (issue 5): linear in records, linear in indicators per policy,
# peak memory (RSS) flat as the input grows.
#
#   Benchmarks/scaling.sh records    [--binary PATH]   plaju-q (Benchmarks/plaju-q.policy) on 100k, 1M and 10M records
#   Benchmarks/scaling.sh indicators [--binary PATH]   generated policies with 3, 30 and 300 indicators
#   Benchmarks/scaling.sh all        [--binary PATH]   both
#
#   --binary PATH     the kinerja to measure (default .build/release/kinerja; build it first with
#                     `swift build -c release --static-swift-stdlib`); the script builds nothing
#   REPS=3            runs per row (median reported) for 100k, 1M and every indicators row
#   REPS_10M=1        runs for the 10M row
#   WARMUP=1          one unmeasured run before each row's runs (Benchmarks/measure.sh); WARMUP=0: none
#   IND_RECORDS=200000  records per indicators row;  IND_COUNTS="3 30 300"  indicator counts
#
# Data goes to Benchmarks/data/scale/ (gitignored) and is generated once: 1M plaju-q records with
# ../shared/bench/gen.py (seed fixed), 100k = its first 100k lines (gen.py is deterministic, so these are exactly
# `gen.py 100000`), 10M = the 1M file written 10 times (same records repeated; gen.py would take ~15 min for 10M).
# The indicators policies and data come from Benchmarks/gen_indicators.py (regenerated when it changes); each
# policy must pass `kinerja check --strict` and evaluate without record errors before it is timed.
# Every timed command is `kinerja eval POLICY --data FILE > /dev/null` (all cores, the default), run from the
# repository root under `/usr/bin/time -f "%e %M"` (wall seconds, peak RSS in KiB).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
BENCH="$(cd "$ROOT/../shared/bench" && pwd)"
DATA="$HERE/data/scale"
REPS=${REPS:-3}
REPS_10M=${REPS_10M:-1}
IND_RECORDS=${IND_RECORDS:-200000}
IND_COUNTS=${IND_COUNTS:-"3 30 300"}

usage() { sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 1 ] || usage
MODE=$1; shift
case "$MODE" in records|indicators|all) ;; *) usage ;; esac
KINERJA="$ROOT/.build/release/kinerja"
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) [ $# -ge 2 ] || usage; KINERJA=$2; shift 2 ;;
    --binary=*) KINERJA=${1#--binary=}; shift ;;
    *) usage ;;
  esac
done
case "$KINERJA" in /*) ;; *) KINERJA="$PWD/$KINERJA" ;; esac
if [ ! -x "$KINERJA" ]; then
  echo "scaling.sh: no kinerja binary at $KINERJA (swift build -c release --static-swift-stdlib, or --binary PATH)" >&2
  exit 1
fi
[ -x /usr/bin/time ] || { echo "scaling.sh: /usr/bin/time (GNU time) is needed" >&2; exit 1; }
mkdir -p "$DATA"
cd "$ROOT"

COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ "$COMMIT" != unknown ] && [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  COMMIT="$COMMIT (working tree modified)"
fi
printf '# kinerja scaling, %s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
printf '#   binary:  %s (built %s)\n' "$KINERJA" "$(date -u -r "$KINERJA" '+%Y-%m-%d %H:%M UTC')"
printf '#   version: %s\n' "$("$KINERJA" --version 2>&1 | head -n 1)"
printf '#   commit:  %s (of the checkout at %s; a --binary built elsewhere may differ)\n' "$COMMIT" "$ROOT"
printf '#   machine: %s cores, %s; load average before: %s\n' "$(nproc)" "$(uname -sm)" "$(cut -d' ' -f1-3 /proc/loadavg)"

mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# measure REPS COMMAND... (Benchmarks/measure.sh)
source "$HERE/measure.sh"

# sanity POLICY FILE: the first 2000 records evaluate, one result line each, no record errors
sanity() {
  local want lines errors
  want=$(head -n 2000 "$2" | wc -l)
  head -n 2000 "$2" | "$KINERJA" eval "$1" --data - > "$DATA/sanity.out" 2> "$DATA/sanity.err" || true
  lines=$(wc -l < "$DATA/sanity.out")
  errors=$(grep -c '"error"' "$DATA/sanity.out" || true)
  if [ "$lines" -ne "$want" ] || [ "$errors" -ne 0 ]; then
    grep -m 3 '"error"' "$DATA/sanity.out" >&2 || true
    cat "$DATA/sanity.err" >&2
    echo "scaling.sh: $1 on $2: $lines result lines and $errors record errors for the first $want records" >&2
    exit 1
  fi
}

need_space() { # GiB
  local avail
  avail=$(df -Pk "$DATA" | awk 'NR == 2 { print int($4 / 1048576) }')
  if [ "$avail" -lt "$1" ]; then
    echo "scaling.sh: $avail GiB free under $DATA, $1 GiB needed" >&2
    exit 1
  fi
}

records() {
  local policy="Benchmarks/plaju-q.policy"
  local m1="$DATA/r1000000.jsonl" k100="$DATA/r100000.jsonl" m10="$DATA/r1000000x10.jsonl"
  if [ ! -f "$m1" ]; then
    need_space 6
    echo "# generating $m1 (python3 ../shared/bench/gen.py 1000000, ~1-2 min)" >&2
    python3 "$BENCH/gen.py" 1000000 "$m1.tmp"
    mv "$m1.tmp" "$m1"
  fi
  if [ ! -f "$k100" ] || [ "$k100" -ot "$m1" ]; then
    head -n 100000 "$m1" > "$k100.tmp" && mv "$k100.tmp" "$k100"
  fi
  if [ ! -f "$m10" ] || [ "$m10" -ot "$m1" ]; then
    need_space 5
    echo "# writing $m10 (the 1M file 10 times)" >&2
    for _ in 1 2 3 4 5 6 7 8 9 10; do cat "$m1"; done > "$m10.tmp"
    mv "$m10.tmp" "$m10"
  fi
  sanity "$policy" "$k100"

  printf '\n## records: plaju-q, %s\n\n' "$policy"
  printf 'Data: %s. 100k = the first 100,000 lines of the 1M file (= gen.py 100000); 1M = gen.py 1000000;\n' \
    "${DATA#"$ROOT"/}"
  printf '10M = the 1M file concatenated 10 times (the same 1M records repeated, for timing only).\n'
  printf 'Command: cd %s && /usr/bin/time -f "%%e %%M" %s eval %s --data FILE > /dev/null\n' "$ROOT" "$KINERJA" "$policy"
  printf 'Median of %s runs for 100k and 1M, %s run(s) for 10M, each row after %s unmeasured; peak RSS is the largest\nof the runs.\n\n' \
    "$REPS" "$REPS_10M" "$([ "${WARMUP:-1}" = 1 ] && echo 1 || echo 0)"
  printf '| records | input MiB | seconds | all runs | records/s | peak RSS (MiB) | s per 1M records | vs 1M row |\n'
  printf '|---:|---:|---:|---|---:|---:|---:|---:|\n'
  local rows=() n file reps median peak all base_spm=""
  for spec in "100000 $k100 $REPS" "1000000 $m1 $REPS" "10000000 $m10 $REPS_10M"; do
    read -r n file reps <<< "$spec"
    read -r median peak all <<< "$(measure "$reps" "$KINERJA" eval "$policy" --data "$file")"
    rows+=("$n $file $median $peak $all")
    [ "$n" = 1000000 ] && base_spm=$(awk -v t="$median" -v n="$n" 'BEGIN { print t / (n / 1e6) }')
  done
  for row in "${rows[@]}"; do
    read -r n file median peak all <<< "$row"
    awk -v n="$n" -v t="$median" -v k="$peak" -v all="$all" -v b="$base_spm" -v bytes="$(stat -c %s "$file")" '
      BEGIN {
        spm = t / (n / 1e6)
        gsub(/ /, ", ", all)
        printf "| %d | %.0f | %s | %s | %.0f | %.1f | %.3f | %.2f |\n",
          n, bytes / 1048576, t, all, (t > 0 ? n / t : 0), k / 1024, spm, (b > 0 ? spm / b : 0)
      }'
  done
  echo
  echo '"vs 1M row" is (seconds per million records) / (the same at 1M): 1.00 is exactly linear; the 100k row'
  echo 'carries start-up (policy check and compile) over fewer records.'
}

indicators() {
  local dir="$DATA/ind" gen="$HERE/gen_indicators.py" n policy file rows=() median peak all
  mkdir -p "$dir"
  for n in $IND_COUNTS; do
    policy="$dir/ind$n.policy"; file="$dir/ind$n-r$IND_RECORDS.jsonl"
    if [ ! -f "$file" ] || [ ! -f "$policy" ] || [ "$file" -ot "$gen" ] || [ "$policy" -ot "$gen" ]; then
      need_space 2
      echo "# generating $policy and $file (gen_indicators.py $n, $IND_RECORDS records)" >&2
      python3 "$gen" "$n" "$policy.tmp" "$file.tmp" --records "$IND_RECORDS"
      mv "$policy.tmp" "$policy"; mv "$file.tmp" "$file"
    fi
    if ! "$KINERJA" check --strict "${policy#"$ROOT"/}" > "$DATA/check.out" 2>&1; then
      cat "$DATA/check.out" >&2
      echo "scaling.sh: kinerja check --strict ${policy#"$ROOT"/} failed" >&2
      exit 1
    fi
    sanity "${policy#"$ROOT"/}" "$file"
  done

  printf '\n## indicators: generated policies (Benchmarks/gen_indicators.py), %s records each\n\n' "$IND_RECORDS"
  printf 'Indicator i is of kind i mod 4: a percent field (higher is better, cap 120%%), a duration field (better\n'
  printf 'lower, cap 120%%), share(list, each <= c) over one of three list fields, a count field (no cap); weights\n'
  printf 'are exact decimals summing to 100; hasil = weighted_mean(capaian of indicators); rating, predikat\n'
  printf '(uses nasional), perilaku and training_recommended are written. Each policy passes kinerja check --strict.\n'
  printf 'Targets come from small sets (e.g. 90|95|100%%): with unrelated targets such as 90%%..99%%, the exact\n'
  printf 'weighted mean of a dozen or more indicators needs more than 64-bit fractions (the slower big form).\n'
  printf 'Command: cd %s && /usr/bin/time -f "%%e %%M" %s eval %s/indN.policy --data %s/indN-r%s.jsonl > /dev/null\n' \
    "$ROOT" "$KINERJA" "${dir#"$ROOT"/}" "${dir#"$ROOT"/}" "$IND_RECORDS"
  printf 'Median of %s runs after %s unmeasured; peak RSS is the largest of the runs.\n\n' "$REPS" \
    "$([ "${WARMUP:-1}" = 1 ] && echo 1 || echo 0)"
  printf '| indicators | record bytes (avg) | seconds | all runs | records/s | indicator-evaluations/s | input MiB/s | peak RSS (MiB) | s per 1M indicator-evaluations |\n'
  printf '|---:|---:|---:|---|---:|---:|---:|---:|---:|\n'
  for n in $IND_COUNTS; do
    policy="${dir#"$ROOT"/}/ind$n.policy"; file="$dir/ind$n-r$IND_RECORDS.jsonl"
    read -r median peak all <<< "$(measure "$REPS" "$KINERJA" eval "$policy" --data "$file")"
    awk -v n="$n" -v r="$IND_RECORDS" -v t="$median" -v k="$peak" -v all="$all" -v bytes="$(stat -c %s "$file")" '
      BEGIN {
        gsub(/ /, ", ", all)
        printf "| %d | %.0f | %s | %s | %.0f | %.0f | %.1f | %.1f | %.3f |\n", n, bytes / r, t, all,
          (t > 0 ? r / t : 0), (t > 0 ? n * r / t : 0), (t > 0 ? bytes / 1048576 / t : 0), k / 1024, t / (n * r / 1e6)
      }'
  done
  echo
  echo 'Time per record should grow linearly with the indicators (s per 1M indicator-evaluations about constant'
  echo 'from 30 to 300); at 3 indicators the fixed per-record work (reading the record, perilaku, outputs) dominates.'
}

case "$MODE" in
  records) records ;;
  indicators) indicators ;;
  all) records; indicators ;;
esac
rm -f "$DATA/time" "$DATA/check.out" "$DATA/sanity.out" "$DATA/sanity.err"
printf '\n# load average after: %s (other work on the machine makes the figures noisy)\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
