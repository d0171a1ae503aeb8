package com.tradingstation.feed.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the public recorder format that {@link CaptureReader} reads: one message per line,
 * {@code <receive ns> <json>}, gzip, rotated to a new file by size or by age. Files written in one
 * run form one session and replay in name order.
 * <p>
 * Threading: one writing thread; {@link #close()} from that thread or after it stopped.
 */
public final class CaptureWriter implements AutoCloseable
{
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
        .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final String prefix;
    private final long rotateBytes;
    private final long rotateNanos;
    private final List<Path> files = new ArrayList<>();
    private final byte[] digits = new byte[24];
    private OutputStream out;
    private long fileBytes;
    private long fileStartNs;
    private long lines;
    private long bytes;
    private IOException failure;

    /**
     * @param dir         directory (created when missing).
     * @param prefix      file name prefix.
     * @param rotateBytes start a new file after this many uncompressed bytes (0 = never).
     * @param rotateNanos start a new file after this long (0 = never).
     */
    public CaptureWriter(final Path dir, final String prefix, final long rotateBytes, final long rotateNanos)
    {
        this.dir = dir;
        this.prefix = prefix;
        this.rotateBytes = rotateBytes;
        this.rotateNanos = rotateNanos;
    }

    /**
     * Write one line. A write failure is kept (see {@link #failure()}) and later lines are dropped.
     *
     * @param receiveTimeNs epoch ns.
     * @param buffer        JSON bytes.
     * @param offset        start.
     * @param length        length.
     */
    public void write(final long receiveTimeNs, final byte[] buffer, final int offset, final int length)
    {
        write(receiveTimeNs, null, buffer, offset, length);
    }

    /**
     * Write one line whose JSON object gets a leading field inserted (a REST snapshot gets its
     * symbol, so a session of many symbols replays each snapshot onto the right book).
     *
     * @param receiveTimeNs epoch ns.
     * @param leadingField  e.g. {@code "symbol":"BTCUSDT"}, or null.
     * @param buffer        JSON object bytes.
     * @param offset        start ('{').
     * @param length        length.
     */
    public void write(
        final long receiveTimeNs, final String leadingField, final byte[] buffer, final int offset, final int length)
    {
        if (failure != null)
        {
            return;
        }
        try
        {
            final long now = System.nanoTime();
            if (out == null || (rotateBytes > 0 && fileBytes >= rotateBytes) ||
                (rotateNanos > 0 && now - fileStartNs >= rotateNanos))
            {
                rotate(now);
            }
            final int n = number(receiveTimeNs);
            out.write(digits, digits.length - n, n);
            out.write(' ');
            int written = n + 2;
            if (leadingField != null && length > 1 && buffer[offset] == '{')
            {
                final byte[] field = leadingField.getBytes(StandardCharsets.UTF_8);
                out.write('{');
                out.write(field);
                out.write(',');
                out.write(buffer, offset + 1, length - 1);
                written += length + field.length + 1;
            }
            else
            {
                out.write(buffer, offset, length);
                written += length;
            }
            out.write('\n');
            fileBytes += written;
            bytes += written;
            lines++;
        }
        catch (final IOException ex)
        {
            failure = ex;
        }
    }

    private int number(final long value)
    {
        long v = Math.max(0, value);
        int i = digits.length;
        do
        {
            digits[--i] = (byte)('0' + (v % 10));
            v /= 10;
        }
        while (v != 0);
        return digits.length - i;
    }

    private void rotate(final long nowNs) throws IOException
    {
        closeFile();
        Files.createDirectories(dir);
        final Path file = dir.resolve(String.format("%s-%s-%03d.jsonl.gz", prefix,
            STAMP.format(java.time.Instant.now()), files.size()));
        out = new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(file), 64 * 1024), 256 * 1024);
        files.add(file);
        fileBytes = 0;
        fileStartNs = nowNs;
    }

    private void closeFile() throws IOException
    {
        if (out != null)
        {
            out.close();
            out = null;
        }
    }

    /** @return files written so far, in order. */
    public List<Path> files()
    {
        return List.copyOf(files);
    }

    /** @return lines written. */
    public long lines()
    {
        return lines;
    }

    /** @return uncompressed bytes written. */
    public long bytes()
    {
        return bytes;
    }

    /** @return the first write failure, or null. */
    public IOException failure()
    {
        return failure;
    }

    @Override
    public void close() throws IOException
    {
        closeFile();
        if (failure != null)
        {
            throw failure;
        }
    }
}
