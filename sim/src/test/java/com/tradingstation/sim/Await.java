package com.tradingstation.sim;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition with a deadline (tests never sleep as synchronization).
 */
final class Await
{
    private Await()
    {
    }

    /**
     * @param what      description for the failure.
     * @param timeout   deadline.
     * @param condition the condition.
     */
    static void until(final String what, final Duration timeout, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
