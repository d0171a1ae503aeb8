package com.tradingstation.app;

import picocli.CommandLine.Option;

import java.util.concurrent.TimeUnit;

/**
 * Picocli mixin for {@code --interval-ms MS} of the commands that print a line or a table every
 * period until stopped ({@code station stat}, {@code station udp-monitor}).
 */
final class PrintPeriod
{
    @Option(names = "--interval-ms", paramLabel = "MS", defaultValue = "1000",
        description = "Print period (default ${DEFAULT-VALUE}).")
    long intervalMs;

    /**
     * @param minMs the shortest period the command allows.
     * @throws IllegalArgumentException when the period is shorter (a usage error).
     */
    void check(final long minMs)
    {
        if (intervalMs < minMs)
        {
            throw new IllegalArgumentException("--interval-ms must be " + (minMs == 1 ? "positive" : ">= " + minMs));
        }
    }

    /** @return the period in nanoseconds. */
    long nanos()
    {
        return TimeUnit.MILLISECONDS.toNanos(intervalMs);
    }
}
