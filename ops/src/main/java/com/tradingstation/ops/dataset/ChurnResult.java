package com.tradingstation.ops.dataset;

/**
 * What a churn phase sent.
 *
 * @param sets   SET ... EX commands.
 * @param xadds  XADD ... MAXLEN ~ commands.
 * @param nanos  wall time of the phase.
 */
public record ChurnResult(long sets, long xadds, long nanos)
{
    /** @return commands of all kinds. */
    public long commands()
    {
        return sets + xadds;
    }

    /** @return commands per second achieved. */
    public double opsPerSecond()
    {
        return nanos == 0 ? 0 : commands() * 1e9 / nanos;
    }
}
