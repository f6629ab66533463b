#!/usr/bin/env bash
# Validates `gantry capacity` against a load test. The model is asked for the upstream concurrency
# that a stated profile needs (peak RPS, upstream mean and p99 latency, target p99); then a
# simulator answers with that latency (lognormal fitted to the mean and p99), the route is capped
# at the planned concurrency with the admission queue in front, and Poisson arrivals at the peak
# rate run for DURATION seconds (bench/poisson.js). Printed side by side: the model's probability
# of waiting for a slot, mean wait and p99 wait (M/M/c, Erlang C) and the measured ones (from the
# gateway's gantry_queue_wait_seconds histogram), and the end-to-end latency.
# Environment: JAR, OUT, RPS [40], DURATION [60], MEAN [0.5] and P99 [1.5] seconds, TARGET [2] s,
# SIM_PORT [18680], GANTRY_PORT [18681], GANTRY_ADMIN_PORT [18683].
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
OUT="${OUT:-$(mktemp -d)}"
mkdir -p "$OUT"
RPS="${RPS:-40}" DURATION="${DURATION:-60}" MEAN="${MEAN:-0.5}" P99="${P99:-1.5}" TARGET="${TARGET:-2}"
export SIM_PORT="${SIM_PORT:-18680}" GANTRY_PORT="${GANTRY_PORT:-18681}"
export GANTRY_ADMIN_PORT="${GANTRY_ADMIN_PORT:-18683}" GANTRY_DATA_DIR="$OUT/data"
pids=()
trap cleanup EXIT
prepare_jar

plan=$(java -jar "$jar" capacity --peak-rps "$RPS" --upstream-mean "$MEAN" --upstream-p99 "$P99" \
  --target-p99 "$TARGET" --extra-attempts 0)
echo "$plan"
slots=$(sed -n 's/^upstream concurrency: *\([0-9]*\) per route.*/\1/p' <<<"$plan")
model_p99=$(sed -n 's/.*p99 wait for a slot \([0-9.]*\) s.*/\1/p' <<<"$plan")

# Lognormal with the stated mean and p99: p99/mean = exp(2.326 s - s^2/2).
read -r median sigma < <(python3 -c "
import math
m, p = $MEAN, $P99
r = math.log(p / m)
s = 2.326 - math.sqrt(2.326 ** 2 - 2 * r)
print(round(m / math.exp(s * s / 2) * 1000), round(s, 4))")
cat >"$OUT/scenario.yaml" <<YAML
latency:
  ttft: {dist: lognormal, median_ms: $median, sigma: $sigma}
YAML
cat >"$OUT/gantry.yaml" <<YAML
server: {host: 127.0.0.1, port: $GANTRY_PORT, request_timeout: 60s}
data_dir: $GANTRY_DATA_DIR
auth: {required: false}
audit: {enabled: true}
storage: {sync: normal}
admin:
  port: $GANTRY_ADMIN_PORT
  host: 127.0.0.1
providers:
  sim: {type: openai_compatible, base_url: "http://127.0.0.1:$SIM_PORT/v1", max_connections: 1000}
routes:
  m: {deployments: [{provider: sim, model: m}]}
limits:
  rate:
    - {scope: route, match: m, concurrency: $slots}
  queue: {max_depth: 10000, max_wait: 50s}
YAML

java -jar "$jar" sim --host 127.0.0.1 --port "$SIM_PORT" --scenario "$OUT/scenario.yaml" --seed 7 \
  >"$OUT/sim.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$SIM_PORT/health" 30
java -jar "$jar" serve --config "$OUT/gantry.yaml" >"$OUT/gantry.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$GANTRY_PORT/readyz" 60
# warm-up below the cap, then the measured run
node "$root/bench/poisson.js" "http://127.0.0.1:$GANTRY_PORT/v1/chat/completions" --rps 5 \
  --duration 5 >/dev/null
curl -s "http://127.0.0.1:$GANTRY_ADMIN_PORT/metrics" >"$OUT/before.txt"
result=$(node "$root/bench/poisson.js" "http://127.0.0.1:$GANTRY_PORT/v1/chat/completions" \
  --rps "$RPS" --duration "$DURATION" | sed -n 's/^RESULT //p')
curl -s "http://127.0.0.1:$GANTRY_ADMIN_PORT/metrics" >"$OUT/after.txt"
echo "load: $result"

python3 - "$OUT/before.txt" "$OUT/after.txt" "$RPS" "$MEAN" "$slots" "$model_p99" "$result" <<'PY'
import math, re, sys
before, after, rps, mean, c, model_p99, result = sys.argv[1:8]
rps, mean, c, model_p99 = float(rps), float(mean), int(c), float(model_p99)
def buckets(path):
    out = {}
    for line in open(path):
        m = re.match(r'gantry_queue_wait_seconds_bucket\{(.*)\} (\S+)', line)
        if m:
            le = float(re.search(r'le="([^"]+)"', m.group(1)).group(1).replace("+Inf", "inf"))
            out[le] = out.get(le, 0) + float(m.group(2))
    return out
def total(path, name):
    return sum(float(l.split()[-1]) for l in open(path) if l.startswith(name + "{") or l.startswith(name + " "))
b, a = buckets(before), buckets(after)
d = sorted((le, a[le] - b.get(le, 0)) for le in a)
queued = d[-1][1] if d else 0  # the histogram counts the requests that waited in the queue
ok = int(re.search(r"ok=(\d+)", result).group(1))
wait_sum = total(after, "gantry_queue_wait_seconds_sum") - total(before, "gantry_queue_wait_seconds_sum")
def p99_wait():
    # the 99th percentile over all requests, the others having waited 0
    rank = 0.99 * ok - (ok - queued)
    if rank <= 0:
        return 0.0
    for le, cum in d:
        if cum >= rank:
            return le
    return float("inf")
# Erlang C
a_load = rps * mean
s = sum(a_load ** k / math.factorial(k) for k in range(c))
top = a_load ** c / math.factorial(c) * c / (c - a_load)
pw = top / (s + top)
mean_wait = pw / (c / mean - rps)
print("offered load %.1f erlangs on %d slots (utilisation %.0f%%)" % (a_load, c, 100 * a_load / c))
print("%-28s %-12s %s" % ("", "model", "measured"))
print("%-28s %-12s %s" % ("P(wait for a slot)", "%.3f" % pw, "%.3f" % (queued / ok)))
print("%-28s %-12s %s" % ("mean wait, s", "%.3f" % mean_wait, "%.3f" % (wait_sum / ok)))
print("%-28s %-12s %s" % ("p99 wait, s (bucket bound)", "%.3f" % model_p99, "<= %.3f" % p99_wait()))
print("requests answered: %d, of which waited for a slot: %d" % (ok, queued))
PY
