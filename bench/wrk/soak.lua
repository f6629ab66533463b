-- paced.lua with the API key from the environment (KEY), for bench/soak.sh: every request is
-- authenticated, so the soak measures key checks and the audit log as well as proxying.
local dir = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(dir .. "paced.lua")
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("KEY") or "missing")
