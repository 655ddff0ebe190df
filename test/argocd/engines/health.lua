-- Runs an Argo CD health script the way Argo CD does (argoproj/argo-cd@v2.9.0:util/lua/lua.go):
-- only the base, package and table libraries (and a safe os), no string library, so neither
-- string.* nor methods on strings; the object as the global `obj`, JSON nulls absent.
-- usage: lua5.1 health.lua SCRIPT OBJECTS.json  ->  a JSON list of {status, message} or {error}
local cjson = require("cjson")

local function readAll(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

local function stripNulls(v)
  if v == cjson.null then return nil end
  if type(v) == "table" then
    for k, x in pairs(v) do v[k] = stripNulls(x) end
  end
  return v
end

local script = readAll(arg[1])
local objects = cjson.decode(readAll(arg[2]))
local encode = cjson.encode

-- What Argo CD opens: base (gopher-lua's list), table, and os with only clock/date/time.
local baseNames = { "assert", "error", "getfenv", "getmetatable", "ipairs", "load", "loadstring", "next", "pairs", "pcall",
  "print", "rawequal", "rawget", "rawset", "select", "setfenv", "setmetatable", "tonumber", "tostring", "type", "unpack", "xpcall", "_VERSION" }
local safe = {}
for _, n in ipairs(baseNames) do safe[n] = _G[n] end
local tableLib = {}
for k, f in pairs(table) do tableLib[k] = f end
local osLib = { clock = os.clock, date = os.date, time = os.time }

-- Strings lose their methods, as without the string library: ("x"):find(...) fails.
local stringMeta = getmetatable("")
stringMeta.__index = nil

local results = {}
for i, o in ipairs(objects) do
  local env = {}
  for k, f in pairs(safe) do env[k] = f end
  env.table = tableLib
  env.os = osLib
  env._G = env
  env.obj = stripNulls(o)
  local chunk, err = loadstring(script, "health.lua")
  if not chunk then
    results[i] = { error = "load: " .. tostring(err) }
  else
    setfenv(chunk, env)
    local ok, r = pcall(chunk)
    if not ok then
      results[i] = { error = tostring(r) }
    elseif type(r) ~= "table" then
      results[i] = { error = "returned " .. type(r) .. ", not a table" }
    else
      results[i] = { status = r.status == nil and cjson.null or r.status, message = r.message == nil and cjson.null or r.message }
    end
  end
end
io.write(encode(results))
