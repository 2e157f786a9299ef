-- wrk script: POST /members/search with a NIK picked at random from NIKS_FILE (one per line).
local niks = {}
for line in io.lines(os.getenv("NIKS_FILE")) do
  niks[#niks + 1] = line
end
math.randomseed(42)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  return wrk.format(nil, nil, nil, '{"nik":"' .. niks[math.random(#niks)] .. '"}')
end
