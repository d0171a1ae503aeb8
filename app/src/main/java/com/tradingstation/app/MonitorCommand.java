package com.tradingstation.app;

import com.tradingstation.ops.Monitor;
import com.tradingstation.ops.MonitorReport;
import com.tradingstation.ops.MonitorSettings;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code station monitor}: PING, SET and XADD latency from the planned send time, ops/sec, memory,
 * fragmentation, clients and the measuring thread's cost, as text or one JSON object
 * (schema in docs/OPERATIONS.md).
 */
@Command(
    name = "monitor",
    mixinStandardHelpOptions = true,
    description = {
        "Measure Redis latency (PING, SET, XADD at a fixed interval, from the planned send time) and health.",
        "Exit: 0 measured; 1 measured but the requested --cpu pin failed; 2 usage error; 3 Redis unavailable."})
final class MonitorCommand implements Callable<Integer>
{
    @Mixin
    private RedisTarget target;

    @Option(names = "--json", description = "Print one JSON object (latencies in microseconds).")
    private boolean json;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "2000", description = "Samples per operation (default ${DEFAULT-VALUE}).")
    private int samples;

    @Option(names = "--interval-us", paramLabel = "U", defaultValue = "1000",
        description = "Planned gap between sends in microseconds; 0 = back to back (default ${DEFAULT-VALUE}).")
    private long intervalUs;

    @Option(names = "--cpu", paramLabel = "C", description = "Pin the measuring thread to CPU C and verify the pin.")
    private Integer cpu;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final MonitorSettings settings;
        final RedisEndpoint resolved;
        try
        {
            settings = new MonitorSettings(samples, intervalUs, MonitorSettings.DEFAULT_WARMUP, cpu == null ? -1 : cpu);
            resolved = target.resolve();
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("station monitor: " + StationMain.oneLine(ex));
            return StationMain.EXIT_USAGE;
        }
        catch (final RedisUnavailableException ex)
        {
            err.println("station monitor: " + ex.getMessage());
            return StationMain.EXIT_UNAVAILABLE;
        }
        final MonitorReport report;
        try
        {
            report = Monitor.run(resolved, settings);
        }
        catch (final RedisUnavailableException ex)
        {
            err.println("station monitor: " + ex.getMessage());
            return StationMain.EXIT_UNAVAILABLE;
        }
        out.print(json ? report.toJson() + "\n" : report.toText());
        out.flush();
        if (cpu != null && !report.pin().pinned())
        {
            err.println("station monitor: " + report.pin().message());
            return StationMain.EXIT_PROBLEMS;
        }
        return StationMain.EXIT_OK;
    }
}
