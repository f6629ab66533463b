# Helpers shared by bench/overhead.sh and bench/stream-ttfc.sh (sourced, not run).
# They expect $gw_pid (Gantry's pid) to be set where noted.

# Copies the jar to measure ($JAR, or the built one, building it when missing) into $OUT and
# sets $jar to the copy, so that rebuilding the tree during a run changes nothing.
prepare_jar() {
  local src_jar="${JAR:-$root/gantry-cli/target/gantry.jar}"
  if [ ! -f "$src_jar" ]; then
    echo "building $src_jar ..." >&2
    rm -f "$root/gantry-cli/target/gantry.jar"
    (cd "$root" && mvn -q -B -DskipTests -Dspotless.check.skip=true -pl gantry-cli -am package) >&2
  fi
  jar="$OUT/gantry.jar"
  cp "$src_jar" "$jar"
}

# Kills every process whose pid is in the $pids array (the EXIT trap of both scripts).
cleanup() {
  local p
  for p in "${pids[@]}"; do
    kill "$p" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}

wait_http() { # url, seconds
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "bench: $1 did not come up" >&2
  return 1
}

# Samples Gantry's RSS (KiB, the VmRSS that `ps -o rss=` shows) every 0.25 s into $1 until killed.
rss_sampler() {
  local k v _
  while kill -0 "$gw_pid" 2>/dev/null; do
    while read -r k v _; do
      [ "$k" = "VmRSS:" ] && echo "$v" >>"$1"
    done <"/proc/$gw_pid/status"
    sleep 0.25
  done
}
max_of() { sort -n "$1" | tail -1 | tr -d ' '; }

# CPU accounting from /proc (clock ticks).
cpu_ticks() { awk -v c="cpu$1" '$1 == c { idle = $5 + $6; t = 0; for (i = 2; i <= NF; i++) t += $i; print t, idle }' /proc/stat; }
# user + nice + system of all CPUs: time charged to processes. Interrupt and
# softirq time (loopback packet processing, heavy under streaming) is left out
# on purpose: it is caused by the benchmark itself but charged to no process.
all_busy() { awk '$1 == "cpu" { print $2 + $3 + $4 }' /proc/stat; }
proc_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
hz=$(getconf CLK_TCK)

# Other machines' work (builds, tests) on this host distorts latency. Before each
# point, wait (at most QUIET_WAIT s) until both CPUs are nearly idle.
QUIET_WAIT="${QUIET_WAIT:-180}"
QUIET_PCT="${QUIET_PCT:-10}"
wait_quiet() {
  local waited=0 a b pct
  while :; do
    a=$(all_busy); sleep 1; b=$(all_busy)
    pct=$(( (b - a) * 100 / hz ))
    [ "$pct" -lt "$QUIET_PCT" ] && return 0
    waited=$((waited + 1))
    if [ "$waited" -ge "$QUIET_WAIT" ]; then
      echo "bench: CPUs still ${pct}% busy with other work; measuring anyway" >&2
      return 0
    fi
  done
}

