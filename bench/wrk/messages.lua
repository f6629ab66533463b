-- wrk body script for the inbound-API benchmark (bench/apis.sh): the same request
-- as chat.lua, sent to POST /v1/messages in the Anthropic Messages shape
-- (max_tokens required). Use with paced.lua: BODY=messages.lua.

local content = "Summarise in two sentences why a gateway in front of a language model API "
  .. "should add as little latency as possible, and name one thing it must never do "
  .. "to a request body on its way through."
wrk.method = "POST"
wrk.body = '{"model":"gpt-4o-mini","max_tokens":64,"temperature":0,'
  .. '"messages":[{"role":"user","content":"' .. content .. '"}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-api-key"] = "sk-bench"
wrk.headers["anthropic-version"] = "2023-06-01"

local req = nil
function init(args)
  req = wrk.format()
end

function request()
  return req
end
