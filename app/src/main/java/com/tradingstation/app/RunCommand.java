package com.tradingstation.app;

import com.tradingstation.core.thread.ThreadRole;
import com.tradingstation.feed.live.LiveSession;
import com.tradingstation.feed.live.SymbolRef;
import com.tradingstation.feed.pipeline.PipelineResult;
import com.tradingstation.feed.pipeline.SymbolReport;
import com.tradingstation.ops.KpiSampler;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.runtime.StationThreads;
import com.tradingstation.wire.WireConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code station run}: the main job. Reads config/station.properties (flags override: each option
 * takes its default from its key, see {@link ConfigDefaults}), replays the
 * configured sources through the books into Redis, logs a status line every few seconds, serves
 * /metrics and /status on 127.0.0.1, and on SIGINT/SIGTERM stops reading, drains, flushes the sink
 * and prints final stats.
 */
@Command(
    name = "run",
    defaultValueProvider = ConfigDefaults.class,
    mixinStandardHelpOptions = true,
    description = {
        "Run the station: sources -> books -> Redis (and UDP with --udp), with a status line, /metrics and /status.",
        "Sources are capture files, or with --live the venues' WebSocket streams and REST snapshots.",
        "Exit: 0 done; 1 gaps, crossed books, a symbol not LIVE at the end, or sink errors; 2 usage or config error;",
        "3 Redis or a venue unavailable."})
final class RunCommand implements Callable<Integer>
{
    /** Default of station.kpi.interval (--kpi-interval), seconds: once a minute. */
    static final long DEFAULT_KPI_INTERVAL_S = 60;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Capture files (override station.sources).")
    private List<Path> files = new ArrayList<>();

    @CommandLine.Mixin
    private ConfigOption config = new ConfigOption();

    @Option(names = "--redis", paramLabel = "URL", descriptionKey = "station.redis.url",
        description = "Redis URL (station.redis.url; default: a private redis-server).")
    private String redisUrl;

    @Option(names = "--http-port", paramLabel = "PORT", descriptionKey = "station.http.port",
        defaultValue = "" + StationConfig.DEFAULT_HTTP_PORT,
        description = "Port of /metrics and /status (0 any, -1 off; station.http.port, default ${DEFAULT-VALUE}).")
    private int httpPort;

    @Option(names = "--status-interval-ms", paramLabel = "MS", descriptionKey = "station.status.intervalMs",
        defaultValue = "" + StationConfig.DEFAULT_STATUS_INTERVAL_MS,
        description = "Status line period (station.status.intervalMs, default ${DEFAULT-VALUE}).")
    private long statusIntervalMs;

    @Option(names = "--udp",
        description = "Publish SBE packets on the UDP channels (also when station.udp.enabled=true).")
    private boolean udpFlag;

    @Option(names = "--udp-incremental", paramLabel = "HOST:PORT", descriptionKey = "station.udp.incremental",
        defaultValue = WireConfig.DEFAULT_INCREMENTAL,
        description = "Incremental channel (implies --udp; station.udp.incremental, default ${DEFAULT-VALUE}).")
    private String udpIncremental;

    @Option(names = "--udp-snapshot", paramLabel = "HOST:PORT", descriptionKey = "station.udp.snapshot",
        defaultValue = WireConfig.DEFAULT_SNAPSHOT,
        description = "Snapshot channel (implies --udp; station.udp.snapshot, default ${DEFAULT-VALUE}).")
    private String udpSnapshot;

    @Option(names = "--udp-interface", paramLabel = "NAME", descriptionKey = "station.udp.interface",
        description = "Multicast interface (station.udp.interface; default: picked).")
    private String udpInterface;

    @Option(names = "--rate", paramLabel = "MSGS", descriptionKey = "station.replay.rate", defaultValue = "0",
        description = "Replay this many capture lines per second (0 = full speed; station.replay.rate).")
    private long rate;

    @Option(names = "--live",
        description = "Connect to the venues (--symbols, --ws-url, --rest-url) instead of replaying files.")
    private boolean liveFlag;

    @CommandLine.Mixin
    private LiveOptions liveOptions = new LiveOptions();

    @CommandLine.Mixin
    private RuntimeOptions host = new RuntimeOptions();

    @Option(names = "--kpi-interval", paramLabel = "S", descriptionKey = "station.kpi.interval",
        defaultValue = "" + DEFAULT_KPI_INTERVAL_S,
        description = "Trading-day KPI sample period into HOME/state/days (0 off; station.kpi.interval, default "
            + "${DEFAULT-VALUE}).")
    private long kpiIntervalSeconds;

    @CommandLine.Mixin
    private StationHome home = new StationHome();

    @CommandLine.Mixin
    private Output output;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception
    {
        final StationConfig c = settings();
        if (kpiIntervalSeconds < 0 || kpiIntervalSeconds > 86_400)
        {
            throw new IllegalArgumentException("station.kpi.interval (--kpi-interval) must be 0..86400, got " +
                kpiIntervalSeconds);
        }
        final Path kpiHome = kpiIntervalSeconds == 0 ? null : home.resolve();
        final List<Path> sources = liveFlag ? List.of() : sources(c);
        final LiveSession session = liveFlag ? openLive() : null;
        final PrintWriter err = output.err();
        final StationThreads threads = host.apply(err);
        try (ShutdownSignal signal = new ShutdownSignal("station-stop", 30);
            StationRedis redis = StationRedis.open(c.redisUrl() == null ? null : RedisEndpoint.parse(c.redisUrl()),
                c.redisMaxmemory()))
        {
            final CountersLocation counters = CountersLocation.resolve(new StationHome());
            final StationRuntime runtime = new StationRuntime(redis.endpoint(), c.bookLevels(), c.bookIntervalMs(),
                c.tradesMaxLen(), c.udpEnabled() ? c.udp() : null, c.replayRate(), session, counters.file(), threads);
            StationHttp http = null;
            KpiSampler kpi = null;
            try (StatusLine status = new StatusLine(runtime, err, host.statusThreads()))
            {
                replayFilter(runtime);
                if (runtime.udp() != null)
                {
                    err.println("station: udp incremental " + WireConfig.hostPort(c.udp().incremental()) +
                        ", snapshot " +
                        WireConfig.hostPort(c.udp().snapshot()) + ", payload " + c.udp().maxPayloadBytes() + " B");
                    runtime.udp().warnings().forEach(w -> err.println("station: warning: " + w));
                }
                if (c.httpPort() >= 0)
                {
                    http = StationHttp.start(c.httpPort(), runtime);
                    err.println("station: /metrics and /status on http://127.0.0.1:" + http.port());
                }
                err.println("station: counters " + counters.file() + counters.note() + " (station stat)");
                err.println("station: redis " + redis.describe() +
                    (session != null ? ", live: " + session.instruments().size() + " instrument(s) on " +
                        session.feed().slots().size() + " connection(s)" : ", " + sources.size() + " source(s)"));
                err.flush();
                status.start(c.statusIntervalMs());
                kpi = startKpi(kpiHome, redis.endpoint(), runtime, err);
                // SIGINT/SIGTERM: stop reading, then hold the JVM until the drain, flush and final stats are done.
                signal.onSignal(runtime::stop);
                final long startNs = System.nanoTime();
                final PipelineResult result = runtime.run(sources);
                return report(runtime, session, result, (System.nanoTime() - startNs) / 1e9);
            }
            finally
            {
                stopKpi(kpi, err);
                runtime.closeUdp();
                if (http != null)
                {
                    http.close();
                }
                runtime.closeCounters();
            }
        }
    }

    /** Trading-day KPIs on their own thread (placed as the status thread), when there is a home to keep them. */
    private KpiSampler startKpi(final Path kpiHome, final RedisEndpoint endpoint, final StationRuntime runtime,
        final PrintWriter err)
    {
        if (kpiHome == null)
        {
            err.println("station: kpi: off (" + (kpiIntervalSeconds == 0 ? "--kpi-interval 0" :
                "no station home: give --home DIR or set " + StationHome.ENV) + ")");
            return null;
        }
        final Path days = kpiHome.resolve(StationHome.KPI_DAYS);
        err.println("station: kpi: sampling Redis every " + kpiIntervalSeconds + " s into " + days);
        return KpiSampler.start(endpoint, days, Duration.ofSeconds(kpiIntervalSeconds), Clock.systemUTC(),
            runtime.threads().daemonThreads(ThreadRole.STATUS, "station-kpi"), line ->
            {
                err.println("station: kpi: " + line);
                err.flush();
            });
    }

    private static void stopKpi(final KpiSampler kpi, final PrintWriter err)
    {
        if (kpi != null)
        {
            kpi.close();
            err.println("station: kpi: " + kpi.written() + " sample(s) written, " + kpi.failures() + " failed");
            err.flush();
        }
    }

    /** The configuration in force: each flag over its key of the file (defaults from {@link ConfigDefaults}). */
    private StationConfig settings()
    {
        if (liveFlag && !files.isEmpty())
        {
            throw new IllegalArgumentException("--live takes no capture FILEs");
        }
        final StationConfig file = config.stationConfig();
        final CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        final boolean udp = file.udpEnabled() || udpFlag || parsed.hasMatchedOption("--udp-incremental") ||
            parsed.hasMatchedOption("--udp-snapshot");
        final StationConfig c = new StationConfig(file.sources(), redisUrl, httpPort, statusIntervalMs,
            file.bookLevels(),
            file.bookIntervalMs(), file.tradesMaxLen(), file.redisMaxmemory(), rate, udp,
            StationConfig.channels(file.udp(), udpIncremental, udpSnapshot, udpInterface));
        if (c.redisUrl() != null)
        {
            RedisEndpoint.parse(c.redisUrl()); // a bad URL is a usage error before anything starts
        }
        return c;
    }

    private LiveSession openLive() throws IOException
    {
        final List<SymbolRef> symbols = liveOptions.symbols();
        return liveOptions.open(liveOptions.settings(config.properties()), symbols, null);
    }

    private List<Path> sources(final StationConfig c)
    {
        final List<Path> sources = new ArrayList<>(files);
        if (sources.isEmpty())
        {
            c.sources().forEach(s -> sources.add(Path.of(s)));
        }
        if (sources.isEmpty())
        {
            throw new IllegalArgumentException("no sources: give capture FILEs, set station.sources, or use --live");
        }
        for (final Path p : sources)
        {
            if (!Files.isRegularFile(p) || !Files.isReadable(p))
            {
                throw new IllegalArgumentException("cannot read " + p + ": " + (!Files.exists(p) ? "no such file" :
                    Files.isDirectory(p) ? "a directory, not a capture file" : "permission denied"));
            }
        }
        return sources;
    }

    /** A replay takes only the symbols --symbols names (station.live.symbols is for --live). */
    private void replayFilter(final StationRuntime runtime)
    {
        if (!liveFlag && spec.commandLine().getParseResult().hasMatchedOption("--symbols"))
        {
            SymbolRef.parseFilter(liveOptions.symbols).forEach(runtime::allow);
        }
    }

    private int report(final StationRuntime runtime, final LiveSession session, final PipelineResult result,
        final double seconds)
    {
        final boolean clean = session != null ? session.clean(result) : result.clean();
        output.print(() -> session != null ? session.toJson(result) : result.toJson(), out ->
        {
            out.println(runtime.statusLine(runtime.events(), runtime.updates(), runtime.sink().writeCount(), seconds)
                .replace("station:", "station final:"));
            for (final SymbolReport r : result.symbols())
            {
                out.println(String.format(java.util.Locale.ROOT,
                    "  %s:%s %s u=%d bid %s x %s ask %s x %s, %d/%d levels, gaps %d, resyncs %d, crossed %d, " +
                    "tickers %d/%d agree", r.venue(), r.symbol(), r.state(), r.lastUpdateId(), r.bestBid(),
                    r.bestBidQty(), r.bestAsk(), r.bestAskQty(), r.bidLevels(), r.askLevels(), r.gapCount(),
                    r.resyncCount(), r.crossedCount(), r.tickerAgreeCount(), r.tickerCheckCount()));
            }
            out.println(runtime.statusJson());
        });
        for (final String problem : session != null ? session.problems(result) : result.problems())
        {
            output.note(problem);
        }
        if (runtime.sink().errors() > 0)
        {
            output.note(runtime.sink().errors() + " Redis sink error(s), last: " + runtime.sink().lastError());
        }
        return clean && runtime.sink().errors() == 0 ? StationMain.EXIT_OK : StationMain.EXIT_PROBLEMS;
    }
}
