package com.tradingstation.ops.alloc;

/**
 * Cumulative counters of one process at one instant, from {@code /proc/<pid>/status} and
 * {@code /proc/<pid>/stat}; -1 where the file could not be read (not Linux, process gone).
 *
 * @param voluntaryCtxSwitches   {@code voluntary_ctxt_switches}, summed over the process's threads.
 * @param involuntaryCtxSwitches {@code nonvoluntary_ctxt_switches}, summed over the threads.
 * @param minorFaults            {@code minflt} of {@code stat}.
 * @param majorFaults            {@code majflt} of {@code stat}.
 * @param rssBytes               {@code VmRSS}.
 */
public record ProcessCounters(
    long voluntaryCtxSwitches, long involuntaryCtxSwitches, long minorFaults, long majorFaults, long rssBytes)
{
    /** Nothing could be read. */
    public static final ProcessCounters UNKNOWN = new ProcessCounters(-1, -1, -1, -1, -1);
}
