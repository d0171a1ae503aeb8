package com.tradingstation.app;

import com.tradingstation.ops.HealthReport;
import com.tradingstation.redis.RedisUnavailableException;
import picocli.CommandLine.Command;

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
final class HealthCommand extends RedisReportCommand
{
    @Override
    String schema()
    {
        return "station.health/1";
    }

    @Override
    public Integer call() throws RedisUnavailableException
    {
        resolved = target.resolve();
        final HealthReport report = HealthReport.collect(resolved, target.station());
        output.print(report::toJson, out -> out.print(report.toText()));
        return report.problems().isEmpty() ? StationMain.EXIT_OK : StationMain.EXIT_PROBLEMS;
    }
}
