-- Gives back a lease's concurrency slots and reconciles its token reservation.
-- KEYS as in acquire.lua. ARGV: n, lease, token difference (reserved - used; may be negative),
-- then per limit rpm, tpm, concurrency.
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local n = tonumber(ARGV[1])
local diff = tonumber(ARGV[3])
for i = 1, n do
  local rpm = tonumber(ARGV[3 * i + 1])
  local tpm = tonumber(ARGV[3 * i + 2])
  local conc = tonumber(ARGV[3 * i + 3])
  if conc > 0 then redis.call('ZREM', KEYS[2 * i], ARGV[2]) end
  if tpm > 0 and diff ~= 0 then
    local v = redis.call('HMGET', KEYS[2 * i - 1], 'r', 't', 'ts')
    local elapsed = math.max(0, now - (tonumber(v[3]) or now))
    local r = 0
    if rpm > 0 then r = math.min(rpm, (tonumber(v[1]) or rpm) + elapsed * rpm / 60000) end
    local t = math.min(tpm, (tonumber(v[2]) or tpm) + elapsed * tpm / 60000 + diff)
    redis.call('HSET', KEYS[2 * i - 1], 'r', tostring(r), 't', tostring(t), 'ts', now)
    redis.call('PEXPIRE', KEYS[2 * i - 1], 120000)
  end
end
return 1
