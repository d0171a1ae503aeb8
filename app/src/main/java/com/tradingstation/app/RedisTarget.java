package com.tradingstation.app;

import com.tradingstation.json.JsonReader;
import com.tradingstation.ops.StationStatusProbe;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisFailure;
import com.tradingstation.redis.RedisUnavailableException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;


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
}
