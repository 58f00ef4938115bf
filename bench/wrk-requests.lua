-- wrk script for bench/ratios.sh: replays the requests `KeyProjects.Load requests` wrote, in order, from a start line,
-- each with "Connection: close" (no keep-alive, as issue 11 measured). Run with one wrk thread (-t1) so the order holds.
--   wrk -t1 -c4 -d10s -s bench/wrk-requests.lua http://127.0.0.1:5180 -- FILE [START]
local requests = {}
local next_index = 0

function init(args)
  local tokens = {}
  for line in io.lines(args[1]) do
    local kind, rest = line:match("^(%u)\t(.*)$")
    if kind == "T" then
      tokens[#tokens + 1] = rest
    elseif kind == "R" then
      local method, path, token, body = rest:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      local headers = { ["Authorization"] = "Bearer " .. tokens[tonumber(token) + 1], ["Connection"] = "close" }
      if body ~= "" then headers["Content-Type"] = "application/json" else body = nil end
      requests[#requests + 1] = wrk.format(method, path, headers, body)
    end
  end
  next_index = tonumber(args[2] or "0")
end

function request()
  local r = requests[(next_index % #requests) + 1]
  next_index = next_index + 1
  return r
end
