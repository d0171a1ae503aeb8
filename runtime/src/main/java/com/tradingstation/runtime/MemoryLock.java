package com.tradingstation.runtime;

import com.sun.jna.LastErrorException;

import java.nio.file.Path;

/**
 * {@code mlockall(MCL_CURRENT | MCL_FUTURE)}: every page the process maps now or later stays in RAM,
 * so the hot path never waits on a page brought back from swap, and pages are faulted in at lock
 * time rather than on first touch. Pair it with a fixed heap ({@code -Xms} = {@code -Xmx}) and
 * {@code -XX:+AlwaysPreTouch}, so the whole heap is mapped, touched and locked at start-up instead of
 * growing (and faulting) under load; see docs/OPERATIONS.md.
 */
public final class MemoryLock
{
    private MemoryLock()
    {
    }

    /**
     * Lock all current and future pages.
     *
     * @return the outcome, with {@code VmLck} read back.
     */
    public static Result lockAll()
    {
        try
        {
            LibC.Holder.INSTANCE.mlockall(LibC.MCL_CURRENT | LibC.MCL_FUTURE);
            return new Result(true, 0, "", lockedBytes(), limit());
        }
        catch (final LastErrorException ex)
        {
            return new Result(false, ex.getErrorCode(), explain(ex.getErrorCode(), limit()), lockedBytes(), limit());
        }
        catch (final UnsatisfiedLinkError | NoClassDefFoundError ex)
        {
            return new Result(false, -1, "mlockall: cannot call libc (JNA): " + ex.getMessage(), lockedBytes(),
                limit());
        }
    }

    /**
     * @param errno the error of {@code mlockall}.
     * @param limit the soft RLIMIT_MEMLOCK as {@code /proc/self/limits} shows it.
     * @return one line: the cause and how to fix it.
     */
    static String explain(final int errno, final String limit)
    {
        final String fix = "raise it: `ulimit -l unlimited` in the shell that starts the station, "
            + "LimitMEMLOCK=infinity in its systemd unit, or memlock in /etc/security/limits.conf";
        if (errno == LibC.EPERM)
        {
            return "mlockall failed: EPERM, not permitted (RLIMIT_MEMLOCK is " + limit
                + " and the process lacks CAP_IPC_LOCK); " + fix;
        }
        if (errno == LibC.ENOMEM)
        {
            return "mlockall failed: ENOMEM, the process maps more than RLIMIT_MEMLOCK (" + limit
                + ") allows to lock; " + fix + " (or lower -Xmx)";
        }
        return "mlockall failed: errno " + errno + " (RLIMIT_MEMLOCK " + limit + ")";
    }

    /** @return {@code VmLck} of this process in bytes, from {@code /proc/self/status}; -1 when unreadable. */
    public static long lockedBytes()
    {
        final long kb = ProcFiles.number(ProcFiles.read(Path.of("/proc/self/status")), "VmLck");
        return kb < 0 ? -1 : kb * 1024;
    }

    /** @return the soft RLIMIT_MEMLOCK ({@code unlimited} or bytes), from {@code /proc/self/limits}. */
    public static String limit()
    {
        for (final String line : ProcFiles.read(Path.of("/proc/self/limits")).split("\n"))
        {
            if (line.startsWith("Max locked memory"))
            {
                final String[] cols = line.substring("Max locked memory".length()).trim().split("\\s+");
                return cols.length > 0 ? (cols[0].equals("unlimited") ? "unlimited" : cols[0] + " bytes") : "?";
            }
        }
        return "unknown";
    }

    /**
     * What {@code mlockall} did.
     *
     * @param locked      true when the call succeeded.
     * @param errno       its errno, 0 on success, -1 when libc could not be called.
     * @param message     empty, or the one-line cause and fix.
     * @param lockedBytes {@code VmLck} after the call, -1 when unreadable.
     * @param limit       the soft RLIMIT_MEMLOCK.
     */
    public record Result(boolean locked, int errno, String message, long lockedBytes, String limit)
    {
    }
}
