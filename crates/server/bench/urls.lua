-- wrk script: each request takes the next path from the file named by WRK_PATHS
-- (one path a line), round robin.
local paths = {}
local i = 0
function init(args)
  local f = assert(io.open(os.getenv("WRK_PATHS"), "r"))
  for line in f:lines() do
    if #line > 0 then table.insert(paths, line) end
  end
  f:close()
  i = math.random(#paths)
end
function request()
  i = (i % #paths) + 1
  return wrk.format("GET", paths[i])
end
