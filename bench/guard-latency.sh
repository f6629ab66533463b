#!/usr/bin/env bash
# Input-policy latency on 1,000-character prompts (one request at a time, one thread pinned to a
# core): the injection heuristics alone and the whole policy (shared embedding, injection
# heuristics + classifier, topic, PII). Then `gantry guard scan` throughput on the injection dev
# split with injection and PII checks on 2 cores.
# Environment: N prompts [2000], CPU to pin to [0].
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B -o test-compile -pl gantry-guardrails -am >/dev/null
cp_file="$(mktemp)"
mvn -q -B -o dependency:build-classpath -pl gantry-guardrails -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
cp="gantry-guardrails/target/test-classes:gantry-guardrails/target/classes:$(cat "$cp_file")"
taskset -c "${CPU:-0}" java -XX:+UseSerialGC -Xmx1g -cp "$cp" dev.gantry.guardrails.bench.PolicyBenchmark "${N:-2000}"
jar=gantry-cli/target/gantry.jar
[ -f "$jar" ] || { rm -f "$jar"; mvn -q -B -DskipTests -Dspotless.check.skip=true -pl gantry-cli -am package >/dev/null; }
out="$(mktemp)"
java -jar "$jar" guard scan --checks injection,pii < data/injection/dev.jsonl > "$out"
echo "result lines: $(wc -l < "$out") for $(wc -l < data/injection/dev.jsonl) input lines"
rm -f "$cp_file" "$out"
