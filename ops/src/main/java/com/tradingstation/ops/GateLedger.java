package com.tradingstation.ops;

import com.tradingstation.json.JsonReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The audit ledger of gate decisions: one JSON object per line, appended, never rewritten.
 *
 * <p><b>Appends</b> are serialized across processes by an exclusive {@link FileLock} on the file
 * and, within this JVM (where file locks are per process), by a lock per file. Under the lock the
 * whole line, newline included, goes out in one positional {@code write} at the end of the file
 * and is forced to disk before the lock is released, so readers and later writers see whole lines
 * only. If the file does not end in a newline (a writer was killed mid-line), the same write
 * starts with one, so a torn line never glues onto the next decision.
 *
 * <p>Before each append the ledger is rotated when due ({@link LedgerRotation}: by size, or at the
 * first append of a new month), so it never grows without bound.
 *
 * <p><b>Reads</b> never fail on content: lines that are not a JSON object are skipped and counted
 * by line number, and an unterminated, unparsable last line is reported as torn. Thread-safe.
 */
public final class GateLedger
{
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private GateLedger()
    {
    }

    /**
     * What a read found.
     *
     * @param entries      the decisions, in file order.
     * @param badLines     1-based numbers of lines that were skipped (not a JSON object).
     * @param tornLastLine whether the last line had no newline and did not parse (a killed writer).
     */
    public record Contents(List<Map<String, Object>> entries, List<Integer> badLines, boolean tornLastLine)
    {
    }

    /**
     * Appends one line.
     *
     * @param file     the ledger (parent directories are created).
     * @param jsonLine one JSON object, without newline.
     * @throws IOException when the file cannot be written.
     * @throws IllegalArgumentException when the line contains a newline.
     */
    public static void append(final Path file, final String jsonLine) throws IOException
    {
        if (jsonLine.indexOf('\n') >= 0 || jsonLine.indexOf('\r') >= 0)
        {
            throw new IllegalArgumentException("a ledger line must not contain a line break");
        }
        final Path abs = file.toAbsolutePath().normalize();
        if (abs.getParent() != null)
        {
            Files.createDirectories(abs.getParent());
        }
        LedgerRotation.rotateIfDue(abs, LedgerRotation.MAX_BYTES, Clock.systemUTC());
        final ReentrantLock local = inProcessLock(abs);
        local.lock();
        // One descriptor only: POSIX drops a process's fcntl locks on a file when *any* of its
        // descriptors for that file is closed, so a second channel for reading would unlock us.
        try (FileChannel ch = FileChannel.open(abs, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
             FileLock ignored = ch.lock())
        {
            final long end = ch.size();
            final boolean repair = end > 0 && lastByte(ch, end) != '\n';
            final byte[] line = ((repair ? "\n" : "") + jsonLine + "\n").getBytes(StandardCharsets.UTF_8);
            final ByteBuffer buf = ByteBuffer.wrap(line);
            long at = end;
            while (buf.hasRemaining())
            {
                at += ch.write(buf, at);
            }
            ch.force(false);
        }
        finally
        {
            local.unlock();
        }
    }

    /**
     * @param abs a ledger, absolute and normalized.
     * @return the lock this JVM's writers (and rotation, {@link LedgerRotation}) take before the file lock.
     */
    static ReentrantLock inProcessLock(final Path abs)
    {
        return IN_PROCESS.computeIfAbsent(abs, p -> new ReentrantLock());
    }

    private static byte lastByte(final FileChannel ch, final long size) throws IOException
    {
        final ByteBuffer last = ByteBuffer.allocate(1);
        ch.read(last, size - 1);
        return last.get(0);
    }

    /**
     * @param file the ledger.
     * @return its decisions; an absent file reads as empty.
     * @throws IOException when it exists but cannot be read.
     */
    public static Contents read(final Path file) throws IOException
    {
        final String text;
        try
        {
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final NoSuchFileException ex)
        {
            return new Contents(List.of(), List.of(), false);
        }
        return parse(text);
    }

    /**
     * @param text ledger lines.
     * @return the decisions, skipped line numbers and whether the last line is torn.
     */
    static Contents parse(final String text)
    {
        final List<Map<String, Object>> entries = new ArrayList<>();
        final List<Integer> bad = new ArrayList<>();
        boolean torn = false;
        int start = 0;
        int lineNo = 0;
        while (start < text.length())
        {
            lineNo++;
            final int nl = text.indexOf('\n', start);
            final boolean terminated = nl >= 0;
            final String line = text.substring(start, terminated ? nl : text.length());
            start = terminated ? nl + 1 : text.length();
            if (line.isBlank())
            {
                continue;
            }
            try
            {
                entries.add(JsonReader.parseObject(line));
            }
            catch (final IllegalArgumentException ex)
            {
                bad.add(lineNo);
                torn |= !terminated;
            }
        }
        return new Contents(List.copyOf(entries), List.copyOf(bad), torn);
    }
}
