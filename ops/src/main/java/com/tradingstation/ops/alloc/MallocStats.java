package com.tradingstation.ops.alloc;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.util.SafeEncoder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code opt.*} lines of {@code MEMORY MALLOC-STATS} (jemalloc's {@code malloc_stats_print}):
 * the allocator options a running redis-server was started with.
 *
 * <p>jemalloc prints an option as {@code opt.narenas: 1}, and where the value in force at run time
 * differs from the start-up option, it adds the run-time one in parentheses:
 * {@code opt.background_thread: false (background_thread: true)} is Redis's {@code jemalloc-bg-thread}
 * switching the background thread on after start-up. Stateless.
 */
public final class MallocStats
{
    private MallocStats()
    {
    }

    /**
     * @param jedis a connection to a redis-server built with jemalloc.
     * @return the text of {@code MEMORY MALLOC-STATS}.
     * @throws redis.clients.jedis.exceptions.JedisException when the server refuses it.
     */
    public static String read(final Jedis jedis)
    {
        return SafeEncoder.encode((byte[])jedis.sendCommand(Protocol.Command.MEMORY, "MALLOC-STATS"));
    }

    /**
     * @param stats the text of {@code MEMORY MALLOC-STATS}.
     * @return each {@code opt.} line as printed: name without {@code opt.} → everything after the colon
     *     ({@code background_thread -> "false (background_thread: true)"}), in order; empty when none
     */
    public static Map<String, String> printed(final String stats)
    {
        final Map<String, String> m = new LinkedHashMap<>();
        for (final String line : stats.split("\r?\n"))
        {
            final String s = line.strip();
            final int colon = s.indexOf(':');
            if (s.startsWith("opt.") && colon > "opt.".length())
            {
                m.putIfAbsent(s.substring("opt.".length(), colon), s.substring(colon + 1).strip());
            }
        }
        return m;
    }

    /**
     * @param stats the text of {@code MEMORY MALLOC-STATS}.
     * @return each option's value in force: the run-time value in parentheses where jemalloc prints one,
     *     else the start-up value, string values without jemalloc's quotes ({@code background_thread -> "true"},
     *     {@code narenas -> "1"}, {@code metadata_thp -> "auto"})
     */
    public static Map<String, String> inForce(final String stats)
    {
        final Map<String, String> m = new LinkedHashMap<>();
        printed(stats).forEach((k, v) -> m.put(k, valueInForce(v)));
        return m;
    }

    static String valueInForce(final String printed)
    {
        final int open = printed.indexOf('(');
        if (open > 0 && printed.endsWith(")"))
        {
            final String inner = printed.substring(open + 1, printed.length() - 1);
            final int colon = inner.lastIndexOf(':');
            return unquoted(colon >= 0 ? inner.substring(colon + 1) : inner);
        }
        return unquoted(printed);
    }

    private static String unquoted(final String value)
    {
        final String v = value.strip();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
