package com.tradingstation.app;

import com.tradingstation.json.JsonWriter;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisUnavailableException;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/**
 * A command that reports on one Redis ({@code --redis}, {@code --config}, {@code --json}) and, on
 * {@code --json}, still answers with one object when that Redis is unavailable:
 * {@code {"schema":..., "reachable":false, "address":..., "failure":..., "error":...}}.
 */
abstract class RedisReportCommand implements Callable<Integer>, UnavailableReport
{
    @Mixin
    RedisTarget target;

    @Mixin
    Output output;

    /** The Redis in use, once resolved (null before, or when resolving failed). */
    RedisEndpoint resolved;

    /** @return the schema of the command's JSON object, e.g. {@code station.health/1}. */
    abstract String schema();

    @Override
    public String unavailableJson(final RedisUnavailableException ex)
    {
        return !output.json ? null : new JsonWriter().beginObject().field("schema", schema())
            .field("reachable", false).field("address", resolved == null ? null : resolved.address())
            .field("failure", ex.failure().name()).field("error", ex.getMessage()).endObject().toString();
    }
}
