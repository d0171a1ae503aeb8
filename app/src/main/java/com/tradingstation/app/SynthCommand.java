package com.tradingstation.app;

import com.tradingstation.core.instrument.Venue;
import com.tradingstation.feed.synth.SyntheticSession;
import com.tradingstation.json.JsonWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;

/**
 * {@code station synth}: write a deterministic synthetic session in the recorder's capture format.
 */
@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    description = {
        "Write a deterministic synthetic session (<ns> <json> lines) that replays with 0 gaps and full bookTicker " +
            "agreement.",
        "Exit: 0 written; 2 usage error or unwritable output."})
final class SynthCommand implements Callable<Integer>
{
    @CommandLine.Mixin
    private SyntheticMarket market = new SyntheticMarket(1);

    @Option(names = "--levels", paramLabel = "N", defaultValue = "300",
        description = "Initial levels per side (default ${DEFAULT-VALUE}).")
    private int levels;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
        description = "Random seed (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", required = true,
        description = "Output file; gzip when it ends in .gz; '-' for standard output.")
    private String out;

    @CommandLine.Mixin
    private Output output;

    @Override
    public Integer call()
    {
        final Venue v = market.venue();
        final int duration = market.duration;
        final int symbols = market.symbols;
        final int rate = market.rate;
        if (symbols < 1 || duration < 1 || rate < 1 || levels < 1 || symbols > 100_000 || rate > 100_000)
        {
            throw new IllegalArgumentException("--symbols, --duration, --rate and --levels must be positive " +
                "(symbols and rate at most 100000)");
        }
        final long startNs = System.nanoTime();
        final SyntheticSession session = new SyntheticSession(v, symbols, rate, levels, seed);
        write(session);
        final long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;
        final PrintWriter report = "-".equals(out) ? output.err() : output.out();
        report.println(output.json ?
            new JsonWriter().beginObject().field("venue", v.id()).field("symbols", symbols)
                .field("seconds", duration).field("diffsPerSecond", rate).field("seed", seed)
                .field("lines", session.lines()).field("out", out).field("elapsedMs", elapsedMs).endObject() :
            String.format("wrote %d lines: %s, %d symbols x %d s x %d diffs/s (seed %d) to %s in %d ms",
                session.lines(), v.id(), symbols, duration, rate, seed, out, elapsedMs));
        report.flush();
        return StationMain.EXIT_OK;
    }

    /** Standard output, or the file (gzip when it ends in .gz); a failure is a usage error naming why. */
    private void write(final SyntheticSession session)
    {
        try
        {
            if ("-".equals(out))
            {
                final Writer w = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.US_ASCII),
                    1 << 16);
                session.write(w, market.duration);
                w.flush();
            }
            else
            {
                final Path path = Path.of(out);
                try (OutputStream raw = Files.newOutputStream(path);
                    OutputStream os = out.endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
                    Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.US_ASCII), 1 << 16))
                {
                    session.write(w, market.duration);
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            final Path parent = "-".equals(out) ? null : Path.of(out).toAbsolutePath().getParent();
            throw new IllegalArgumentException("cannot write " + out + ": " +
                (parent != null && !Files.isDirectory(parent) ?
                "directory " + parent + " does not exist" : StationMain.reason(ex)), ex);
        }
    }
}
