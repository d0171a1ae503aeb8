package com.tradingstation.ops;

/**
 * What {@link Monitor} measures and how.
 *
 * @param samples        samples per operation (PING, SET, XADD) and PINGs in the throughput burst.
 * @param intervalUs     planned gap between two sends in microseconds; 0 is closed loop.
 * @param warmupSamples  unrecorded operations of each kind sent first (JIT, connection, caches).
 * @param cpu            CPU to pin the measuring thread to, or -1 for no pin.
 */
public record MonitorSettings(int samples, long intervalUs, int warmupSamples, int cpu)
{
    /** The original's RTT_COUNT. */
    public static final int DEFAULT_SAMPLES = 2000;
    /**
     * 1 ms (a 1 kHz sender): a scheduler stall is then charged to fewer of the 2000 samples; measured
     * here, stalls land mostly in p99.9 and max at 1 ms and in p99 at 100 µs (docs/OPERATIONS.md).
     */
    public static final long DEFAULT_INTERVAL_US = 1000;
    /** Unrecorded operations of each kind before measuring. */
    public static final int DEFAULT_WARMUP = 500;

    /**
     * @throws IllegalArgumentException on values out of range.
     */
    public MonitorSettings
    {
        if (samples < 1 || samples > 10_000_000)
        {
            throw new IllegalArgumentException("--samples must be 1..10000000, got " + samples);
        }
        if (intervalUs < 0 || intervalUs > 1_000_000)
        {
            throw new IllegalArgumentException("--interval-us must be 0..1000000, got " + intervalUs);
        }
        if (warmupSamples < 0)
        {
            throw new IllegalArgumentException("warm-up must be >= 0");
        }
        if (cpu < -1 || cpu > 4095)
        {
            throw new IllegalArgumentException("--cpu must be a CPU number, got " + cpu);
        }
    }

    /** @return the defaults: 2000 samples at 1000 µs, 500 warm-up operations, no pin. */
    public static MonitorSettings defaults()
    {
        return new MonitorSettings(DEFAULT_SAMPLES, DEFAULT_INTERVAL_US, DEFAULT_WARMUP, -1);
    }

}
