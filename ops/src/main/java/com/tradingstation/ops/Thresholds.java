package com.tradingstation.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The performance thresholds: four metrics with band boundaries and a gate limit each, and the
 * soft-fail tolerance. Read from a {@code perf-thresholds.env} file of {@code KEY=VALUE} lines
 * ({@link EnvFile}); keys left out keep the defaults, unknown keys are errors. Immutable.
 *
 * <p>Defaults are the original bands: P99 RTT µs excellent &lt; 12, good 12–15, warning 15–20, stop
 * &gt; 20; jitter µs 2 / 3 / 5; memory MB besides the station's own data 5 / 20 / 50; ops/sec &gt; 20k, 15–20k, 10–15k,
 * &lt; 10k. The gate limit of each is its excellent boundary, as the original gate (which
 * soft-failed a 12.03 µs p99 against 12.0), and the tolerance is 5%.
 */
public final class Thresholds
{
    /** Metric names, in report order. */
    public static final String RTT_P99 = "rtt_p99_us";
    /** PING jitter (see {@link LatencyStats}). */
    public static final String JITTER = "jitter_us";
    /** used_memory in MB less the station's own market data ({@link ServerStats#otherMemoryMb()}). */
    public static final String MEMORY = "memory_mb";
    /** Closed-loop PINGs per second on one connection. */
    public static final String OPS = "ops_per_sec";

    private static final List<String[]> LAYOUT = List.of(
        // metric, key prefix, key suffix (unit), direction
        new String[] {RTT_P99, "RTT_P99", "_US", "lower"},
        new String[] {JITTER, "JITTER", "_US", "lower"},
        new String[] {MEMORY, "MEMORY", "_MB", "lower"},
        new String[] {OPS, "OPS", "", "higher"});
    private static final String TOLERANCE_KEY = "SOFT_FAIL_TOLERANCE_PCT";

    private final Map<String, MetricLimits> limits;
    private final double tolerancePct;

    /**
     * @param limits       one entry per metric of {@link #metrics()}.
     * @param tolerancePct soft-fail tolerance in percent of the limit, 0..100.
     */
    public Thresholds(final Map<String, MetricLimits> limits, final double tolerancePct)
    {
        for (final String[] l : LAYOUT)
        {
            if (!limits.containsKey(l[0]))
            {
                throw new IllegalArgumentException("missing limits for " + l[0]);
            }
        }
        if (!(tolerancePct >= 0 && tolerancePct < 100))
        {
            throw new IllegalArgumentException(TOLERANCE_KEY + " must be 0..100 (exclusive), got " + tolerancePct);
        }
        this.limits = Map.copyOf(limits);
        this.tolerancePct = tolerancePct;
    }

    /** @return the original bands, gate at the excellent boundary, 5% tolerance. */
    public static Thresholds defaults()
    {
        final Map<String, MetricLimits> m = new LinkedHashMap<>();
        m.put(RTT_P99, new MetricLimits(RTT_P99, "us", false, 12, 15, 20, 12));
        m.put(JITTER, new MetricLimits(JITTER, "us", false, 2, 3, 5, 2));
        m.put(MEMORY, new MetricLimits(MEMORY, "MB", false, 5, 20, 50, 5));
        m.put(OPS, new MetricLimits(OPS, "ops/s", true, 20_000, 15_000, 10_000, 20_000));
        return new Thresholds(m, 5);
    }

    /** @return metric names in report order. */
    public static List<String> metrics()
    {
        return LAYOUT.stream().map(l -> l[0]).toList();
    }

    /**
     * @param metric one of {@link #metrics()}.
     * @return its limits.
     */
    public MetricLimits limits(final String metric)
    {
        final MetricLimits l = limits.get(metric);
        if (l == null)
        {
            throw new IllegalArgumentException("unknown metric " + metric);
        }
        return l;
    }

    /** @return the soft-fail tolerance in percent. */
    public double tolerancePct()
    {
        return tolerancePct;
    }

    /**
     * @param file a perf-thresholds.env file.
     * @return the defaults overridden by the file.
     * @throws IOException when it cannot be read.
     * @throws IllegalArgumentException naming the line of a bad key or value.
     */
    public static Thresholds load(final Path file) throws IOException
    {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * @param text   KEY=VALUE lines.
     * @param source name for messages.
     * @return the defaults overridden by the text.
     * @throws IllegalArgumentException naming the line of a bad key or value.
     */
    public static Thresholds parse(final String text, final String source)
    {
        final Map<String, Double> values = EnvFile.parse(text, source, defaults().keyValues());
        try
        {
            return fromKeyValues(values);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(source + ": " + ex.getMessage(), ex);
        }
    }

    private static Thresholds fromKeyValues(final Map<String, Double> v)
    {
        final Map<String, MetricLimits> m = new LinkedHashMap<>();
        for (final String[] l : LAYOUT)
        {
            final String p = l[1];
            final String u = l[2];
            m.put(l[0], new MetricLimits(l[0], unitOf(l[0]), l[3].equals("higher"),
                v.get(p + "_EXCELLENT" + u), v.get(p + "_GOOD" + u), v.get(p + "_WARNING" + u),
                v.get(p + "_GATE" + u)));
        }
        return new Thresholds(m, v.get(TOLERANCE_KEY));
    }

    private static String unitOf(final String metric)
    {
        return switch (metric)
        {
            case MEMORY -> "MB";
            case OPS -> "ops/s";
            default -> "us";
        };
    }

    /** @return every key with its value, in file order. */
    public Map<String, Double> keyValues()
    {
        final Map<String, Double> out = new LinkedHashMap<>();
        for (final String[] l : LAYOUT)
        {
            final MetricLimits ml = limits.get(l[0]);
            out.put(l[1] + "_EXCELLENT" + l[2], ml.excellent());
            out.put(l[1] + "_GOOD" + l[2], ml.good());
            out.put(l[1] + "_WARNING" + l[2], ml.warning());
            out.put(l[1] + "_GATE" + l[2], ml.gate());
        }
        out.put(TOLERANCE_KEY, tolerancePct);
        return out;
    }

    /** @return the canonical {@code KEY=VALUE} lines (no comments), which {@link #sha256()} hashes. */
    public String canonical()
    {
        final StringBuilder sb = new StringBuilder(512);
        keyValues().forEach((k, val) -> sb.append(k).append('=').append(MetricLimits.fmt(val)).append('\n'));
        return sb.toString();
    }

    /** @return hex SHA-256 of {@link #canonical()}: equal thresholds hash equal whatever the comments. */
    public String sha256()
    {
        try
        {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(canonical().getBytes(StandardCharsets.US_ASCII)));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 missing from the JDK", ex);
        }
    }

    /**
     * @param header comment lines (without '#') written first.
     * @return a complete perf-thresholds.env text with a comment per metric.
     */
    public String format(final List<String> header)
    {
        final StringBuilder sb = new StringBuilder(1024);
        for (final String h : header)
        {
            sb.append("# ").append(h).append('\n');
        }
        final Map<String, Double> kv = keyValues();
        for (final String[] l : LAYOUT)
        {
            final MetricLimits ml = limits.get(l[0]);
            sb.append('\n')
                .append(String.format(Locale.ROOT,
                    "# %s (%s): excellent %s %s, good to %s, warning to %s, stop beyond; gate %s%n",
                l[0], unitOf(l[0]), ml.higherIsBetter() ? ">" : "<", MetricLimits.fmt(ml.excellent()),
                MetricLimits.fmt(ml.good()), MetricLimits.fmt(ml.warning()), MetricLimits.fmt(ml.gate())));
            for (final String suffix : new String[] {"_EXCELLENT", "_GOOD", "_WARNING", "_GATE"})
            {
                final String key = l[1] + suffix + l[2];
                sb.append(key).append('=').append(MetricLimits.fmt(kv.get(key))).append('\n');
            }
        }
        sb.append("\n# A metric over its gate limit by at most this percentage of the limit is a soft fail.\n");
        sb.append(TOLERANCE_KEY).append('=').append(MetricLimits.fmt(tolerancePct)).append('\n');
        return sb.toString();
    }
}
