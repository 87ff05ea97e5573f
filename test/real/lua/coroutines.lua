-- Coroutines: each resume runs under its own luaD_rawrunprotected, yields
-- across C boundaries longjmp back to it, errors end the coroutine.
local function gen(n)
  return coroutine.wrap(function()
    for i = 1, n do
      coroutine.yield(i)
    end
  end)
end

local sum = 0
for v in gen(100) do
  sum = sum + v
end
print("sum", sum)

local co = coroutine.create(function(a)
  local b = coroutine.yield(a + 1)
  error("inside " .. b)
end)
print(coroutine.resume(co, 1))
print(coroutine.resume(co, "coroutine"))
print(coroutine.status(co))

-- Yield from inside pcall inside a coroutine.
local co2 = coroutine.create(function()
  local ok, err = pcall(function()
    coroutine.yield("from pcall")
    error("after yield")
  end)
  return ok, err
end)
print(coroutine.resume(co2))
print(coroutine.resume(co2))

-- A producer/consumer pipeline through table.sort's comparator.
local t = {}
for i = 1, 200 do
  t[i] = (i * 7919) % 211
end
table.sort(t, function(a, b) return a > b end)
print("sorted", t[1], t[100], t[200])

-- Error from a comparator aborts the sort.
print(pcall(table.sort, { 3, 1, 2 }, function(a, b) error("bad compare") end))
