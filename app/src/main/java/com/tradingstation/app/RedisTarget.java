package com.tradingstation.app;

import com.tradingstation.json.JsonReader;
import com.tradingstation.ops.StationStatusProbe;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisFailure;
import com.tradingstation.redis.RedisUnavailableException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.Set;

/**
 * Which Redis the operations commands look at, and the running station's /status. Picocli mixin
 * for {@code --redis URL} and {@code --config FILE}.
 *
 * <p>Resolution order: {@code --redis URL}; else {@code station.redis.url} of the configuration;
 * else the Redis a running {@code station run} reports in its /status (on the configuration's
 * {@code station.http.port}), which is how its private redis-server is found. There is no
 * fallback to a conventional port: with none of the three, the command says so and exits 3.
 */
final class RedisTarget
{
    private static final int STATUS_TIMEOUT_MS = 500;
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");

    @Option(names = "--redis", paramLabel = "URL",
        description = "Redis URL (default: station.redis.url of the config, else the Redis of the running station).")
    String redisUrl;

    @Mixin
    ConfigOption config = new ConfigOption();

    /**
     * @return the station configuration in force.
     * @throws IllegalArgumentException on a bad or unreadable configuration (a usage error).
     */
    StationConfig stationConfig()
    {
        return config.stationConfig();
    }

    /** @return the running station's /status as far as the configuration tells where it is. */
    StationStatusProbe.Result station()
    {
        return StationStatusProbe.fetch(stationConfig().httpPort(), STATUS_TIMEOUT_MS);
    }

    /**
     * @return the Redis to use.
     * @throws IllegalArgumentException on a bad URL or configuration (usage error).
     * @throws RedisUnavailableException UNREACHABLE when no Redis is named anywhere.
     */
    RedisEndpoint resolve() throws RedisUnavailableException
    {
        if (redisUrl != null)
        {
            return RedisEndpoint.parse(redisUrl);
        }
        final StationConfig c = stationConfig();
        if (c.redisUrl() != null)
        {
            return RedisEndpoint.parse(c.redisUrl());
        }
        // Only now ask the running station (a local HTTP call that may wait for its timeout).
        final StationStatusProbe.Result station = StationStatusProbe.fetch(c.httpPort(), STATUS_TIMEOUT_MS);
        if (station.running())
        {
            final Object url = JsonReader.at(station.status(), "redis.url");
            if (url instanceof String s && !s.contains("***"))
            {
                return RedisEndpoint.parse(s);
            }
            throw new RedisUnavailableException(RedisFailure.UNREACHABLE, "the running station at " + station.url()
                + " uses a Redis with a password it does not publish; give --redis URL");
        }
        throw new RedisUnavailableException(RedisFailure.UNREACHABLE,
            "no Redis to use: give --redis URL, set station.redis.url in the config, or start `station run` ("
                + station.message() + ")");
    }

    /**
     * @param endpoint a Redis.
     * @return whether it is this host's production Redis by convention: loopback (127.0.0.1,
     *         localhost, ::1) on port 6379.
     */
    static boolean isLocalDefault(final RedisEndpoint endpoint)
    {
        return endpoint.port() == RedisEndpoint.DEFAULT_PORT && isLoopback(endpoint);
    }

    /**
     * @param endpoint a Redis.
     * @return whether it is on this host's loopback (127.0.0.1, localhost, ::1).
     */
    static boolean isLoopback(final RedisEndpoint endpoint)
    {
        return LOOPBACK.contains(host(endpoint));
    }

    /**
     * The production Redis: the host's loopback 6379, or the server {@code station.redis.url} of the
     * configuration names (same host, loopback names counted as one, and port; any database).
     * Decided from the names alone, before any connection.
     *
     * @param endpoint a Redis.
     * @return why it is the production Redis, or null when it is not.
     * @throws IllegalArgumentException on a bad configuration or configured URL (a usage error).
     */
    String production(final RedisEndpoint endpoint)
    {
        if (isLocalDefault(endpoint))
        {
            return "the production Redis of this host";
        }
        final String configured = stationConfig().redisUrl();
        if (configured != null)
        {
            final RedisEndpoint c = RedisEndpoint.parse(configured);
            if (c.port() == endpoint.port() && canonical(c).equals(canonical(endpoint)))
            {
                return "the station's Redis (station.redis.url)";
            }
        }
        return null;
    }

    private static String host(final RedisEndpoint endpoint)
    {
        return endpoint.host().toLowerCase(Locale.ROOT);
    }

    private static String canonical(final RedisEndpoint endpoint)
    {
        return isLoopback(endpoint) ? "127.0.0.1" : host(endpoint);
    }
}
