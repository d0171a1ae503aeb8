package com.tradingstation.app;

import com.tradingstation.core.instrument.Venue;
import com.tradingstation.feed.capture.CaptureLineHandler;
import com.tradingstation.feed.capture.CaptureReader;
import com.tradingstation.feed.pipeline.PipelineResult;
import com.tradingstation.feed.synth.SyntheticSession;
import com.tradingstation.json.JsonWriter;
import com.tradingstation.ops.stats.Compare;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.runtime.StationThreads;
import com.tradingstation.wire.WireConfig;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code station bench}: the station's own end-to-end latency on this host. Lines (synthetic, or a
 * capture's) go in at a fixed rate from the station's reader thread; each is measured from its
 * planned send time to its book applied, its UDP datagram sent and (trades) its XADD acknowledged by
 * Redis, in rounds of equal length after a warm-up. The result file keeps every round's percentiles,
 * the whole run's histograms and the settings the run had, for {@code station bench compare}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    subcommands = BenchCompareCommand.class,
    description = {
        "End-to-end latency of the station on this host: planned send -> book applied, -> UDP sent, -> Redis ack.",
        "Runs rounds after a warm-up and writes a result file for 'station bench compare'.",
        "Exit: 0 measured; 1 the run was not clean (gaps, books not LIVE, sink errors); 2 usage error;",
        "3 Redis unavailable."})
final class BenchCommand implements Callable<Integer>
{
    @Option(names = "--rate", paramLabel = "LINES", defaultValue = "10000",
        description = "Lines per second (default ${DEFAULT-VALUE}).")
    private long rate;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "20",
        description = "Measured rounds (default ${DEFAULT-VALUE}); compare tests per-round percentiles.")
    private int rounds;

    @Option(names = "--round-seconds", paramLabel = "S", defaultValue = "1",
        description = "Seconds per round (default ${DEFAULT-VALUE}).")
    private int roundSeconds;

    @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "3",
        description = "Seconds at the rate before the first round, not recorded (default ${DEFAULT-VALUE}).")
    private int warmupSeconds;

    @Option(names = "--capture", paramLabel = "FILE",
        description = "Replay this capture's lines (default: a synthetic spot session of --symbols symbols).")
    private Path capture;

    @Option(names = "--symbols", paramLabel = "N", defaultValue = "8",
        description = "Synthetic symbols (default ${DEFAULT-VALUE}).")
    private int symbols;

    @Option(names = "--no-udp", description = "Do not publish UDP (the udp metric is then absent).")
    private boolean noUdp;

    @Option(names = "--redis", paramLabel = "URL",
        description = "Redis to write to (default: a private redis-server on a free port).")
    private String redisUrl;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "bench-result.json",
        description = "Result file (default ${DEFAULT-VALUE}).")
    private Path outputFile;

    @Option(names = "--label", paramLabel = "TEXT", defaultValue = "",
        description = "A name for the run, kept in the result (default: its settings).")
    private String label;

    @Option(names = "--inject-book-delay-ns", paramLabel = "NS", defaultValue = "0", hidden = true,
        description = "Test only: busy-wait this long on the book thread per diff (a slowdown to detect).")
    private long injectBookDelayNs;

    @CommandLine.Mixin
    private RuntimeOptions host = new RuntimeOptions();

    @CommandLine.Mixin
    private Output output;

    @Override
    public Integer call() throws Exception
    {
        if (rate < 1 || rounds < 2 || roundSeconds < 1 || warmupSeconds < 0 || symbols < 1)
        {
            throw new IllegalArgumentException(
                "--rate and --round-seconds must be >= 1, --rounds >= 2, --warmup-seconds >= 0, --symbols >= 1");
        }
        final PrintWriter err = output.err();
        final long needed = rate * (warmupSeconds + (long)rounds * roundSeconds);
        final List<byte[]> lines = capture != null ? captureLines(capture, needed) : syntheticLines(needed);
        final StationThreads threads = host.apply(err);
        err.println(String.format(Locale.ROOT, "station bench: %,d lines at %,d/s: %d s warm-up, %d rounds of %d s%s",
            lines.size(), rate, warmupSeconds, rounds, roundSeconds, injectBookDelayNs > 0 ?
                ", book thread delayed " + injectBookDelayNs + " ns per diff" : ""));
        err.flush();
        try (StationRedis redis = StationRedis.open(redisUrl == null ? null : RedisEndpoint.parse(redisUrl), "512mb");
            DatagramChannel incremental = loopbackSink();
            DatagramChannel snapshot = loopbackSink())
        {
            final WireConfig udp = noUdp ? null : WireConfig.defaults()
                .withChannels((InetSocketAddress)incremental.getLocalAddress(),
                    (InetSocketAddress)snapshot.getLocalAddress());
            final StationRuntime runtime = new StationRuntime(redis.endpoint(), 10, 100, 10_000, udp, 0, null, null,
                threads);
            try
            {
                final BenchProbe probe = new BenchProbe(rounds, roundSeconds * 1_000_000_000L,
                    warmupSeconds * 1_000_000_000L, injectBookDelayNs, runtime.udp());
                runtime.probe(probe, probe);
                runtime.sink().ackListener(probe);
                final BenchSource source = new BenchSource(lines, rate, runtime.pipeline(), probe, threads);
                final PipelineResult result = runtime.run(source);
                final boolean clean = result.clean() && runtime.sink().errors() == 0;
                final String json = json(probe, runtime, threads, result, clean, redis.describe(), source);
                Files.writeString(outputFile, json + "\n");
                output.print(() -> json, out -> summary(out, probe, clean));
                for (final String problem : result.problems())
                {
                    output.note(problem);
                }
                err.println("station bench: result in " + outputFile);
                return clean ? StationMain.EXIT_OK : StationMain.EXIT_PROBLEMS;
            }
            finally
            {
                runtime.closeUdp();
                runtime.closeCounters();
            }
        }
    }

    private static DatagramChannel loopbackSink() throws IOException
    {
        // Bound and never read: the kernel drops what does not fit, as for a subscriber that fell behind.
        final DatagramChannel ch = DatagramChannel.open();
        ch.bind(new InetSocketAddress("127.0.0.1", 0));
        return ch;
    }

    private List<byte[]> syntheticLines(final long needed) throws IOException
    {
        final SyntheticSession session = new SyntheticSession(Venue.BINANCE_SPOT, symbols, 10, 20, 1);
        final StringWriter text = new StringWriter();
        while (session.write(text, 10) < needed)
        {
            // ten market seconds at a time until there are enough lines
        }
        final List<byte[]> lines = read(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
        return lines.subList(0, (int)Math.min(lines.size(), needed));
    }

    private List<byte[]> captureLines(final Path file, final long needed) throws IOException
    {
        if (!Files.isReadable(file))
        {
            throw new IllegalArgumentException("cannot read " + file);
        }
        final List<byte[]> lines;
        try (InputStream in = CaptureReader.open(file))
        {
            lines = read(in);
        }
        if (lines.size() < needed)
        {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "%s has %,d lines; %d s at %,d/s needs %,d: lower --rate, --rounds or --round-seconds", file,
                lines.size(), warmupSeconds + (long)rounds * roundSeconds, rate, needed));
        }
        return lines.subList(0, (int)needed);
    }

    private static List<byte[]> read(final InputStream in) throws IOException
    {
        final List<byte[]> lines = new ArrayList<>();
        new CaptureReader().read(in, new CaptureLineHandler()
        {
            @Override
            public void onLine(final byte[] buffer, final int offset, final int length, final long receiveTimeNs)
            {
                lines.add(Arrays.copyOfRange(buffer, offset, offset + length));
            }

            @Override
            public void onBadLine(final boolean tooLong)
            {
                // a generated session or a recorder's capture: a bad line is the decoder's to count
            }
        });
        return lines;
    }

    private String json(final BenchProbe probe, final StationRuntime runtime, final StationThreads threads,
        final PipelineResult result, final boolean clean, final String redis, final BenchSource source)
    {
        final JsonWriter w = new JsonWriter().beginObject()
            .field("kind", "station-bench").field("version", 1)
            .field("label", label.isEmpty() ? defaultLabel(threads) : label)
            .field("finishedAt", Instant.now().toString())
            .field("clean", clean)
            .name("settings").beginObject()
            .field("rate", rate).field("rounds", rounds).field("roundSeconds", roundSeconds)
            .field("warmupSeconds", warmupSeconds)
            .field("source", capture != null ? capture.toString() : "synthetic spot, " + symbols + " symbols")
            .field("udp", !noUdp).field("redis", redis)
            .field("cpu", threads.cpuSpec()).field("idle", threads.idleSpec())
            .field("mlock", host.mlockMode())
            .field("injectBookDelayNs", injectBookDelayNs)
            .endObject();
        HostFacts.write(w);
        w.field("sourceMaxLateNs", source.maxLateNs())
            .field("events", result.messages())
            .field("sinkErrors", runtime.sink().errors())
            .name("threads");
        runtime.threadCosts().writeJson(w);
        w.name("metrics").beginObject();
        final Histogram[][] rounds = probe.rounds();
        for (int m = 0; m < rounds.length; m++)
        {
            if (m == BenchProbe.UDP && noUdp)
            {
                continue;
            }
            final Histogram total = new Histogram(rounds[m][0].getHighestTrackableValue(), 3);
            w.name(BenchProbe.NAMES[m]).beginObject().name("rounds").beginArray();
            for (final Histogram h : rounds[m])
            {
                total.add(h);
                w.beginObject().field("count", h.getTotalCount());
                for (int k = 0; k < BenchResult.KEYS.length; k++)
                {
                    w.field(BenchResult.KEYS[k], h.getValueAtPercentile(BenchResult.PERCENTILES[k]));
                }
                w.field("max", h.getMaxValue()).endObject();
            }
            w.endArray().field("count", total.getTotalCount());
            for (int k = 0; k < BenchResult.KEYS.length; k++)
            {
                w.field(BenchResult.KEYS[k], total.getValueAtPercentile(BenchResult.PERCENTILES[k]));
            }
            w.field("max", total.getMaxValue()).field("histogram", BenchResult.encode(total)).endObject();
        }
        return w.endObject().endObject().toString();
    }

    private String defaultLabel(final StationThreads threads)
    {
        return String.format(Locale.ROOT, "%,d/s %s idle %s mlock %s%s", rate,
            threads.pinsAny() ? "pinned " + threads.cpuSpec() : "unpinned", threads.idleSpec(), host.mlockMode(),
            injectBookDelayNs > 0 ? " +" + injectBookDelayNs + "ns/diff" : "");
    }

    private void summary(final PrintWriter out, final BenchProbe probe, final boolean clean)
    {
        out.println("station bench: latency from planned send, in µs: median over " + rounds +
            " rounds [min..max of the rounds]" + (clean ? "" : "  (the run was NOT clean)"));
        final Histogram[][] all = probe.rounds();
        for (int m = 0; m < all.length; m++)
        {
            if (m == BenchProbe.UDP && noUdp)
            {
                continue;
            }
            final StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-6s", BenchProbe.NAMES[m]));
            long count = 0;
            for (final Histogram h : all[m])
            {
                count += h.getTotalCount();
            }
            for (int k = 0; k < BenchResult.KEYS.length; k++)
            {
                final double[] v = new double[all[m].length];
                for (int r = 0; r < v.length; r++)
                {
                    v[r] = all[m][r].getValueAtPercentile(BenchResult.PERCENTILES[k]) / 1e3;
                }
                Arrays.sort(v);
                sb.append(String.format(Locale.ROOT, "  %s %.1f [%.1f..%.1f]", BenchResult.KEYS[k],
                    Compare.median(v), v[0], v[v.length - 1]));
            }
            out.println(sb.append(String.format(Locale.ROOT, "  n=%,d", count)));
        }
    }
}
