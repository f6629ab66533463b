#!/usr/bin/env bash
# Limit accuracy across replicas: examples/replicas.yaml (60 requests per minute per end customer)
# run as two `gantry serve` processes on one Redis, and as one process; 180 requests for one
# customer sent within seconds (32 at a time, alternating replicas). Prints admitted vs limit.
# The bucket holds 60 and refills 1 a second, so over T seconds at most 60 + T may be admitted.
#
# Environment: JAR [gantry-cli/target/gantry.jar], OUT [a new temporary directory],
#   SIM_PORT [18180], PORTS ["18181 18182"], REDIS_PORT [18379], N [180]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
OUT="${OUT:-$(mktemp -d)}"
SIM_PORT="${SIM_PORT:-18180}"
REDIS_PORT="${REDIS_PORT:-18379}"
N="${N:-180}"
pids=()
trap cleanup EXIT
prepare_jar

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$OUT/redis.log" &
pids+=($!)
java -jar "$jar" sim --port "$SIM_PORT" >"$OUT/sim.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$SIM_PORT/health" 30

run() { # label, ports...
  local label="$1"; shift
  local ports=("$@") p gws=()
  for p in "${ports[@]}"; do
    GANTRY_PORT=$p GANTRY_DATA_DIR="$OUT/data-$label-$p" SIM_PORT=$SIM_PORT \
      REDIS_URL="redis://127.0.0.1:$REDIS_PORT" \
      java -jar "$jar" serve --config "$root/examples/replicas.yaml" >"$OUT/gw-$label-$p.log" 2>&1 &
    gws+=($!)
    pids+=($!)
  done
  for p in "${ports[@]}"; do wait_http "http://127.0.0.1:$p/readyz" 60; done
  local customer="c-$label-$RANDOM" start end
  start=$(date +%s.%N)
  seq "$N" | xargs -P 32 -I{} sh -c '
    i={}; set -- '"${ports[*]}"'; shift $(( i % $# )); port=$1
    curl -s -o /dev/null -w "%{http_code}\n" "http://127.0.0.1:$port/v1/chat/completions" \
      -H "content-type: application/json" -H "x-gantry-customer: '"$customer"'" \
      -d "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"' \
    >"$OUT/codes-$label.txt"
  end=$(date +%s.%N)
  local ok limited secs
  ok=$(grep -c '^200$' "$OUT/codes-$label.txt" || true)
  limited=$(grep -c '^429$' "$OUT/codes-$label.txt" || true)
  secs=$(echo "$end - $start" | bc)
  printf '%-22s sent %d in %.1f s: admitted %d (limit 60, bound 60 + %.0f), 429: %d, other: %d\n' \
    "$label (${#ports[@]} replica(s))" "$N" "$secs" "$ok" "$secs" "$limited" $((N - ok - limited))
  for p in "${gws[@]}"; do kill "$p"; done
  wait "${gws[@]}" 2>/dev/null || true
}

run one-replica 18191
run two-replicas 18181 18182
