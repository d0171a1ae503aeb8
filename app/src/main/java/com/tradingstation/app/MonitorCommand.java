package com.tradingstation.app;

import com.tradingstation.ops.Monitor;
import com.tradingstation.ops.MonitorReport;
import com.tradingstation.ops.MonitorSettings;
import com.tradingstation.redis.RedisUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

    @Mixin
    private Sampling sampling = new Sampling(MonitorSettings.DEFAULT_SAMPLES);

    @Mixin
    private PinOption pin;

    @Override
    public Integer call() throws RedisUnavailableException
    {
        final MonitorReport report = Monitor.run(target.resolve(),
            sampling.settings(MonitorSettings.DEFAULT_WARMUP, pin.cpu()));
        output.print(report::toJson, out -> out.print(report.toText()));
        return pin.failed(report.pin(), output) ? StationMain.EXIT_PROBLEMS : StationMain.EXIT_OK;
    }
}
