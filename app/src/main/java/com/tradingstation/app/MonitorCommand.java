package com.tradingstation.app;

import com.tradingstation.ops.Monitor;
import com.tradingstation.ops.MonitorReport;
import com.tradingstation.ops.MonitorSettings;
import com.tradingstation.redis.RedisUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
        "With --json, latencies are in microseconds.",
        "Exit: 0 measured; 1 measured but the requested --cpu pin failed; 2 usage error; 3 Redis unavailable."})
final class MonitorCommand implements Callable<Integer>
{
    @Mixin
    private RedisTarget target;

    @Mixin
    private Output output;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "2000",
        description = "Samples per operation (default ${DEFAULT-VALUE}).")
    private int samples;

    @Option(names = "--interval-us", paramLabel = "U", defaultValue = "1000",
        description = "Planned gap between sends in microseconds; 0 = back to back (default ${DEFAULT-VALUE}).")
    private long intervalUs;

    @Option(names = "--cpu", paramLabel = "C", description = "Pin the measuring thread to CPU C and verify the pin.")
    private Integer cpu;

    @Override
    public Integer call() throws RedisUnavailableException
    {
        final MonitorSettings settings = new MonitorSettings(samples, intervalUs, MonitorSettings.DEFAULT_WARMUP,
            cpu == null ? -1 : cpu);
        final MonitorReport report = Monitor.run(target.resolve(), settings);
        output.print(report::toJson, out -> out.print(report.toText()));
        if (cpu != null && !report.pin().pinned())
        {
            output.note(report.pin().message());
            return StationMain.EXIT_PROBLEMS;
        }
        return StationMain.EXIT_OK;
    }
}
