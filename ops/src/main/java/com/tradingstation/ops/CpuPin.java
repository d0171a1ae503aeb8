package com.tradingstation.ops;

/**
 * The outcome of pinning a measuring thread to one CPU.
 *
 * @param requestedCpu the CPU asked for, or -1 when no pin was requested.
 * @param pinned       true only when the thread's Cpus_allowed_list was read back as exactly that CPU.
 * @param cpusAllowed  the Cpus_allowed_list read back after the attempt (null when unknown).
 * @param message      one line for humans.
 */
public record CpuPin(int requestedCpu, boolean pinned, String cpusAllowed, String message)
{
    /**
     * @param cpusAllowed where the unpinned thread may run.
     * @return the outcome when no pin was requested.
     */
    public static CpuPin none(final String cpusAllowed)
    {
        return new CpuPin(-1, false, cpusAllowed, "not pinned (no --cpu); the thread may run on " + cpusAllowed);
    }
}
