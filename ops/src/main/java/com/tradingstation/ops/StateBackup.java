package com.tradingstation.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Backups of a station home's state: one zip archive {@code station-state-<yyyyMMdd-HHmmss>Z.zip}
 * holding the ledger and its rotated files ({@code logs/gate-decisions*.log}), the thresholds
 * ({@code config/*.env}) and everything under {@code state/}, by paths relative to the home.
 *
 * <p>Symbolic links are never followed out of the home: a link to a file inside the home is
 * archived with the content of that file, a link to anything outside (and any linked directory) is
 * skipped and reported. The archive is written beside its final name and renamed into place, so a
 * failed backup leaves no partial archive. Retention goes by the time in an archive's name, not its
 * modification time, so a copied archive keeps its age.
 */
public final class StateBackup
{
    /** Default retention: the handbook's "keep the last 30 days". */
    public static final int DEFAULT_RETENTION_DAYS = 30;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
    private static final Pattern NAME = Pattern.compile("station-state-(\\d{8}-\\d{6})Z(?:-(\\d{1,4}))?\\.zip");

    private StateBackup()
    {
    }

    /**
     * What a backup wrote.
     *
     * @param archive the archive.
     * @param entries its entries, relative paths with {@code /}.
     * @param bytes   the archive's size.
     * @param skipped paths left out (links out of the home, linked directories, unreadable files), with why.
     */
    public record Written(Path archive, List<String> entries, long bytes, List<String> skipped)
    {
    }

    /**
     * One archive of a backup directory.
     *
     * @param file  the archive.
     * @param time  the time in its name.
     * @param bytes its size.
     */
    public record Archive(Path file, Instant time, long bytes)
    {
    }

    /**
     * What a verification found.
     *
     * @param entries entries read whole with a matching CRC.
     * @param damaged one line per damage found (empty when the archive is sound).
     */
    public record Verified(int entries, List<String> damaged)
    {
        /** @return whether nothing was damaged. */
        public boolean ok()
        {
            return damaged.isEmpty();
        }
    }

    /**
     * @param home  the station home.
     * @param dest  the backup directory (created when missing).
     * @param clock the time the archive is named after.
     * @return what was written.
     * @throws IOException when the archive cannot be written.
     */
    public static Written create(final Path home, final Path dest, final Clock clock) throws IOException
    {
        final Path root = home.toRealPath();
        Files.createDirectories(dest);
        final Path destReal = dest.toRealPath();
        final List<Path> files = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();
        collect(root, root.resolve("logs"), "gate-decisions*.log", files, skipped);
        collect(root, root.resolve("config"), "*.env", files, skipped);
        final Path state = root.resolve("state");
        if (Files.isDirectory(state, LinkOption.NOFOLLOW_LINKS))
        {
            try (Stream<Path> walk = Files.walk(state))
            {
                for (final Path p : (Iterable<Path>)walk.sorted()::iterator)
                {
                    if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && !p.startsWith(destReal))
                    {
                        add(root, p, files, skipped);
                    }
                }
            }
        }
        final Path target = freeName(destReal, clock.instant());
        final Path tmp = destReal.resolve("." + target.getFileName() + ".tmp");
        final List<String> entries = new ArrayList<>();
        try
        {
            try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(os))
            {
                for (final Path f : files)
                {
                    final String name = entryName(root, f);
                    final ZipEntry e = new ZipEntry(name);
                    e.setLastModifiedTime(Files.getLastModifiedTime(f));
                    zip.putNextEntry(e);
                    try (InputStream in = Files.newInputStream(f))
                    {
                        in.transferTo(zip);
                    }
                    zip.closeEntry();
                    entries.add(name);
                }
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        }
        finally
        {
            Files.deleteIfExists(tmp);
        }
        return new Written(target, List.copyOf(entries), Files.size(target), List.copyOf(skipped));
    }

    private static void collect(final Path root, final Path dir, final String glob, final List<Path> files,
        final List<String> skipped) throws IOException
    {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS))
        {
            return;
        }
        final List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob))
        {
            s.forEach(found::add);
        }
        found.sort(null);
        for (final Path p : found)
        {
            add(root, p, files, skipped);
        }
    }

    /** Adds a regular file, or a link that resolves to a regular file inside the home; reports the rest. */
    private static void add(final Path root, final Path p, final List<Path> files, final List<String> skipped)
    {
        final String name = entryName(root, p);
        if (!Files.isSymbolicLink(p))
        {
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
            {
                files.add(p);
            }
            return;
        }
        try
        {
            final Path real = p.toRealPath();
            if (!real.startsWith(root))
            {
                skipped.add(name + ": a link out of the home (" + real + ")");
            }
            else if (!Files.isRegularFile(real))
            {
                skipped.add(name + ": a link to a directory");
            }
            else
            {
                files.add(p);
            }
        }
        catch (final IOException ex)
        {
            skipped.add(name + ": a dangling link");
        }
    }

    private static String entryName(final Path root, final Path p)
    {
        return root.relativize(p).toString().replace('\\', '/');
    }

    private static Path freeName(final Path dest, final Instant now)
    {
        final String stamp = STAMP.format(now.atZone(ZoneOffset.UTC));
        Path target = dest.resolve("station-state-" + stamp + "Z.zip");
        for (int seq = 2; Files.exists(target); seq++)
        {
            target = dest.resolve("station-state-" + stamp + "Z-" + seq + ".zip");
        }
        return target;
    }

    /**
     * @param dest a backup directory.
     * @return its archives (by name), oldest first; empty when the directory does not exist.
     * @throws IOException when it cannot be listed.
     */
    public static List<Archive> list(final Path dest) throws IOException
    {
        final List<Archive> out = new ArrayList<>();
        if (!Files.isDirectory(dest))
        {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dest, "station-state-*.zip"))
        {
            for (final Path p : s)
            {
                final Instant t = nameTime(p.getFileName().toString());
                final BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
                if (t != null && a.isRegularFile())
                {
                    out.add(new Archive(p, t, a.size()));
                }
            }
        }
        out.sort(Comparator.comparing(Archive::time).thenComparing(a -> a.file().getFileName().toString()));
        return out;
    }

    /**
     * @param name an archive's file name.
     * @return the time in it, or null when it is not an archive name.
     */
    static Instant nameTime(final String name)
    {
        final Matcher m = NAME.matcher(name);
        if (!m.matches())
        {
            return null;
        }
        try
        {
            return LocalDateTime.parse(m.group(1), STAMP).toInstant(ZoneOffset.UTC);
        }
        catch (final DateTimeParseException ex)
        {
            return null;
        }
    }

    /**
     * Deletes the archives whose name is older than the retention.
     *
     * @param dest          the backup directory.
     * @param retentionDays days to keep, at least 1.
     * @param clock         what now is.
     * @return the archives deleted, oldest first.
     * @throws IOException when one cannot be deleted.
     */
    public static List<Archive> prune(final Path dest, final int retentionDays, final Clock clock) throws IOException
    {
        if (retentionDays < 1)
        {
            throw new IllegalArgumentException("--retention-days must be >= 1, got " + retentionDays);
        }
        final Instant cutoff = clock.instant().minus(Duration.ofDays(retentionDays));
        final List<Archive> deleted = new ArrayList<>();
        for (final Archive a : list(dest))
        {
            if (a.time().isBefore(cutoff))
            {
                Files.deleteIfExists(a.file());
                deleted.add(a);
            }
        }
        return deleted;
    }

    /**
     * Reads every entry whole, twice: through the central directory, checking each CRC, and from the
     * local headers in file order, checking that they name the same entries.
     *
     * @param archive the archive.
     * @return what was found.
     * @throws NoSuchFileException when there is no such file.
     */
    public static Verified verify(final Path archive) throws NoSuchFileException
    {
        if (!Files.isRegularFile(archive))
        {
            throw new NoSuchFileException(archive.toString());
        }
        final List<String> damaged = new ArrayList<>();
        final List<String> central = new ArrayList<>();
        int sound = 0;
        try (ZipFile zip = new ZipFile(archive.toFile()))
        {
            final Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements())
            {
                final ZipEntry e = entries.nextElement();
                central.add(e.getName());
                if (e.getName().startsWith("/") || e.getName().contains(".."))
                {
                    damaged.add(e.getName() + ": not a relative path inside the home");
                }
                try (InputStream in = zip.getInputStream(e))
                {
                    final long crc = crc(in);
                    if (crc != e.getCrc())
                    {
                        damaged.add(String.format(Locale.ROOT, "%s: CRC %08x, expected %08x", e.getName(), crc,
                            e.getCrc()));
                    }
                    else
                    {
                        sound++;
                    }
                }
                catch (final IOException ex)
                {
                    damaged.add(e.getName() + ": " + reason(ex));
                }
            }
        }
        catch (final IOException ex)
        {
            damaged.add("not a readable zip archive: " + reason(ex));
            return new Verified(0, List.copyOf(damaged));
        }
        final List<String> local = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(archive)))
        {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry())
            {
                local.add(e.getName());
                crc(in); // ZipInputStream checks each entry's CRC as it reaches the entry's end
            }
        }
        catch (final IOException ex)
        {
            damaged.add("local entries: " + reason(ex));
        }
        if (damaged.isEmpty() && !local.equals(central))
        {
            damaged.add("the local headers name " + local + ", the directory " + central);
        }
        return new Verified(sound, List.copyOf(damaged));
    }

    private static long crc(final InputStream in) throws IOException
    {
        final CRC32 crc = new CRC32();
        final byte[] buf = new byte[8192];
        for (int n = in.read(buf); n >= 0; n = in.read(buf))
        {
            crc.update(buf, 0, n);
        }
        return crc.getValue();
    }

    private static String reason(final IOException ex)
    {
        final String m = ex.getMessage();
        return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m;
    }
}
