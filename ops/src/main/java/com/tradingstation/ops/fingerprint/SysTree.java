package com.tradingstation.ops.fingerprint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code /proc} and {@code /sys} text files under a root directory ({@code /} on a host, a
 * fixture tree in tests). Never throws: a missing file reads as {@value FingerprintItems#ABSENT},
 * one that exists but cannot be read as {@value FingerprintItems#UNREADABLE}. Stateless apart
 * from the root; thread-safe.
 */
final class SysTree
{
    private static final int READ_SIZE = 64 * 1024;

    private final Path root;

    /**
     * @param root the directory holding {@code proc} and {@code sys}.
     */
    SysTree(final Path root)
    {
        this.root = root;
    }

    /**
     * @param relative e.g. {@code proc/cmdline}.
     * @return the file's text with surrounding whitespace trimmed and runs of tabs and spaces made
     *         one space, or {@value FingerprintItems#ABSENT} / {@value FingerprintItems#UNREADABLE}.
     */
    String value(final String relative)
    {
        final String raw = raw(relative);
        return raw == null ? status(relative) : raw.strip().replaceAll("[ \\t]+", " ");
    }

    /**
     * @param relative e.g. {@code proc/cpuinfo}.
     * @return the file's text, or null when it is absent or cannot be read (then {@link #status} says which).
     */
    String raw(final String relative)
    {
        // One large read first: a sysctl answers only a read from offset 0 (a second, one-byte-in read, as
        // Files.readAllBytes makes on a file of size 0, gets the first digit alone).
        try (InputStream in = Files.newInputStream(root.resolve(relative)))
        {
            final ByteArrayOutputStream text = new ByteArrayOutputStream(READ_SIZE);
            final byte[] buf = new byte[READ_SIZE];
            int n;
            while ((n = in.read(buf)) > 0)
            {
                text.write(buf, 0, n);
            }
            return text.toString(StandardCharsets.ISO_8859_1);
        }
        catch (final IOException | SecurityException ex)
        {
            return null;
        }
    }

    /**
     * @param relative a file that {@link #raw} could not read.
     * @return {@value FingerprintItems#ABSENT} when it does not exist, else {@value FingerprintItems#UNREADABLE}.
     */
    String status(final String relative)
    {
        try
        {
            return Files.exists(root.resolve(relative)) ? FingerprintItems.UNREADABLE : FingerprintItems.ABSENT;
        }
        catch (final SecurityException ex)
        {
            return FingerprintItems.UNREADABLE;
        }
    }

    /**
     * @param relative a directory.
     * @param glob     a file name pattern, e.g. {@code cpu[0-9]*}.
     * @return the matching names, sorted naturally (cpu2 before cpu10); empty when unreadable.
     */
    List<String> list(final String relative, final String glob)
    {
        final List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root.resolve(relative), glob))
        {
            ds.forEach(p -> out.add(p.getFileName().toString()));
        }
        catch (final IOException | SecurityException ex)
        {
            return List.of();
        }
        out.sort(SysTree::natural);
        return out;
    }

    private static int natural(final String a, final String b)
    {
        final String da = a.replaceAll("\\D", "");
        final String db = b.replaceAll("\\D", "");
        final String pa = a.replaceAll("\\d", "");
        final String pb = b.replaceAll("\\d", "");
        if (!pa.equals(pb) || da.isEmpty() || db.isEmpty() || da.length() > 9 || db.length() > 9)
        {
            return a.compareTo(b);
        }
        return Integer.compare(Integer.parseInt(da), Integer.parseInt(db));
    }
}
