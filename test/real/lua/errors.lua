-- Errors raised and caught at many depths: each error() is a longjmp in
-- the interpreter (luaD_throw) to the innermost luaD_rawrunprotected.
local function thrower(depth, what)
  if depth == 0 then
    error(what, 0)
  end
  return thrower(depth - 1, what) + 1
end

local caught = 0
for depth = 0, 40, 5 do
  local ok, err = pcall(thrower, depth, "depth " .. depth)
  assert(not ok)
  print("caught", err)
  caught = caught + 1
end

-- Nested pcalls: an inner error does not reach the outer handler.
local function nested(n)
  if n == 0 then
    error({ code = 42 })
  end
  local ok, err = pcall(nested, n - 1)
  if not ok then
    return err.code + n
  end
  return 0
end
print("nested", nested(10))

-- Errors from the C library and from metamethods.
print(pcall(string.rep))
print(pcall(function() return {} + 1 end))
local mt = { __index = function(t, k) error("no field " .. k, 2) end }
print(pcall(function() return setmetatable({}, mt).missing end))

-- xpcall with a message handler that itself calls functions.
print(xpcall(function() error("handled") end, function(m) return "handler: " .. string.upper(m) end))

-- An error inside the handler of an error.
print(xpcall(function() error("first") end, function(m) error("second") end))

-- Errors in string.format and table.concat.
print(pcall(string.format, "%d", "x"))
print(pcall(table.concat, { 1, {}, 3 }))

print("caught", caught)
