package com.tradingstation.app;

import com.tradingstation.json.JsonWriter;
import com.tradingstation.ops.HealthReport;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
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
final class HealthCommand implements Callable<Integer>
{
    @Mixin
    private RedisTarget target;

    @Option(names = "--json", description = "Print one JSON object.")
    private boolean json;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        RedisEndpoint resolved = null;
        try
        {
            resolved = target.resolve();
            final HealthReport report = HealthReport.collect(resolved, target.station());
            out.print(json ? report.toJson() + "\n" : report.toText());
            out.flush();
            return report.problems().isEmpty() ? StationMain.EXIT_OK : StationMain.EXIT_PROBLEMS;
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("station health: " + StationMain.oneLine(ex));
            return StationMain.EXIT_USAGE;
        }
        catch (final RedisUnavailableException ex)
        {
            if (json)
            {
                out.println(new JsonWriter().beginObject().field("schema", "station.health/1").field("reachable", false)
                    .field("address", resolved == null ? null : resolved.address())
                    .field("failure", ex.failure().name()).field("error", ex.getMessage()).endObject());
                out.flush();
            }
            err.println("station health: " + ex.getMessage());
            return StationMain.EXIT_UNAVAILABLE;
        }
    }
}
