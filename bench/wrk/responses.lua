-- wrk body script for the inbound-API benchmark (bench/apis.sh): the same request
-- as chat.lua, sent to POST /v1/responses in the Responses API's shape (input and
-- max_output_tokens). Use with paced.lua: BODY=responses.lua.

local content = "Summarise in two sentences why a gateway in front of a language model API "
  .. "should add as little latency as possible, and name one thing it must never do "
  .. "to a request body on its way through."
wrk.method = "POST"
wrk.body = '{"model":"gpt-4o-mini","input":"' .. content .. '","max_output_tokens":64,"temperature":0}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer sk-bench"

local req = nil
function init(args)
  req = wrk.format()
end

function request()
  return req
end
