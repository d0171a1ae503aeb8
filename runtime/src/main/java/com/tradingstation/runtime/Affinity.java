package com.tradingstation.runtime;

import com.sun.jna.LastErrorException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU affinity of single threads: {@code sched_setaffinity(0, ...)} on the thread itself, read back
 * with {@code sched_getaffinity} and from {@code /proc/self/task/<tid>/status}.
 * <p>
 * Isolated CPUs ({@code isolcpus=}, listed in {@code /sys/devices/system/cpu/isolated}) are outside
 * the affinity every process inherits, so a thread lands on them only when pinned there explicitly;
 * {@link #check} accepts them for that reason, and the scheduler then never moves anything else onto
 * them nor balances the pinned thread away. Pinning two threads to one isolated CPU makes them share
 * it with no load balancing at all: give each hot thread its own.
 */
public final class Affinity
{
    private static final int MASK_WORDS = CpuSet.MAX_CPUS / 64;

    private Affinity()
    {
    }

    /**
     * @return the kernel thread id of the calling thread (from the {@code /proc/thread-self} link), or -1.
     */
    public static int currentTid()
    {
        try
        {
            final String target = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
            return Integer.parseInt(target.substring(target.lastIndexOf('/') + 1));
        }
        catch (final IOException | UnsupportedOperationException | NumberFormatException | SecurityException ex)
        {
            return -1;
        }
    }

    /**
     * @param tid a thread of this process.
     * @return its {@code Cpus_allowed_list} as {@code /proc/self/task/<tid>/status} shows it (empty if unreadable).
     */
    public static CpuSet procAllowed(final int tid)
    {
        final String list = ProcFiles.field(
            ProcFiles.read(Path.of("/proc/self/task/" + tid + "/status")), "Cpus_allowed_list");
        return list == null ? CpuSet.parse("") : CpuSet.parse(list);
    }

    /**
     * @return the CPUs this process may run on now, as its main thread's status shows them (no native call).
     */
    public static CpuSet processAllowed()
    {
        final String list = ProcFiles.field(ProcFiles.read(Path.of("/proc/self/status")), "Cpus_allowed_list");
        return list == null ? CpuSet.online() : CpuSet.parse(list);
    }

    /**
     * Whether a thread may be pinned to a CPU set on this host.
     *
     * @param role      the thread's role, for the message.
     * @param requested the CPUs asked for.
     * @param allowed   the process's allowed CPUs ({@link #processAllowed()} before anything is pinned).
     * @param online    the CPUs the kernel has ({@link CpuSet#online()}).
     * @param isolated  the isolated CPUs ({@link CpuSet#isolated()}).
     * @return null when it may, else the one-line reason.
     */
    public static String check(
        final String role, final CpuSet requested, final CpuSet allowed, final CpuSet online, final CpuSet isolated)
    {
        if (requested.isEmpty())
        {
            return "--cpu " + role + ": no CPU given";
        }
        final CpuSet missing = requested.minus(online);
        if (!missing.isEmpty())
        {
            return "--cpu " + role + "=" + requested + ": CPU " + missing + " does not exist on this host (online: "
                + online + ")";
        }
        final CpuSet refused = requested.minus(allowed.union(isolated));
        if (!refused.isEmpty())
        {
            return "--cpu " + role + "=" + requested + ": CPU " + refused + " is not allowed for this process"
                + " (allowed: " + allowed + "; a cgroup cpuset or taskset limits it)";
        }
        return null;
    }

    /**
     * @return the calling thread's affinity through {@code sched_getaffinity(0)}.
     * @throws IllegalStateException when the call fails.
     */
    public static CpuSet current()
    {
        final long[] mask = new long[MASK_WORDS];
        try
        {
            LibC.Holder.INSTANCE.sched_getaffinity(0, MASK_WORDS * 8L, mask);
        }
        catch (final LastErrorException ex)
        {
            throw new IllegalStateException("sched_getaffinity failed: errno " + ex.getErrorCode(), ex);
        }
        return CpuSet.ofMask(mask);
    }

    /**
     * Pin the calling thread and read the result back both ways.
     *
     * @param role the thread's role, for the report.
     * @param cpus where it may run.
     * @return what was asked and what the kernel reports; {@link Placement#ok()} when both read-backs equal the ask.
     */
    public static Placement pinCurrentThread(final String role, final CpuSet cpus)
    {
        final int tid = currentTid();
        try
        {
            LibC.Holder.INSTANCE.sched_setaffinity(0, MASK_WORDS * 8L, cpus.toMask(MASK_WORDS));
        }
        catch (final LastErrorException ex)
        {
            final String why = ex.getErrorCode() == LibC.EINVAL ?
                "EINVAL (none of those CPUs is usable by this thread)" :
                ex.getErrorCode() == LibC.EPERM ? "EPERM (not permitted)" : "errno " + ex.getErrorCode();
            return new Placement(role, tid, Thread.currentThread().getName(), cpus, procAllowed(tid),
                procAllowed(tid), false, "sched_setaffinity " + cpus + ": " + why);
        }
        catch (final UnsatisfiedLinkError | NoClassDefFoundError ex)
        {
            return new Placement(role, tid, Thread.currentThread().getName(), cpus, procAllowed(tid),
                procAllowed(tid), false, "cannot call libc (JNA): " + ex.getMessage());
        }
        final CpuSet effective = current();
        final CpuSet proc = procAllowed(tid);
        final boolean ok = effective.equals(cpus) && proc.equals(cpus);
        return new Placement(role, tid, Thread.currentThread().getName(), cpus, effective, proc, ok,
            ok ? "" : "read back " + effective + " (sched_getaffinity) and " + proc + " (/proc), asked " + cpus);
    }

    /**
     * Where a thread runs, as placed and read back.
     *
     * @param role      the thread's role.
     * @param tid       its kernel thread id.
     * @param name      its Java name.
     * @param requested the CPUs asked for, or empty when it was not pinned.
     * @param effective {@code sched_getaffinity} after the pin (or the inherited affinity).
     * @param proc      {@code Cpus_allowed_list} from {@code /proc/self/task/<tid>/status}.
     * @param ok        true when pinned and both read-backs equal the request.
     * @param problem   empty, or why it is not as asked.
     */
    public record Placement(
        String role, int tid, String name, CpuSet requested, CpuSet effective, CpuSet proc, boolean ok,
        String problem)
    {
        /**
         * @param role the thread's role.
         * @return the placement of the calling thread that was not pinned: it keeps the inherited affinity.
         */
        public static Placement unpinned(final String role)
        {
            final int tid = currentTid();
            final CpuSet proc = procAllowed(tid);
            return new Placement(role, tid, Thread.currentThread().getName(), CpuSet.parse(""), proc, proc, false,
                "");
        }

        /** @return true when a CPU set was asked for this thread. */
        public boolean pinned()
        {
            return !requested.isEmpty();
        }
    }
}
