package com.tradingstation.app;

import com.tradingstation.ops.MonitorSettings;
import picocli.CommandLine.Option;

/**
 * Picocli mixin for how the Redis latency commands measure ({@code station monitor}, {@code gate},
 * {@code dashboard}): {@code --samples N} and {@code --interval-us U}. The command gives the default
 * sample count, the dashboard taking fewer because it measures once a frame.
 */
final class Sampling
{
    @Option(names = "--samples", paramLabel = "N",
        description = "Samples per operation in each measurement (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--interval-us", paramLabel = "U", defaultValue = "" + MonitorSettings.DEFAULT_INTERVAL_US,
        description = "Planned gap between sends in microseconds; 0 = back to back (default ${DEFAULT-VALUE}).")
    long intervalUs;

    /**
     * @param defaultSamples {@code --samples} when the flag is not given.
     */
    Sampling(final int defaultSamples)
    {
        samples = defaultSamples;
    }

    /**
     * @param warmupSamples samples sent before the measured ones.
     * @param cpu           CPU of the measuring thread, -1 for none.
     * @return the monitor settings of these options.
     * @throws IllegalArgumentException on values out of range.
     */
    MonitorSettings settings(final int warmupSamples, final int cpu)
    {
        return new MonitorSettings(samples, intervalUs, warmupSamples, cpu);
    }
}
