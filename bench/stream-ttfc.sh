#!/usr/bin/env bash
# Streaming time-to-first-chunk overhead: CONCURRENCY streaming chat completions
# kept in flight (bench/stream-ttfc.js), directly to the simulator and through
# Gantry, with the simulator playing bench/stream-scenario.yaml (5 ms between
# tokens, ~20-word reply) in both cases. Gantry on CPU 0 with one event loop;
# the Node client and the simulator on CPU 1. Everything binds to 127.0.0.1.
#
# Environment (defaults in brackets): JAVA_BIN [java], JAVA_OPTS [as overhead.sh],
# SIM_JAVA_BIN [java], JAR [gantry-cli/target/gantry.jar], NODE_BIN [node],
# CONCURRENCY [200], DURATION [15], WARMUP [15], REPEATS [2], SCENARIO
# [bench/stream-scenario.yaml], GANTRY_CPU / LOAD_CPU [0 / 1],
# SIM_PORT / GANTRY_PORT [18090 / 18091], OUT [temporary directory], COMMIT.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"

JAVA_BIN="${JAVA_BIN:-java}"
JAVA_OPTS="${JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx256m -Xss512k}"
SIM_JAVA_BIN="${SIM_JAVA_BIN:-java}"
SIM_JAVA_OPTS="${SIM_JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx256m}"
NODE_BIN="${NODE_BIN:-node}"
CONCURRENCY="${CONCURRENCY:-200}"
DURATION="${DURATION:-15}"
WARMUP="${WARMUP:-15}"
REPEATS="${REPEATS:-2}"
SCENARIO="${SCENARIO:-$bench/stream-scenario.yaml}"
GANTRY_CPU="${GANTRY_CPU:-0}"
LOAD_CPU="${LOAD_CPU:-1}"
SIM_PORT="${SIM_PORT:-18090}"
GANTRY_PORT="${GANTRY_PORT:-18091}"
OTHER_MAX="${OTHER_MAX:-15}"
RETRIES="${RETRIES:-3}"
export GANTRY_LOG_LEVEL="${GANTRY_LOG_LEVEL:-WARN}"

OUT="${OUT:-$(mktemp -d -t gantry-ttfc.XXXXXX)}"
mkdir -p "$OUT"
source "$bench/lib.sh"
prepare_jar
pids=()
trap cleanup EXIT INT TERM

# shellcheck disable=SC2086
taskset -c "$LOAD_CPU" "$SIM_JAVA_BIN" $SIM_JAVA_OPTS -jar "$jar" sim --host 127.0.0.1 --port "$SIM_PORT" \
  --scenario "$SCENARIO" >"$OUT/sim.log" 2>&1 &
sim_pid=$!
pids+=("$sim_pid")
wait_http "http://127.0.0.1:$SIM_PORT/health" 30

# shellcheck disable=SC2086
SIM_PORT="$SIM_PORT" GANTRY_PORT="$GANTRY_PORT" taskset -c "$GANTRY_CPU" "$JAVA_BIN" $JAVA_OPTS \
  -jar "$jar" serve --config "$root/examples/gantry-sim.yaml" --port "$GANTRY_PORT" --event-loops 1 \
  >"$OUT/gantry.log" 2>&1 &
gw_pid=$!
pids+=("$gw_pid")
wait_http "http://127.0.0.1:$GANTRY_PORT/healthz" 60

direct_url="http://127.0.0.1:$SIM_PORT/v1/chat/completions"
gantry_url="http://127.0.0.1:$GANTRY_PORT/v1/chat/completions"

# run_client NAME URL SECONDS -> RESULT fields plus other=PCT (see overhead.sh)
run_client() {
  local name=$1 url=$2 secs=$3 b0 b1 g0 g1 s0 s1 w
  b0=$(all_busy); g0=$(proc_ticks "$gw_pid"); s0=$(proc_ticks "$sim_pid")
  taskset -c "$LOAD_CPU" "$NODE_BIN" "$bench/stream-ttfc.js" "$url" --concurrency "$CONCURRENCY" \
    --duration "$secs" --label "$name" >"$OUT/$name.txt" 2>&1 || true
  b1=$(all_busy); g1=$(proc_ticks "$gw_pid"); s1=$(proc_ticks "$sim_pid")
  local me=$BASHPID
  w=$(awk '{ sub(/^.*\) /, ""); print $14 + $15 }' "/proc/$me/stat")
  local other=$(( ((b1 - b0) - (g1 - g0) - (s1 - s0) - w) * 100 / (hz * secs) ))
  [ -n "${BENCH_DEBUG:-}" ] && echo "ticks: all $((b1 - b0)) gantry $((g1 - g0)) sim $((s1 - s0)) client $w" >&2
  [ "$other" -lt 0 ] && other=0
  echo "$(grep '^RESULT ' "$OUT/$name.txt" | sed 's/^RESULT //') other=$other"
}
field() { tr ' ' '\n' <<<"$1" | awk -F= -v k="$2" '$1 == k { print $2 }'; }

echo "# warm-up: ${WARMUP}s direct and ${WARMUP}s through Gantry" >&2
run_client warmup-direct "$direct_url" "$WARMUP" >/dev/null
run_client warmup-gantry "$gantry_url" "$WARMUP" >/dev/null

results="$OUT/results.tsv"
: >"$results"
for ((pass = 1; pass <= REPEATS; pass++)); do
  for ((try = 1; try <= RETRIES; try++)); do
    lines=()
    noisy=0
    for target in direct gantry; do
      url=$direct_url
      [ "$target" = gantry ] && url=$gantry_url
      wait_quiet
      : >"$OUT/rss-$pass-$target"
      rss_sampler "$OUT/rss-$pass-$target" &
      sampler=$!
      r=$(run_client "p$pass-$target" "$url" "$DURATION")
      kill "$sampler" 2>/dev/null || true
      wait "$sampler" 2>/dev/null || true
      echo "pass $pass $target (try $try): $r" >&2
      lines+=("$pass $target $(field "$r" rate) $(field "$r" p50) $(field "$r" p90) $(field "$r" p99) $(field "$r" errors) $(max_of "$OUT/rss-$pass-$target") $(field "$r" other)")
      [ "$(field "$r" other)" -gt "$OTHER_MAX" ] && noisy=1
      sleep 1
    done
    [ "$noisy" = 0 ] && break
    echo "  other processes were busy during this pass; measuring it again" >&2
  done
  printf '%s\n' "${lines[@]}" >>"$results"
done

{
  echo
  echo "Gantry ${COMMIT:-$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?')} | $("$JAVA_BIN" -version 2>&1 | head -1) | JAVA_OPTS: $JAVA_OPTS"
  echo "time to first SSE chunk, $CONCURRENCY streams in flight, ${DURATION}s per run; ms; overhead = through - direct per pass"
  echo
  awk -v reps="$REPEATS" '
    function ms(us) { return sprintf("%.2f", us / 1000) }
    { k = $1 SUBSEP $2; rate[k] = $3; p50[k] = $4; p90[k] = $5; p99[k] = $6; err[k] = $7; rss[k] = $8; oth[k] = $9 }
    END {
      printf "%-5s %-9s %-9s %-8s %-8s %-8s %-7s %-8s %s\n", "pass", "target", "streams/s", "p50", "p90", "p99", "errors", "maxRSS", "other%"
      for (p = 1; p <= reps; p++) {
        d = p SUBSEP "direct"; g = p SUBSEP "gantry"
        printf "%-5s %-9s %-9s %-8s %-8s %-8s %-7s %-8s %s\n", p, "direct", rate[d], ms(p50[d]), ms(p90[d]), ms(p99[d]), err[d], "", oth[d]
        printf "%-5s %-9s %-9s %-8s %-8s %-8s %-7s %-8s %s\n", "", "gantry", rate[g], ms(p50[g]), ms(p90[g]), ms(p99[g]), err[g], int(rss[g] / 1024) " MB", oth[g]
        printf "%-5s %-9s %-9s %-8s %-8s %-8s\n", "", "overhead", "", ms(p50[g] - p50[d]), ms(p90[g] - p90[d]), ms(p99[g] - p99[d])
      }
    }' "$results"
  echo "raw outputs: $OUT"
} | tee "$OUT/report.txt"
