package com.tradingstation.runtime;

/** A child process that locks its memory and prints the outcome on one line (for {@link MemoryLockTest}). */
public final class MemoryLockProbe
{
    private MemoryLockProbe()
    {
    }

    /**
     * @param args none.
     */
    public static void main(final String[] args)
    {
        final long before = MemoryLock.lockedBytes();
        final MemoryLock.Result r = MemoryLock.lockAll();
        System.out.println("locked=" + r.locked() + " errno=" + r.errno() + " before=" + before + " vmlck="
            + r.lockedBytes() + " limit=" + r.limit() + " message=" + r.message());
    }
}
