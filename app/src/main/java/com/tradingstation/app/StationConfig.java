package com.tradingstation.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The station's configuration: config/station.properties (documented in the file itself and in
 * docs/OPERATIONS.md), overridden by command-line flags. Unknown keys are reported, not ignored.
 *
 * @param sources          capture files replayed in order.
 * @param redisUrl         Redis URL, or null to start a private redis-server.
 * @param httpPort         port of /metrics and /status on 127.0.0.1 (0 = any free port, -1 = off).
 * @param statusIntervalMs status line period.
 * @param bookLevels       levels per side of the book snapshot key.
 * @param bookIntervalMs   least time between two book snapshots of one instrument.
 * @param tradesMaxLen     approximate length cap of every trade stream.
 * @param redisMaxmemory   maxmemory of the private redis-server (when no URL is given).
 */
record StationConfig(
    List<String> sources, String redisUrl, int httpPort, long statusIntervalMs, int bookLevels, long bookIntervalMs,
    long tradesMaxLen, String redisMaxmemory)
{
    static final List<String> KEYS = List.of(
        "station.sources", "station.redis.url", "station.http.port", "station.status.intervalMs",
        "station.sink.bookLevels", "station.sink.bookIntervalMs", "station.sink.tradesMaxLen", "station.redis.maxmemory");

    /**
     * @return the defaults.
     */
    static StationConfig defaults()
    {
        return new StationConfig(List.of(), null, 8086, 5000, 20, 1000, 10_000, "1gb");
    }

    /**
     * @param file properties file.
     * @return defaults overridden by the file.
     * @throws IOException when it cannot be read.
     * @throws IllegalArgumentException naming the key of a bad or unknown value.
     */
    static StationConfig load(final Path file) throws IOException
    {
        final Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file))
        {
            p.load(r);
        }
        for (final String key : p.stringPropertyNames())
        {
            if (!KEYS.contains(key))
            {
                throw new IllegalArgumentException(file + ": unknown key '" + key + "' (known: " + String.join(", ", KEYS) + ")");
            }
        }
        final StationConfig d = defaults();
        final List<String> sources = new ArrayList<>();
        for (final String s : p.getProperty("station.sources", "").split(","))
        {
            if (!s.isBlank())
            {
                sources.add(s.trim());
            }
        }
        final String url = p.getProperty("station.redis.url", "").trim();
        return new StationConfig(sources, url.isEmpty() ? null : url,
            (int)number(p, "station.http.port", d.httpPort(), -1, 65535),
            number(p, "station.status.intervalMs", d.statusIntervalMs(), 100, 3_600_000),
            (int)number(p, "station.sink.bookLevels", d.bookLevels(), 0, 100),
            number(p, "station.sink.bookIntervalMs", d.bookIntervalMs(), 0, 3_600_000),
            number(p, "station.sink.tradesMaxLen", d.tradesMaxLen(), 1, 100_000_000),
            p.getProperty("station.redis.maxmemory", d.redisMaxmemory()).trim());
    }

    private static long number(final Properties p, final String key, final long def, final long min, final long max)
    {
        final String v = p.getProperty(key);
        if (v == null || v.isBlank())
        {
            return def;
        }
        try
        {
            final long n = Long.parseLong(v.trim());
            if (n < min || n > max)
            {
                throw new IllegalArgumentException(key + " must be " + min + ".." + max + ", got " + n);
            }
            return n;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(key + " is not a number: '" + v.trim() + "'");
        }
    }
}
