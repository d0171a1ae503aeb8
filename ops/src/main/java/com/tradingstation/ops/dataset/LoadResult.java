package com.tradingstation.ops.dataset;

/**
 * What a load wrote.
 *
 * @param keys       keys written.
 * @param valueBytes bytes of values written (keys not counted).
 * @param nanos      wall time of the load.
 */
public record LoadResult(long keys, long valueBytes, long nanos)
{
    /** @return keys written per second. */
    public double keysPerSecond()
    {
        return nanos == 0 ? 0 : keys * 1e9 / nanos;
    }
}
