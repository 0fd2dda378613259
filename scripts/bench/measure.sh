# Sourced by the benchmark scripts. Needs $data (a folder) and $RUNS.
# measure CMD...: best wall time in seconds (nanosecond clock) and peak RSS in MB over $RUNS runs.
measure() {
  local best="" rss=0 start end t m
  for _ in $(seq "$RUNS"); do
    start=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$data/time.out" "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    t=$(awk "BEGIN{printf \"%.4f\", ($end - $start) / 1e9}")
    m=$(tail -1 "$data/time.out")
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
    [ "$m" -gt "$rss" ] && rss=$m
  done
  echo "$best $((rss / 1024))"
}
