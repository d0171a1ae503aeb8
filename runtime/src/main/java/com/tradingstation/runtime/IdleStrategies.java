package com.tradingstation.runtime;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Agrona's idle strategies by the names used in config and on the command line.
 * <ul>
 * <li>{@code busy-spin}: never gives the CPU up (lowest wake-up latency; burns a whole core, so only
 * on a pinned, preferably isolated, CPU);</li>
 * <li>{@code yielding}: {@code Thread.yield()} between polls;</li>
 * <li>{@code backoff} or {@code backoff:N}: spins, then yields, then parks from 1 µs doubling up to N µs
 * (default 1,000, Agrona's);</li>
 * <li>{@code sleeping} or {@code sleeping:N}: parks N µs (default 100) between polls.</li>
 * </ul>
 */
public final class IdleStrategies
{
    /** The default of every agent: spins, yields, then parks 1 µs..1 ms. */
    public static final String DEFAULT = "backoff";

    /** The names, for help texts. */
    public static final String NAMES = "busy-spin, yielding, backoff[:MAX_PARK_MICROS], sleeping[:MICROS]";

    private IdleStrategies()
    {
    }

    /**
     * @param name a strategy's name.
     * @return a new instance (strategies keep state: one per agent).
     * @throws IllegalArgumentException naming the strategies when the name is none of them.
     */
    public static IdleStrategy of(final String name)
    {
        final String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n)
        {
            case "busy-spin":
                return new BusySpinIdleStrategy();
            case "yielding":
                return new YieldingIdleStrategy();
            case "backoff":
                return new BackoffIdleStrategy();
            case "sleeping":
                return new SleepingIdleStrategy(TimeUnit.MICROSECONDS.toNanos(100));
            default:
                if (n.startsWith("backoff:"))
                {
                    return new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(1),
                        TimeUnit.MICROSECONDS.toNanos(micros(name, n.substring(8))));
                }
                if (n.startsWith("sleeping:"))
                {
                    return new SleepingIdleStrategy(TimeUnit.MICROSECONDS.toNanos(micros(name, n.substring(9))));
                }
                throw new IllegalArgumentException("unknown idle strategy '" + name + "' (" + NAMES + ")");
        }
    }

    private static long micros(final String name, final String text)
    {
        try
        {
            final long us = Long.parseLong(text.trim());
            if (us > 0)
            {
                return us;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        throw new IllegalArgumentException("idle strategy '" + name + "': the time must be a positive number of µs");
    }
}
