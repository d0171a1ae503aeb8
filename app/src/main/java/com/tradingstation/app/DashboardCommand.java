package com.tradingstation.app;

import com.tradingstation.ops.DashboardLoop;
import com.tradingstation.ops.MonitorSettings;
import com.tradingstation.ops.Terminal;
import com.tradingstation.redis.RedisConnector;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code station dashboard}: a live view refreshed every second, metrics colored by the threshold
 * bands. Colors only on a terminal and without NO_COLOR; {@code q} quits. Off a terminal nothing
 * can quit it, so it refuses to start there without {@code --frames N} (a usage error).
 */
@Command(
    name = "dashboard",
    mixinStandardHelpOptions = true,
    description = {
        "Live Redis latency and health view, refreshed every second and colored by the threshold bands; q quits.",
        "No colors when NO_COLOR is set or output is not a terminal (then no control codes at all).",
        "Off a terminal nothing can quit it, so --frames N is required there.",
        "Exit: 0 quit or frames done; 2 usage error (also: not a terminal and no --frames); 3 Redis unreachable at " +
            "start."})
final class DashboardCommand implements Callable<Integer>
{
    @Mixin
    private MeasuredRedis measured;

    @Mixin
    private Sampling sampling = new Sampling(200);

    @Mixin
    private PinOption pin;

    @Option(names = "--refresh-ms", paramLabel = "MS", defaultValue = "1000",
        description = "Frame period (default ${DEFAULT-VALUE}).")
    private long refreshMs;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "0",
        description = "Stop after N frames (default 0: until q, which needs a terminal).")
    private int frames;

    @Option(names = "--no-color", description = "No colors even on a terminal.")
    private boolean noColor;

    @Mixin
    private Console console;

    @Override
    public Integer call() throws RedisUnavailableException
    {
        final boolean terminal = Terminal.isTerminal();
        final ThresholdsOption.Loaded thresholds = measured.thresholds();
        final MonitorSettings settings = sampling.settings(50, pin.cpu());
        if (refreshMs < 100 || frames < 0)
        {
            throw new IllegalArgumentException("--refresh-ms must be >= 100 and --frames >= 0");
        }
        if (frames == 0 && !terminal)
        {
            throw new IllegalArgumentException("output is not a terminal, so q cannot quit the dashboard: give " +
                "--frames N");
        }
        final RedisEndpoint resolved = measured.target.resolve();
        // Fail fast with one line when Redis is not there at all; later outages show in the frame.
        RedisConnector.connect(resolved).close();
        final String noColorEnv = System.getenv("NO_COLOR");
        final boolean color = terminal && !noColor && (noColorEnv == null || noColorEnv.isEmpty());
        final PrintWriter out = console.out();
        try (Terminal tty = new Terminal())
        {
            if (terminal)
            {
                tty.enterRawMode();
                // Ctrl-C must not leave the terminal without echo.
                try (ShutdownSignal restore = ShutdownSignal.install("station-dashboard-tty", 0, tty::close))
                {
                    new DashboardLoop(resolved, thresholds.thresholds(), settings, out, System.in, true, color)
                        .run(refreshMs, frames);
                }
            }
            else
            {
                new DashboardLoop(resolved, thresholds.thresholds(), settings, out, null, false, false)
                    .run(refreshMs, frames);
            }
        }
        out.flush();
        return StationMain.EXIT_OK;
    }
}
