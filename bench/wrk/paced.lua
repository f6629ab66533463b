-- Constant-rate variant of chat.lua (or of the body script named by BODY, e.g.
-- responses.lua or messages.lua). Environment:
--   RATE   offered load of the whole run, requests/s (default 1000)
--   CONNS  the -c given to wrk (default 64)
--   THREADS the -t given to wrk (default 1)
--
-- Each wrk thread owns a schedule of send slots spaced THREADS/RATE seconds
-- apart; each delay() call (made by wrk before every request) claims the next
-- slot and waits until it. With C connections per thread, each connection thus
-- waits about CONNS/RATE seconds between its requests, and the slots do not
-- drift when an answer is slow: the offered rate stays RATE as long as answers
-- come back within CONNS/RATE seconds. If the thread falls more than one
-- interval behind (overload), the schedule restarts from now instead of
-- bursting to catch up. wrk's delay() has a 1 ms resolution; the schedule
-- itself is kept in fractional milliseconds, so the mean rate is exact.

local dir = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(dir .. (os.getenv("BODY") or "chat.lua"))

local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clk_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000.0 + tonumber(ts.tv_nsec) / 1e6
end

local rate = tonumber(os.getenv("RATE") or "1000")
local conns = tonumber(os.getenv("CONNS") or "64")
local nthreads = tonumber(os.getenv("THREADS") or "1")
local interval_ms = conns * 1000.0 / rate     -- per connection
local step_ms = nthreads * 1000.0 / rate      -- between two requests of one thread
local next_ms = nil

function delay()
  local now = now_ms()
  if next_ms == nil or next_ms < now - interval_ms then
    next_ms = now
  end
  local slot = next_ms
  next_ms = next_ms + step_ms
  local wait = slot - now
  if wait < 0 then wait = 0 end
  return math.floor(wait + 0.5)
end
