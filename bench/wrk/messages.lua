-- wrk body script for the inbound-API benchmark (bench/apis.sh): the request of
-- chat.lua, sent to POST /v1/messages in the Anthropic Messages shape (max_tokens
-- required, key in x-api-key). Use with paced.lua: BODY=messages.lua.

local dir = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(dir .. "chat.lua")

local content = "Summarise in two sentences why a gateway in front of a language model API "
  .. "should add as little latency as possible, and name one thing it must never do "
  .. "to a request body on its way through."
wrk.body = '{"model":"gpt-4o-mini","max_tokens":64,"temperature":0,'
  .. '"messages":[{"role":"user","content":"' .. content .. '"}]}'
wrk.headers["Authorization"] = nil
wrk.headers["x-api-key"] = "sk-bench"
wrk.headers["anthropic-version"] = "2023-06-01"
