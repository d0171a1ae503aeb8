package com.tradingstation.ops.tail;

import java.time.Duration;

/**
 * How {@link TailSampler} samples.
 *
 * @param rate       planned PINGs per second.
 * @param samples    how many samples to record.
 * @param duration   the duration asked for (samples = rate × duration), or null when given by count.
 * @param cpu        the CPU to pin the measuring thread to, or -1.
 * @param worst      how many of the worst events the report keeps.
 * @param warmup     unrecorded PINGs sent back to back first.
 */
public record TailSettings(int rate, long samples, Duration duration, int cpu, int worst, int warmup)
{
    /** Default planned PINGs per second (the monitor's 1 ms interval). */
    public static final int DEFAULT_RATE = 1000;
    /** Default duration. */
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);
    /** Default count of worst events kept. */
    public static final int DEFAULT_WORST = 20;
    /** Unrecorded PINGs before measuring (as the monitor). */
    public static final int DEFAULT_WARMUP = 500;
    private static final long MAX_SAMPLES = 1_000_000_000L;

    /**
     * @throws IllegalArgumentException on values out of range, naming the option.
     */
    public TailSettings
    {
        if (rate < 1 || rate > 100_000)
        {
            throw new IllegalArgumentException("--rate must be 1..100000 per second, got " + rate);
        }
        if (samples < 1 || samples > MAX_SAMPLES)
        {
            throw new IllegalArgumentException("--samples must be 1.." + MAX_SAMPLES + ", got " + samples);
        }
        if (cpu < -1 || cpu > 4095)
        {
            throw new IllegalArgumentException("--cpu must be a CPU number, got " + cpu);
        }
        if (worst < 0 || worst > 10_000)
        {
            throw new IllegalArgumentException("--worst must be 0..10000, got " + worst);
        }
        if (warmup < 0)
        {
            throw new IllegalArgumentException("warm-up must be >= 0");
        }
    }

    /**
     * @param rate     planned PINGs per second.
     * @param samples  a count, or null.
     * @param duration a duration, or null; with both, the run stops at whichever comes first; with
     *                 neither, {@link #DEFAULT_DURATION}.
     * @param cpu      CPU or -1.
     * @param worst    worst events kept.
     * @return the settings.
     * @throws IllegalArgumentException on values out of range.
     */
    public static TailSettings of(final int rate, final Long samples, final Duration duration, final int cpu,
        final int worst)
    {
        final Duration d = duration == null && samples == null ? DEFAULT_DURATION : duration;
        if (d != null && (d.isNegative() || d.isZero()))
        {
            throw new IllegalArgumentException("--duration must be positive");
        }
        long n = samples == null ? Long.MAX_VALUE : samples;
        if (d != null)
        {
            n = Math.min(n, Math.max(1, d.toMillis() * Math.max(1, Math.min(rate, 100_000)) / 1000));
        }
        return new TailSettings(rate, n, d, cpu, worst, DEFAULT_WARMUP);
    }

    /** @return the planned gap between sends in nanoseconds. */
    public long intervalNs()
    {
        return 1_000_000_000L / rate;
    }
}
