-- Numbered requests shared by wrk workloads that must never repeat across runs (callback, c2b).
-- Thread t of T sends n = base + t, base + t + T, base + t + 2T, ...; done() writes the next
-- unused n to BENCH_SEQUENCE_NEXT_FILE for the following run. BENCH_SEQUENCE_BASE is the first n
-- and BENCH_THREADS_USED the number of wrk threads. A script dofile()s this, calls
-- sequence_init() from its init() and next_n() from its request().
local threads = {}

function setup(thread)
    thread:set("tid", #threads)
    table.insert(threads, thread)
end

function sequence_init()
    base = tonumber(os.getenv("BENCH_SEQUENCE_BASE"))
    stride = tonumber(os.getenv("BENCH_THREADS_USED"))
    sent = 0
    -- Daraja's timestamps: Nairobi time (UTC+3), yyyyMMddHHmmss.
    stamp = os.date("!%Y%m%d%H%M%S", os.time() + 3 * 3600)
end

function next_n()
    local n = base + tid + sent * stride
    sent = sent + 1
    return n
end

function done(summary, latency, requests)
    local base = tonumber(os.getenv("BENCH_SEQUENCE_BASE"))
    local stride = tonumber(os.getenv("BENCH_THREADS_USED"))
    local next = base
    for _, thread in ipairs(threads) do
        local count, tid = thread:get("sent"), thread:get("tid")
        if count and count > 0 and base + tid + count * stride > next then next = base + tid + count * stride end
    end
    local file = io.open(os.getenv("BENCH_SEQUENCE_NEXT_FILE"), "w")
    file:write(string.format("%d\n", next))
    file:close()
end
