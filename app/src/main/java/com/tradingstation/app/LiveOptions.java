package com.tradingstation.app;

import com.tradingstation.core.instrument.Venue;
import com.tradingstation.feed.live.LiveFeed;
import com.tradingstation.feed.live.LiveSession;
import com.tradingstation.feed.live.LiveSettings;
import com.tradingstation.feed.live.SymbolRef;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The live-connection options shared by {@code station run --live} and {@code station record}:
 * flags first, then the {@code station.live.*} keys of the config file (through {@link ConfigDefaults}, whose
 * key each option names as its {@code descriptionKey}), then the venues' defaults.
 */
final class LiveOptions
{
    /** Config keys this class reads (StationConfig accepts them). */
    static final List<String> KEYS = List.of(
        "station.live.symbols", "station.live.ws.binance-spot", "station.live.ws.binance-usdm",
        "station.live.ws.binance-coinm", "station.live.rest.binance-spot", "station.live.rest.binance-usdm",
        "station.live.rest.binance-coinm", "station.live.streamsPerConnection", "station.live.snapshotLimit",
        "station.live.silenceMs", "station.live.rolloverAfterMs", "station.live.trustStore");

    @Option(names = "--symbols", paramLabel = "LIST", descriptionKey = "station.live.symbols",
        description = "VENUE:SYMBOL,... e.g. binance-spot:BTCUSDT,binance-usdm:ETHUSDT (station.live.symbols).")
    String symbols;

    @Option(names = "--ws-url", paramLabel = "VENUE=URL",
        description = "WebSocket base URL of a venue (repeatable; default the venue's production endpoint; ws:// for " +
            "simulators).")
    List<String> wsUrls = new ArrayList<>();

    @Option(names = "--rest-url", paramLabel = "VENUE=URL",
        description = "REST base URL of a venue (repeatable; default the venue's production endpoint; http:// for " +
            "simulators).")
    List<String> restUrls = new ArrayList<>();

    @Option(names = "--trust-store", paramLabel = "FILE", descriptionKey = "station.live.trustStore",
        description = "Trust store (PKCS12/JKS) for wss:// and https:// (default: the JVM's, or " +
            "-Djavax.net.ssl.trustStore).")
    Path trustStore;

    @Option(names = "--trust-store-password", paramLabel = "PW", description = "Password of --trust-store.")
    String trustStorePassword;

    @Option(names = "--streams-per-connection", paramLabel = "N", descriptionKey = "station.live.streamsPerConnection",
        description = "Streams per WebSocket connection, 1..1024 (default ${DEFAULT-VALUE}).", defaultValue = "200")
    int streamsPerConnection;

    @Option(names = "--snapshot-limit", paramLabel = "N", descriptionKey = "station.live.snapshotLimit",
        defaultValue = "1000",
        description = "REST depth levels (default ${DEFAULT-VALUE}).")
    int snapshotLimit;

    @Option(names = "--depth-interval", paramLabel = "VENUE=MS",
        description = "Depth stream interval per venue: 100ms (default), 0ms (futures), 250ms, 500ms, 1000ms.")
    List<String> depthIntervals = new ArrayList<>();

    @Option(names = "--silence-ms", paramLabel = "MS", descriptionKey = "station.live.silenceMs", defaultValue = "0",
        description = "A connection silent this long (no data, no ping) is dead (default 0: 1.5 x the venue's ping " +
            "interval).")
    long silenceMs;

    @Option(names = "--rollover-after-ms", paramLabel = "MS", descriptionKey = "station.live.rolloverAfterMs",
        defaultValue = "" + LiveSettings.DEFAULT_ROLLOVER_AFTER_MS,
        description = "Replace a connection (make-before-break) at this age (default ${DEFAULT-VALUE}, 23 h; the " +
            "venues close at 24 h).")
    long rolloverAfterMs;

    @Option(names = "--overlap-timeout-ms", paramLabel = "MS",
        description = "Longest overlap of old and new connection (default 60000).")
    Long overlapTimeoutMs;

    @Option(names = "--weight-budget", paramLabel = "VENUE=N",
        description = "REST weight per minute the station may use on a venue (default half the venue's limit).")
    List<String> weightBudgets = new ArrayList<>();

    @Option(names = "--reconnect-ms", paramLabel = "BASE[,MAX]", description = "Reconnect backoff (default 250,30000).")
    String reconnect;

    @Option(names = "--ticker-lag-ms", paramLabel = "MS",
        description = "A bookTicker ahead of its book this long means a lost diff: resync (default 2000).")
    Long tickerLagMs;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the reconnect jitter.")
    Long seed;

    @Option(names = "--duration", paramLabel = "S",
        description = "Stop the live connections after S seconds (default: until SIGINT/SIGTERM).")
    Long durationSeconds;

    /**
     * @return the symbols to subscribe to.
     * @throws IllegalArgumentException when there are none, or on a bad list.
     */
    List<SymbolRef> symbols()
    {
        if (symbols == null || symbols.isBlank())
        {
            throw new IllegalArgumentException("no symbols: give --symbols VENUE:SYMBOL,... or set " +
                "station.live.symbols");
        }
        return SymbolRef.parseList(symbols);
    }

    /**
     * @param config the station properties, for the per-venue URLs (station.live.ws.VENUE, station.live.rest.VENUE).
     * @return the settings.
     * @throws IllegalArgumentException on a bad value.
     */
    LiveSettings settings(final Properties config)
    {
        final LiveSettings.Builder b = LiveSettings.builder().streamsPerConnection(streamsPerConnection);
        for (final Venue v : Venue.values())
        {
            final String ws = config.getProperty("station.live.ws." + v.id(), "").trim();
            if (!ws.isEmpty())
            {
                b.wsBase(v, ws);
            }
            final String rest = config.getProperty("station.live.rest." + v.id(), "").trim();
            if (!rest.isEmpty())
            {
                b.restBase(v, rest);
            }
        }
        for (final String item : wsUrls)
        {
            final String[] kv = venueValue(item, "--ws-url");
            b.wsBase(Venue.fromId(kv[0]), kv[1]);
        }
        for (final String item : restUrls)
        {
            final String[] kv = venueValue(item, "--rest-url");
            b.restBase(Venue.fromId(kv[0]), kv[1]);
        }
        for (final String item : depthIntervals)
        {
            final String[] kv = venueValue(item, "--depth-interval");
            b.depthInterval(Venue.fromId(kv[0]), kv[1]);
        }
        for (final String item : weightBudgets)
        {
            final String[] kv = venueValue(item, "--weight-budget");
            b.weightBudget(Venue.fromId(kv[0]), (int)parse(kv[1], "--weight-budget"));
        }
        b.snapshotLimit(snapshotLimit).silenceMs(silenceMs).rolloverAfterMs(rolloverAfterMs);
        if (overlapTimeoutMs != null)
        {
            b.overlapTimeoutMs(overlapTimeoutMs);
        }
        if (reconnect != null)
        {
            final String[] parts = reconnect.split(",");
            final long base = parse(parts[0], "--reconnect-ms");
            b.reconnectBackoff(base, parts.length > 1 ? parse(parts[1], "--reconnect-ms") : Math.max(base, 30_000));
        }
        if (seed != null)
        {
            b.seed(seed);
        }
        if (tickerLagMs != null)
        {
            b.tickerLagMs(tickerLagMs);
        }
        if (trustStore != null)
        {
            if (!Files.isReadable(trustStore))
            {
                throw new IllegalArgumentException("cannot read trust store " + trustStore);
            }
            b.trustStore(trustStore, trustStorePassword);
        }
        return b.build();
    }

    /**
     * Connect to the venues, for {@code --duration} or until stopped.
     *
     * @param settings the settings.
     * @param symbols  what to subscribe to.
     * @param tap      sees every frame and snapshot, or null.
     * @return the open session.
     * @throws IOException naming the venue as unavailable (the command could not run).
     * @throws IllegalArgumentException on a bad setting.
     */
    LiveSession open(final LiveSettings settings, final List<SymbolRef> symbols, final LiveFeed.Tap tap)
        throws IOException
    {
        if (durationSeconds != null && durationSeconds <= 0)
        {
            throw new IllegalArgumentException("--duration must be positive");
        }
        try
        {
            return LiveSession.open(settings, symbols, 0,
                durationSeconds == null ? 0 : TimeUnit.SECONDS.toMillis(durationSeconds), tap);
        }
        catch (final IOException ex)
        {
            throw new IOException("venue unavailable: " + StationMain.oneLine(ex), ex);
        }
    }

    private static String[] venueValue(final String item, final String flag)
    {
        final int eq = item.indexOf('=');
        if (eq <= 0 || eq == item.length() - 1)
        {
            throw new IllegalArgumentException(flag + " must look like VENUE=VALUE: " + item);
        }
        return new String[] {item.substring(0, eq).trim(), item.substring(eq + 1).trim()};
    }

    private static long parse(final String v, final String what)
    {
        try
        {
            return Long.parseLong(v.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(what + " is not a number: '" + v.trim() + "'");
        }
    }
}
