#!/usr/bin/env bash
# Token optimisation on the demo eval suite: runs examples/eval/suite.yaml through
# examples/demo.yaml as shipped, then through the same deployment with the demo route's
# optimisation on (compress the retrieved context, drop duplicate messages, trim long histories),
# and prints the suite's pass rate and the tokens sent per request in each run, from the spend
# ledger. The knowledge base is ingested once and copied, so both runs search the same index.
#
# Environment: JAR [gantry-cli/target/gantry.jar, built if missing], RATIO and MIN_SENTENCES
# (compress_context settings) [0.5, 2], CONCURRENCY [8], OUT [a new temporary directory].
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
JAR="${JAR:-$root/gantry-cli/target/gantry.jar}"
RATIO="${RATIO:-0.5}"
MIN_SENTENCES="${MIN_SENTENCES:-2}"
CONCURRENCY="${CONCURRENCY:-8}"
OUT="${OUT:-$(mktemp -d -t gantry-tokens.XXXXXX)}"
mkdir -p "$OUT"
if [ ! -f "$JAR" ]; then
  (mvn -q -B -DskipTests -Dspotless.check.skip=true -pl gantry-cli -am package) >&2
fi
gantry() { java -XX:+UseSerialGC -Xmx1g -jar "$JAR" "$@"; }

optimized="$OUT/demo-optimized.yaml"
# the demo route's rag line is followed by its optimisation settings
awk -v ratio="$RATIO" -v min="$MIN_SENTENCES" '
  { print }
  /^    rag: \{kb: demo/ {
    print "    optimize:"
    print "      dedupe: true"
    print "      compress_context: {ratio: " ratio ", min_sentences: " min "}"
    print "      history: {max_turns: 20}"
  }' examples/demo.yaml >"$optimized"
grep -q "compress_context" "$optimized" || { echo "could not add optimize to the demo route" >&2; exit 1; }

run() { # name config data_dir
  local name=$1 config=$2 data=$3
  echo "== $name" >&2
  GANTRY_DATA_DIR="$data" gantry eval examples/eval/suite.yaml --config "$config" \
    --out "$OUT/$name" --no-cache --concurrency "$CONCURRENCY" >"$OUT/$name.log" 2>&1 || true
  GANTRY_DATA_DIR="$data" gantry usage report --config "$config" --by route --format json \
    >"$OUT/$name-usage.json"
}

run baseline examples/demo.yaml "$OUT/data-baseline"
mkdir -p "$OUT/data-optimized"
cp -r "$OUT/data-baseline/." "$OUT/data-optimized/"
rm -f "$OUT/data-optimized/gantry.db" "$OUT/data-optimized/gantry.db-wal" "$OUT/data-optimized/gantry.db-shm"
run optimized "$optimized" "$OUT/data-optimized"

python3 - "$OUT" <<'PY'
import json, sys, os
out = sys.argv[1]
rows = []
for name in ("baseline", "optimized"):
    report = json.load(open(os.path.join(out, name, "report.json")))
    m = report.get("metrics", report.get("summary", {}))
    pass_rate = m.get("pass_rate")
    usage = json.load(open(os.path.join(out, name + "-usage.json")))
    demo = [r for r in usage["data"] if r.get("route") == "demo"][0]
    n = demo["requests"]
    rows.append((name, pass_rate, n, demo["prompt_tokens"], demo["tokens_saved"]))
print("| run | pass rate | requests | prompt tokens sent | per request | tokens saved per request |")
print("|---|---|---|---|---|---|")
for name, pr, n, prompt, saved in rows:
    print("| %s | %.3f | %d | %d | %.1f | %.1f |" % (name, pr, n, prompt, prompt / n, saved / n))
b, o = rows
print("prompt tokens per request: %.1f -> %.1f (%.1f%% fewer); pass rate %.3f -> %.3f (%+.1f points)"
      % (b[3] / b[2], o[3] / o[2], 100 * (1 - (o[3] / o[2]) / (b[3] / b[2])), b[1], o[1], 100 * (o[1] - b[1])))
PY
echo "raw outputs: $OUT" >&2
