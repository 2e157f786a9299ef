-- wrk script: every connection waits WRK_DELAY_MS between a response and its next request,
-- which holds the offered load below the maximum (wrk has no fixed-rate mode).
local delay_ms = tonumber(os.getenv("WRK_DELAY_MS") or "0")
function delay()
  return delay_ms
end
