-- wrk script for the Gantry overhead benchmark: non-streaming
-- POST /v1/chat/completions (model gpt-4o-mini, one user message, a JSON body of
-- about 300 characters) as fast as the connections allow.
-- paced.lua reuses this file and adds constant-rate pacing.
--
-- done() prints one machine-readable line:
--   RESULT requests=.. duration_s=.. rate=.. p50=.. p90=.. p99=.. p999=.. max=.. (microseconds)
--          non2xx=.. sock=.. (connect/read/write/timeout socket errors)

local content = "Summarise in two sentences why a gateway in front of a language model API "
  .. "should add as little latency as possible, and name one thing it must never do "
  .. "to a request body on its way through."
local body = '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"'
  .. content .. '"}],"max_tokens":64,"temperature":0}'

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_KEY") or "sk-bench")

local req = nil
function init(args)
  req = wrk.format()
end

function request()
  return req
end

-- No response() hook on purpose: defining one makes wrk hand every response to
-- Lua, which costs load-generator CPU. wrk counts non-2xx answers itself
-- (summary.errors.status).

function done(summary, latency, requests)
  local e = summary.errors
  local sock = e.connect + e.read + e.write + e.timeout
  local secs = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d duration_s=%.3f rate=%.1f p50=%d p90=%d p99=%d p999=%d max=%d mean=%.1f " ..
    "non2xx=%d sock=%d connect=%d read=%d write=%d timeout=%d bodylen=%d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max, latency.mean,
    e.status, sock, e.connect, e.read, e.write, e.timeout, #body))
end
