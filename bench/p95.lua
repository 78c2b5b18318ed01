-- wrk script: print the 95th percentile latency (wrk's --latency stops at 90% and 99%).
done = function(summary, latency, requests)
  io.write(string.format("p95: %.1f ms, requests: %d, errors: %d\n", latency:percentile(95) / 1000,
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
