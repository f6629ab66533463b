#!/usr/bin/env bash
# Overhead of the inbound APIs: the same question sent as OpenAI chat, as an OpenAI
# Responses request and as an Anthropic Messages request, all to the route
# gpt-4o-mini of examples/gantry-sim.yaml (an OpenAI-compatible upstream, so
# Responses and Messages are translated to chat and back), against the same
# request sent straight to the zero-delay simulator, interleaved in one run.
#   1. non-streaming, constant RATE with wrk (bench/wrk/paced.lua + a body script):
#      latency through Gantry minus latency direct, per API;
#   2. streaming, CONCURRENCY streams in flight (bench/stream-ttfc.js --api ...),
#      the simulator playing bench/stream-scenario.yaml: time to the first event
#      through Gantry minus time to the first chunk direct.
# Gantry is pinned to CPU 0 with one event loop; wrk, Node and the simulator to
# CPU 1. Everything binds to 127.0.0.1.
#
# Environment (defaults in brackets): JAVA_BIN [java], JAVA_OPTS [as overhead.sh],
# SIM_JAVA_BIN [java], JAR [gantry-cli/target/gantry.jar], NODE_BIN [node],
# RATE [1000], DURATION [15], WARMUP [10], REPEATS [3], CONNS [64],
# CONCURRENCY [200], STREAM_DURATION [10], GANTRY_CPU / LOAD_CPU [0 / 1],
# SIM_PORT / GANTRY_PORT [18100 / 18101], OUT [temporary directory], COMMIT,
# PARTS [plain stream]: which of the two phases to run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"

JAVA_BIN="${JAVA_BIN:-java}"
JAVA_OPTS="${JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx256m -Xss512k}"
SIM_JAVA_BIN="${SIM_JAVA_BIN:-java}"
SIM_JAVA_OPTS="${SIM_JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx256m}"
NODE_BIN="${NODE_BIN:-node}"
RATE="${RATE:-1000}"
DURATION="${DURATION:-15}"
WARMUP="${WARMUP:-10}"
REPEATS="${REPEATS:-3}"
CONNS="${CONNS:-64}"
CONCURRENCY="${CONCURRENCY:-200}"
STREAM_DURATION="${STREAM_DURATION:-10}"
GANTRY_CPU="${GANTRY_CPU:-0}"
LOAD_CPU="${LOAD_CPU:-1}"
SIM_PORT="${SIM_PORT:-18100}"
GANTRY_PORT="${GANTRY_PORT:-18101}"
PARTS="${PARTS:-plain stream}"
export GANTRY_LOG_LEVEL="${GANTRY_LOG_LEVEL:-WARN}"

for tool in wrk taskset curl "$NODE_BIN"; do
  command -v "$tool" >/dev/null || { echo "apis.sh: '$tool' is missing" >&2; exit 1; }
done

OUT="${OUT:-$(mktemp -d -t gantry-apis.XXXXXX)}"
mkdir -p "$OUT"
source "$bench/lib.sh"
prepare_jar
pids=()
trap cleanup EXIT INT TERM

start() { # scenario-args... : starts the simulator and Gantry, sets sim_pid and gw_pid
  # shellcheck disable=SC2086
  taskset -c "$LOAD_CPU" "$SIM_JAVA_BIN" $SIM_JAVA_OPTS -jar "$jar" sim --host 127.0.0.1 \
    --port "$SIM_PORT" "$@" >>"$OUT/sim.log" 2>&1 &
  sim_pid=$!
  pids+=("$sim_pid")
  wait_http "http://127.0.0.1:$SIM_PORT/health" 30
  # shellcheck disable=SC2086
  SIM_PORT="$SIM_PORT" GANTRY_PORT="$GANTRY_PORT" taskset -c "$GANTRY_CPU" "$JAVA_BIN" $JAVA_OPTS \
    -jar "$jar" serve --config "$root/examples/gantry-sim.yaml" --port "$GANTRY_PORT" \
    --event-loops 1 >>"$OUT/gantry.log" 2>&1 &
  gw_pid=$!
  pids+=("$gw_pid")
  wait_http "http://127.0.0.1:$GANTRY_PORT/healthz" 60
}
stop() {
  kill "$gw_pid" "$sim_pid" 2>/dev/null || true
  wait "$gw_pid" "$sim_pid" 2>/dev/null || true
}
field() { tr ' ' '\n' <<<"$1" | awk -F= -v k="$2" '$1 == k { print $2 }'; }

direct="http://127.0.0.1:$SIM_PORT"
gantry="http://127.0.0.1:$GANTRY_PORT"
# target -> URL and body: the direct baseline is chat straight to the simulator.
url_of() {
  case $1 in
    direct) echo "$direct/v1/chat/completions" ;;
    chat) echo "$gantry/v1/chat/completions" ;;
    responses) echo "$gantry/v1/responses" ;;
    messages) echo "$gantry/v1/messages" ;;
  esac
}
api_of() { case $1 in direct) echo chat ;; *) echo "$1" ;; esac; }
TARGETS="direct chat responses messages"

# --- 1. non-streaming at a constant rate --------------------------------------
plain="$OUT/plain.tsv"
: >"$plain"
if [[ " $PARTS " == *" plain "* ]]; then
start
wrk_run() { # name target seconds
  RATE="$RATE" CONNS="$CONNS" THREADS=1 BODY="$(api_of "$2").lua" taskset -c "$LOAD_CPU" \
    wrk -t1 -c"$CONNS" -d"${3}s" --timeout 10s --latency -s "$bench/wrk/paced.lua" "$(url_of "$2")" \
    >"$OUT/$1.txt" 2>&1
  grep '^RESULT ' "$OUT/$1.txt" | sed 's/^RESULT //'
}
echo "# warm-up: ${WARMUP}s per target at $RATE req/s" >&2
for t in $TARGETS; do wrk_run "warmup-$t" "$t" "$WARMUP" >/dev/null; done
for ((pass = 1; pass <= REPEATS; pass++)); do
  for t in $TARGETS; do
    wait_quiet
    r=$(wrk_run "p$pass-$t" "$t" "$DURATION")
    echo "pass $pass $t: $r" >&2
    echo "$pass $t $(field "$r" rate) $(field "$r" p50) $(field "$r" p90) $(field "$r" p99) $(( $(field "$r" non2xx) + $(field "$r" sock) ))" >>"$plain"
  done
done
stop
fi

# --- 2. streaming: time to the first event --------------------------------------
streams="$OUT/streams.tsv"
: >"$streams"
if [[ " $PARTS " == *" stream "* ]]; then
start --scenario "$bench/stream-scenario.yaml"
node_run() { # name target seconds
  taskset -c "$LOAD_CPU" "$NODE_BIN" "$bench/stream-ttfc.js" "$(url_of "$2")" --api "$(api_of "$2")" \
    --concurrency "$CONCURRENCY" --duration "$3" --label "$1" >"$OUT/$1.txt" 2>&1 || true
  grep '^RESULT ' "$OUT/$1.txt" | sed 's/^RESULT //'
}
echo "# warm-up: ${WARMUP}s of streams per target" >&2
for t in $TARGETS; do node_run "warmup-s-$t" "$t" "$WARMUP" >/dev/null; done
for ((pass = 1; pass <= REPEATS; pass++)); do
  for t in $TARGETS; do
    wait_quiet
    r=$(node_run "s$pass-$t" "$t" "$STREAM_DURATION")
    echo "pass $pass $t (stream): $r" >&2
    echo "$pass $t $(field "$r" rate) $(field "$r" p50) $(field "$r" p90) $(field "$r" p99) $(field "$r" errors)" >>"$streams"
  done
done
stop
fi

# --- report -------------------------------------------------------------------
table() { # file title
  echo "$2"
  awk -v reps="$REPEATS" '
    function ms(us) { return sprintf("%.2f", us / 1000) }
    { k = $1 SUBSEP $2; rate[k] = $3; p50[k] = $4; p90[k] = $5; p99[k] = $6; err[k] += $7; seen[$2] = 1 }
    END {
      printf "%-10s %-9s %-22s %-22s %-22s %s\n", "target", "rate/s", "p50 (overhead)", "p90 (overhead)", "p99 (overhead)", "errors"
      split("direct chat responses messages", ts, " ")
      for (i = 1; i <= 4; i++) {
        t = ts[i]; r = 0; a = 0; b = 0; c = 0; oa = 0; ob = 0; oc = 0; e = 0
        for (p = 1; p <= reps; p++) {
          k = p SUBSEP t; d = p SUBSEP "direct"
          r += rate[k]; a += p50[k]; b += p90[k]; c += p99[k]; e += err[k]
          oa += p50[k] - p50[d]; ob += p90[k] - p90[d]; oc += p99[k] - p99[d]
        }
        printf "%-10s %-9.0f %-22s %-22s %-22s %d\n", t, r / reps,
          ms(a / reps) " (" (t == "direct" ? "-" : ms(oa / reps)) ")",
          ms(b / reps) " (" (t == "direct" ? "-" : ms(ob / reps)) ")",
          ms(c / reps) " (" (t == "direct" ? "-" : ms(oc / reps)) ")", e
      }
      printf "per pass, overhead p50/p99 in ms:"
      for (p = 1; p <= reps; p++) {
        d = p SUBSEP "direct"
        printf "  [%d]", p
        for (i = 2; i <= 4; i++) { k = p SUBSEP ts[i]; printf " %s %s/%s", ts[i], ms(p50[k] - p50[d]), ms(p99[k] - p99[d]) }
      }
      printf "\n"
    }' "$1"
}
{
  echo
  echo "Gantry ${COMMIT:-$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?')} | $("$JAVA_BIN" -version 2>&1 | head -1) | JAVA_OPTS: $JAVA_OPTS"
  echo "means over $REPEATS passes; ms; overhead = through Gantry - chat direct to the simulator, same pass"
  echo
  [ -s "$plain" ] && table "$plain" "non-streaming, $RATE req/s offered, $CONNS connections, ${DURATION}s per point" && echo
  [ -s "$streams" ] && table "$streams" "streaming, time to first event, $CONCURRENCY streams in flight, ${STREAM_DURATION}s per point"
  echo "raw outputs: $OUT"
} | tee "$OUT/report.txt"
