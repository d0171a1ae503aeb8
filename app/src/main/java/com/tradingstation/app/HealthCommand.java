package com.tradingstation.app;

import com.tradingstation.json.JsonWriter;
import com.tradingstation.ops.HealthReport;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/**
 * {@code station health}: Redis reachability, version, allocator, role, uptime, clients, memory,
 * evictions, rejected connections, ops/sec, the LATENCY DOCTOR summary and the running station's
 * /status.
 */
@Command(
    name = "health",
    mixinStandardHelpOptions = true,
    description = {
        "Health of Redis (INFO, LATENCY DOCTOR) and of the running station (/status).",
        "Exit: 0 healthy; 1 problems found (listed); 2 usage error; 3 Redis unreachable."})
final class HealthCommand implements Callable<Integer>, UnavailableReport
{
    @Mixin
    private RedisTarget target;

    @Mixin
    private Output output;

    private RedisEndpoint resolved;

    @Override
    public Integer call() throws RedisUnavailableException
    {
        resolved = target.resolve();
        final HealthReport report = HealthReport.collect(resolved, target.station());
        output.print(report::toJson, out -> out.print(report.toText()));
        return report.problems().isEmpty() ? StationMain.EXIT_OK : StationMain.EXIT_PROBLEMS;
    }

    /** On --json an unreachable Redis is still one health object: {@code reachable:false}. */
    @Override
    public String unavailableJson(final RedisUnavailableException ex)
    {
        return !output.json ? null : new JsonWriter().beginObject().field("schema", "station.health/1")
            .field("reachable", false).field("address", resolved == null ? null : resolved.address())
            .field("failure", ex.failure().name()).field("error", ex.getMessage()).endObject().toString();
    }
}
