package com.tradingstation.ops;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rotation of a ledger ({@link GateLedger}): {@code gate-decisions.log} is renamed to
 * {@code gate-decisions-<yyyyMMdd>.log} beside it, the date being the UTC day of its last write (a
 * second rotation of the same day adds {@code -2}, {@code -3}, ...). It is due when the ledger
 * reaches {@link #MAX_BYTES}, or at the first append of a month after the one it was last written in
 * (its modification time); {@code station ledger --rotate} forces it.
 *
 * <p>Readers see one ledger: {@link #readAll} reads the rotated files oldest first and then the
 * current one, as if they were one file (line numbers count on across them), so the pass rate over
 * a window is the same whether or not a rotation fell inside it.
 *
 * <p>Rotation takes the same locks as an append (this JVM's lock, then the file lock), renames
 * under them and checks first that the path still names the file it locked (another process may
 * have rotated it meanwhile). A writer that opened the file before the rename appends its line to
 * the rotated file, which is read before the current one: no line is lost.
 */
public final class LedgerRotation
{
    /** Size at which the ledger is rotated before the next append. */
    public static final long MAX_BYTES = 8L << 20;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);

    private LedgerRotation()
    {
    }

    /**
     * One rotated file.
     *
     * @param file its path.
     * @param day  the UTC day of its last write, from its name.
     * @param seq  1 for the first rotation of that day, then 2, 3, ...
     */
    public record Rotated(Path file, LocalDate day, int seq)
    {
    }

    /**
     * @param ledger the current ledger.
     * @return its rotated files, oldest first (by day, then sequence).
     * @throws IOException when the directory cannot be listed.
     */
    public static List<Rotated> rotated(final Path ledger) throws IOException
    {
        final Path abs = ledger.toAbsolutePath().normalize();
        final Path dir = abs.getParent();
        final List<Rotated> out = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir))
        {
            return out;
        }
        final Pattern p = pattern(abs);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir))
        {
            for (final Path f : files)
            {
                final Matcher m = p.matcher(f.getFileName().toString());
                if (m.matches() && Files.isRegularFile(f))
                {
                    try
                    {
                        out.add(new Rotated(f, LocalDate.parse(m.group(1), DAY),
                            m.group(2) == null ? 1 : Integer.parseInt(m.group(2))));
                    }
                    catch (final RuntimeException ex)
                    {
                        // not a date (e.g. 20261399) or a huge sequence: not ours
                    }
                }
            }
        }
        out.sort(Comparator.comparing(Rotated::day).thenComparingInt(Rotated::seq));
        return out;
    }

    /**
     * Rotates now, whatever its size and age.
     *
     * @param ledger the current ledger.
     * @return the rotated file, or null when there was nothing to rotate (absent or empty).
     * @throws IOException when it cannot be renamed.
     */
    public static Path rotate(final Path ledger) throws IOException
    {
        return rotate(ledger.toAbsolutePath().normalize(), (size, modified) -> size > 0);
    }

    /**
     * Rotates when due: at {@code maxBytes}, or when it was last written in an earlier month than now.
     *
     * @param ledger   the current ledger.
     * @param maxBytes size at which it is due.
     * @param clock    what now is.
     * @return the rotated file, or null when it was not due.
     * @throws IOException when it cannot be renamed.
     */
    public static Path rotateIfDue(final Path ledger, final long maxBytes, final Clock clock) throws IOException
    {
        final Path abs = ledger.toAbsolutePath().normalize();
        final long size;
        final Instant modified;
        try
        {
            final BasicFileAttributes a = Files.readAttributes(abs, BasicFileAttributes.class);
            size = a.size();
            modified = a.lastModifiedTime().toInstant();
        }
        catch (final NoSuchFileException ex)
        {
            return null;
        }
        final Due due = (s, m) -> due(s, m, maxBytes, clock.instant());
        // Checked without the locks first: an append must not lock twice when nothing is due.
        return due.test(size, modified) ? rotate(abs, due) : null;
    }

    /**
     * @param size     the ledger's size.
     * @param modified its last write.
     * @param maxBytes size at which it is due.
     * @param now      now.
     * @return whether a non-empty ledger is due: at its size limit, or last written in an earlier month.
     */
    static boolean due(final long size, final Instant modified, final long maxBytes, final Instant now)
    {
        return size > 0 && (size >= maxBytes ||
            YearMonth.from(modified.atZone(ZoneOffset.UTC)).isBefore(YearMonth.from(now.atZone(ZoneOffset.UTC))));
    }

    /**
     * @param ledger the current ledger.
     * @return the rotated files oldest first and then the ledger, read as one file.
     * @throws IOException when one exists but cannot be read.
     */
    public static GateLedger.Contents readAll(final Path ledger) throws IOException
    {
        final StringBuilder text = new StringBuilder(4096);
        for (final Rotated r : rotated(ledger))
        {
            final String t = read(r.file());
            text.append(t);
            if (!t.isEmpty() && t.charAt(t.length() - 1) != '\n')
            {
                text.append('\n');
            }
        }
        text.append(read(ledger));
        return GateLedger.parse(text.toString());
    }

    /**
     * @param ledger the current ledger.
     * @return the newest PASS decision of the ledger and its rotated files, if any.
     * @throws IOException when a file exists but cannot be read.
     */
    public static Optional<Map<String, Object>> lastPass(final Path ledger) throws IOException
    {
        final List<Path> newestFirst = new ArrayList<>();
        newestFirst.add(ledger);
        final List<Rotated> rotated = rotated(ledger);
        for (int i = rotated.size() - 1; i >= 0; i--)
        {
            newestFirst.add(rotated.get(i).file());
        }
        for (final Path f : newestFirst)
        {
            final List<Map<String, Object>> entries = GateLedger.read(f).entries();
            for (int i = entries.size() - 1; i >= 0; i--)
            {
                if ("PASS".equals(entries.get(i).get("verdict")))
                {
                    return Optional.of(entries.get(i));
                }
            }
        }
        return Optional.empty();
    }

    private static String read(final Path file) throws IOException
    {
        try
        {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final NoSuchFileException ex)
        {
            return "";
        }
    }

    @FunctionalInterface
    private interface Due
    {
        boolean test(long size, Instant modified);
    }

    private static Path rotate(final Path abs, final Due due) throws IOException
    {
        final ReentrantLock local = GateLedger.inProcessLock(abs);
        local.lock();
        try
        {
            final Object key;
            try
            {
                key = Files.readAttributes(abs, BasicFileAttributes.class).fileKey();
            }
            catch (final NoSuchFileException ex)
            {
                return null;
            }
            try (FileChannel ch = FileChannel.open(abs, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock())
            {
                final BasicFileAttributes a = Files.readAttributes(abs, BasicFileAttributes.class);
                if (!Objects.equals(key, a.fileKey()) || !due.test(ch.size(), a.lastModifiedTime().toInstant()))
                {
                    return null; // rotated by another process meanwhile, or no longer due
                }
                final Path target = freeName(abs, a.lastModifiedTime().toInstant());
                Files.move(abs, target, StandardCopyOption.ATOMIC_MOVE);
                return target;
            }
            catch (final NoSuchFileException ex)
            {
                return null;
            }
        }
        finally
        {
            local.unlock();
        }
    }

    private static Path freeName(final Path abs, final Instant lastWrite)
    {
        final String[] parts = stemAndExtension(abs);
        final String day = DAY.format(lastWrite.atZone(ZoneOffset.UTC));
        Path target = abs.resolveSibling(parts[0] + "-" + day + parts[1]);
        for (int seq = 2; Files.exists(target); seq++)
        {
            target = abs.resolveSibling(parts[0] + "-" + day + "-" + seq + parts[1]);
        }
        return target;
    }

    private static Pattern pattern(final Path abs)
    {
        final String[] parts = stemAndExtension(abs);
        return Pattern.compile(Pattern.quote(parts[0]) + "-(\\d{8})(?:-(\\d{1,6}))?" + Pattern.quote(parts[1]));
    }

    /** {@code gate-decisions.log} → {@code gate-decisions}, {@code .log}; a name without a dot has no extension. */
    private static String[] stemAndExtension(final Path abs)
    {
        final String name = abs.getFileName().toString();
        final int dot = name.lastIndexOf('.');
        return dot > 0 ? new String[] {name.substring(0, dot), name.substring(dot)} : new String[] {name, ""};
    }
}
