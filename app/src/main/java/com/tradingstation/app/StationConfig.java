package com.tradingstation.app;

import com.tradingstation.wire.WireConfig;
import com.tradingstation.wire.WireProtocol;

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
 * @param replayRate       messages per second the sources are replayed at (0 = as fast as they decode).
 * @param udpEnabled       publish on UDP.
 * @param udp              the UDP channels and timings (used when enabled).
 */
record StationConfig(
    List<String> sources, String redisUrl, int httpPort, long statusIntervalMs, int bookLevels, long bookIntervalMs,
    long tradesMaxLen, String redisMaxmemory, long replayRate, boolean udpEnabled, WireConfig udp)
{
    /**
     * Every range is checked here, so a value from the file and one from a flag meet the same rule
     * (the UDP values are checked by {@link WireConfig}).
     */
    StationConfig
    {
        range("station.http.port (--http-port)", httpPort, -1, 65535);
        range("station.status.intervalMs (--status-interval-ms)", statusIntervalMs, 100, 3_600_000);
        range("station.sink.bookLevels", bookLevels, 0, 100);
        range("station.sink.bookIntervalMs", bookIntervalMs, 0, 3_600_000);
        range("station.sink.tradesMaxLen", tradesMaxLen, 1, 100_000_000);
        range("station.replay.rate (--rate)", replayRate, 0, 100_000_000);
    }

    private static void range(final String key, final long value, final long min, final long max)
    {
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(key + " must be " + min + ".." + max + ", got " + value);
        }
    }

    static final List<String> KEYS = List.of(
        "station.sources", "station.redis.url", "station.http.port", "station.status.intervalMs",
        "station.sink.bookLevels", "station.sink.bookIntervalMs", "station.sink.tradesMaxLen",
        "station.redis.maxmemory",
        "station.replay.rate", "station.udp.enabled", "station.udp.incremental", "station.udp.snapshot",
        "station.udp.interface", "station.udp.ttl", "station.udp.loopback", "station.udp.maxPayloadBytes",
        "station.udp.socketBufferBytes", "station.udp.heartbeatMs", "station.udp.definitionMs",
        "station.udp.snapshotsPerSecond", "station.cpu", "station.idle", "station.mlock", "station.status.threads",
        "station.kpi.interval");

    /** Default of station.http.port (--http-port). */
    static final int DEFAULT_HTTP_PORT = 8086;
    /** Default of station.status.intervalMs (--status-interval-ms). */
    static final long DEFAULT_STATUS_INTERVAL_MS = 5000;

    /**
     * @return the defaults.
     */
    static StationConfig defaults()
    {
        return new StationConfig(List.of(), null, DEFAULT_HTTP_PORT, DEFAULT_STATUS_INTERVAL_MS, 20, 1000, 10_000,
            "1gb",
            0, false, WireConfig.defaults());
    }

    /** Where the station looks for its configuration when no file is named. */
    static final Path DEFAULT_FILE = Path.of("config", "station.properties");

    /**
     * @param explicit a file named on the command line, or null.
     * @return the file in force: the named one, else {@link #DEFAULT_FILE} when it exists, else null.
     */
    static Path file(final Path explicit)
    {
        return explicit != null ? explicit : Files.isRegularFile(DEFAULT_FILE) ? DEFAULT_FILE : null;
    }

    /**
     * @param explicit a file named on the command line, or null.
     * @return the properties of the file in force ({@link #file}), empty when there is none.
     * @throws IOException when the file cannot be read.
     */
    static Properties properties(final Path explicit) throws IOException
    {
        final Path file = file(explicit);
        final Properties p = new Properties();
        if (file != null)
        {
            try (Reader r = Files.newBufferedReader(file))
            {
                p.load(r);
            }
        }
        return p;
    }

    /**
     * The configuration in force: the named file, else {@link #DEFAULT_FILE} when it exists, else
     * the defaults.
     *
     * @param explicit a file named on the command line, or null.
     * @return the configuration.
     * @throws IOException when the file cannot be read.
     * @throws IllegalArgumentException naming the key of a bad or unknown value.
     */
    static StationConfig resolve(final Path explicit) throws IOException
    {
        final Path file = file(explicit);
        return file == null ? defaults() : of(file, properties(file));
    }

    /** Defaults overridden by the file, whose name prefixes an unknown-key message. */
    private static StationConfig of(final Path file, final Properties p)
    {
        for (final String key : p.stringPropertyNames())
        {
            if (!KEYS.contains(key) && !LiveOptions.KEYS.contains(key))
            {
                throw new IllegalArgumentException(file + ": unknown key '" + key + "' (known: " +
                    String.join(", ", KEYS) + ")");
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
            saturatedInt(number(p, "station.http.port", d.httpPort())),
            number(p, "station.status.intervalMs", d.statusIntervalMs()),
            saturatedInt(number(p, "station.sink.bookLevels", d.bookLevels())),
            number(p, "station.sink.bookIntervalMs", d.bookIntervalMs()),
            number(p, "station.sink.tradesMaxLen", d.tradesMaxLen()),
            p.getProperty("station.redis.maxmemory", d.redisMaxmemory()).trim(),
            number(p, "station.replay.rate", d.replayRate()),
            bool(p, "station.udp.enabled", d.udpEnabled()),
            udp(p, d.udp()));
    }

    /**
     * @param base        the UDP settings of the configuration.
     * @param incremental the incremental channel HOST:PORT.
     * @param snapshot    the snapshot channel HOST:PORT.
     * @param iface       the multicast interface, or null for the configuration's.
     * @return base on those channels and interface.
     * @throws IllegalArgumentException on a bad address.
     */
    static WireConfig channels(final WireConfig base, final String incremental, final String snapshot,
        final String iface)
    {
        final WireConfig channels = base.withChannels(WireConfig.address(incremental), WireConfig.address(snapshot));
        return iface != null ? channels.withInterface(iface) : channels;
    }

    private static WireConfig udp(final Properties p, final WireConfig d)
    {
        final String iface = p.getProperty("station.udp.interface", "").trim();
        try
        {
            return new WireConfig(
                WireConfig.address(p.getProperty("station.udp.incremental", WireConfig.DEFAULT_INCREMENTAL).trim()),
                WireConfig.address(p.getProperty("station.udp.snapshot", WireConfig.DEFAULT_SNAPSHOT).trim()),
                iface.isEmpty() ? null : iface,
                (int)number(p, "station.udp.ttl", d.ttl(), 0, 255),
                bool(p, "station.udp.loopback", d.loopback()),
                (int)number(p, "station.udp.maxPayloadBytes", d.maxPayloadBytes(), WireProtocol.MIN_PAYLOAD_BYTES,
                    WireProtocol.MAX_UDP_PAYLOAD_BYTES),
                (int)number(p, "station.udp.socketBufferBytes", d.socketBufferBytes(), 65536, 1 << 30),
                number(p, "station.udp.heartbeatMs", d.heartbeatIntervalMs(), 1, 60_000),
                number(p, "station.udp.definitionMs", d.definitionIntervalMs(), 1, 3_600_000),
                (int)number(p, "station.udp.snapshotsPerSecond", d.snapshotsPerSecond(), 0, 100_000));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("station.udp: " + ex.getMessage());
        }
    }

    private static boolean bool(final Properties p, final String key, final boolean def)
    {
        final String v = p.getProperty(key);
        if (v == null || v.isBlank())
        {
            return def;
        }
        switch (v.trim().toLowerCase(java.util.Locale.ROOT))
        {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new IllegalArgumentException(key + " must be true or false, got '" + v.trim() + "'");
        }
    }

    private static long number(final Properties p, final String key, final long def, final long min, final long max)
    {
        final long n = number(p, key, def);
        range(key, n, min, max);
        return n;
    }

    /** An out-of-int value stays out of range (a plain cast could wrap it into range). */
    private static int saturatedInt(final long value)
    {
        return (int)Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    /** Parse only: the ranges of the station-level values are the constructor's. */
    private static long number(final Properties p, final String key, final long def)
    {
        final String v = p.getProperty(key);
        if (v == null || v.isBlank())
        {
            return def;
        }
        try
        {
            return Long.parseLong(v.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(key + " is not a number: '" + v.trim() + "'");
        }
    }
}
