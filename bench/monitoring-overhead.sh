#!/usr/bin/env bash
# What metrics and tracing cost: examples/gantry-sim.yaml served twice in one overhead run
# (bench/overhead.sh with CONFIG2), once with metrics on and every request traced (sample ratio 1,
# spans exported over OTLP/HTTP to a local sink that answers 200) and once with metrics and tracing
# off, beside nginx and the simulator direct, interleaved. Target "gantry" = with, "gantry2" =
# without. Environment: as bench/overhead.sh (RATES defaults to 1000 here); SINK_PORT [18099].
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${OUT:-$(mktemp -d -t gantry-monitoring.XXXXXX)}"
mkdir -p "$OUT"
SINK_PORT="${SINK_PORT:-18099}"
LOAD_CPU="${LOAD_CPU:-1}"

# The OTLP sink: accepts every POST, counts the bytes, answers 200 with an empty body.
taskset -c "$LOAD_CPU" python3 - "$SINK_PORT" "$OUT/sink.txt" >"$OUT/sink.log" 2>&1 <<'PY' &
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
port, out = int(sys.argv[1]), sys.argv[2]
stats = {"posts": 0, "bytes": 0}
class Sink(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        n = int(self.headers.get("content-length", 0))
        self.rfile.read(n)
        stats["posts"] += 1
        stats["bytes"] += n
        with open(out, "w") as f:
            f.write("posts=%d bytes=%d\n" % (stats["posts"], stats["bytes"]))
        self.send_response(200)
        self.send_header("content-type", "application/x-protobuf")
        self.send_header("content-length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
ThreadingHTTPServer(("127.0.0.1", port), Sink).serve_forever()
PY
sink_pid=$!
trap 'kill "$sink_pid" 2>/dev/null || true' EXIT

cp "$root/examples/gantry-sim.yaml" "$OUT/with.yaml"
cat >>"$OUT/with.yaml" <<YAML
monitoring:
  metrics: {enabled: true}
  tracing: {otlp_endpoint: "http://127.0.0.1:$SINK_PORT/v1/traces", sample_ratio: 1.0, service_name: gantry-bench}
YAML
cp "$root/examples/gantry-sim.yaml" "$OUT/without.yaml"
cat >>"$OUT/without.yaml" <<'YAML'
monitoring:
  metrics: {enabled: false}
YAML

RATES="${RATES:-1000}" CONFIG="$OUT/with.yaml" CONFIG2="$OUT/without.yaml" OUT="$OUT/overhead" \
  bash "$root/bench/overhead.sh"
echo "OTLP sink received: $(cat "$OUT/sink.txt" 2>/dev/null || echo nothing)"
