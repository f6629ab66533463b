-- Admits a request and claims its spend in one step: takes its rate limits as acquire() does and,
-- only when every rate limit took its share, reserves the spend claim as reserve() does (all of it
-- or nothing). A refused rate limit reserves no spend. A claim that does not fit, or whose counters
-- Redis does not have yet, reserves nothing and leaves the rate limits taken: the spend stage then
-- reserves on its own, as without this script.
-- KEYS: acquire's (2 per rate limit), then reserve's (2 per counter).
-- ARGV: acquire's (4 + 3 per rate limit), then reserve's (3 + 4 per counter).
-- Returns acquire's answer; when granted, followed by reserve's status (1 reserved, 0 did not fit,
-- -1 a counter to load).
local n = tonumber(ARGV[1])
local rateKeys, rateArgs, spendKeys, spendArgs = {}, {}, {}, {}
for i = 1, #KEYS do
  if i <= 2 * n then rateKeys[i] = KEYS[i] else spendKeys[i - 2 * n] = KEYS[i] end
end
for i = 1, #ARGV do
  if i <= 4 + 3 * n then rateArgs[i] = ARGV[i] else spendArgs[i - 4 - 3 * n] = ARGV[i] end
end
local out = acquire(rateKeys, rateArgs)
if out[1] == 1 then
  out[#out + 1] = reserve(spendKeys, spendArgs)[1]
end
return out
