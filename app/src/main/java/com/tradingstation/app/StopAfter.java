package com.tradingstation.app;

import picocli.CommandLine.Option;

/**
 * Picocli mixin for {@code --duration SECONDS} of the commands that otherwise run until Ctrl-C
 * ({@code station exchange-sim}, {@code station udp-monitor}).
 */
final class StopAfter
{
    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after S seconds (default: until Ctrl-C).")
    Double seconds;

    /**
     * @throws IllegalArgumentException when {@code --duration} is given and not positive (a usage error).
     */
    void check()
    {
        if (seconds != null && !(seconds > 0))
        {
            throw new IllegalArgumentException("--duration must be > 0");
        }
    }

    /**
     * @param startNs {@link System#nanoTime()} at the start.
     * @return when to stop, in {@link System#nanoTime()} terms ({@link Long#MAX_VALUE} for never).
     */
    long endNs(final long startNs)
    {
        return seconds == null ? Long.MAX_VALUE : startNs + (long)(seconds * 1e9);
    }
}
