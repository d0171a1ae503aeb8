package com.tradingstation.ops.fingerprint;

import com.tradingstation.json.JsonReader;
import com.tradingstation.json.JsonWriter;
import com.tradingstation.ops.irq.CpuMask;
import com.tradingstation.redis.RedisEndpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The runtime fingerprint of a host: every setting that shapes the station's latency (kernel,
 * CPUs, memory, sysctls, JVM, Redis), one text value per dotted key. {@link #sha256()} hashes the
 * items alone, so two fingerprints of an unchanged host hash equal whenever they are taken; the
 * time, the host name and the notes are not hashed, and nothing volatile is collected. Immutable.
 *
 * @param time  when it was taken.
 * @param host  the host name.
 * @param items the settings, sorted by key.
 * @param notes why some items could not be read (not hashed).
 */
public record Fingerprint(Instant time, String host, SortedMap<String, String> items, List<String> notes)
{
    /** Schema name and version of {@link #toJson()}. */
    public static final String SCHEMA = "station.fingerprint/1";

    /**
     * @param time  when it was taken.
     * @param host  the host name.
     * @param items the settings (copied and sorted).
     * @param notes notes (copied).
     */
    public Fingerprint
    {
        items = Collections.unmodifiableSortedMap(new TreeMap<>(items));
        notes = List.copyOf(notes);
    }

    /**
     * @param collectors the sources, in order (a later item of the same key replaces an earlier one).
     * @param time       when.
     * @param host       the host name.
     * @return what they found.
     */
    public static Fingerprint collect(final List<FingerprintCollector> collectors, final Instant time,
        final String host)
    {
        final FingerprintItems found = new FingerprintItems();
        for (final FingerprintCollector c : collectors)
        {
            c.collect(found);
        }
        return new Fingerprint(time, host, found.items(), found.notes());
    }

    /**
     * The collectors of a station fingerprint, in order.
     *
     * @param root        the directory holding {@code proc} and {@code sys}: {@code /} on a host.
     * @param jvm         the JVM's facts.
     * @param redis       the Redis, or null when there is none (its items read unavailable).
     * @param stationCpus the CPUs the station pins threads to, or null (then {@code isolcpus=} are the protected ones).
     * @return the collectors.
     */
    public static List<FingerprintCollector> collectors(final Path root, final JvmFacts jvm, final RedisEndpoint redis,
        final CpuMask stationCpus)
    {
        return List.of(new HostCollector(root), jvm, new RedisCollector(redis), new IrqCollector(root, stationCpus));
    }

    /**
     * Writes {@link #toJson()} to a file through a temporary file beside it, so a reader never sees half of it.
     *
     * @param file where (parent directories are created).
     * @throws IOException when it cannot be written.
     */
    public void write(final Path file) throws IOException
    {
        final Path abs = file.toAbsolutePath().normalize();
        Files.createDirectories(abs.getParent());
        final Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".tmp");
        try
        {
            Files.writeString(tmp, toJson() + "\n", StandardCharsets.UTF_8);
            readableByAll(tmp);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        finally
        {
            Files.deleteIfExists(tmp);
        }
    }

    /** A temporary file is the owner's only; the saved fingerprint is read by every operator, as the ledger. */
    private static void readableByAll(final Path file) throws IOException
    {
        try
        {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
        catch (final UnsupportedOperationException ex)
        {
            // Not a POSIX file system: its default permissions stand.
        }
    }

    /**
     * @param file a file {@link #write} wrote, or {@code station fingerprint --json} printed.
     * @return the fingerprint in it.
     * @throws IllegalArgumentException with one line naming the file when it is missing, unreadable or not a
     *         fingerprint.
     */
    public static Fingerprint read(final Path file)
    {
        final String text;
        try
        {
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final NoSuchFileException ex)
        {
            throw new IllegalArgumentException(file + ": no such file", ex);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException(file + ": cannot be read (" + ex.getClass().getSimpleName() + ")", ex);
        }
        try
        {
            return parse(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(file + ": " + ex.getMessage(), ex);
        }
    }

    /** @return the canonical form {@link #sha256()} hashes: the items as one JSON object, keys sorted. */
    public String canonical()
    {
        final JsonWriter w = new JsonWriter().beginObject();
        items.forEach(w::field);
        return w.endObject().toString();
    }

    /** @return hex SHA-256 of {@link #canonical()} (UTF-8), 64 characters. */
    public String sha256()
    {
        try
        {
            final MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(canonical().getBytes(StandardCharsets.UTF_8)));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("the JDK has no SHA-256", ex);
        }
    }

    /** @return one JSON object: schema, time, host, sha256, items (sorted) and notes. */
    public String toJson()
    {
        final JsonWriter w = new JsonWriter().beginObject()
            .field("schema", SCHEMA)
            .field("time", time.toString())
            .field("host", host)
            .field("sha256", sha256())
            .name("items").beginObject();
        items.forEach(w::field);
        w.endObject().name("notes").beginArray();
        notes.forEach(w::value);
        return w.endArray().endObject().toString();
    }

    /** @return human lines: the hash, then one {@code key  value} line per item, then the notes. */
    public String toText()
    {
        final int width = items.keySet().stream().mapToInt(String::length).max().orElse(0);
        final StringBuilder sb = new StringBuilder(4096);
        sb.append("fingerprint ").append(sha256()).append(" (").append(host).append(", ").append(time).append(")\n");
        items.forEach((k, v) -> sb.append("  ").append(k).append(" ".repeat(width - k.length() + 2))
            .append(v.isEmpty() ? "\"\"" : v).append('\n'));
        notes.forEach(n -> sb.append("  note: ").append(n).append('\n'));
        return sb.toString();
    }

    /**
     * @param json a {@link #toJson()} document.
     * @return the fingerprint it holds.
     * @throws IllegalArgumentException when it is not JSON, not of schema {@value #SCHEMA}, or its items are not
     *         all strings.
     */
    public static Fingerprint parse(final String json)
    {
        final Map<String, Object> root = JsonReader.parseObject(json);
        if (!SCHEMA.equals(root.get("schema")))
        {
            throw new IllegalArgumentException("not a fingerprint (schema is " + root.get("schema") + ", want "
                + SCHEMA + ")");
        }
        if (!(root.get("items") instanceof Map<?, ?> raw))
        {
            throw new IllegalArgumentException("a fingerprint without an items object");
        }
        final SortedMap<String, String> items = new TreeMap<>();
        for (final Map.Entry<?, ?> e : raw.entrySet())
        {
            if (!(e.getValue() instanceof String s))
            {
                throw new IllegalArgumentException("item " + e.getKey() + " is not a string");
            }
            items.put((String)e.getKey(), s);
        }
        final List<String> notes = root.get("notes") instanceof List<?> l
            ? l.stream().map(String::valueOf).toList() : List.of();
        return new Fingerprint(time(root.get("time")), String.valueOf(root.get("host")), items, notes);
    }

    private static Instant time(final Object value)
    {
        try
        {
            return Instant.parse(String.valueOf(value));
        }
        catch (final DateTimeParseException ex)
        {
            throw new IllegalArgumentException("a fingerprint with a bad time: " + value, ex);
        }
    }
}
