package com.tradingstation.ops;

import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends one operation at a fixed interval and records each latency from its <em>planned</em> send
 * time, so a stall delays the following sends and is charged to them too (no coordinated
 * omission): sample i is planned at {@code start + i × interval}; if the previous answer came back
 * late, the next send goes out at once and its latency includes the wait.
 *
 * <p>An interval of 0 is closed-loop (back to back, each sample from its own send), the way
 * {@code redis-benchmark -c 1} measures. Waits spin for the last 200 µs before a planned send
 * (parking would wake tens of microseconds late) and park before that. Runs on the calling thread;
 * allocates nothing per sample beyond what the operation itself allocates.
 */
public final class PacedSampler
{
    /** Waits spin for this long before a planned send and park before. */
    public static final long SPIN_NS = TimeUnit.MICROSECONDS.toNanos(200);
    private static final long HIGHEST_NS = TimeUnit.SECONDS.toNanos(60);

    /** One timed operation; throws what the client throws. */
    @FunctionalInterface
    public interface TimedOp
    {
        /** Sends the operation and waits for its answer. */
        void run();
    }

    private PacedSampler()
    {
    }

    /**
     * @return a histogram for nanosecond latencies up to 60 s, three significant digits.
     */
    public static Histogram newHistogram()
    {
        return new Histogram(HIGHEST_NS, 3);
    }

    /**
     * @param op         the operation.
     * @param samples    how many to record (at most {@code samplesNs.length}).
     * @param intervalNs planned gap between sends; 0 for closed loop.
     * @param histogram  receives each latency in nanoseconds.
     * @param samplesNs  receives each latency in send order.
     * @return the wall time the run took, in nanoseconds.
     */
    public static long run(final TimedOp op, final int samples, final long intervalNs, final Histogram histogram,
        final long[] samplesNs)
    {
        final long start = System.nanoTime();
        for (int i = 0; i < samples; i++)
        {
            final long planned;
            if (intervalNs == 0)
            {
                planned = System.nanoTime();
            }
            else
            {
                planned = start + i * intervalNs;
                waitUntil(planned);
            }
            op.run();
            final long latency = System.nanoTime() - planned;
            histogram.recordValue(Math.min(latency, HIGHEST_NS));
            samplesNs[i] = latency;
        }
        return System.nanoTime() - start;
    }

    private static void waitUntil(final long deadlineNs)
    {
        parkUntil(deadlineNs);
        spinUntil(deadlineNs);
    }

    /**
     * Parks until at most {@link #SPIN_NS} before the deadline (returns at once when already that close).
     *
     * @param deadlineNs a {@link System#nanoTime()} instant.
     */
    public static void parkUntil(final long deadlineNs)
    {
        long remaining = deadlineNs - System.nanoTime();
        while (remaining > SPIN_NS)
        {
            LockSupport.parkNanos(remaining - SPIN_NS);
            remaining = deadlineNs - System.nanoTime();
        }
    }

    /**
     * Spins until the deadline.
     *
     * @param deadlineNs a {@link System#nanoTime()} instant.
     */
    public static void spinUntil(final long deadlineNs)
    {
        while (deadlineNs - System.nanoTime() > 0)
        {
            Thread.onSpinWait();
        }
    }
}
