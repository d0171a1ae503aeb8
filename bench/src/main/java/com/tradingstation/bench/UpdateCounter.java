package com.tradingstation.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Level updates applied; JMH reports the field as a rate (level updates/s).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class UpdateCounter
{
    /** Level updates this iteration. */
    public long updates;

    /** Reset at each iteration. */
    @Setup(Level.Iteration)
    public void clear()
    {
        updates = 0;
    }
}
