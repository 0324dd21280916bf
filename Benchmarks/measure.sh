# Sourced by run.sh and scaling.sh; needs $DATA (a folder to write the timing file in).
#
# measure REPS COMMAND... -> "median_seconds peak_kib all_runs": runs COMMAND once unmeasured (WARMUP=0 to skip:
# the input is then read from the page cache in every measured run; after other engines' files it may have been
# read from disk in the first), then REPS times under /usr/bin/time, its standard output discarded; peak is the
# largest RSS of the runs. A run that fails stops the script's caller with a message naming the command.
measure() {
  local reps=$1 times=() peak=0 t m
  shift
  if [ "${WARMUP:-1}" = 1 ] && ! "$@" > /dev/null; then
    echo "$(basename "$0"): failed: $*" >&2
    exit 1
  fi
  for _ in $(seq "$reps"); do
    if ! /usr/bin/time -f "%e %M" -o "$DATA/time" "$@" > /dev/null; then
      echo "$(basename "$0"): failed: $*" >&2
      exit 1
    fi
    read -r t m < <(tail -n 1 "$DATA/time")
    times+=("$t")
    [ "$m" -gt "$peak" ] && peak=$m
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  echo "$median $peak ${times[*]}"
}
