package com.tradingstation.runtime;

import java.nio.file.Path;

/**
 * What a thread has cost the host so far, from {@code /proc/self/task/<tid>/}: {@code schedstat}
 * (CPU time and run-queue delay, in ns), {@code status} (context switches), {@code stat} (page
 * faults and the CPU it last ran on) and {@code sched} (migrations; present when the kernel has
 * {@code CONFIG_SCHED_DEBUG}, else -1). Reading allocates: do it from a housekeeping thread, never
 * from the thread being measured.
 *
 * @param tid                  the thread.
 * @param cpuNs                time on a CPU.
 * @param runDelayNs           time runnable but waiting for a CPU.
 * @param voluntarySwitches    context switches the thread asked for.
 * @param involuntarySwitches  context switches forced on it.
 * @param minorFaults          minor page faults.
 * @param majorFaults          major page faults.
 * @param migrations           CPU migrations, -1 when the kernel does not say.
 * @param lastCpu              the CPU it last ran on, -1 when unknown.
 */
public record ThreadCosts(
    int tid, long cpuNs, long runDelayNs, long voluntarySwitches, long involuntarySwitches, long minorFaults,
    long majorFaults, long migrations, int lastCpu)
{
    /**
     * @param tid a thread of this process.
     * @return its costs, or null when the thread has ended.
     */
    public static ThreadCosts read(final int tid)
    {
        final Path dir = Path.of("/proc/self/task/" + tid);
        final String stat = ProcFiles.read(dir.resolve("stat"));
        if (stat.isEmpty())
        {
            return null;
        }
        // Fields after the parenthesised name (which may hold spaces): state is field 3.
        final String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        final long minflt = field(f, 10);
        final long majflt = field(f, 12);
        final int processor = (int)field(f, 39);
        final String[] sched = ProcFiles.read(dir.resolve("schedstat")).trim().split(" ");
        final String status = ProcFiles.read(dir.resolve("status"));
        return new ThreadCosts(tid,
            sched.length > 1 ? Long.parseLong(sched[0]) : -1,
            sched.length > 1 ? Long.parseLong(sched[1]) : -1,
            ProcFiles.number(status, "voluntary_ctxt_switches"),
            ProcFiles.number(status, "nonvoluntary_ctxt_switches"),
            minflt, majflt,
            ProcFiles.number(ProcFiles.read(dir.resolve("sched")), "se.nr_migrations"),
            processor);
    }

    // stat field n (1-based, as proc(5) numbers them), given the fields from 3 (state) on.
    private static long field(final String[] fromState, final int n)
    {
        final int i = n - 3;
        return i >= 0 && i < fromState.length ? Long.parseLong(fromState[i]) : -1;
    }
}
