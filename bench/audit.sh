#!/usr/bin/env bash
# What the durable audit log costs: the overhead benchmark (bench/overhead.sh) with the audit log
# off and then on (one hash-chained record per request, committed before the response, group
# commit, SQLite in a fresh data directory), at the same offered rates, plus the maximum
# throughput of each. Environment: as overhead.sh; SYNC=full|normal picks SQLite's fsync policy
# [full]. Prints both reports.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export RATES="${RATES:-1000}" REPEATS="${REPEATS:-2}" DURATION="${DURATION:-15}"
data="$(mktemp -d -t gantry-audit-bench.XXXXXX)"
cfg="$data/gantry.yaml"
sed -e "s|^data_dir:.*|data_dir: $data/data|" "$root/examples/gantry-sim.yaml" >"$cfg"
printf 'storage: {sync: %s}\n' "${SYNC:-full}" >>"$cfg"
for audit in false true; do
  echo "=== audit enabled: $audit (storage sync ${SYNC:-full})"
  GANTRY_AUDIT=$audit CONFIG="$cfg" bash "$root/bench/overhead.sh" 2>/dev/null | sed -n '/^Gantry /,$p'
done
rm -rf "$data"
