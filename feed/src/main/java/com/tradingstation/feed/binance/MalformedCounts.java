package com.tradingstation.feed.binance;

import java.util.Arrays;

/**
 * Messages skipped as malformed, per {@link MalformedReason} and per instrument they could be
 * blamed on.
 * <p>
 * Threading: written by the decoding thread. Allocation: none after construction.
 */
final class MalformedCounts
{
    private final long[] byReason = new long[MalformedReason.values().length];
    private final long[] byInstrument;

    /**
     * @param instrumentCapacity how many instruments there can be.
     */
    MalformedCounts(final int instrumentCapacity)
    {
        byInstrument = new long[instrumentCapacity];
    }

    /**
     * Count one malformed message.
     *
     * @param reason       why.
     * @param instrumentId the instrument it belongs to, or -1 when unknown.
     */
    void record(final MalformedReason reason, final int instrumentId)
    {
        byReason[reason.ordinal()]++;
        if (instrumentId >= 0)
        {
            byInstrument[instrumentId]++;
        }
    }

    long count(final MalformedReason reason)
    {
        return byReason[reason.ordinal()];
    }

    long total()
    {
        long sum = 0;
        for (final long m : byReason)
        {
            sum += m;
        }
        return sum;
    }

    long forInstrument(final int instrumentId)
    {
        return byInstrument[instrumentId];
    }

    void reset()
    {
        Arrays.fill(byReason, 0);
        Arrays.fill(byInstrument, 0);
    }
}
