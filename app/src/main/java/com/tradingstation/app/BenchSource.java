package com.tradingstation.app;

import com.tradingstation.core.thread.ThreadRole;
import com.tradingstation.feed.pipeline.StationPipeline;
import com.tradingstation.runtime.StationThreads;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Capture lines at a fixed rate from a thread of its own (the station's reader): line i is planned
 * at start + i / rate and handed to the decoder with its planned time as the receive time. A late
 * line goes at once and the schedule holds, so lateness accumulates into the latencies measured
 * downstream rather than vanishing (no coordinated omission).
 */
final class BenchSource implements StationPipeline.Source
{
    private final List<byte[]> lines;
    private final long intervalNs;
    private final StationPipeline pipeline;
    private final BenchProbe probe;
    private final StationThreads threads;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile long maxLateNs;

    BenchSource(
        final List<byte[]> lines, final long rate, final StationPipeline pipeline, final BenchProbe probe,
        final StationThreads threads)
    {
        this.lines = lines;
        this.intervalNs = 1_000_000_000L / rate;
        this.pipeline = pipeline;
        this.probe = probe;
        this.threads = threads;
        this.thread = new Thread(this::produce, "station-bench-source");
        this.thread.setDaemon(true);
    }

    private void produce()
    {
        threads.onStart(ThreadRole.READER.id());
        final long start = System.nanoTime() + 1_000_000;
        probe.start(start);
        long late = 0;
        for (int i = 0, n = lines.size(); i < n && !stopped; i++)
        {
            final long planned = start + i * intervalNs;
            long now;
            while ((now = System.nanoTime()) < planned)
            {
                // Park while far ahead (the kernel wakes a parked thread some 50-60 µs late), spin
                // only the last stretch: the source must not take a whole core from the station.
                if (planned - now > 70_000)
                {
                    LockSupport.parkNanos(planned - now - 65_000);
                }
                else
                {
                    Thread.onSpinWait();
                }
            }
            late = Math.max(late, now - planned);
            probe.sourced(planned, now);
            final byte[] line = lines.get(i);
            pipeline.onMessage(line, 0, line.length, planned);
        }
        maxLateNs = late;
    }

    /** @return the latest a line was handed over after its planned time (the source's own lag). */
    long maxLateNs()
    {
        return maxLateNs;
    }

    @Override
    public void start()
    {
        thread.start();
    }

    @Override
    public void awaitEnd() throws InterruptedException
    {
        thread.join();
    }

    @Override
    public void close()
    {
        stopped = true;
        try
        {
            thread.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
