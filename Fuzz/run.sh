#!/usr/bin/env bash
# Runs one fuzz target for a while, single process, single core.
#
#   Fuzz/run.sh TARGET SECONDS [libFuzzer flags...]
#   Fuzz/run.sh policy 600
#   Fuzz/run.sh csv 60 -only_ascii=1
#
# Seeds come from the committed Fuzz/Corpus/TARGET (never written to); inputs that find new coverage go to
# $FUZZ_WORK/TARGET/corpus (default FUZZ_WORK=/tmp/kinerja-fuzz), crashes, timeouts and OOMs to
# $FUZZ_WORK/TARGET/ as crash-*, timeout-*, oom-*. libFuzzer stops at the first crash. Prints the executions,
# coverage (cov = edges, ft = features) and the findings at the end; the full log is $FUZZ_WORK/TARGET/log.
# Reproduce a finding:   .build-fuzz/TARGET FILE
# Minimise it:           .build-fuzz/TARGET -minimize_crash=1 -runs=20000 -exact_artifact_path=OUT FILE
set -uo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
target=$1 seconds=$2
shift 2
case $target in
    policy) max_len=16384 dict=policy ;;
    serve) max_len=8192 dict=json ;;
    jsonl|eval) max_len=4096 dict=json ;;
    csv|evalcsv) max_len=4096 dict=csv ;;
    *) echo "unknown target '$target' (policy, jsonl, csv, serve, eval, evalcsv)" >&2; exit 2 ;;
esac
Fuzz/build.sh "$target" || exit 2

work=${FUZZ_WORK:-/tmp/kinerja-fuzz}/$target
mkdir -p "$work/corpus"
export KINERJA_REPO=$PWD
# The Swift runtime's own crash backtracer hangs under AddressSanitizer; libFuzzer prints the stack instead.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
before=$(ls "$work" | grep -cE '^(crash|timeout|oom|leak)-' || true)
".build-fuzz/$target" "$work/corpus" "Fuzz/Corpus/$target" \
    -max_len="$max_len" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$work/" -dict="Fuzz/Dictionaries/$dict.dict" -print_final_stats=1 "$@" >"$work/log" 2>&1
status=$?

echo "target:    $target ($seconds s, exit $status)"
grep -E '^#[0-9]+' "$work/log" | tail -1 | sed 's/^/last:      /'
grep -E 'stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$work/log" | awk '!seen[$0]++' | sed 's/^/           /'
echo "corpus:    $(ls "$work/corpus" | wc -l) files in $work/corpus"
after=$(ls "$work" | grep -cE '^(crash|timeout|oom|leak)-' || true)
echo "findings:  $((after - before)) new ($after in $work)"
grep -E '^==[0-9]+==ERROR|FUZZ INVARIANT BROKEN|Fatal error|deadly signal|Test unit written' "$work/log" | head -5
exit $status
