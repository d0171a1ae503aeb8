package com.tradingstation.app;

import com.tradingstation.feed.live.LiveSession;
import com.tradingstation.feed.live.LiveSettings;
import com.tradingstation.feed.live.SymbolRef;
import com.tradingstation.feed.pipeline.PipelineResult;
import com.tradingstation.feed.pipeline.SymbolReport;
import com.tradingstation.redis.ManagedRedis;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisUnavailableException;
import com.tradingstation.wire.WireConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code station run}: the main job. Reads config/station.properties (flags override), replays the
 * configured sources through the books into Redis, logs a status line every few seconds, serves
 * /metrics and /status on 127.0.0.1, and on SIGINT/SIGTERM stops reading, drains, flushes the sink
 * and prints final stats.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
        "Run the station: sources -> books -> Redis (and UDP with --udp), with a status line, /metrics and /status.",
        "Sources are capture files, or with --live the venues' WebSocket streams and REST snapshots.",
        "Exit: 0 done; 1 gaps, crossed books, a symbol not LIVE at the end, or sink errors; 2 usage or config error;",
        "3 Redis or a venue unavailable."})
final class RunCommand implements Callable<Integer>
{
    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Capture files (override station.sources).")
    private List<Path> files = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file (default config/station.properties when present).")
    private Path config;

    @Option(names = "--redis", paramLabel = "URL", description = "Redis URL (overrides station.redis.url).")
    private String redisUrl;

    @Option(names = "--http-port", paramLabel = "PORT", description = "Port of /metrics and /status (0 any, -1 off).")
    private Integer httpPort;

    @Option(names = "--status-interval-ms", paramLabel = "MS", description = "Status line period.")
    private Long statusIntervalMs;

    @Option(names = "--udp", description = "Publish SBE packets on the UDP channels (station.udp.*; default groups "
        + WireConfig.DEFAULT_INCREMENTAL + " and " + WireConfig.DEFAULT_SNAPSHOT + ").")
    private boolean udpFlag;

    @Option(names = "--udp-incremental", paramLabel = "HOST:PORT", description = "Incremental channel (implies --udp).")
    private String udpIncremental;

    @Option(names = "--udp-snapshot", paramLabel = "HOST:PORT", description = "Snapshot channel (implies --udp).")
    private String udpSnapshot;

    @Option(names = "--udp-interface", paramLabel = "NAME", description = "Multicast interface (default: picked).")
    private String udpInterface;

    @Option(names = "--rate", paramLabel = "MSGS", description = "Replay this many capture lines per second (0 = full speed).")
    private Long rate;

    @Option(names = "--live", description = "Connect to the venues (--symbols, --ws-url, --rest-url) instead of replaying files.")
    private boolean liveFlag;

    @CommandLine.Mixin
    private LiveOptions liveOptions = new LiveOptions();

    @Option(names = "--duration", paramLabel = "S", description = "Live: stop after S seconds (default: until SIGINT/SIGTERM).")
    private Long durationSeconds;

    @Option(names = "--json", description = "Print the final report as one JSON object (symbols[] as station replay --json).")
    private boolean json;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private WireConfig udpOverrides(final WireConfig base)
    {
        final WireConfig channels = base.withChannels(
            udpIncremental != null ? WireConfig.address(udpIncremental) : base.incremental(),
            udpSnapshot != null ? WireConfig.address(udpSnapshot) : base.snapshot());
        return udpInterface != null ? channels.withInterface(udpInterface) : channels;
    }

    @Override
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final StationConfig c;
        final RedisEndpoint endpoint;
        final List<Path> sources = new ArrayList<>();
        List<SymbolRef> liveSymbols = null;
        List<SymbolRef> replayAllow = List.of();
        LiveSettings liveSettings = null;
        try
        {
            final StationConfig loaded = StationConfig.resolve(config);
            c = new StationConfig(loaded.sources(), redisUrl != null ? redisUrl : loaded.redisUrl(),
                httpPort != null ? httpPort : loaded.httpPort(),
                statusIntervalMs != null ? statusIntervalMs : loaded.statusIntervalMs(),
                loaded.bookLevels(), loaded.bookIntervalMs(), loaded.tradesMaxLen(), loaded.redisMaxmemory(),
                rate != null ? rate : loaded.replayRate(),
                loaded.udpEnabled() || udpFlag || udpIncremental != null || udpSnapshot != null,
                udpOverrides(loaded.udp()));
            if (liveFlag)
            {
                if (!files.isEmpty())
                {
                    throw new IllegalArgumentException("--live takes no capture FILEs");
                }
                liveSymbols = liveOptions.symbols(config);
                liveSettings = liveOptions.settings(config);
                if (durationSeconds != null && durationSeconds <= 0)
                {
                    throw new IllegalArgumentException("--duration must be positive");
                }
            }
            else
            {
                if (files.isEmpty())
                {
                    c.sources().forEach(s -> sources.add(Path.of(s)));
                }
                else
                {
                    sources.addAll(files);
                }
                if (liveOptions.symbols != null)
                {
                    replayAllow = SymbolRef.parseFilter(liveOptions.symbols);
                }
            }
            if (sources.isEmpty() && !liveFlag)
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
            endpoint = c.redisUrl() == null ? null : RedisEndpoint.parse(c.redisUrl());
        }
        catch (final IllegalArgumentException | IOException ex)
        {
            err.println("station run: " + StationMain.oneLine(ex));
            return StationMain.EXIT_USAGE;
        }

        LiveSession session = null;
        if (liveFlag)
        {
            try
            {
                session = LiveSession.open(liveSettings, liveSymbols, 0,
                    durationSeconds == null ? 0 : TimeUnit.SECONDS.toMillis(durationSeconds), null);
            }
            catch (final IllegalArgumentException ex)
            {
                err.println("station run: " + StationMain.oneLine(ex));
                return StationMain.EXIT_USAGE;
            }
            catch (final IOException ex)
            {
                err.println("station run: venue unavailable: " + StationMain.oneLine(ex));
                return StationMain.EXIT_UNAVAILABLE;
            }
        }
        ManagedRedis managed = null;
        StationHttp http = null;
        StationRuntime runtimeRef = null;
        final CountDownLatch done = new CountDownLatch(1);
        final ScheduledExecutorService status = Executors.newSingleThreadScheduledExecutor(r ->
        {
            final Thread t = new Thread(r, "station-status");
            t.setDaemon(true);
            return t;
        });
        try
        {
            if (endpoint == null)
            {
                managed = ManagedRedis.builder().maxmemory(c.redisMaxmemory()).start();
            }
            final RedisEndpoint target = endpoint != null ? endpoint : managed.endpoint();
            StationRuntime.ping(target);
            final CountersLocation counters = CountersLocation.resolve(null);
            final StationRuntime runtime = new StationRuntime(target, c.bookLevels(), c.bookIntervalMs(), c.tradesMaxLen(),
                c.udpEnabled() ? c.udp() : null, c.replayRate(), session, counters.file());
            runtimeRef = runtime;
            for (final SymbolRef ref : replayAllow)
            {
                runtime.allow(ref);
            }
            if (runtime.udp() != null)
            {
                err.println("station: udp incremental " + WireConfig.hostPort(c.udp().incremental()) + ", snapshot " +
                    WireConfig.hostPort(c.udp().snapshot()) + ", payload " + c.udp().maxPayloadBytes() + " B");
                runtime.udp().warnings().forEach(w -> err.println("station: warning: " + w));
            }
            if (c.httpPort() >= 0)
            {
                http = StationHttp.start(c.httpPort(), runtime);
                err.println("station: /metrics and /status on http://127.0.0.1:" + http.port());
            }
            err.println("station: counters " + counters.file() + counters.note() + " (station stat)");
            err.println("station: redis " + target.address() +
                (managed == null ? "" : " (private redis-server from " + managed.binary().source() + ")") +
                (session != null ? ", live: " + session.instruments().size() + " instrument(s) on " +
                    session.feed().slots().size() + " connection(s)" : ", " + sources.size() + " source(s)"));
            err.flush();
            final long[] last = new long[4];
            last[3] = System.nanoTime();
            status.scheduleAtFixedRate(() ->
            {
                final long now = System.nanoTime();
                final long events = runtime.events();
                final long updates = runtime.updates();
                final long writes = runtime.sink().writes();
                final double secs = Math.max(1e-9, (now - last[3]) / 1e9);
                err.println(runtime.statusLine(events - last[0], updates - last[1], writes - last[2], secs));
                err.flush();
                last[0] = events;
                last[1] = updates;
                last[2] = writes;
                last[3] = now;
            }, c.statusIntervalMs(), c.statusIntervalMs(), TimeUnit.MILLISECONDS);
            // SIGINT/SIGTERM: stop reading, then hold the JVM until the drain, flush and final stats are done.
            final Thread hook = new Thread(() ->
            {
                runtime.stop();
                try
                {
                    done.await(30, TimeUnit.SECONDS);
                }
                catch (final InterruptedException ignored)
                {
                    Thread.currentThread().interrupt();
                }
            }, "station-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            final long start = System.nanoTime();
            final PipelineResult result = runtime.run(sources);
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException shuttingDown)
            {
                // a signal arrived: the hook is running and asked the replay to stop
            }
            final double seconds = (System.nanoTime() - start) / 1e9;
            final boolean clean = session != null ? session.clean(result) : result.clean();
            if (json)
            {
                out.println(session != null ? session.toJson(result) : result.toJson());
            }
            else
            {
                out.println(runtime.statusLine(runtime.events(), runtime.updates(), runtime.sink().writes(), seconds)
                    .replace("station:", "station final:"));
                {
                    for (final SymbolReport r : result.symbols())
                    {
                        out.println(String.format(java.util.Locale.ROOT,
                            "  %s:%s %s u=%d bid %s x %s ask %s x %s, %d/%d levels, gaps %d, resyncs %d, crossed %d, " +
                            "tickers %d/%d agree", r.venue(), r.symbol(), r.state(), r.lastUpdateId(), r.bestBid(),
                            r.bestBidQty(), r.bestAsk(), r.bestAskQty(), r.bidLevels(), r.askLevels(), r.gaps(),
                            r.resyncs(), r.crossed(), r.tickerAgree(), r.tickerChecks()));
                    }
                }
                out.println(runtime.statusJson());
            }
            out.flush();
            for (final String problem : session != null ? session.problems(result) : result.problems())
            {
                err.println("station run: " + problem);
            }
            if (runtime.sink().errors() > 0)
            {
                err.println("station run: " + runtime.sink().errors() + " Redis sink error(s), last: " +
                    runtime.sink().lastError());
            }
            err.flush();
            return clean && runtime.sink().errors() == 0 ? StationMain.EXIT_OK : StationMain.EXIT_PROBLEMS;
        }
        catch (final RedisUnavailableException ex)
        {
            err.println("station run: " + ex.getMessage());
            return StationMain.EXIT_UNAVAILABLE;
        }
        catch (final IllegalStateException | IOException ex)
        {
            err.println("station run: " + StationMain.oneLine(ex));
            return StationMain.EXIT_UNAVAILABLE;
        }
        finally
        {
            if (runtimeRef != null)
            {
                runtimeRef.closeUdp();
            }
            status.shutdownNow();
            if (http != null)
            {
                http.close();
            }
            if (runtimeRef != null)
            {
                runtimeRef.closeCounters();
            }
            if (managed != null)
            {
                managed.close();
            }
            done.countDown();
        }
    }
}
