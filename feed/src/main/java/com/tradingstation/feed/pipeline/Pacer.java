package com.tradingstation.feed.pipeline;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a message's planned time, for every paced source (a replay at {@code --rate}, the
 * benchmark's source): park while far ahead, spin only the last stretch. The kernel wakes a parked
 * thread some 50-60 µs late, so parking stops 65 µs before the time; spinning from further out made a
 * source at 10,000 lines/s take a whole core from the station (its book thread then waited 3.5 s for
 * a CPU in a 7 s run, docs/PERFORMANCE.md).
 */
public final class Pacer
{
    private static final long PARK_WHEN_AHEAD_NS = 70_000;
    private static final long WAKE_BEFORE_NS = 65_000;

    private Pacer()
    {
    }

    /**
     * @param plannedNs the planned {@link System#nanoTime()}.
     * @param stopped   true when the wait should end early (create it once: it is polled).
     * @return {@link System#nanoTime()} when the wait ended (at or after the planned time unless stopped).
     */
    public static long awaitPlanned(final long plannedNs, final BooleanSupplier stopped)
    {
        long now;
        while ((now = System.nanoTime()) < plannedNs && !stopped.getAsBoolean())
        {
            if (plannedNs - now > PARK_WHEN_AHEAD_NS)
            {
                LockSupport.parkNanos(plannedNs - now - WAKE_BEFORE_NS);
            }
            else
            {
                Thread.onSpinWait();
            }
        }
        return now;
    }
}
