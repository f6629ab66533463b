-- The function acquire(KEYS, ARGV); a script calls it (RedisRateStore, admit.lua).
-- Takes one request, ARGV[3] tokens and one concurrency slot from every limit, or nothing.
-- KEYS[2i-1]: hash {r = request tokens, t = token tokens, ts = last update, ms}; KEYS[2i]: zset of
-- leases holding a concurrency slot, scored by expiry (ms). ARGV: n, lease, tokens, lease ttl (ms),
-- then per limit rpm, tpm, concurrency (0 = none). Time is Redis's own, so replicas agree.
-- Returns {1, r1, t1, r2, t2, ...} (remaining, rounded down) or {0, i, dimension, wait ms}
-- with dimension 1 requests, 2 tokens, 3 concurrency (wait -1: unknown).
local function acquire(KEYS, ARGV)
  local clock = redis.call('TIME')
  local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
  local n = tonumber(ARGV[1])
  local lease = ARGV[2]
  local tokens = tonumber(ARGV[3])
  local ttl = tonumber(ARGV[4])
  local state = {}
  for i = 1, n do
    local rpm = tonumber(ARGV[3 * i + 2])
    local tpm = tonumber(ARGV[3 * i + 3])
    local conc = tonumber(ARGV[3 * i + 4])
    local v = redis.call('HMGET', KEYS[2 * i - 1], 'r', 't', 'ts')
    local elapsed = math.max(0, now - (tonumber(v[3]) or now))
    local r = 0
    local t = 0
    if rpm > 0 then r = math.min(rpm, (tonumber(v[1]) or rpm) + elapsed * rpm / 60000) end
    if tpm > 0 then t = math.min(tpm, (tonumber(v[2]) or tpm) + elapsed * tpm / 60000) end
    if conc > 0 then
      redis.call('ZREMRANGEBYSCORE', KEYS[2 * i], '-inf', now)
      if redis.call('ZCARD', KEYS[2 * i]) >= conc then return {0, i, 3, -1} end
    end
    if rpm > 0 and r < 1 then return {0, i, 1, math.ceil((1 - r) * 60000 / rpm)} end
    local want = math.min(tokens, tpm)
    if tpm > 0 and t < want then return {0, i, 2, math.ceil((want - t) * 60000 / tpm)} end
    state[i] = {r, t, want}
  end
  local out = {1}
  for i = 1, n do
    local rpm = tonumber(ARGV[3 * i + 2])
    local tpm = tonumber(ARGV[3 * i + 3])
    local conc = tonumber(ARGV[3 * i + 4])
    local r = state[i][1]
    local t = state[i][2]
    if rpm > 0 then r = r - 1 end
    if tpm > 0 then t = t - state[i][3] end
    if rpm > 0 or tpm > 0 then
      redis.call('HSET', KEYS[2 * i - 1], 'r', tostring(r), 't', tostring(t), 'ts', now)
      redis.call('PEXPIRE', KEYS[2 * i - 1], 120000)
    end
    if conc > 0 then
      redis.call('ZADD', KEYS[2 * i], now + ttl, lease)
      redis.call('PEXPIRE', KEYS[2 * i], ttl + 60000)
    end
    out[2 * i] = math.floor(r)
    out[2 * i + 1] = math.floor(t)
  end
  return out
end
