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
#   GANTRY_ARGS    extra arguments for `gantry serve` []
#   RATES          offered rates, requests/s ["200 1000 3000"]
#   DURATION       seconds per measured point [15]
#   WARMUP         warm-up seconds (through Gantry at the highest rate, then unpaced) [15]
#   REPEATS        measured passes over all rates [2]
#   CONNS          wrk connections [64]
#   MAX_DURATION   seconds of the unpaced max-throughput run [15] (0 skips it)
#   GANTRY_CPU / LOAD_CPU   CPUs for Gantry / for wrk + simulator [0 / 1]
#   SIM_PORT / GANTRY_PORT  [18080 / 18081]
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
export GANTRY_LOG_LEVEL="${GANTRY_LOG_LEVEL:-WARN}"

for tool in wrk taskset curl ps; do
  command -v "$tool" >/dev/null || { echo "overhead.sh: '$tool' is missing (apt-get install -y wrk util-linux curl procps)" >&2; exit 1; }
done

OUT="${OUT:-$(mktemp -d -t gantry-bench.XXXXXX)}"
mkdir -p "$OUT"

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

direct_url="http://127.0.0.1:$SIM_PORT/v1/chat/completions"
gantry_url="http://127.0.0.1:$GANTRY_PORT/v1/chat/completions"

# run_wrk NAME URL RATE(0 = unpaced) SECONDS -> prints wrk's RESULT fields plus
# other=PCT: CPU time used during the run by anything but Gantry, the simulator
# and wrk, in % of one CPU (noise indicator; a few % is the machine's baseline).
run_wrk() {
  local name=$1 url=$2 rate=$3 secs=$4 script b0 b1 g0 g1 s0 s1 w
  if [ "$rate" = 0 ]; then script="$bench/wrk/chat.lua"; else script="$bench/wrk/paced.lua"; fi
  b0=$(all_busy); g0=$(proc_ticks "$gw_pid"); s0=$(proc_ticks "$sim_pid")
  RATE="$rate" CONNS="$CONNS" THREADS=1 taskset -c "$LOAD_CPU" \
    wrk -t1 -c"$CONNS" -d"${secs}s" --timeout 10s --latency -s "$script" "$url" >"$OUT/$name.txt" 2>&1
  b1=$(all_busy); g1=$(proc_ticks "$gw_pid"); s1=$(proc_ticks "$sim_pid")
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
      for target in direct gantry; do
        url=$direct_url
        [ "$target" = gantry ] && url=$gantry_url
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
fi

# --- report ---------------------------------------------------------------------
{
  echo
  echo "Gantry ${COMMIT:-$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?')} | $("$JAVA_BIN" -version 2>&1 | head -1) | JAVA_OPTS: $JAVA_OPTS"
  echo "$CONNS connections, ${DURATION}s per point, $REPEATS passes; latencies in ms; overhead = through - direct (per pass; min..max over passes)"
  echo "idle RSS after start: $((idle_rss / 1024)) MB; other% = max CPU used by unrelated processes during a point, % of one CPU"
  echo
  awk -F'\t' -v reps="$REPEATS" -v order="$(tr ' ' '\n' <<<"$RATES" | sort -n | tr '\n' ' ')" '
    NR == 1 { next }
    { k = $2 SUBSEP $1 SUBSEP $3
      ach[k] = $4; p50[k] = $5; p90[k] = $6; p99[k] = $7; err[k] = $9 + $10; rss[k] = $11; oth[k] = $12
      rates[$2] = 1 }
    function ms(us) { return sprintf("%.2f", us / 1000) }
    function upd(name, v) { if (!(name in lo) || v < lo[name]) lo[name] = v; if (!(name in hi) || v > hi[name]) hi[name] = v; sum[name] += v }
    END {
      printf "%-6s %-9s %-23s %-23s %-23s %-7s %-9s %-7s %s\n", "rate", "target", "p50", "p90", "p99", "errors", "achieved", "maxRSS", "other%"
      n = split(order, rs, " ")
      for (i = 1; i <= n; i++) {
        r = rs[i]
        delete lo; delete hi; delete sum
        for (p = 1; p <= reps; p++) {
          d = r SUBSEP p SUBSEP "direct"; g = r SUBSEP p SUBSEP "gantry"
          upd("d50", p50[d]); upd("d90", p90[d]); upd("d99", p99[d])
          upd("g50", p50[g]); upd("g90", p90[g]); upd("g99", p99[g])
          upd("o50", p50[g] - p50[d]); upd("o90", p90[g] - p90[d]); upd("o99", p99[g] - p99[d])
          upd("de", err[d]); upd("ge", err[g]); upd("da", ach[d]); upd("ga", ach[g]); upd("rss", rss[g]); upd("dx", oth[d]); upd("gx", oth[g])
        }
        split("direct gantry overhead", ts, " ")
        pre["direct"] = "d"; pre["gantry"] = "g"; pre["overhead"] = "o"
        for (t = 1; t <= 3; t++) {
          x = pre[ts[t]]
          c50 = sprintf("%s (%s..%s)", ms(sum[x "50"] / reps), ms(lo[x "50"]), ms(hi[x "50"]))
          c90 = sprintf("%s (%s..%s)", ms(sum[x "90"] / reps), ms(lo[x "90"]), ms(hi[x "90"]))
          c99 = sprintf("%s (%s..%s)", ms(sum[x "99"] / reps), ms(lo[x "99"]), ms(hi[x "99"]))
          if (ts[t] == "overhead") { e = ""; a = ""; m = ""; o = "" }
          else if (ts[t] == "direct") { e = hi["de"]; a = sprintf("%.0f", sum["da"] / reps); m = ""; o = hi["dx"] }
          else { e = hi["ge"]; a = sprintf("%.0f", sum["ga"] / reps); m = sprintf("%d MB", hi["rss"] / 1024); o = hi["gx"] }
          printf "%-6s %-9s %-23s %-23s %-23s %-7s %-9s %-7s %s\n", (t == 1 ? r : ""), ts[t], c50, c90, c99, e, a, m, o
        }
      }
    }' "$results"
  echo
  [ -n "$max_line" ] && echo "$max_line"
  echo "raw outputs: $OUT"
} | tee "$OUT/report.txt"
