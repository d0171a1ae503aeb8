package com.tradingstation.ops.tail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The cheap per-sample reading of one thread's scheduling counters: its run-queue wait (second field
 * of {@code /proc/self/task/TID/schedstat}, ns) and its involuntary context switches
 * ({@code nonvoluntary_ctxt_switches} of {@code .../status}). Both files stay open and are re-read
 * from offset 0 into one buffer, parsed in place: a reading allocates nothing. Values the platform
 * does not give are -1. One per measuring thread, used by that thread only.
 */
final class ThreadSched implements AutoCloseable
{
    private static final byte[] INVOLUNTARY = "nonvoluntary_ctxt_switches:".getBytes(StandardCharsets.US_ASCII);

    private final Path task;
    private final FileChannel schedstat;
    private final FileChannel status;
    private final ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);

    private ThreadSched(final Path task, final FileChannel schedstat, final FileChannel status)
    {
        this.task = task;
        this.schedstat = schedstat;
        this.status = status;
    }

    /**
     * @param tid the kernel thread id (of this process), or -1.
     * @return a reader; one that reads -1 when the files cannot be opened.
     */
    static ThreadSched open(final long tid)
    {
        final Path task = Path.of("/proc/self/task/" + tid);
        return new ThreadSched(task, channel(task.resolve("schedstat")), channel(task.resolve("status")));
    }

    /** @return the thread's run-queue wait so far in ns, or -1. */
    long runDelayNs()
    {
        if (!fill(schedstat))
        {
            return -1;
        }
        // "<on-cpu ns> <run-queue ns> <timeslices>"
        int i = 0;
        final int n = buffer.limit();
        while (i < n && buffer.get(i) != ' ')
        {
            i++;
        }
        return number(i + 1);
    }

    /** @return the thread's involuntary context switches so far, or -1. */
    long involuntarySwitches()
    {
        if (!fill(status))
        {
            return -1;
        }
        final int n = buffer.limit() - INVOLUNTARY.length;
        for (int i = 0; i <= n; i++)
        {
            int k = 0;
            while (k < INVOLUNTARY.length && buffer.get(i + k) == INVOLUNTARY[k])
            {
                k++;
            }
            if (k == INVOLUNTARY.length && (i == 0 || buffer.get(i - 1) == '\n'))
            {
                return number(i + k);
            }
        }
        return -1;
    }

    /** @return the CPU the thread last ran on (field 39 of {@code stat}), or -1. Allocates; not per sample. */
    int lastCpu()
    {
        try
        {
            final String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
            final String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            // fields after the command start at field 3; processor is field 39
            return Integer.parseInt(f[39 - 3]);
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }

    @Override
    public void close()
    {
        for (final FileChannel c : new FileChannel[] {schedstat, status})
        {
            if (c != null)
            {
                try
                {
                    c.close();
                }
                catch (final IOException ignored)
                {
                    // read-only /proc file
                }
            }
        }
    }

    private boolean fill(final FileChannel c)
    {
        if (c == null)
        {
            return false;
        }
        buffer.clear();
        try
        {
            long pos = 0;
            int r;
            while (buffer.hasRemaining() && (r = c.read(buffer, pos)) > 0)
            {
                pos += r;
            }
        }
        catch (final IOException ex)
        {
            return false;
        }
        buffer.flip();
        return buffer.limit() > 0;
    }

    private long number(final int from)
    {
        int i = from;
        final int n = buffer.limit();
        while (i < n && (buffer.get(i) == ' ' || buffer.get(i) == '\t'))
        {
            i++;
        }
        long v = 0;
        boolean any = false;
        while (i < n && buffer.get(i) >= '0' && buffer.get(i) <= '9')
        {
            v = v * 10 + (buffer.get(i) - '0');
            any = true;
            i++;
        }
        return any ? v : -1;
    }

    private static FileChannel channel(final Path p)
    {
        try
        {
            return FileChannel.open(p, StandardOpenOption.READ);
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }
}
