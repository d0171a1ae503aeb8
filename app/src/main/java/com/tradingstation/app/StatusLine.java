package com.tradingstation.app;

import java.io.PrintWriter;
import java.util.Timer;
import java.util.TimerTask;

/**
 * The status line {@code station run} logs to stderr every period: the station's rates since the
 * previous line, from a daemon thread of its own.
 */
final class StatusLine implements AutoCloseable
{
    private final StationRuntime runtime;
    private final PrintWriter err;
    private final Timer timer = new Timer("station-status", true);
    private long lastEvents;
    private long lastUpdates;
    private long lastWrites;
    private long lastNs;

    /**
     * @param runtime the station whose counters are shown.
     * @param err     where the lines go.
     */
    StatusLine(final StationRuntime runtime, final PrintWriter err)
    {
        this.runtime = runtime;
        this.err = err;
    }

    /**
     * @param periodMs time between two lines.
     */
    void start(final long periodMs)
    {
        lastNs = System.nanoTime();
        timer.scheduleAtFixedRate(new TimerTask()
        {
            @Override
            public void run()
            {
                print();
            }
        }, periodMs, periodMs);
    }

    private void print()
    {
        final long nowNs = System.nanoTime();
        final long events = runtime.events();
        final long updates = runtime.updates();
        final long writeCount = runtime.sink().writeCount();
        final double seconds = Math.max(1e-9, (nowNs - lastNs) / 1e9);
        err.println(runtime.statusLine(events - lastEvents, updates - lastUpdates, writeCount - lastWrites, seconds));
        err.flush();
        lastEvents = events;
        lastUpdates = updates;
        lastWrites = writeCount;
        lastNs = nowNs;
    }

    @Override
    public void close()
    {
        timer.cancel();
    }
}
