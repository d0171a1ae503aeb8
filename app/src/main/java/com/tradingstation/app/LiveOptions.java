package com.tradingstation.app;

import com.tradingstation.core.instrument.Venue;
import com.tradingstation.feed.live.LiveSettings;
import com.tradingstation.feed.live.SymbolRef;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The live-connection options shared by {@code station run --live} and {@code station record}:
 * flags first, then the {@code station.live.*} keys of the config file, then the venues' defaults.
 */
final class LiveOptions
{
    /** Config keys this class reads (StationConfig accepts them). */
    static final List<String> KEYS = List.of(
        "station.live.symbols", "station.live.ws.binance-spot", "station.live.ws.binance-usdm",
        "station.live.ws.binance-coinm", "station.live.rest.binance-spot", "station.live.rest.binance-usdm",
        "station.live.rest.binance-coinm", "station.live.streamsPerConnection", "station.live.snapshotLimit",
        "station.live.silenceMs", "station.live.rolloverAfterMs", "station.live.trustStore");

    @Option(names = "--symbols", paramLabel = "LIST",
        description = "VENUE:SYMBOL,... e.g. binance-spot:BTCUSDT,binance-usdm:ETHUSDT (station.live.symbols).")
    String symbols;

    @Option(names = "--ws-url", paramLabel = "VENUE=URL",
        description = "WebSocket base URL of a venue (repeatable; default the venue's production endpoint; ws:// for simulators).")
    List<String> wsUrls = new ArrayList<>();

    @Option(names = "--rest-url", paramLabel = "VENUE=URL",
        description = "REST base URL of a venue (repeatable; default the venue's production endpoint; http:// for simulators).")
    List<String> restUrls = new ArrayList<>();

    @Option(names = "--trust-store", paramLabel = "FILE",
        description = "Trust store (PKCS12/JKS) for wss:// and https:// (default: the JVM's, or -Djavax.net.ssl.trustStore).")
    Path trustStore;

    @Option(names = "--trust-store-password", paramLabel = "PW", description = "Password of --trust-store.")
    String trustStorePassword;

    @Option(names = "--streams-per-connection", paramLabel = "N",
        description = "Streams per WebSocket connection, 1..1024 (default ${DEFAULT-VALUE}).", defaultValue = "200")
    int streamsPerConnection;

    @Option(names = "--snapshot-limit", paramLabel = "N", description = "REST depth levels (default 1000).")
    Integer snapshotLimit;

    @Option(names = "--depth-interval", paramLabel = "VENUE=MS",
        description = "Depth stream interval per venue: 100ms (default), 0ms (futures), 250ms, 500ms, 1000ms.")
    List<String> depthIntervals = new ArrayList<>();

    @Option(names = "--silence-ms", paramLabel = "MS",
        description = "A connection silent this long (no data, no ping) is dead (default 1.5 x the venue's ping interval).")
    Long silenceMs;

    @Option(names = "--rollover-after-ms", paramLabel = "MS",
        description = "Replace a connection (make-before-break) at this age (default 23 h; the venues close at 24 h).")
    Long rolloverAfterMs;

    @Option(names = "--overlap-timeout-ms", paramLabel = "MS", description = "Longest overlap of old and new connection (default 60000).")
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

    /**
     * @param configFile the config file named with --config, or null for config/station.properties when present.
     * @return the symbols to subscribe to.
     * @throws IOException when the config file cannot be read.
     */
    List<SymbolRef> symbols(final Path configFile) throws IOException
    {
        final String text = symbols != null ? symbols : properties(configFile).getProperty("station.live.symbols", "");
        if (text.isBlank())
        {
            throw new IllegalArgumentException("no symbols: give --symbols VENUE:SYMBOL,... or set station.live.symbols");
        }
        return SymbolRef.parseList(text);
    }

    /**
     * @param configFile the config file, or null for the default one when present.
     * @return the settings.
     * @throws IOException when the config file cannot be read.
     */
    LiveSettings settings(final Path configFile) throws IOException
    {
        final Properties p = properties(configFile);
        final LiveSettings.Builder b = LiveSettings.builder().streamsPerConnection(
            streamsPerConnection != 200 ? streamsPerConnection : (int)number(p, "station.live.streamsPerConnection", 200));
        for (final Venue v : Venue.values())
        {
            final String ws = p.getProperty("station.live.ws." + v.id(), "").trim();
            if (!ws.isEmpty())
            {
                b.wsBase(v, ws);
            }
            final String rest = p.getProperty("station.live.rest." + v.id(), "").trim();
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
        b.snapshotLimit(snapshotLimit != null ? snapshotLimit : (int)number(p, "station.live.snapshotLimit", 1000));
        b.silenceMs(silenceMs != null ? silenceMs : number(p, "station.live.silenceMs", 0));
        b.rolloverAfterMs(rolloverAfterMs != null ? rolloverAfterMs :
            number(p, "station.live.rolloverAfterMs", LiveSettings.DEFAULT_ROLLOVER_AFTER_MS));
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
        final String store = trustStore != null ? trustStore.toString() : p.getProperty("station.live.trustStore", "").trim();
        if (!store.isEmpty())
        {
            if (!Files.isReadable(Path.of(store)))
            {
                throw new IllegalArgumentException("cannot read trust store " + store);
            }
            b.trustStore(Path.of(store), trustStorePassword);
        }
        return b.build();
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

    private static long number(final Properties p, final String key, final long def)
    {
        final String v = p.getProperty(key, "").trim();
        return v.isEmpty() ? def : parse(v, key);
    }

    private static Properties properties(final Path configFile) throws IOException
    {
        final Path file = configFile != null ? configFile :
            Files.isRegularFile(StationConfig.DEFAULT_FILE) ? StationConfig.DEFAULT_FILE : null;
        final Properties p = new Properties();
        if (file != null)
        {
            try (Reader r = Files.newBufferedReader(file))
            {
                p.load(r);
            }
        }
        return p;
    }
}
