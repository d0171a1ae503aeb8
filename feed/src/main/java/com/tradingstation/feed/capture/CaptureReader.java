package com.tradingstation.feed.capture;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the public recorder format: one message per line, {@code <receive ns> <json>}, or a bare
 * JSON line; gzip-compressed (detected by its magic bytes) or plain.
 * <p>
 * Lines are split in a reusable byte array, so reading allocates nothing per line (JDK readers
 * build a String per line, which is why this is written by hand). Lines longer than the bound are
 * skipped up to the next newline and reported to {@link CaptureLineHandler#onBadLine(boolean)}.
 * A UTF-8 byte-order mark before the first line is skipped.
 * Not thread-safe.
 */
public final class CaptureReader
{
    /** Default bound of one line. */
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

    private final int maxLineBytes;
    private byte[] line = new byte[1 << 20];
    private final byte[] chunk = new byte[1 << 16];
    private long lines;
    private long bytes;
    private volatile boolean stopRequested;
    private boolean streamStart;
    private long byteOrderMarks;

    /**
     * Reader with {@link #DEFAULT_MAX_LINE_BYTES}.
     */
    public CaptureReader()
    {
        this(DEFAULT_MAX_LINE_BYTES);
    }

    /**
     * @param maxLineBytes longest line accepted.
     */
    public CaptureReader(final int maxLineBytes)
    {
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Open a capture file, gunzipping when it starts with the gzip magic.
     *
     * @param file the file.
     * @return a stream of its plain bytes.
     * @throws IOException when it cannot be read.
     */
    public static InputStream open(final Path file) throws IOException
    {
        final InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        final int b0 = raw.read();
        final int b1 = raw.read();
        raw.reset();
        if (b0 == 0x1f && b1 == 0x8b)
        {
            return new GZIPInputStream(raw, 1 << 16);
        }
        return raw;
    }

    /**
     * Read every line of a file.
     *
     * @param file    the file.
     * @param handler receives the lines.
     * @throws IOException on a read error or a corrupt gzip stream.
     */
    public void read(final Path file, final CaptureLineHandler handler) throws IOException
    {
        try (InputStream in = open(file))
        {
            read(in, handler);
        }
    }

    /**
     * Read every line of a stream (not closed here).
     *
     * @param in      plain bytes.
     * @param handler receives the lines.
     * @throws IOException on a read error.
     */
    public void read(final InputStream in, final CaptureLineHandler handler) throws IOException
    {
        streamStart = true;
        int len = 0;
        boolean skipping = false;
        int n;
        while (!stopRequested && (n = in.read(chunk, 0, chunk.length)) > 0)
        {
            bytes += n;
            int start = 0;
            for (int i = 0; i < n; i++)
            {
                if (chunk[i] == '\n')
                {
                    if (skipping)
                    {
                        skipping = false;
                        len = 0;
                    }
                    else
                    {
                        final int part = i - start;
                        if (len + part > maxLineBytes)
                        {
                            handler.onBadLine(true);
                            len = 0;
                        }
                        else
                        {
                            ensure(len + part);
                            System.arraycopy(chunk, start, line, len, part);
                            len += part;
                            emit(len, handler);
                            len = 0;
                        }
                    }
                    start = i + 1;
                }
            }
            if (!skipping && start < n)
            {
                final int part = n - start;
                if (len + part > maxLineBytes)
                {
                    handler.onBadLine(true);
                    skipping = true;
                    len = 0;
                }
                else
                {
                    ensure(len + part);
                    System.arraycopy(chunk, start, line, len, part);
                    len += part;
                }
            }
        }
        if (!skipping && len > 0)
        {
            emit(len, handler);
        }
    }

    private void emit(final int length, final CaptureLineHandler handler)
    {
        int end = length;
        if (end > 0 && line[end - 1] == '\r')
        {
            end--;
        }
        int i = 0;
        if (streamStart)
        {
            streamStart = false;
            // A UTF-8 byte-order mark some editors and tools put before the first line.
            if (end >= 3 && line[0] == (byte)0xEF && line[1] == (byte)0xBB && line[2] == (byte)0xBF)
            {
                i = 3;
                byteOrderMarks++;
            }
        }
        while (i < end && (line[i] == ' ' || line[i] == '\t'))
        {
            i++;
        }
        if (i == end)
        {
            return; // blank line
        }
        lines++;
        long timeNs = 0;
        if (line[i] != '{' && line[i] != '[')
        {
            final int digitsStart = i;
            while (i < end && line[i] >= '0' && line[i] <= '9' && i - digitsStart < 19)
            {
                timeNs = timeNs * 10 + (line[i] - '0');
                i++;
            }
            if (i == digitsStart || i == end || line[i] != ' ')
            {
                handler.onBadLine(false);
                return;
            }
            while (i < end && line[i] == ' ')
            {
                i++;
            }
        }
        handler.onLine(line, i, end - i, timeNs);
    }

    private void ensure(final int capacity)
    {
        if (capacity > line.length)
        {
            int newLength = line.length;
            while (newLength < capacity)
            {
                newLength <<= 1;
            }
            line = java.util.Arrays.copyOf(line, Math.min(newLength, Math.max(capacity, maxLineBytes)));
        }
    }

    /**
     * Ask a running {@link #read} to stop after its current chunk (any thread).
     */
    public void stop()
    {
        stopRequested = true;
    }

    /** @return true once {@link #stop()} was called. */
    public boolean stopped()
    {
        return stopRequested;
    }

    /** @return streams that began with a UTF-8 byte-order mark (skipped). */
    public long byteOrderMarks()
    {
        return byteOrderMarks;
    }

    /** @return non-blank lines read. */
    public long lines()
    {
        return lines;
    }

    /** @return plain (uncompressed) bytes read. */
    public long bytes()
    {
        return bytes;
    }
}
