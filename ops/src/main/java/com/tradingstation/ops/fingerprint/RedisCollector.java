package com.tradingstation.ops.fingerprint;

import com.tradingstation.ops.alloc.MallocStats;
import com.tradingstation.redis.RedisConnector;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisProfile;
import com.tradingstation.redis.RedisUnavailableException;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Redis's version, allocator, profile settings (CONFIG GET of {@link #PROFILE_KEYS}) and, when the
 * allocator is jemalloc, the allocator options in force (the {@code opt.*} lines of
 * {@code MEMORY MALLOC-STATS}, key {@code redis.malloc.opt.<name>}). Without a Redis (none given,
 * or unreachable) every item reads {@value FingerprintItems#UNAVAILABLE} and a note says why; a
 * refused CONFIG GET or MEMORY command makes those items {@value FingerprintItems#UNREADABLE}.
 */
public final class RedisCollector implements FingerprintCollector
{
    /**
     * The Redis settings of the station's profile that the fingerprint records: the one list of
     * them in this module.
     */
    public static final List<String> PROFILE_KEYS = profileKeys();
    /** The item holding the allocator options when they cannot be listed one by one. */
    static final String MALLOC_OPTIONS = "redis.malloc.options";

    private final RedisEndpoint endpoint;

    // The HFT profile's settings, plus the ones outside it that change latency all the same.
    private static List<String> profileKeys()
    {
        final List<String> keys = new ArrayList<>();
        for (final RedisProfile.Setting s : RedisProfile.hft(RedisProfile.DEFAULT_MAXMEMORY).settings())
        {
            keys.add(s.name());
        }
        keys.addAll(List.of("activedefrag", "jemalloc-bg-thread", "io-threads"));
        return List.copyOf(keys);
    }

    /**
     * @param endpoint the Redis, or null when there is none (its items read unavailable).
     */
    public RedisCollector(final RedisEndpoint endpoint)
    {
        this.endpoint = endpoint;
    }

    @Override
    public void collect(final FingerprintItems out)
    {
        if (endpoint == null)
        {
            unavailable(out, "redis: none given (--redis URL), so its items are unavailable");
            return;
        }
        try (Jedis j = RedisConnector.connect(endpoint))
        {
            final String allocator = info(j.info("memory"), "mem_allocator");
            out.put("redis.version", info(j.info("server"), "redis_version"));
            out.put("redis.mem_allocator", allocator);
            config(j, out);
            mallocOptions(j, allocator, out);
        }
        catch (final RedisUnavailableException ex)
        {
            unavailable(out, "redis: " + ex.getMessage());
        }
        catch (final RuntimeException ex)
        {
            unavailable(out, "redis: " + RedisConnector.classify(endpoint, ex).getMessage());
        }
    }

    private static void unavailable(final FingerprintItems out, final String note)
    {
        out.put("redis.version", FingerprintItems.UNAVAILABLE).put("redis.mem_allocator", FingerprintItems.UNAVAILABLE)
            .put(MALLOC_OPTIONS, FingerprintItems.UNAVAILABLE);
        for (final String key : PROFILE_KEYS)
        {
            out.put("redis.config." + key, FingerprintItems.UNAVAILABLE);
        }
        out.note(note);
    }

    private static void config(final Jedis j, final FingerprintItems out)
    {
        final Map<String, String> config;
        try
        {
            config = j.configGet("*");
        }
        catch (final JedisDataException ex)
        {
            PROFILE_KEYS.forEach(key -> out.put("redis.config." + key, FingerprintItems.UNREADABLE));
            out.note("redis: CONFIG GET refused: " + ex.getMessage());
            return;
        }
        for (final String key : PROFILE_KEYS)
        {
            out.put("redis.config." + key, config.getOrDefault(key, FingerprintItems.ABSENT));
        }
    }

    private static void mallocOptions(final Jedis j, final String allocator, final FingerprintItems out)
    {
        if (!allocator.startsWith("jemalloc"))
        {
            out.put(MALLOC_OPTIONS, "not jemalloc");
            return;
        }
        final String stats;
        try
        {
            stats = MallocStats.read(j);
        }
        catch (final JedisDataException | ClassCastException ex)
        {
            out.put(MALLOC_OPTIONS, FingerprintItems.UNREADABLE).note("redis: MEMORY MALLOC-STATS: " + ex.getMessage());
            return;
        }
        final Map<String, String> options = MallocStats.printed(stats);
        options.forEach((name, value) -> out.put("redis.malloc.opt." + name, value));
        final int found = options.size();
        if (found == 0)
        {
            out.put(MALLOC_OPTIONS, FingerprintItems.UNREADABLE)
                .note("redis: MEMORY MALLOC-STATS listed no opt.* line");
        }
    }

    /**
     * @param info an INFO reply.
     * @param key  a field.
     * @return its value, or {@value FingerprintItems#ABSENT}.
     */
    static String info(final String info, final String key)
    {
        for (final String line : info.split("\r?\n"))
        {
            if (line.startsWith(key + ":"))
            {
                return line.substring(key.length() + 1).strip();
            }
        }
        return FingerprintItems.ABSENT;
    }
}
