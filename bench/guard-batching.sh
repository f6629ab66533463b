#!/usr/bin/env bash
# The input policy under concurrency and the streamed output checks, on a quiet machine:
#   1. BatchedPolicyBenchmark: the whole input policy (injection, topic, PII, safety) on
#      1,000-character prompts with 50 requests in flight, without and with embedding batching
#      across requests, alternating; p50/p99 and policies per second per run.
#   2. StreamFirstTokenBenchmark: time to the first streamed text through the gateway for a route
#      without output checks, one with cheap output checks (PII, canary) and one that adds the
#      safety model, each window checked on the worker pool.
# Environment: N prompts per run [1000], ROUNDS [2], STREAM_N requests per route per round [300].
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
# In one reactor build, so the modules resolve to their target/classes; gantry-testkit is built
# last and its class path (everything the two benchmarks need) is the one left in the file.
mvn -q -B -o test-compile dependency:build-classpath -pl gantry-testkit -am \
  -Dspotless.check.skip=true -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
cp="gantry-testkit/target/test-classes:gantry-testkit/target/classes:gantry-guardrails/target/test-classes:$(cat "$cp_file")"
echo "# input policy, 50 in flight, without / with embedding batching"
java -XX:+UseSerialGC -Xmx1g -cp "$cp" dev.gantry.guardrails.bench.BatchedPolicyBenchmark \
  "${N:-1000}" "${ROUNDS:-2}"
echo "# time to the first streamed text by output-check set"
java -XX:+UseSerialGC -Xmx1g -cp "$cp" dev.gantry.testkit.bench.StreamFirstTokenBenchmark \
  "${STREAM_N:-300}" "${ROUNDS:-2}"
