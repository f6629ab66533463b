#!/usr/bin/env bash
# Constant-rate soak: Gantry with authentication, the durable audit log and its connection and
# body limits on, in front of the zero-delay simulator, under a paced wrk load for DURATION
# seconds, measured in WINDOW-second windows. Per window it prints the achieved rate, p50 / p99 /
# p99.9 / max latency, non-2xx answers and socket errors, and Gantry's RSS, open file descriptors
# and threads; at the end, the audit chain check and how many records it holds against the
# requests sent.
#
# Layout as bench/overhead.sh: Gantry pinned to CPU 0 (one event loop), wrk and the simulator to
# CPU 1, everything on 127.0.0.1.
#
# Environment (defaults in brackets):
#   DURATION      seconds of load [600]
#   WINDOW        seconds per measured window [60]
#   RATE          offered requests/s [1000]
#   CONNS         wrk connections [64]
#   JAVA_BIN / JAVA_OPTS / SIM_JAVA_BIN / JAR / GANTRY_CPU / LOAD_CPU / SIM_PORT / GANTRY_PORT /
#   OUT           as in bench/overhead.sh
#   QUIET_WAIT    seconds to wait for the machine to go quiet before starting [180]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"

JAVA_BIN="${JAVA_BIN:-java}"
JAVA_OPTS="${JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx256m -Xss512k}"
SIM_JAVA_BIN="${SIM_JAVA_BIN:-java}"
SIM_JAVA_OPTS="${SIM_JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx256m}"
DURATION="${DURATION:-600}"
WINDOW="${WINDOW:-60}"
RATE="${RATE:-1000}"
CONNS="${CONNS:-64}"
GANTRY_CPU="${GANTRY_CPU:-0}"
LOAD_CPU="${LOAD_CPU:-1}"
SIM_PORT="${SIM_PORT:-18080}"
GANTRY_PORT="${GANTRY_PORT:-18081}"
export GANTRY_LOG_LEVEL="${GANTRY_LOG_LEVEL:-WARN}"

for tool in wrk taskset curl ps; do
  command -v "$tool" >/dev/null || { echo "soak.sh: '$tool' is missing (apt-get install -y wrk util-linux curl procps)" >&2; exit 1; }
done

OUT="${OUT:-$(mktemp -d -t gantry-soak.XXXXXX)}"
mkdir -p "$OUT"
source "$bench/lib.sh"
prepare_jar
pids=()
trap cleanup EXIT INT TERM

admin="soak-admin-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
cat >"$OUT/gantry.yaml" <<YAML
server:
  host: 127.0.0.1
  port: $GANTRY_PORT
  max_body_bytes: 1MB
  body_timeout: 10s
  request_timeout: 30s
  reload_interval: 0s
  max_connections: 2000
  max_connections_per_ip: 500
data_dir: $OUT/data
auth: {required: true, cache_ttl: 5s}
audit: {enabled: true}
admin: {on_public_listener: true}
providers:
  sim:
    type: openai_compatible
    base_url: http://127.0.0.1:$SIM_PORT/v1
    max_connections: 256
routes:
  gpt-4o-mini:
    deployments: [{provider: sim, model: gpt-4o-mini}]
YAML

taskset -c "$LOAD_CPU" "$SIM_JAVA_BIN" $SIM_JAVA_OPTS -jar "$jar" sim --host 127.0.0.1 --port "$SIM_PORT" \
  >"$OUT/sim.log" 2>&1 &
pids+=("$!")
wait_http "http://127.0.0.1:$SIM_PORT/health" 30

# shellcheck disable=SC2086
GANTRY_ADMIN_KEY="$admin" taskset -c "$GANTRY_CPU" "$JAVA_BIN" $JAVA_OPTS \
  -jar "$jar" serve --config "$OUT/gantry.yaml" --event-loops 1 >"$OUT/gantry.log" 2>&1 &
gw_pid=$!
pids+=("$gw_pid")
wait_http "http://127.0.0.1:$GANTRY_PORT/healthz" 60
base="http://127.0.0.1:$GANTRY_PORT"

key=$(curl -fsS "$base/admin/keys" -H "Authorization: Bearer $admin" -H 'content-type: application/json' \
  -d '{"tenant":"soak","role":"app","routes":["gpt-4o-mini"]}' | sed -E 's/.*"key":"([^"]+)".*/\1/')
[ -n "$key" ] || { echo "soak.sh: could not create an API key" >&2; exit 1; }

sample() { # -> "rss_mb fds threads"
  local rss fds thr
  rss=$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$gw_pid/status")
  fds=$(ls "/proc/$gw_pid/fd" | wc -l)
  thr=$(awk '/^Threads:/ { print $2 }' "/proc/$gw_pid/status")
  echo "$rss $fds $thr"
}
field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$2"; }

echo "warming up (20 s) ..." >&2
KEY="$key" RATE="$RATE" CONNS="$CONNS" taskset -c "$LOAD_CPU" \
  wrk -t1 -c"$CONNS" -d20s -s "$bench/wrk/soak.lua" "$base/v1/chat/completions" >"$OUT/warmup.txt" 2>&1
wait_quiet

read -r rss0 fds0 thr0 <<<"$(sample)"
windows=$(( (DURATION + WINDOW - 1) / WINDOW ))
sent=0
printf '%s\n' "window	t_end_s	rate	p50_ms	p99_ms	p999_ms	max_ms	non2xx	sock_err	rss_mb	fds	threads	gantry_cpu_pct	machine_busy_pct" >"$OUT/windows.tsv"
start_s=$(date +%s)
for ((w = 1; w <= windows; w++)); do
  a=$(all_busy); g0=$(proc_ticks "$gw_pid")
  KEY="$key" RATE="$RATE" CONNS="$CONNS" taskset -c "$LOAD_CPU" \
    wrk -t1 -c"$CONNS" -d"${WINDOW}s" -s "$bench/wrk/soak.lua" "$base/v1/chat/completions" >"$OUT/window-$w.txt" 2>&1
  b=$(all_busy); g1=$(proc_ticks "$gw_pid")
  r=$(grep '^RESULT' "$OUT/window-$w.txt")
  read -r rss fds thr <<<"$(sample)"
  # Gantry's share of its core, and the whole machine's busy share (of all CPUs; wrk and the
  # simulator included), so that a window disturbed by other work can be recognised.
  gcpu=$(( (g1 - g0) * 100 / (hz * WINDOW) ))
  busy=$(( (b - a) * 100 / (hz * WINDOW * $(nproc)) ))
  sent=$((sent + $(field requests "$r")))
  printf '%d\t%d\t%s\t%.2f\t%.2f\t%.2f\t%.2f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$w" $(( $(date +%s) - start_s )) \
    "$(field rate "$r")" \
    "$(echo "$(field p50 "$r") / 1000" | bc -l)" "$(echo "$(field p99 "$r") / 1000" | bc -l)" \
    "$(echo "$(field p999 "$r") / 1000" | bc -l)" "$(echo "$(field max "$r") / 1000" | bc -l)" \
    "$(field non2xx "$r")" "$(field sock "$r")" "$rss" "$fds" "$thr" "$gcpu" "$busy" >>"$OUT/windows.tsv"
  tail -1 "$OUT/windows.tsv" >&2
done

verify=$(curl -fsS "$base/admin/audit/verify" -H "Authorization: Bearer $admin")
usage=$(curl -fsS "$base/admin/usage?tenant=soak" -H "Authorization: Bearer $admin")

echo
echo "Soak: $DURATION s at $RATE req/s offered ($CONNS connections), windows of $WINDOW s; auth, durable audit, connection limits on"
echo "Gantry at start of measurement: RSS ${rss0} MB, ${fds0} open fds, ${thr0} threads"
column -t -s $'\t' "$OUT/windows.tsv"
warm=$(field requests "$(grep '^RESULT' "$OUT/warmup.txt")")
echo "requests sent: $sent in the measured windows, $warm in the warm-up, $((sent + warm)) in all"
echo "audit chain: $verify"
echo "usage of the soak tenant: $usage"
echo "raw outputs: $OUT"
