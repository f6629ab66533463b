-- Replaces a permit's reservation by what the request actually used, on every counter.
-- KEYS as in spend_reserve.lua. ARGV: n, permit, actual.
-- Returns {before1, after1, before2, after2, ...}: each counter's settled total around this
-- settlement, or -1, -1 for a counter Redis no longer has (it restarts from the ledger).
local n = tonumber(ARGV[1])
local permit = ARGV[2]
local actual = tonumber(ARGV[3])
local out = {}
for i = 1, n do
  local h = KEYS[2 * i - 1]
  if redis.call('EXISTS', h) == 1 then
    local held = redis.call('HGET', h, 'h:' .. permit)
    if held then
      redis.call('HINCRBY', h, 'reserved', -tonumber(held))
      redis.call('HDEL', h, 'h:' .. permit)
    end
    redis.call('ZREM', KEYS[2 * i], permit)
    local before = tonumber(redis.call('HGET', h, 'settled'))
    local after = redis.call('HINCRBY', h, 'settled', actual)
    out[2 * i - 1] = before
    out[2 * i] = after
  else
    out[2 * i - 1] = -1
    out[2 * i] = -1
  end
end
return out
