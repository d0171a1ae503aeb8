package com.tradingstation.ops;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What Linux knows about the calling thread, read from {@code /proc/thread-self}: its kernel thread
 * id, the CPUs it may run on, its context switches and migrations, plus its CPU time from the JVM.
 * Every method reads the <em>calling</em> thread; values that the platform does not expose are -1
 * (or null for text). Stateless and thread-safe.
 */
public final class ThreadProbe
{
    private static final Path SELF = Path.of("/proc/thread-self");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ThreadProbe()
    {
    }

    /**
     * A point-in-time reading of the calling thread's counters.
     *
     * @param cpuTimeNs         CPU time consumed by the thread, or -1.
     * @param voluntarySwitches voluntary_ctxt_switches (the thread blocked), or -1.
     * @param involuntarySwitches nonvoluntary_ctxt_switches (the thread was preempted), or -1.
     * @param migrations        se.nr_migrations from /proc/thread-self/sched, or -1 when the kernel
     *                          does not expose it.
     */
    public record Counters(long cpuTimeNs, long voluntarySwitches, long involuntarySwitches, long migrations)
    {
        /**
         * @param earlier an earlier reading of the same thread.
         * @return the differences, -1 where either side is unknown.
         */
        public Counters minus(final Counters earlier)
        {
            return new Counters(diff(cpuTimeNs, earlier.cpuTimeNs), diff(voluntarySwitches, earlier.voluntarySwitches),
                diff(involuntarySwitches, earlier.involuntarySwitches), diff(migrations, earlier.migrations));
        }

        private static long diff(final long a, final long b)
        {
            return a < 0 || b < 0 ? -1 : a - b;
        }
    }

    /** @return the calling thread's counters now. */
    public static Counters counters()
    {
        final String status = read(SELF.resolve("status"));
        final String sched = read(SELF.resolve("sched"));
        long cpu = -1;
        if (THREADS.isCurrentThreadCpuTimeSupported())
        {
            cpu = THREADS.getCurrentThreadCpuTime();
        }
        return new Counters(cpu, field(status, "voluntary_ctxt_switches"), field(status, "nonvoluntary_ctxt_switches"),
            field(sched, "se.nr_migrations"));
    }

    /** @return the calling thread's kernel thread id, or -1 off Linux. */
    public static long tid()
    {
        try
        {
            // /proc/thread-self -> "<pid>/task/<tid>"
            final String link = Files.readSymbolicLink(SELF).toString();
            return Long.parseLong(link.substring(link.lastIndexOf('/') + 1));
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }

    /** @return Cpus_allowed_list of the calling thread (e.g. {@code "0-1"}), or null off Linux. */
    public static String cpusAllowed()
    {
        final String status = read(SELF.resolve("status"));
        return status == null ? null : text(status, "Cpus_allowed_list");
    }

    /**
     * Pins the calling thread to one CPU with {@code taskset -p -c CPU TID} and verifies the pin by
     * reading back the thread's own Cpus_allowed_list.
     *
     * @param cpu the CPU number.
     * @return what happened; never throws.
     */
    public static CpuPin pin(final int cpu)
    {
        final long tid = tid();
        if (tid < 0)
        {
            return new CpuPin(cpu, false, cpusAllowed(),
                "cannot pin: /proc/thread-self is not available on this platform");
        }
        final String before = cpusAllowed();
        try
        {
            final Process p = new ProcessBuilder("taskset", "-p", "-c", Integer.toString(cpu), Long.toString(tid))
                .redirectErrorStream(true).start();
            final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(5, TimeUnit.SECONDS))
            {
                p.destroyForcibly();
                return new CpuPin(cpu, false, before, "taskset did not finish within 5 s");
            }
            final String after = cpusAllowed();
            if (Integer.toString(cpu).equals(after))
            {
                return new CpuPin(cpu, true, after,
                    "pinned thread " + tid + " to CPU " + cpu + " (verified: Cpus_allowed_list " + after + ")");
            }
            final String why = out.isEmpty() ? "exit " + p.exitValue() : out.lines().reduce((a, b) -> b).orElse(out);
            return new CpuPin(cpu, false, after,
                "could not pin to CPU " + cpu + ": taskset said '" + why + "'; the thread may run on " + after);
        }
        catch (final IOException ex)
        {
            return new CpuPin(cpu, false, before,
                "could not pin to CPU " + cpu + ": taskset not runnable (" + ex.getMessage() + ")");
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return new CpuPin(cpu, false, before, "could not pin to CPU " + cpu + ": interrupted");
        }
    }

    /** @return the highest CPU the calling thread may run on (the conventional measurement CPU), or -1. */
    public static int lastAllowedCpu()
    {
        final String list = cpusAllowed();
        if (list == null || list.isBlank())
        {
            return -1;
        }
        int max = -1;
        for (final String part : list.split(","))
        {
            final String hi = part.contains("-") ? part.substring(part.indexOf('-') + 1) : part;
            max = Math.max(max, Integer.parseInt(hi.trim()));
        }
        return max;
    }

    private static String read(final Path p)
    {
        try
        {
            return Files.readString(p, StandardCharsets.US_ASCII);
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }

    private static String text(final String doc, final String key)
    {
        for (final String line : doc.split("\n"))
        {
            final int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(key))
            {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static long field(final String doc, final String key)
    {
        if (doc == null)
        {
            return -1;
        }
        return RedisInfo.integerOrMinusOne(text(doc, key));
    }
}
