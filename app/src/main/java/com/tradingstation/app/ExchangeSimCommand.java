package com.tradingstation.app;

import com.tradingstation.core.instrument.Venue;
import com.tradingstation.sim.ExchangeSimulator;
import com.tradingstation.sim.SimConfig;
import com.tradingstation.sim.SimStats;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code station exchange-sim}: a local exchange speaking the Binance REST and WebSocket market-data
 * API (spot, USD-M, COIN-M on one port) that serves capture files or a synthetic session with
 * seeded faults, to rehearse {@code station run --live} and to test connectors against.
 */
@Command(
    name = "exchange-sim",
    mixinStandardHelpOptions = true,
    description = {
        "Serve capture files or a synthetic session over the Binance REST and WebSocket market-data API",
        "(spot /api/v3, USD-M /fapi/v1 with /public and /market streams, COIN-M /dapi/v1) on one port,",
        "with seeded faults. Prints the --ws-url/--rest-url flags for 'station run --live' per venue, and",
        "the stats on exit. The timeline starts when the first WebSocket client subscribes.",
        "Exit: 0 ok; 2 usage error or unreadable input; 3 the address cannot be bound."})
final class ExchangeSimCommand implements Callable<Integer>
{
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
        description = "Port (0 = a free one; default ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
        description = "Address to bind (default ${DEFAULT-VALUE}).")
    private String bind;

    @Option(names = "--capture", paramLabel = "[VENUE=]FILE[,FILE...]",
        description = "Capture files forming one session, in order; venue inferred from the content unless given "
            + "(binance-spot, binance-usdm, binance-coinm). Repeatable.")
    private List<String> captures = new ArrayList<>();

    @Option(names = "--synth-venue", paramLabel = "VENUE",
        description = "Also serve a synthetic session of this venue.")
    private String synthVenue;

    @Option(names = "--synth-symbols", paramLabel = "N", defaultValue = "5",
        description = "Synthetic symbols (default ${DEFAULT-VALUE}).")
    private int synthSymbols;

    @Option(names = "--synth-duration", paramLabel = "SECONDS", defaultValue = "600",
        description = "Synthetic market seconds (default ${DEFAULT-VALUE}).")
    private int synthDuration;

    @Option(names = "--synth-rate", paramLabel = "N", defaultValue = "10",
        description = "Synthetic depth diffs per symbol per second (default ${DEFAULT-VALUE}).")
    private int synthRate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
        description = "Seed of the synthetic session and every fault (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
        description = "1 = recorded pace, 10 = ten times faster, 0 = as fast as the sockets take it (default " +
            "${DEFAULT-VALUE}).")
    private double speed;

    @Option(names = "--keep-event-time",
        description = "Send the recorded event time \"E\" instead of the wall-clock ms at send time.")
    private boolean keepEventTime;

    @Option(names = "--drop-pct", paramLabel = "P", defaultValue = "0",
        description = "Skip P%% of depth diff frames per connection.")
    private double dropPct;

    @Option(names = "--disconnect-every", paramLabel = "SECONDS", defaultValue = "0",
        description = "Every S seconds close one connection abruptly (no close frame).")
    private double disconnectEvery;

    @Option(names = "--stall-ms", paramLabel = "MS", defaultValue = "0",
        description = "Stall one connection (no data, no pings) for MS ms every --stall-every seconds.")
    private long stallMs;

    @Option(names = "--stall-every", paramLabel = "SECONDS", defaultValue = "10",
        description = "Stall period (default ${DEFAULT-VALUE}).")
    private double stallEvery;

    @Option(names = "--http-429-every", paramLabel = "N", defaultValue = "0",
        description = "Answer every Nth REST request 429 (Retry-After: 1).")
    private int http429Every;

    @Option(names = "--max-conn-age", paramLabel = "SECONDS", defaultValue = "0",
        description = "Close each connection S seconds after it opened (the venue's 24 h, compressed).")
    private double maxConnAge;

    @Option(names = "--server-shutdown-every", paramLabel = "SECONDS", defaultValue = "0",
        description = "Every S seconds send serverShutdown on the open spot connections, then close them.")
    private double serverShutdownEvery;

    @Option(names = "--shutdown-grace-ms", paramLabel = "MS", defaultValue = "1000",
        description = "Time between serverShutdown and the close (default ${DEFAULT-VALUE}).")
    private long shutdownGraceMs;

    @Option(names = "--snapshot-delay-ms", paramLabel = "MS", defaultValue = "0",
        description = "Delay every depth response.")
    private long snapshotDelayMs;

    @Option(names = "--ping-interval-ms", paramLabel = "MS", defaultValue = "0",
        description = "Ping period (default: the venue's, 20 s spot, 180 s futures).")
    private long pingIntervalMs;

    @Option(names = "--pong-timeout-ms", paramLabel = "MS", defaultValue = "0",
        description = "Close a connection whose ping stays unanswered this long (default: 60 s spot, 600 s futures).")
    private long pongTimeoutMs;

    @Option(names = "--weight-limit", paramLabel = "VENUE=N",
        description = "REST weight per minute (default 6000 spot, 2400 futures). Repeatable.")
    private List<String> weightLimits = new ArrayList<>();

    @Option(names = "--tls-keystore", paramLabel = "FILE",
        description = "PKCS12 keystore: serve wss:// and https:// only.")
    private Path tlsKeystore;

    @Option(names = "--tls-password", paramLabel = "PASSWORD", description = "Keystore password.")
    private String tlsPassword;

    @CommandLine.Mixin
    private StopAfter stopAfter;

    @Option(names = "--exit-when-finished", description = "Stop once the timeline has sent everything.")
    private boolean exitWhenFinished;

    @CommandLine.Mixin
    private Output output;

    @Override
    public Integer call() throws IOException
    {
        final ExchangeSimulator sim = new ExchangeSimulator(config());
        try
        {
            sim.start();
        }
        catch (final BindException ex)
        {
            throw ex; // the address is taken or not ours: could not run
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("cannot load the sessions: " + StationMain.oneLine(ex), ex);
        }
        final PrintWriter banner = output.json ? output.err() : output.out();
        for (final Venue v : sim.venues())
        {
            banner.println(v.id() + ": --ws-url " + v.id() + "=" + sim.wsBaseUrl() + " --rest-url " + v.id() + "=" +
                sim.restBaseUrl());
        }
        banner.flush();
        final CountDownLatch stop = new CountDownLatch(1);
        try (ShutdownSignal signal = ShutdownSignal.install("exchange-sim-stop", 5, stop::countDown))
        {
            try
            {
                awaitEnd(sim, stop);
            }
            finally
            {
                sim.close();
                final SimStats stats = sim.stats();
                output.print(stats::toJson, out -> out.println(text(stats)));
            }
        }
        return StationMain.EXIT_OK;
    }

    /** Until --duration has passed, the timeline is done (--exit-when-finished), or a signal came. */
    private void awaitEnd(final ExchangeSimulator sim, final CountDownLatch stop)
    {
        try
        {
            final long endNs = stopAfter.endNs(System.nanoTime());
            while (System.nanoTime() - endNs < 0)
            {
                if (exitWhenFinished && sim.awaitFinished(Duration.ofMillis(50)))
                {
                    break;
                }
                final long leftNs = endNs - System.nanoTime();
                if (stop.await(Math.max(0, Math.min(leftNs, 200_000_000L)), TimeUnit.NANOSECONDS))
                {
                    break;
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private SimConfig config()
    {
        final SimConfig.Builder b = SimConfig.builder()
            .port(port).bindAddress(bind).seed(seed).speed(speed).rewriteEventTime(!keepEventTime).dropPct(dropPct)
            .disconnectEveryMs(ms(disconnectEvery, "--disconnect-every"))
            .stall(stallMs, ms(stallEvery, "--stall-every"))
            .http429Every(http429Every)
            .maxConnAgeMs(ms(maxConnAge, "--max-conn-age"))
            .serverShutdown(ms(serverShutdownEvery, "--server-shutdown-every"), shutdownGraceMs)
            .snapshotDelayMs(snapshotDelayMs)
            .pingIntervalMs(pingIntervalMs)
            .pongTimeoutMs(pongTimeoutMs);
        for (final String c : captures)
        {
            Venue venue = null;
            String files = c;
            final int eq = c.indexOf('=');
            if (eq > 0 && c.indexOf(',') < 0 || eq > 0 && eq < c.indexOf(','))
            {
                venue = venue(c.substring(0, eq));
                files = c.substring(eq + 1);
            }
            final List<Path> paths = new ArrayList<>();
            for (final String f : files.split(","))
            {
                if (f.isBlank())
                {
                    throw new IllegalArgumentException("--capture " + c + ": empty file name");
                }
                paths.add(Paths.get(f));
            }
            b.capture(venue, paths);
        }
        if (synthVenue != null)
        {
            b.synthetic(new SimConfig.Synthetic(venue(synthVenue), synthSymbols, synthDuration, synthRate, 50, seed));
        }
        else if (captures.isEmpty())
        {
            throw new IllegalArgumentException("nothing to serve: give --capture FILE or --synth-venue VENUE");
        }
        for (final String w : weightLimits)
        {
            final int eq = w.indexOf('=');
            if (eq <= 0)
            {
                throw new IllegalArgumentException("--weight-limit wants VENUE=N, got '" + w + "'");
            }
            try
            {
                b.weightLimit(venue(w.substring(0, eq)), Integer.parseInt(w.substring(eq + 1)));
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("--weight-limit " + w + ": not a number");
            }
        }
        if (tlsKeystore != null)
        {
            b.tls(tlsKeystore, tlsPassword);
        }
        stopAfter.check();
        return b.build();
    }

    private static Venue venue(final String name)
    {
        return switch (name)
        {
            case "spot" -> Venue.BINANCE_SPOT;
            case "usdm" -> Venue.BINANCE_USDM;
            case "coinm" -> Venue.BINANCE_COINM;
            default -> Venue.fromId(name);
        };
    }

    private static long ms(final double seconds, final String flag)
    {
        if (!(seconds >= 0) || Double.isInfinite(seconds))
        {
            throw new IllegalArgumentException(flag + " must be >= 0 seconds");
        }
        return Math.round(seconds * 1000);
    }

    private static String text(final SimStats s)
    {
        final StringBuilder sb = new StringBuilder(1024);
        final SimStats.Timeline t = s.timeline();
        sb.append(String.format("timeline: started %s, finished %s, lines %d/%d, speed %s%n",
            t.started(), t.finished(), t.linesSent(), t.linesTotal(), t.speed()));
        final SimStats.Connections c = s.connections();
        sb.append(String.format("connections: opened %d, open %d, closed %s, refused %s%n",
            c.opened(), c.open(), c.closedByReason(), c.handshakesRefused()));
        for (final SimStats.Symbol sym : s.symbols())
        {
            sb.append(String.format("  %s %s: frames %d, diffs %d, dropped %d, last update id %d (session final %d), " +
                "tick %s, step %s%n",
                sym.venue(), sym.symbol(), sym.framesSent(), sym.diffsSent(), sym.diffsDropped(),
                sym.lastSentUpdateId(), sym.finalUpdateId(), sym.tickSize(), sym.stepSize()));
        }
        for (final SimStats.Connection conn : s.connectionDetails())
        {
            sb.append(String.format("  connection %d %s %s%s: sent %d, dropped %d, stalled %d, backpressure %d%n",
                conn.id(), conn.venue(), conn.path(), conn.open() ? " (open)" : " (closed: " + conn.closeReason() + ")",
                conn.framesSent(), conn.framesDropped(), conn.framesStalled(), conn.framesBackpressure()));
        }
        final SimStats.Rest r = s.rest();
        sb.append(String.format("rest: requests %s, peak weight/min %s, 429 sent %d (injected %d), 418 sent %d%n",
            r.requestsByEndpoint(), r.peakWeightPerMinute(), r.http429Sent(), r.http429Injected(), r.http418Sent()));
        final SimStats.Pings p = s.pings();
        sb.append(String.format("pings: sent %d, pongs %d, mismatches %d, pong timeouts %d%n",
            p.pingsSent(), p.pongsReceived(), p.pongMismatches(), p.pongTimeouts()));
        final SimStats.Faults f = s.faults();
        sb.append(String.format("faults: disconnects %d, stalls %d, serverShutdowns %d, max-age closes %d, diffs " +
            "dropped %d, delayed snapshots %d",
            f.disconnects(), f.stalls(), f.serverShutdowns(), f.maxAgeCloses(), f.diffsDropped(),
            f.delayedSnapshots()));
        return sb.toString();
    }
}
