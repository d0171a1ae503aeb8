package com.tradingstation.ops;

import com.tradingstation.redis.RedisConnector;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisUnavailableException;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads a Redis's settings with CONFIG GET and compares them with the station's HFT profile
 * (docs/OPERATIONS.md): no persistence, LRU eviction within a memory cap, no active defrag on the
 * main thread, the latency monitor on, {@code hz} at most 10, and used memory under the high-water
 * mark of maxmemory. Stateless.
 */
public final class EnvironmentChecks
{
    private EnvironmentChecks()
    {
    }

    /**
     * @param endpoint the Redis.
     * @param pin      the measurement's CPU pin.
     * @return the checks, measurement pinning first; a server that refuses CONFIG GET yields one
     *         failed {@code config_readable} check instead of the settings.
     * @throws RedisUnavailableException when the server cannot be reached.
     */
    public static List<EnvironmentCheck> run(final RedisEndpoint endpoint, final CpuPin pin)
        throws RedisUnavailableException
    {
        final List<EnvironmentCheck> out = new ArrayList<>();
        out.add(new EnvironmentCheck("measurement_pinned", "true", Boolean.toString(pin.pinned()), pin.pinned(),
            "an unpinned measuring thread migrates between cores and shows scheduling noise as latency ("
                + pin.message() + ")"));
        try (Jedis j = RedisConnector.connect(endpoint))
        {
            final Map<String, String> c;
            try
            {
                c = j.configGet("*");
            }
            catch (final JedisDataException ex)
            {
                out.add(new EnvironmentCheck("config_readable", "CONFIG GET allowed", ex.getMessage(), false,
                    "the server refused CONFIG GET (renamed or ACL), so its settings cannot be checked"));
                return out;
            }
            check(out, c, "appendonly", "no", "no"::equals, "AOF fsyncs and rewrites stall the main thread");
            check(out, c, "save", "\"\"", String::isEmpty, "RDB snapshots fork and copy pages under load");
            check(out, c, "maxmemory-policy", "allkeys-lru", "allkeys-lru"::equals,
                "station keys carry no TTL: volatile-* would evict nothing and noeviction fails writes");
            check(out, c, "maxmemory", "> 0", v -> parseLong(v) > 0, "an uncapped Redis grows until the host swaps");
            check(out, c, "activedefrag", "no", "no"::equals, "active defrag runs on the main thread and adds latency");
            check(out, c, "latency-monitor-threshold", "> 0", v -> parseLong(v) > 0,
                "without it LATENCY DOCTOR has no events to explain a spike");
            check(out, c, "hz", "<= 10", v -> parseLong(v) > 0 && parseLong(v) <= 10,
                "background tasks run hz times a second; the profile uses 8");
            out.add(headroom(RedisInfo.parse(j.info("memory")).number("used_memory"),
                parseLong(c.getOrDefault("maxmemory", ""))));
        }
        catch (final RuntimeException ex)
        {
            throw RedisConnector.classify(endpoint, ex);
        }
        return out;
    }

    /**
     * The station's own data is not judged by the memory band (it is bounded by the station's caps,
     * see {@link ServerStats#otherMemoryMb()}); what it must do is fit in maxmemory with room left,
     * the same high-water mark {@code station health} reports as a problem.
     */
    static EnvironmentCheck headroom(final long used, final long max)
    {
        final String expected = String.format(java.util.Locale.ROOT,
            "used < %.0f%% of maxmemory", HealthReport.MEMORY_HIGH_WATER * 100);
        final String why = "at maxmemory allkeys-lru evicts the station's own books and trades";
        if (max <= 0 || used < 0)
        {
            return new EnvironmentCheck("maxmemory_headroom", expected,
                max == 0 ? "maxmemory unlimited" : "(not reported)", false, why);
        }
        return new EnvironmentCheck("maxmemory_headroom", expected,
            String.format(java.util.Locale.ROOT, "%.2f MB of %.2f MB (%.1f%%)",
            used / ServerStats.BYTES_PER_MB, max / ServerStats.BYTES_PER_MB, 100.0 * used / max),
            used < max * HealthReport.MEMORY_HIGH_WATER, why);
    }

    private static void check(final List<EnvironmentCheck> out, final Map<String, String> config, final String name,
        final String expected, final Predicate<String> ok, final String why)
    {
        final String actual = config.get(name);
        if (actual == null)
        {
            out.add(new EnvironmentCheck(name, expected, "(not reported)", false, why));
            return;
        }
        out.add(new EnvironmentCheck(name, expected, actual.isEmpty() ? "\"\"" : actual, ok.test(actual), why));
    }

    private static long parseLong(final String v)
    {
        try
        {
            return Long.parseLong(v.trim());
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }
}
