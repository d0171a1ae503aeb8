package com.tradingstation.core.counters;

/**
 * The station's counters: type id (stable, part of the {@link CountersFile} contract), label (with
 * its unit), the Prometheus metric it is exported as, and whether it is a gauge (a level that may go
 * down) or a counter (only ever grows while the station runs).
 * <p>
 * Each counter has one writer, the thread that owns the count, which stores it with ordered
 * (release) writes; any thread or process may read it through a {@link org.agrona.concurrent.status.CountersReader}.
 * A counter of a per-venue definition ({@link #perVenue()}) carries the venue id as its key.
 */
public enum StationCounter
{
    /** Events handled by the book thread. */
    EVENTS(1, "events", "station_events", "Events handled by the book thread.", false),
    /** Depth diffs applied to books. */
    BOOK_UPDATES(2, "book updates", "station_book_updates", "Depth diffs applied to books.", false),
    /** Idle rounds the producer waited for ring space. */
    RING_FULL_WAITS(3, "ring full waits", "station_ring_full_waits",
        "Idle rounds the reader waited for ring space (backpressure from the book thread).", false),
    /** Instruments registered. */
    INSTRUMENTS(4, "instruments", "station_instruments", "Instruments registered.", true),
    /** Redis commands written by the sink. */
    SINK_WRITES(10, "sink writes", "station_sink_writes", "Redis commands written by the sink.", false),
    /** Pipelines flushed to Redis. */
    SINK_FLUSHES(11, "sink flushes", "station_sink_flushes", "Pipelines flushed to Redis.", false),
    /** Trades written to the trade streams. */
    SINK_TRADES(12, "sink trades written", "station_sink_trades", "Trades written to the Redis trade streams.", false),
    /** Events the book thread could not put on the full sink ring. */
    SINK_RING_DROPS(13, "sink ring drops", "station_sink_ring_drops",
        "Sink events dropped by the book thread because the sink ring was full.", false),
    /** Trades the sink lost with a failed batch. */
    SINK_TRADE_DROPS(14, "sink trade drops", "station_sink_trade_drops",
        "Trades the sink lost with a batch Redis did not take.", false),
    /** Redis connection and write errors. */
    SINK_ERRORS(15, "sink errors", "station_sink_errors", "Redis connection and write errors.", false),
    /** Redis reconnects of the sink. */
    SINK_RECONNECTS(16, "sink reconnects", "station_sink_reconnects", "Redis reconnects of the sink.", false),
    /** 1 while the sink holds a Redis connection. */
    SINK_CONNECTED(17, "sink connected (0/1)", "station_sink_connected",
        "1 while the sink holds a Redis connection.", true),
    /** Bytes waiting on the sink ring. */
    SINK_LAG_BYTES(18, "sink lag bytes", "station_sink_lag_bytes", "Bytes waiting on the sink ring.", true),
    /** Incremental channel packets sent. */
    UDP_INCREMENTAL_PACKETS(20, "udp incremental packets", "station_udp_incremental_packets",
        "Incremental channel packets sent.", false),
    /** Sequence number of the last incremental packet. */
    UDP_INCREMENTAL_SEQUENCE(21, "udp incremental sequence", "station_udp_incremental_sequence",
        "Sequence number of the last incremental packet.", true),
    /** Snapshot channel packets sent. */
    UDP_SNAPSHOT_PACKETS(22, "udp snapshot packets", "station_udp_snapshot_packets",
        "Snapshot channel packets sent.", false),
    /** Incremental messages sent. */
    UDP_MESSAGES(23, "udp messages", "station_udp_messages", "Incremental messages sent.", false),
    /** UDP payload bytes sent on both channels. */
    UDP_BYTES(24, "udp bytes", "station_udp_bytes", "UDP payload bytes sent.", false),
    /** Book snapshots sent on the snapshot channel. */
    UDP_SNAPSHOTS(25, "udp snapshots", "station_udp_snapshots", "Book snapshots sent on the snapshot channel.", false),
    /** UDP sends that failed. */
    UDP_SEND_ERRORS(26, "udp send errors", "station_udp_send_errors", "UDP sends that failed.", false),
    /** Live WebSocket connections open. */
    LIVE_CONNECTIONS_OPEN(30, "live connections open", "station_live_connections_open",
        "Live WebSocket connections open.", true),
    /** Unplanned reconnects. */
    LIVE_RECONNECTS(31, "live reconnects", "station_live_reconnects", "Unplanned reconnects.", false),
    /** Make-before-break connection replacements. */
    LIVE_ROLLOVERS(32, "live rollovers", "station_live_rollovers", "Make-before-break connection replacements.", false),
    /** Books that went stale and resynced. */
    LIVE_RESYNCS(33, "live resyncs", "station_live_resyncs", "Books that went stale and resynced.", false),
    /** Books in the LIVE state. */
    LIVE_BOOKS_LIVE(34, "live books LIVE", "station_live_books_live", "Books in the LIVE state.", true),
    /** REST depth snapshots requested. */
    LIVE_SNAPSHOT_REQUESTS(35, "live snapshot requests", "station_live_snapshot_requests",
        "REST depth snapshots requested.", false),
    /** REST depth snapshot requests that failed. */
    LIVE_SNAPSHOT_ERRORS(36, "live snapshot errors", "station_live_snapshot_errors",
        "REST depth snapshot requests that failed.", false),
    /** Instruments waiting for a snapshot. */
    LIVE_SNAPSHOTS_PENDING(37, "live snapshots pending", "station_live_snapshots_pending",
        "Instruments waiting for a REST snapshot.", true),
    /** Peak REST weight per minute used on one venue (the key names the venue). */
    LIVE_WEIGHT_PEAK(38, "live weight peak per 1m", "station_live_weight_peak",
        "Peak REST weight per minute used on the venue.", true),
    THREAD_CPU_NS(40, "thread cpu ns", "station_thread_cpu_seconds",
        "CPU time of the station thread (schedstat), exported in seconds.", false),
    THREAD_RUN_DELAY_NS(41, "thread run-queue delay ns", "station_thread_run_delay_seconds",
        "Time the thread was runnable but waited for a CPU (schedstat), exported in seconds.", false),
    THREAD_VOLUNTARY_SWITCHES(42, "thread voluntary ctx switches", "station_thread_voluntary_context_switches",
        "Context switches the thread asked for (blocking, parking).", false),
    THREAD_INVOLUNTARY_SWITCHES(43, "thread involuntary ctx switches",
        "station_thread_involuntary_context_switches", "Context switches forced on the thread (preemption).", false),
    THREAD_MINOR_FAULTS(44, "thread minor faults", "station_thread_minor_faults",
        "Minor page faults of the thread.", false),
    THREAD_MAJOR_FAULTS(45, "thread major faults", "station_thread_major_faults",
        "Major page faults (disk reads) of the thread.", false),
    THREAD_MIGRATIONS(46, "thread migrations", "station_thread_migrations",
        "Moves of the thread from one CPU to another (sched, where the kernel exposes it).", false),
    THREAD_LAST_CPU(47, "thread last cpu", "station_thread_last_cpu", "CPU the thread last ran on.", true),
    THREAD_PINNED(48, "thread pinned (0/1)", "station_thread_pinned",
        "1 when the thread was pinned and its affinity read back equal to the request.", true),
    MEMORY_LOCKED_BYTES(49, "memory locked bytes", "station_memory_locked_bytes",
        "VmLck of the station process (mlockall).", true);

    private static final StationCounter[] BY_TYPE_ID = new StationCounter[64];

    static
    {
        for (final StationCounter c : values())
        {
            if (BY_TYPE_ID[c.typeId] != null)
            {
                throw new IllegalStateException("type id " + c.typeId + " used twice");
            }
            BY_TYPE_ID[c.typeId] = c;
        }
    }

    private final int typeId;
    private final String label;
    private final String metricName;
    private final String help;
    private final boolean gauge;

    StationCounter(
        final int typeId, final String label, final String metricName, final String help, final boolean gauge)
    {
        this.typeId = typeId;
        this.label = label;
        this.metricName = metricName;
        this.help = help;
        this.gauge = gauge;
    }

    /**
     * @param typeId a counter's type id.
     * @return its definition, or null for a type this version does not know.
     */
    public static StationCounter ofTypeId(final int typeId)
    {
        return typeId >= 0 && typeId < BY_TYPE_ID.length ? BY_TYPE_ID[typeId] : null;
    }

    /** @return the type id stored in the counter's metadata. */
    public int typeId()
    {
        return typeId;
    }

    /** @return the label (a per-venue counter's label ends with the venue id). */
    public String label()
    {
        return label;
    }

    /**
     * @return the Prometheus metric name without the {@code _total} a counter gets on exposition;
     * a per-venue metric ends with {@code _<venue>}.
     */
    public String metricName()
    {
        return metricName;
    }

    /** @return the metric's help text. */
    public String help()
    {
        return help;
    }

    /** @return true for a level (gauge), false for a count that only grows. */
    public boolean gauge()
    {
        return gauge;
    }

    /** @return true when there is one counter per venue, keyed by the venue id. */
    public boolean perVenue()
    {
        return this == LIVE_WEIGHT_PEAK;
    }

    /** @return true for a counter kept per station thread (its key and label end with the thread's role). */
    public boolean perThread()
    {
        return typeId >= THREAD_CPU_NS.typeId && typeId <= THREAD_PINNED.typeId;
    }
}
