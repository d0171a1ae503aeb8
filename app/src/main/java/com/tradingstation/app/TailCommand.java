package com.tradingstation.app;

import com.tradingstation.json.JsonWriter;
import com.tradingstation.ops.Terminal;
import com.tradingstation.ops.tail.TailReport;
import com.tradingstation.ops.tail.TailSampler;
import com.tradingstation.ops.tail.TailSettings;
import com.tradingstation.ops.tail.TailThresholds;
import com.tradingstation.redis.RedisUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code station tail}: the extended tail sampler. PINGs Redis at a fixed rate for a duration or a
 * count, classifies every sample above the tail threshold as SCHED, IRQ, ALLOC or UNKNOWN with its
 * evidence ({@link TailSampler}), and writes the run to {@code HOME/state/tail-run.json} and
 * {@code HOME/state/tail-runs/tail-run-<yyyyMMdd-HHmmss>Z.json} (or only {@code --output FILE}).
 * The threshold and budget come from {@code --thresholds FILE}, else
 * {@code HOME/config/tail-thresholds.env}, else the built-in defaults (the committed file's values).
 */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = {
        "Sample Redis PING latency at a fixed rate and classify every sample above the tail threshold "
            + "(SCHED, IRQ, ALLOC, UNKNOWN) by the counters around it; write HOME/state/tail-run.json.",
        "With --json, latencies are in microseconds.",
        "Exit: 0 done; 1 tail events over the budget of the thresholds, or the requested --cpu pin failed; "
            + "2 usage error; 3 Redis unavailable or the run could not be written."})
final class TailCommand implements Callable<Integer>, UnavailableReport
{
    private static final DateTimeFormatter RUN_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
        .withZone(ZoneOffset.UTC);
    private static final int BAR = 30;

    @Mixin
    private MeasuredRedis measured = new MeasuredRedis(StationHome.TAIL_THRESHOLDS);

    @Mixin
    private Output output;

    @Option(names = "--duration", paramLabel = "D",
        description = "How long to sample, e.g. 60s, 5m, PT1H (default 60s unless --samples is given).")
    private String duration;

    @Option(names = "--samples", paramLabel = "N",
        description = "How many samples; with --duration too, whichever ends first.")
    private Long samples;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "1000",
        description = "Planned PINGs per second (default ${DEFAULT-VALUE}).")
    private int rate;

    @Mixin
    private PinOption pin;

    @Option(names = "--worst", paramLabel = "N", defaultValue = "20",
        description = "How many of the worst events to keep (default ${DEFAULT-VALUE}).")
    private int worst;

    @Option(names = "--output", paramLabel = "FILE",
        description = "Write the run to FILE only (default HOME/state/tail-run.json and a copy in "
            + "HOME/state/tail-runs).")
    private Path outputFile;

    @Override
    public Integer call() throws RedisUnavailableException
    {
        final TailSettings settings = TailSettings.of(rate, samples,
            duration == null ? null : Durations.parse("--duration", duration, "60s, 5m or PT1H"),
            pin.cpu(), worst);
        final StationHome home = measured.home;
        final Path h = outputFile != null && measured.thresholdsOption.file != null ? null : home.resolve();
        final Path thresholdsPath = measured.thresholdsOption.inForce(h);
        final boolean builtIn = thresholdsPath == null;
        final TailThresholds thresholds = builtIn ? TailThresholds.defaults() : load(thresholdsPath);
        final Path run = outputFile != null ? outputFile : home.require(StationHome.TAIL_RUN, "tail run");
        final boolean terminal = Terminal.isTerminal();
        final TailReport report = TailSampler.run(measured.target.resolve(), settings, thresholds,
            builtIn ? "built-in defaults" : thresholdsPath.toString(), (done, total, events) ->
            {
                if (terminal)
                {
                    progress(done, total, events);
                }
            });
        if (terminal)
        {
            output.err().print("\r" + " ".repeat(BAR + 60) + "\r");
            output.err().flush();
        }
        final List<Path> written = new ArrayList<>();
        try
        {
            write(run, report.toJson());
            written.add(run);
            if (outputFile == null)
            {
                final Path copy = run.resolveSibling(StationHome.TAIL_RUNS.getFileName())
                    .resolve("tail-run-" + RUN_NAME.format(report.startedAt()) + "Z.json");
                write(copy, report.toJson());
                written.add(copy);
            }
        }
        catch (final IOException ex)
        {
            output.print(report::toJson, out -> out.print(report.toText()));
            output.note("the run was not written: " + StationMain.oneLine(ex));
            return StationMain.EXIT_UNAVAILABLE;
        }
        output.print(report::toJson, out ->
        {
            out.print(report.toText());
            written.forEach(p -> out.println("  written to " + p));
        });
        final boolean pinFailed = pin.failed(report.pin(), output);
        if (report.overBudget())
        {
            output.note(String.format(Locale.ROOT,
                "%,d tail events in %,d samples: %.2f per 10k, over the budget of %s", report.events(),
                report.latency().samples(), report.eventsPer10k(), thresholds.maxEventsPer10k()));
        }
        return pinFailed || report.overBudget() ? StationMain.EXIT_PROBLEMS : StationMain.EXIT_OK;
    }

    @Override
    public String unavailableJson(final RedisUnavailableException ex)
    {
        return !output.json ? null : new JsonWriter().beginObject().field("schema", TailReport.SCHEMA)
            .field("reachable", false).field("failure", ex.failure().name()).field("error", ex.getMessage())
            .endObject().toString();
    }

    private static TailThresholds load(final Path file)
    {
        try
        {
            return TailThresholds.load(file);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read tail thresholds " + file + " (" + StationMain.reason(ex)
                + ")", ex);
        }
    }

    private void progress(final long done, final long total, final long events)
    {
        final int filled = (int)(BAR * done / Math.max(1, total));
        final PrintWriter err = output.err();
        err.print(String.format(Locale.ROOT, "\rstation tail: [%s%s] %3d%% %,d/%,d samples, %,d tail events",
            "#".repeat(filled), " ".repeat(BAR - filled), 100 * done / Math.max(1, total), done, total, events));
        err.flush();
    }

    private static void write(final Path file, final String json) throws IOException
    {
        final Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        final Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
        Files.writeString(tmp, json + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
