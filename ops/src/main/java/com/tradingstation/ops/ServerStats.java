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
 * @param stationDataBytes      memory of the station's own market-data keys ({@link StationData}),
 *                              -1 when not measured.
 */
public record ServerStats(
    String version, String allocator, long serverOpsPerSec, long usedMemoryBytes, double memFragmentationRatio,
    double allocatorFragRatio, double allocatorRssRatio, long connectedClients, long stationDataBytes)
{
    /** Bytes in one MB as the thresholds count it (2^20, as Redis's used_memory_human). */
    public static final double BYTES_PER_MB = 1024.0 * 1024.0;

    /** The figures without a measurement of the station's data. */
    public ServerStats(final String version, final String allocator, final long serverOpsPerSec,
        final long usedMemoryBytes,
        final double memFragmentationRatio, final double allocatorFragRatio, final double allocatorRssRatio,
        final long connectedClients)
    {
        this(version, allocator, serverOpsPerSec, usedMemoryBytes, memFragmentationRatio, allocatorFragRatio,
            allocatorRssRatio, connectedClients, -1);
    }

    /**
     * @param bytes the station's data, from {@link StationData#bytes}.
     * @return these figures with it.
     */
    public ServerStats withStationData(final long bytes)
    {
        return new ServerStats(version, allocator, serverOpsPerSec, usedMemoryBytes, memFragmentationRatio,
            allocatorFragRatio, allocatorRssRatio, connectedClients, bytes);
    }

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

    /** @return the station's market data in MB, NaN when not measured. */
    public double stationDataMb()
    {
        return stationDataBytes < 0 ? Double.NaN : LatencyStats.round(stationDataBytes / BYTES_PER_MB);
    }

    /**
     * The memory the gate's memory band judges: used memory less the station's own market data,
     * which is bounded by the station's caps (trade streams XADD MAXLEN ~ N, one book and one top of
     * book per instrument) and judged against maxmemory instead. What is left is what the
     * original's near-empty Redis held: the server's own overhead, clients, and any data that is
     * not the station's. When the station's data could not be measured it is all of used memory.
     *
     * @return MB, rounded to 0.01; NaN when used memory is unknown.
     */
    public double otherMemoryMb()
    {
        if (usedMemoryBytes < 0)
        {
            return Double.NaN;
        }
        return LatencyStats.round(Math.max(0, usedMemoryBytes - Math.max(0, stationDataBytes)) / BYTES_PER_MB);
    }
}
