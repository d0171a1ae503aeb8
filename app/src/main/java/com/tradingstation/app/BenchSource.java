package com.tradingstation.app;

import com.tradingstation.core.thread.ThreadRole;
import com.tradingstation.feed.pipeline.Pacer;
import com.tradingstation.feed.pipeline.StationPipeline;
import com.tradingstation.runtime.StationThreads;

import java.util.List;
import java.util.function.BooleanSupplier;

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
    private final BooleanSupplier stop = () -> stopped;
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
            final long now = Pacer.awaitPlanned(planned, stop);
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
