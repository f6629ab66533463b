#!/usr/bin/env bash
# Gateway overhead benchmark: latency through Gantry minus latency direct to the
# zero-delay simulator, at fixed offered rates, with a constant-rate wrk script;
# then Gantry's maximum throughput on its one core. Prints a table at the end.
#
# Layout: Gantry pinned to CPU 0 with one event loop; wrk and the simulator
# pinned to CPU 1. Everything binds to 127.0.0.1.
#
# Environment (defaults in brackets):
#   JAVA_BIN       JVM that runs Gantry [java]
#   JAVA_OPTS      Gantry's JVM flags [-XX:+UseSerialGC -Xms64m -Xmx256m -Xss512k]
#   SIM_JAVA_BIN   JVM that runs the simulator [java]; kept fixed across JDK comparisons
#   JAR            runnable jar [gantry-cli/target/gantry.jar, built with Maven if missing];
#                  copied to a temporary directory before the run
#   CONFIG         gantry.yaml to serve [examples/gantry-sim.yaml]
#   CONFIG2        a second configuration, served by a second Gantry on the same CPU and
#                  measured as target "gantry2" in the same run (e.g. the same file with Redis-
#                  backed limits, or with metrics and tracing off) [none]; GANTRY2_PORT [18091],
#                  GANTRY2_ADMIN_PORT [18093]; MAX2=1 also measures its maximum throughput
#   GANTRY_ARGS    extra arguments for `gantry serve` []
#   RATES          offered rates, requests/s ["200 1000 3000"]
#   DURATION       seconds per measured point [15]
#   WARMUP         warm-up seconds (through Gantry at the highest rate, then unpaced) [15]
#   REPEATS        measured passes over all rates [2]
#   CONNS          wrk connections [64]
#   MAX_DURATION   seconds of the unpaced max-throughput run [15] (0 skips it)
#   GANTRY_CPU / LOAD_CPU   CPUs for Gantry / for wrk + simulator [0 / 1]
#   SIM_PORT / GANTRY_PORT  [18080 / 18081]
#   NGINX          1: measure nginx as a plain reverse proxy to the same simulator, pinned to
#                  Gantry's CPU with one worker, in the same run (interleaved with Gantry) [1 when
#                  nginx is installed]; NGINX_PORT [18082]
#   BENCH_KEY      API key wrk sends (Authorization: Bearer); exported as GANTRY_ADMIN_KEY so a
#                  configuration that requires keys (examples/production-sim.yaml) accepts it
#   GANTRY_ADMIN_PORT  admin listener of configurations that have one [18083]
#   GANTRY_DATA_DIR    data directory of Gantry [a new directory in OUT]
#   OUT            directory for raw outputs [a new temporary directory]
#   COMMIT         label of the measured build in the report [git rev-parse --short HEAD]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"

JAVA_BIN="${JAVA_BIN:-java}"
JAVA_OPTS="${JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx256m -Xss512k}"
SIM_JAVA_BIN="${SIM_JAVA_BIN:-java}"
SIM_JAVA_OPTS="${SIM_JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx256m}"
RATES="${RATES:-200 1000 3000}"
DURATION="${DURATION:-15}"
WARMUP="${WARMUP:-15}"
REPEATS="${REPEATS:-2}"
CONNS="${CONNS:-64}"
MAX_DURATION="${MAX_DURATION:-15}"
GANTRY_CPU="${GANTRY_CPU:-0}"
LOAD_CPU="${LOAD_CPU:-1}"
SIM_PORT="${SIM_PORT:-18080}"
GANTRY_PORT="${GANTRY_PORT:-18081}"
NGINX_PORT="${NGINX_PORT:-18082}"
export GANTRY_ADMIN_PORT="${GANTRY_ADMIN_PORT:-18083}"
export BENCH_KEY="${BENCH_KEY:-bench-key-for-the-overhead-benchmark-0123456789}"
export GANTRY_ADMIN_KEY="$BENCH_KEY"
export GANTRY_LOG_LEVEL="${GANTRY_LOG_LEVEL:-WARN}"
if [ -z "${NGINX:-}" ]; then
  if command -v nginx >/dev/null; then NGINX=1; else NGINX=0; fi
fi

for tool in wrk taskset curl ps; do
  command -v "$tool" >/dev/null || { echo "overhead.sh: '$tool' is missing (apt-get install -y wrk util-linux curl procps)" >&2; exit 1; }
done

OUT="${OUT:-$(mktemp -d -t gantry-bench.XXXXXX)}"
mkdir -p "$OUT"
export GANTRY_DATA_DIR="${GANTRY_DATA_DIR:-$OUT/gantry-data}"

source "$bench/lib.sh"
prepare_jar
pids=()
trap cleanup EXIT INT TERM

# --- start the simulator (zero-delay upstream) and Gantry ---------------------
taskset -c "$LOAD_CPU" "$SIM_JAVA_BIN" $SIM_JAVA_OPTS -jar "$jar" sim --host 127.0.0.1 --port "$SIM_PORT" \
  >"$OUT/sim.log" 2>&1 &
sim_pid=$!
pids+=("$sim_pid")
wait_http "http://127.0.0.1:$SIM_PORT/health" 30

# shellcheck disable=SC2086
SIM_PORT="$SIM_PORT" GANTRY_PORT="$GANTRY_PORT" taskset -c "$GANTRY_CPU" "$JAVA_BIN" $JAVA_OPTS \
  -jar "$jar" serve --config "${CONFIG:-$root/examples/gantry-sim.yaml}" --port "$GANTRY_PORT" --event-loops 1 ${GANTRY_ARGS:-} \
  >"$OUT/gantry.log" 2>&1 &
gw_pid=$!
pids+=("$gw_pid")
wait_http "http://127.0.0.1:$GANTRY_PORT/healthz" 60
idle_rss=$(ps -o rss= -p "$gw_pid" | tr -d ' ')
gw2_pid=""
if [ -n "${CONFIG2:-}" ]; then
  GANTRY2_PORT="${GANTRY2_PORT:-18091}"
  # shellcheck disable=SC2086
  SIM_PORT="$SIM_PORT" GANTRY_PORT="$GANTRY2_PORT" GANTRY_ADMIN_PORT="${GANTRY2_ADMIN_PORT:-18093}" \
    GANTRY_DATA_DIR="$GANTRY_DATA_DIR-2" taskset -c "$GANTRY_CPU" "$JAVA_BIN" $JAVA_OPTS \
    -jar "$jar" serve --config "$CONFIG2" --port "$GANTRY2_PORT" --event-loops 1 ${GANTRY_ARGS:-} \
    >"$OUT/gantry2.log" 2>&1 &
  gw2_pid=$!
  pids+=("$gw2_pid")
  wait_http "http://127.0.0.1:$GANTRY2_PORT/healthz" 60
fi
gantry2_url="http://127.0.0.1:${GANTRY2_PORT:-18091}/v1/chat/completions"

direct_url="http://127.0.0.1:$SIM_PORT/v1/chat/completions"
gantry_url="http://127.0.0.1:$GANTRY_PORT/v1/chat/completions"
nginx_url="http://127.0.0.1:$NGINX_PORT/v1/chat/completions"
targets="direct gantry"
if [ "$NGINX" = 1 ]; then
  # nginx as a plain reverse proxy: one worker on Gantry's CPU, keep-alive to the simulator.
  mkdir -p "$OUT/nginx/logs" "$OUT/nginx/tmp"
  cat >"$OUT/nginx/nginx.conf" <<NGINX_CONF
worker_processes 1;
daemon off;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $OUT/nginx/tmp/body;
  proxy_temp_path $OUT/nginx/tmp/proxy;
  upstream sim { server 127.0.0.1:$SIM_PORT; keepalive 256; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://sim;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
NGINX_CONF
  taskset -c "$GANTRY_CPU" nginx -p "$OUT/nginx" -c "$OUT/nginx/nginx.conf" >"$OUT/nginx.log" 2>&1 &
  nginx_pid=$!
  pids+=("$nginx_pid")
  for ((i = 0; i < 100; i++)); do
    curl -fsS -o /dev/null -X POST -H 'content-type: application/json' \
      -d '{"model":"m","messages":[{"role":"user","content":"hi"}]}' "$nginx_url" 2>/dev/null && break
    sleep 0.1
  done
  targets="direct gantry nginx"
fi
[ -n "$gw2_pid" ] && targets="${targets/gantry/gantry gantry2}"

# CPU ticks of nginx's master and worker (0 without nginx); counted with Gantry's as the proxy's.
nginx_ticks() {
  local t=0 p
  if [ -n "${nginx_pid:-}" ]; then
    for p in "$nginx_pid" $(pgrep -P "$nginx_pid" 2>/dev/null); do
      t=$((t + $(proc_ticks "$p")))
    done
  fi
  echo "$t"
}

# CPU ticks of the second Gantry (0 without CONFIG2); counted with the first's.
gw2_ticks() {
  if [ -n "$gw2_pid" ]; then proc_ticks "$gw2_pid"; else echo 0; fi
}

# run_wrk NAME URL RATE(0 = unpaced) SECONDS -> prints wrk's RESULT fields plus
# other=PCT: CPU time used during the run by anything but Gantry, the simulator
# and wrk, in % of one CPU (noise indicator; a few % is the machine's baseline).
run_wrk() {
  local name=$1 url=$2 rate=$3 secs=$4 script b0 b1 g0 g1 s0 s1 w
  if [ "$rate" = 0 ]; then script="$bench/wrk/chat.lua"; else script="$bench/wrk/paced.lua"; fi
  b0=$(all_busy); g0=$(( $(proc_ticks "$gw_pid") + $(gw2_ticks) + $(nginx_ticks) )); s0=$(proc_ticks "$sim_pid")
  RATE="$rate" CONNS="$CONNS" THREADS=1 taskset -c "$LOAD_CPU" \
    wrk -t1 -c"$CONNS" -d"${secs}s" --timeout 10s --latency -s "$script" "$url" >"$OUT/$name.txt" 2>&1
  b1=$(all_busy); g1=$(( $(proc_ticks "$gw_pid") + $(gw2_ticks) + $(nginx_ticks) )); s1=$(proc_ticks "$sim_pid")
  # ticks of reaped children of this subshell (wrk)
  local me=$BASHPID
  w=$(awk '{ sub(/^.*\) /, ""); print $14 + $15 }' "/proc/$me/stat")
  local other=$(( ((b1 - b0) - (g1 - g0) - (s1 - s0) - w) * 100 / (hz * secs) ))
  [ -n "${BENCH_DEBUG:-}" ] && echo "ticks: all $((b1 - b0)) gantry $((g1 - g0)) sim $((s1 - s0)) client $w" >&2
  [ "$other" -lt 0 ] && other=0
  echo "$(grep '^RESULT ' "$OUT/$name.txt" | sed 's/^RESULT //') other=$other"
}
field() { # "k=v k=v" key
  tr ' ' '\n' <<<"$1" | awk -F= -v k="$2" '$1 == k { print $2 }'
}

highest=$(tr ' ' '\n' <<<"$RATES" | sort -n | tail -1)
echo "# warm-up: ${WARMUP}s direct and ${WARMUP}s through Gantry at $highest req/s, then ${WARMUP}s unpaced through Gantry" >&2
run_wrk warmup-direct "$direct_url" "$highest" "$WARMUP" >/dev/null
run_wrk warmup-gantry "$gantry_url" "$highest" "$WARMUP" >/dev/null
run_wrk warmup-gantry-max "$gantry_url" 0 "$WARMUP" >/dev/null
if [ -n "$gw2_pid" ]; then
  run_wrk warmup-gantry2 "$gantry2_url" "$highest" "$WARMUP" >/dev/null
  run_wrk warmup-gantry2-max "$gantry2_url" 0 "$WARMUP" >/dev/null
fi
if [ "$NGINX" = 1 ]; then run_wrk warmup-nginx "$nginx_url" "$highest" "$WARMUP" >/dev/null; fi
sleep 2

results="$OUT/results.tsv"
printf 'pass\trate\ttarget\tachieved\tp50\tp90\tp99\tp999\tnon2xx\tsock\trss_kb\tother_pct\n' >"$results"
# One point = a direct run and a run through Gantry at the same rate, back to
# back. A point during which unrelated processes used more than OTHER_MAX % of a
# CPU is measured again (at most RETRIES times; the last try is kept).
OTHER_MAX="${OTHER_MAX:-15}"
RETRIES="${RETRIES:-3}"
for ((pass = 1; pass <= REPEATS; pass++)); do
  for rate in $RATES; do
    for ((try = 1; try <= RETRIES; try++)); do
      lines=()
      noisy=0
      for target in $targets; do
        url=$direct_url
        [ "$target" = gantry ] && url=$gantry_url
        [ "$target" = gantry2 ] && url=$gantry2_url
        [ "$target" = nginx ] && url=$nginx_url
        wait_quiet
        : >"$OUT/rss-$pass-$rate-$target"
        rss_sampler "$OUT/rss-$pass-$rate-$target" &
        sampler=$!
        r=$(run_wrk "p$pass-$rate-$target" "$url" "$rate" "$DURATION")
        kill "$sampler" 2>/dev/null || true
        wait "$sampler" 2>/dev/null || true
        rss=$(max_of "$OUT/rss-$pass-$rate-$target")
        lines+=("$(printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s' "$pass" "$rate" "$target" \
          "$(field "$r" rate)" "$(field "$r" p50)" "$(field "$r" p90)" "$(field "$r" p99)" \
          "$(field "$r" p999)" "$(field "$r" non2xx)" "$(field "$r" sock)" "$rss" "$(field "$r" other)")")
        echo "pass $pass  $rate req/s  $target (try $try): $r" >&2
        [ "$(field "$r" other)" -gt "$OTHER_MAX" ] && noisy=1
        sleep 1
      done
      [ "$noisy" = 0 ] && break
      echo "  other processes were busy during this point; measuring it again" >&2
    done
    printf '%s\n' "${lines[@]}" >>"$results"
  done
done

max_line=""
if [ "$MAX_DURATION" != 0 ]; then
  echo "# max throughput: ${MAX_DURATION}s unpaced through Gantry, then direct (capacity of the load CPU)" >&2
  wait_quiet
  : >"$OUT/rss-max"
  rss_sampler "$OUT/rss-max" &
  sampler=$!
  read -r t0 i0 < <(cpu_ticks "$GANTRY_CPU")
  read -r lt0 li0 < <(cpu_ticks "$LOAD_CPU")
  rmax=$(run_wrk max-gantry "$gantry_url" 0 "$MAX_DURATION")
  read -r t1 i1 < <(cpu_ticks "$GANTRY_CPU")
  read -r lt1 li1 < <(cpu_ticks "$LOAD_CPU")
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  gw_busy=$(awk -v a=$((t1 - t0)) -v b=$((i1 - i0)) 'BEGIN { printf "%.0f", a ? 100 * (a - b) / a : 0 }')
  load_busy=$(awk -v a=$((lt1 - lt0)) -v b=$((li1 - li0)) 'BEGIN { printf "%.0f", a ? 100 * (a - b) / a : 0 }')
  wait_quiet
  rdirect=$(run_wrk max-direct "$direct_url" 0 "$MAX_DURATION")
  max_line="max throughput through Gantry: $(field "$rmax" rate) req/s (p50 $(field "$rmax" p50) us, p99 $(field "$rmax" p99) us, non2xx $(field "$rmax" non2xx), socket errors $(field "$rmax" sock), other load $(field "$rmax" other)%); CPU $GANTRY_CPU (Gantry) busy ${gw_busy}%, CPU $LOAD_CPU (wrk + simulator) busy ${load_busy}%; max RSS $(( $(max_of "$OUT/rss-max") / 1024 )) MB
same load direct to the simulator (wrk + simulator sharing CPU $LOAD_CPU): $(field "$rdirect" rate) req/s"
  if [ "$NGINX" = 1 ]; then
    wait_quiet
    read -r t0 i0 < <(cpu_ticks "$GANTRY_CPU")
    rnginx=$(run_wrk max-nginx "$nginx_url" 0 "$MAX_DURATION")
    read -r t1 i1 < <(cpu_ticks "$GANTRY_CPU")
    ng_busy=$(awk -v a=$((t1 - t0)) -v b=$((i1 - i0)) 'BEGIN { printf "%.0f", a ? 100 * (a - b) / a : 0 }')
    max_line="$max_line
max throughput through nginx (one worker on CPU $GANTRY_CPU): $(field "$rnginx" rate) req/s (p50 $(field "$rnginx" p50) us, p99 $(field "$rnginx" p99) us, non2xx $(field "$rnginx" non2xx), socket errors $(field "$rnginx" sock)); CPU $GANTRY_CPU busy ${ng_busy}%
Gantry's maximum is $(awk -v g="$(field "$rmax" rate)" -v n="$(field "$rnginx" rate)" 'BEGIN { printf "%.0f", n ? 100 * g / n : 0 }')% of nginx's"
  fi
  if [ -n "$gw2_pid" ] && [ "${MAX2:-0}" = 1 ]; then
    wait_quiet
    read -r t0 i0 < <(cpu_ticks "$GANTRY_CPU")
    rmax2=$(run_wrk max-gantry2 "$gantry2_url" 0 "$MAX_DURATION")
    read -r t1 i1 < <(cpu_ticks "$GANTRY_CPU")
    g2_busy=$(awk -v a=$((t1 - t0)) -v b=$((i1 - i0)) 'BEGIN { printf "%.0f", a ? 100 * (a - b) / a : 0 }')
    max_line="$max_line
max throughput through the second Gantry (CONFIG2): $(field "$rmax2" rate) req/s (p50 $(field "$rmax2" p50) us, p99 $(field "$rmax2" p99) us, non2xx $(field "$rmax2" non2xx), socket errors $(field "$rmax2" sock)); CPU $GANTRY_CPU busy ${g2_busy}%"
  fi
fi

# --- report ---------------------------------------------------------------------
{
  echo
  echo "Gantry ${COMMIT:-$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?')} | $("$JAVA_BIN" -version 2>&1 | head -1) | JAVA_OPTS: $JAVA_OPTS"
  echo "gantry: ${CONFIG:-examples/gantry-sim.yaml}${CONFIG2:+; gantry2: $CONFIG2}"
  echo "$CONNS connections, ${DURATION}s per point, $REPEATS passes; latencies in ms; overhead = through - direct (per pass; min..max over passes)"
  echo "idle RSS after start: $((idle_rss / 1024)) MB; other% = max CPU used by unrelated processes during a point, % of one CPU"
  echo
  python3 - "$results" "$REPEATS" "$RATES" <<'PY'
import sys
from collections import defaultdict
path, reps, rates = sys.argv[1], int(sys.argv[2]), sorted(int(r) for r in sys.argv[3].split())
rows = [l.rstrip("\n").split("\t") for l in open(path)][1:]
d = {}
for r in rows:
    d[(int(r[1]), int(r[0]), r[2])] = r
targets = [t for t in ("direct", "gantry", "gantry2", "nginx") if any(k[2] == t for k in d)]
def ms(us): return "%.2f" % (us / 1000)
def cell(vals):
    return "%s (%s..%s)" % (ms(sum(vals) / len(vals)), ms(min(vals)), ms(max(vals)))
print("%-6s %-17s %-23s %-23s %-23s %-7s %-9s %-7s %s" % ("rate", "target", "p50", "p90", "p99", "errors", "achieved", "maxRSS", "other%"))
for rate in rates:
    first = True
    for t in targets + [x + " overhead" for x in targets if x != "direct"]:
        base = t.split()[0]
        vals = {k: [] for k in ("p50", "p90", "p99")}
        err, ach, rss, oth = [], [], [], []
        for p in range(1, reps + 1):
            r = d.get((rate, p, base)); dr = d.get((rate, p, "direct"))
            if r is None:
                continue
            for i, k in ((4, "p50"), (5, "p90"), (6, "p99")):
                v = float(r[i]) - (float(dr[i]) if t.endswith("overhead") else 0)
                vals[k].append(v)
            err.append(int(r[8]) + int(r[9])); ach.append(float(r[3])); rss.append(int(r[10] or 0)); oth.append(int(r[11]))
        if not vals["p50"]:
            continue
        extra = ("", "", "", "") if t.endswith("overhead") else (str(max(err)), "%.0f" % (sum(ach) / len(ach)), ("%d MB" % (max(rss) // 1024)) if base.startswith("gantry") else "", str(max(oth)))
        print("%-6s %-17s %-23s %-23s %-23s %-7s %-9s %-7s %s" % (rate if first else "", t, cell(vals["p50"]), cell(vals["p90"]), cell(vals["p99"]), *extra))
        first = False
PY
  echo
  [ -n "$max_line" ] && echo "$max_line"
  echo "raw outputs: $OUT"
} | tee "$OUT/report.txt"
