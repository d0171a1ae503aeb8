package com.tradingstation.app;

import java.io.PrintWriter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The status line {@code station run} logs to stderr every period: the station's rates since the
 * previous line, from the station's housekeeping thread.
 */
final class StatusLine implements AutoCloseable
{
    private final StationRuntime runtime;
    private final PrintWriter err;
    private final boolean threads;
    private ScheduledFuture<?> task;
    private long lastEvents;
    private long lastUpdates;
    private long lastWrites;
    private long lastNs;

    /**
     * @param runtime the station whose counters are shown.
     * @param err     where the lines go.
     * @param threads true to add the per-thread costs.
     */
    StatusLine(final StationRuntime runtime, final PrintWriter err, final boolean threads)
    {
        this.runtime = runtime;
        this.err = err;
        this.threads = threads;
    }

    /**
     * @param periodMs time between two lines.
     */
    void start(final long periodMs)
    {
        lastNs = System.nanoTime();
        task = runtime.housekeeping().scheduleAtFixedRate(this::print, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    private void print()
    {
        final long nowNs = System.nanoTime();
        final long events = runtime.events();
        final long updates = runtime.updates();
        final long writeCount = runtime.sink().writeCount();
        final double seconds = Math.max(1e-9, (nowNs - lastNs) / 1e9);
        err.println(runtime.statusLine(events - lastEvents, updates - lastUpdates, writeCount - lastWrites, seconds) +
            (threads ? runtime.threadCosts().statusFragment() : ""));
        err.flush();
        lastEvents = events;
        lastUpdates = updates;
        lastWrites = writeCount;
        lastNs = nowNs;
    }

    @Override
    public void close()
    {
        if (task != null)
        {
            task.cancel(false);
        }
    }
}
