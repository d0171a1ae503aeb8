package com.tradingstation.ops.alloc;

import com.tradingstation.ops.RedisInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads another process's counters from {@code /proc/<pid>}: page faults from {@code stat},
 * resident memory from {@code status}, and context switches summed over {@code task/*}/status (a
 * redis-server has a main thread plus its bio and jemalloc background threads, and the
 * process-level {@code status} counts only the main one). Off Linux, or once the process is gone,
 * every field is -1. Stateless.
 */
public final class ProcessProbe
{
    private static final Path PROC = Path.of("/proc");
    /** Fields of {@code /proc/<pid>/stat} after the command name: state is field 3, minflt 10, majflt 12. */
    private static final int MINFLT_AFTER_COMM = 10 - 3;
    private static final int MAJFLT_AFTER_COMM = 12 - 3;

    private ProcessProbe()
    {
    }

    /**
     * @param pid a process id.
     * @return its counters now, -1 where unreadable.
     */
    public static ProcessCounters read(final long pid)
    {
        return read(PROC, pid);
    }

    static ProcessCounters read(final Path proc, final long pid)
    {
        final Path dir = proc.resolve(Long.toString(pid));
        final String stat = text(dir.resolve("stat"));
        final String status = text(dir.resolve("status"));
        if (stat == null || status == null)
        {
            return ProcessCounters.UNKNOWN;
        }
        long voluntary = 0;
        long involuntary = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(dir.resolve("task")))
        {
            for (final Path task : tasks)
            {
                final String s = text(task.resolve("status"));
                if (s != null)
                {
                    final RedisInfo fields = RedisInfo.parse(s);
                    voluntary += Math.max(0, fields.number("voluntary_ctxt_switches"));
                    involuntary += Math.max(0, fields.number("nonvoluntary_ctxt_switches"));
                }
            }
        }
        catch (final IOException | RuntimeException gone)
        {
            voluntary = -1;
            involuntary = -1;
        }
        return new ProcessCounters(voluntary, involuntary, statField(stat, MINFLT_AFTER_COMM),
            statField(stat, MAJFLT_AFTER_COMM), rssBytes(status));
    }

    /** The command name in parentheses may hold spaces; fields are counted from after its ')'. */
    private static long statField(final String stat, final int indexAfterComm)
    {
        final int close = stat.lastIndexOf(')');
        if (close < 0)
        {
            return -1;
        }
        final String[] f = stat.substring(close + 1).strip().split("\\s+");
        return indexAfterComm < f.length ? RedisInfo.integerOrMinusOne(f[indexAfterComm]) : -1;
    }

    private static long rssBytes(final String status)
    {
        final String v = RedisInfo.parse(status).text("VmRSS");
        if (v == null || !v.endsWith("kB"))
        {
            return -1;
        }
        final long kb = RedisInfo.integerOrMinusOne(v.substring(0, v.length() - 2).strip());
        return kb < 0 ? -1 : kb * 1024;
    }

    private static String text(final Path p)
    {
        try
        {
            return Files.readString(p, StandardCharsets.US_ASCII);
        }
        catch (final IOException | RuntimeException e)
        {
            return null;
        }
    }
}
