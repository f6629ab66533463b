-- The function reserve(KEYS, ARGV); a script calls it (RedisAdmission, admit.lua).
-- Reserves ARGV amounts on every counter of a claim, or nothing.
-- KEYS[2i-1]: hash {settled, reserved, h:<permit> = amount held}; KEYS[2i]: zset of the permits
-- holding a reservation, scored by expiry (ms, Redis's clock). ARGV: n, permit, ttl (ms), then per
-- counter amount, limit (-1: none), how long the counter is kept (ms), baseline ('' when unknown).
-- A counter Redis does not have yet starts at its baseline (the durable spend of its window); when
-- a baseline is unknown, nothing is done and {-1, i...} names the counters to load.
-- Returns {1} when reserved, or {0, i, used} when counter i cannot take its amount.
local function reserve(KEYS, ARGV)
  local clock = redis.call('TIME')
  local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
  local n = tonumber(ARGV[1])
  local permit = ARGV[2]
  local ttl = tonumber(ARGV[3])
  local missing = {-1}
  for i = 1, n do
    if redis.call('EXISTS', KEYS[2 * i - 1]) == 0 then
      local base = ARGV[4 * i + 3]
      if base == '' then
        missing[#missing + 1] = i
      else
        redis.call('HSET', KEYS[2 * i - 1], 'settled', base, 'reserved', 0)
        redis.call('PEXPIRE', KEYS[2 * i - 1], tonumber(ARGV[4 * i + 2]))
      end
    end
  end
  if #missing > 1 then return missing end
  for i = 1, n do
    local h = KEYS[2 * i - 1]
    local expired = redis.call('ZRANGEBYSCORE', KEYS[2 * i], '-inf', now)
    for _, p in ipairs(expired) do
      local held = redis.call('HGET', h, 'h:' .. p)
      if held then
        redis.call('HINCRBY', h, 'reserved', -tonumber(held))
        redis.call('HDEL', h, 'h:' .. p)
      end
      redis.call('ZREM', KEYS[2 * i], p)
    end
    local v = redis.call('HMGET', h, 'settled', 'reserved')
    local used = tonumber(v[1]) + tonumber(v[2])
    local limit = tonumber(ARGV[4 * i + 1])
    if limit >= 0 and used + tonumber(ARGV[4 * i]) > limit then return {0, i, used} end
  end
  for i = 1, n do
    local amount = ARGV[4 * i]
    redis.call('HINCRBY', KEYS[2 * i - 1], 'reserved', amount)
    redis.call('HSET', KEYS[2 * i - 1], 'h:' .. permit, amount)
    redis.call('ZADD', KEYS[2 * i], now + ttl, permit)
    redis.call('PEXPIRE', KEYS[2 * i], tonumber(ARGV[4 * i + 2]))
  end
  return {1}
end
