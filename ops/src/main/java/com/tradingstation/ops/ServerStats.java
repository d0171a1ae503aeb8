package com.tradingstation.ops;

/**
 * The server-side figures the monitor, gate and dashboard report, taken from one INFO reply.
 *
 * @param version               redis_version.
 * @param allocator             mem_allocator, e.g. {@code jemalloc-5.3.0}.
 * @param serverOpsPerSec       instantaneous_ops_per_sec: the load the server saw over its last
 *                              sampling window, including the monitor's own commands.
 * @param usedMemoryBytes       used_memory.
 * @param memFragmentationRatio mem_fragmentation_ratio (RSS / used; meaningless on a tiny dataset).
 * @param allocatorFragRatio    allocator_frag_ratio (the allocator's external fragmentation).
 * @param allocatorRssRatio     allocator_rss_ratio.
 * @param connectedClients      connected_clients.
 */
public record ServerStats(
    String version, String allocator, long serverOpsPerSec, long usedMemoryBytes, double memFragmentationRatio,
    double allocatorFragRatio, double allocatorRssRatio, long connectedClients)
{
    /** Bytes in one MB as the thresholds count it (2^20, as Redis's used_memory_human). */
    public static final double BYTES_PER_MB = 1024.0 * 1024.0;

    /**
     * @param info an INFO reply covering server, clients, memory and stats.
     * @return the figures.
     */
    public static ServerStats of(final RedisInfo info)
    {
        return new ServerStats(info.text("redis_version"), info.text("mem_allocator"),
            info.number("instantaneous_ops_per_sec"), info.number("used_memory"), info.ratio("mem_fragmentation_ratio"),
            info.ratio("allocator_frag_ratio"), info.ratio("allocator_rss_ratio"), info.number("connected_clients"));
    }

    /** @return used memory in MB (2^20 bytes), rounded to 0.01. */
    public double usedMemoryMb()
    {
        return LatencyStats.round(usedMemoryBytes / BYTES_PER_MB);
    }
}
