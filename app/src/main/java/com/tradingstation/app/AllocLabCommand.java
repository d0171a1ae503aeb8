package com.tradingstation.app;

import com.tradingstation.ops.alloc.AllocLab;
import com.tradingstation.ops.alloc.LabAnalysis;
import com.tradingstation.ops.alloc.LabHtml;
import com.tradingstation.ops.alloc.LabReport;
import com.tradingstation.ops.alloc.LabResult;
import com.tradingstation.ops.alloc.LabRules;
import com.tradingstation.ops.alloc.LabSettings;
import com.tradingstation.ops.alloc.MallocEnvVars;
import com.tradingstation.ops.alloc.Variant;
import com.tradingstation.ops.alloc.Variants;
import com.tradingstation.ops.dataset.ChurnSpec;
import com.tradingstation.ops.dataset.DatasetSpec;
import com.tradingstation.redis.RedisUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code station alloc-lab}: jemalloc MALLOC_CONF variants on private redis-servers, measured in
 * interleaved rounds and compared with the baseline ({@link AllocLab}, {@link LabAnalysis}). Writes
 * {@code report.json} and a self-contained {@code report.html} into its run directory
 * ({@code --out DIR}, else {@code HOME/state/alloc-lab/alloc-lab-<yyyyMMdd-HHmmss>Z}); the servers'
 * own directories live in {@code DIR/servers} while they run and are removed on every way out,
 * Ctrl-C included.
 */
@Command(
    name = "alloc-lab",
    mixinStandardHelpOptions = true,
    description = {
        "Run redis-server under jemalloc MALLOC_CONF variants (the original's A-E, or --variants FILE), each on a "
            + "private port with the same dataset and churn, in interleaved rounds; compare each with the baseline.",
        "The options in force are read back from MEMORY MALLOC-STATS (opt.*) and a variant whose settings did not "
            + "take is refused. Never touches another Redis.",
        "Writes report.json and report.html (percentile curves, fragmentation over time, verdicts) to the run "
            + "directory.",
        "Exit: 0 the lab ran to its end (the verdicts are in the report); 2 usage error or a variant's options not in "
            + "force; 3 a redis-server could not be started or failed, or the report could not be written."})
final class AllocLabCommand implements Callable<Integer>
{
    private static final DateTimeFormatter RUN_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
        .withZone(ZoneOffset.UTC);

    @Mixin
    private StationHome home;

    @Mixin
    private Output output;

    @Option(names = "--keys", paramLabel = "N", defaultValue = "500000",
        description = "Keys loaded into every server (default ${DEFAULT-VALUE}).")
    private long keys;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
        description = "Rounds; each runs every variant once, in order (default ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--variants", paramLabel = "FILE",
        description = "NAME=MALLOC_CONF lines (default: the original's A-E); the first is the baseline.")
    private Path variantsFile;

    @Option(names = "--baseline", paramLabel = "NAME", description = "Variant to compare with (default: the first).")
    private String baseline;

    @Option(names = "--measure", paramLabel = "D", defaultValue = "40s",
        description = "Churn and probe time of every run, e.g. 40s, 2m (default ${DEFAULT-VALUE}).")
    private String measure;

    @Option(names = "--churn-rate", paramLabel = "N", defaultValue = "5000",
        description = "Churn commands per second during the measurement (default ${DEFAULT-VALUE}).")
    private int churnRate;

    @Option(names = "--probe-interval-us", paramLabel = "US", defaultValue = "250",
        description = "Planned gap between probe commands, SET and PING alternating (default ${DEFAULT-VALUE}).")
    private long probeIntervalUs;

    @Option(names = "--cpu", paramLabel = "C", description = "Pin the probe thread to CPU C.")
    private Integer cpu;

    @Option(names = "--malloc-env", paramLabel = "VAR",
        description = "MALLOC_CONF or JE_MALLOC_CONF (default: find out which one the binary reads).")
    private String mallocEnv;

    @Option(names = "--redis-server", paramLabel = "PATH",
        description = "redis-server binary (default: PATH, else the embedded one).")
    private Path redisServer;

    @Option(names = "--embedded", description = "Use the embedded redis-server even when one is on PATH.")
    private boolean embedded;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + DatasetSpec.DEFAULT_SEED,
        description = "Seed of the dataset, churn and probe keys (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", paramLabel = "DIR",
        description = "Run directory (default HOME/state/alloc-lab/alloc-lab-<time>Z).")
    private Path out;

    @Override
    public Integer call() throws RedisUnavailableException
    {
        final List<Variant> variants = variantsFile == null ? Variants.defaults() : Variants.parse(lines(variantsFile));
        final String base = baseline != null ? baseline : variants.get(0).name();
        final Duration time = Durations.parse("--measure", measure, "40s or 2m");
        if (keys < 1 || rounds < 1 || churnRate < 1 || probeIntervalUs < 1)
        {
            throw new IllegalArgumentException("--keys, --rounds, --churn-rate and --probe-interval-us must be >= 1");
        }
        final Path dir = out != null ? out : home.require(StationHome.ALLOC_LABS, "alloc-lab run directory")
            .resolve("alloc-lab-" + RUN_NAME.format(Instant.now()) + "Z");
        final DatasetSpec dataset = new DatasetSpec(keys, DatasetSpec.DEFAULT_SIZES, DatasetSpec.DEFAULT_WEIGHTS, seed,
            DatasetSpec.DEFAULT_PREFIX);
        final ChurnSpec churn = ChurnSpec.defaults().with(churnRate, time);
        final LabSettings settings = new LabSettings(variants, base, dataset, churn, rounds, probeIntervalUs,
            cpu == null ? -1 : cpu, mallocEnv == null ? null : MallocEnvVars.check(mallocEnv), redisServer, embedded,
            dir.resolve("servers"));
        final LabResult result = AllocLab.run(settings, line ->
        {
            output.err().println("station alloc-lab: " + line);
            output.err().flush();
        });
        removeEmpty(settings.workDirectory());
        final LabAnalysis analysis = LabAnalysis.analyze(result, LabRules.defaults());
        final Path json = dir.resolve("report.json");
        final Path html = dir.resolve("report.html");
        final String report = LabReport.json(result, analysis);
        try
        {
            Files.createDirectories(dir);
            Files.writeString(json, report + "\n", StandardCharsets.UTF_8);
            LabHtml.write(html, result, analysis);
        }
        catch (final IOException e)
        {
            output.note("the report was not written to " + dir + ": " + StationMain.oneLine(e));
            output.print(() -> report, o -> o.print(LabReport.text(result, analysis)));
            return StationMain.EXIT_UNAVAILABLE;
        }
        output.print(() -> report, o ->
        {
            o.print(LabReport.text(result, analysis));
            o.println("  written to " + json);
            o.println("  written to " + html);
        });
        return StationMain.EXIT_OK;
    }

    /** The servers' parent directory is empty once every server closed; a leftover is left for a look. */
    private static void removeEmpty(final Path dir)
    {
        try
        {
            Files.deleteIfExists(dir);
        }
        catch (final IOException notEmpty)
        {
            // Only an empty directory is removed.
        }
    }

    private static List<String> lines(final Path file)
    {
        try
        {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final IOException e)
        {
            throw new IllegalArgumentException("cannot read variants file " + file + " (" + StationMain.reason(e) + ")",
                e);
        }
    }
}
