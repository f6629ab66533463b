#!/usr/bin/env bash
# Faults: two deployments, each answering 20% 503 and hanging 5% of requests before the first
# byte (faults-scenario.yaml); N requests at concurrency C from outside (curl). Prints
# client-visible errors, p50 and p99, and the hedges started and won. Run it twice to compare:
#   bench/faults.sh                                     # retries + breakers + hedging (budget 10%)
#   HEDGE_BUDGET=0 FIRST_BYTE=30s bench/faults.sh       # no hedging
# With SCENARIO=bench/hedge-scenario.yaml (a heavy-tailed time to first token, no faults) and
# FIRST_BYTE=30s, the same two runs measure what hedging does to p99 and the extra upstream load.
# Environment: JAR, OUT, N [2000], C [32], FIRST_BYTE [400ms], HEDGE_BUDGET [10],
# SCENARIO [bench/faults-scenario.yaml], GATEWAY_CONFIG [bench/faults.yaml], MAX_ATTEMPTS [3]
# (retries per deployment), CLIENT [node: bench/closed-loop.js on keep-alive sockets; curl: one
# curl process per request, whose start-up on 2 cores adds to the measured time]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
OUT="${OUT:-$(mktemp -d)}"
mkdir -p "$OUT"
N="${N:-2000}"
C="${C:-32}"
export FIRST_BYTE="${FIRST_BYTE:-400ms}" HEDGE_BUDGET="${HEDGE_BUDGET:-10}" MAX_ATTEMPTS="${MAX_ATTEMPTS:-3}"
export SIM_A=18280 SIM_B=18279 GANTRY_PORT=18281 GANTRY_DATA_DIR="$OUT/data"
SCENARIO="${SCENARIO:-$root/bench/faults-scenario.yaml}"
pids=()
trap cleanup EXIT
prepare_jar
java -jar "$jar" sim --port $SIM_A --scenario "$SCENARIO" --seed 1 >"$OUT/a.log" 2>&1 &
pids+=($!)
java -jar "$jar" sim --port $SIM_B --scenario "$SCENARIO" --seed 2 >"$OUT/b.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$SIM_A/health" 30
wait_http "http://127.0.0.1:$SIM_B/health" 30
java -jar "$jar" serve --config "${GATEWAY_CONFIG:-$root/bench/faults.yaml}" >"$OUT/gw.log" 2>&1 &
gw_pid=$!
pids+=($gw_pid)
wait_http "http://127.0.0.1:$GANTRY_PORT/readyz" 60
if [ "${CLIENT:-node}" = curl ]; then
  seq "$N" | xargs -P "$C" -I{} curl -s -o /dev/null -w '%{http_code} %{time_total}\n' \
    "http://127.0.0.1:$GANTRY_PORT/v1/chat/completions" -H 'content-type: application/json' \
    -d '{"model":"m","messages":[{"role":"user","content":"hi"}]}' >"$OUT/results.txt"
else
  node "$root/bench/closed-loop.js" "http://127.0.0.1:$GANTRY_PORT/v1/chat/completions" \
    --n "$N" --c "$C" >"$OUT/results.txt"
fi
errors=$(awk '$1 != 200' "$OUT/results.txt" | wc -l)
sort -k2 -n "$OUT/results.txt" | awk -v n="$N" -v e="$errors" -v fb="$FIRST_BYTE" -v hb="$HEDGE_BUDGET" -v ma="$MAX_ATTEMPTS" '
  { t[NR] = $2 }
  END {
    printf "first_byte %s, hedge budget %s%%, max_attempts %s: %d requests, errors %d (%.2f%%), p50 %.3f s, p99 %.3f s, max %.3f s\n",
      fb, hb, ma, n, e, 100 * e / n, t[int(n * 0.5)], t[int(n * 0.99)], t[n]
  }'
awk '$1 != 200 { print $1 }' "$OUT/results.txt" | sort | uniq -c | sed 's/^/  status /'
curl -s "http://127.0.0.1:${GANTRY_ADMIN_PORT:-18283}/metrics" | grep -E '^gantry_hedge' | sed 's/^/  /' || true
echo "  raw results and logs: $OUT"
