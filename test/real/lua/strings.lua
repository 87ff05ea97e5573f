-- Ordinary interpreter work: string library, closures, tables, gsub
-- callbacks, string.pack, integer and float arithmetic.
local words = {}
for w in ("the quick brown fox jumps over the lazy dog"):gmatch("%a+") do
  words[#words + 1] = w
end
print(#words, table.concat(words, ","))
print(("hello world"):gsub("o", function(c) return c:upper() end))
print(string.format("%5.2f %d %s %q", math.pi, 42, "x", "a\nb"))
local packed = string.pack("<i4 d s1", 7, 2.5, "lua")
print(#packed, string.unpack("<i4 d s1", packed))

local function counter()
  local n = 0
  return function() n = n + 1 return n end
end
local c = counter()
for _ = 1, 1000 do c() end
print("counter", c())

local fib = {}
local function f(n)
  if n < 2 then return n end
  if fib[n] then return fib[n] end
  local v = f(n - 1) + f(n - 2)
  fib[n] = v
  return v
end
print("fib", f(80))
print(math.maxinteger // 3, 7 // 2, 7.0 // 2, 2^53, 10 % 3)
print(utf8.char(72, 228, 8364), utf8.len("häll€"))
