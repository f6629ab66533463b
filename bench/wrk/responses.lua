-- wrk body script for the inbound-API benchmark (bench/apis.sh): the request of
-- chat.lua, sent to POST /v1/responses in the Responses API's shape (input and
-- max_output_tokens). Use with paced.lua: BODY=responses.lua.

local dir = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(dir .. "chat.lua")

local content = "Summarise in two sentences why a gateway in front of a language model API "
  .. "should add as little latency as possible, and name one thing it must never do "
  .. "to a request body on its way through."
wrk.body = '{"model":"gpt-4o-mini","input":"' .. content .. '","max_output_tokens":64,"temperature":0}'
