#!/usr/bin/env bash
# Input-policy latency on 1,000-character prompts: the injection heuristics alone, the safety check
# given the shared embedding, the whole policy (shared embedding, injection heuristics + classifier,
# topic, PII, safety) on one thread, as the gateway runs it (checks concurrent on one worker per
# core), and with 50 requests in flight (closed loop; p50/p99 and policies per second).
# Then `gantry guard scan` throughput with injection and PII, and with safety alone, on the
# injection dev split (2,667 lines, JIT warm-up included) and on the train split (9,585 lines).
# Environment: N prompts [2000].
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B -o test-compile -pl gantry-guardrails -am >/dev/null
cp_file="$(mktemp)"
mvn -q -B -o dependency:build-classpath -pl gantry-guardrails -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
cp="gantry-guardrails/target/test-classes:gantry-guardrails/target/classes:$(cat "$cp_file")"
java -XX:+UseSerialGC -Xmx1g -cp "$cp" dev.gantry.guardrails.bench.PolicyBenchmark "${N:-2000}"
jar=gantry-cli/target/gantry.jar
[ -f "$jar" ] || { rm -f "$jar"; mvn -q -B -DskipTests -Dspotless.check.skip=true -pl gantry-cli -am package >/dev/null; }
out="$(mktemp)"
for f in data/injection/dev.jsonl data/injection/train.jsonl; do
  for checks in injection,pii safety; do
    echo "--checks $checks, $f:"
    java -jar "$jar" guard scan --checks "$checks" < "$f" 2>&1 > "$out" | grep scanned
    echo "  result lines: $(wc -l < "$out") for $(wc -l < "$f") input lines"
  done
done
rm -f "$cp_file" "$out"
