package com.tradingstation.app;

import com.tradingstation.ops.GateLedger;
import com.tradingstation.ops.KpiReport;
import com.tradingstation.ops.KpiTargets;
import com.tradingstation.ops.LedgerRotation;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

/**
 * {@code station report --day [DATE] | --week [DATE]}: the trading-day KPIs ({@link KpiReport}) of
 * the station home: the samples {@code station run} keeps in HOME/state/days, the ledger with its
 * rotated files, the tail runs in HOME/state/tail-runs, judged against {@link KpiTargets} (the
 * thresholds file's P99 bands when it sets them).
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
        "Trading-day KPIs of a day, or of the 7 days ending on a date (UTC), each judged against its target.",
        "Average and peak p99, memory stability, gate pass rate and tail events by class,",
        "each MET, MISSED or NO_DATA.",
        "Exit: 0 report printed (KPIs missed or not); 1 a KPI missed with --strict;",
        "2 usage error; 3 a file unreadable; 5 no data at all for the period."})
final class ReportCommand implements Callable<Integer>
{
    /** Nothing for the period: no sample, no gate decision, no tail run. */
    static final int EXIT_NO_DATA = 5;

    @ArgGroup(exclusive = true)
    private Period period;

    @Option(names = "--strict", description = "Exit 1 when a KPI misses its target.")
    private boolean strict;

    @Mixin
    private LedgerOption ledger;

    @Mixin
    private ThresholdsOption thresholds;

    @Mixin
    private StationHome home;

    @Mixin
    private Output output;

    /** {@code --day [DATE]} or {@code --week [DATE]}, the date defaulting to today (UTC). */
    static final class Period
    {
        @Option(names = "--day", arity = "0..1", paramLabel = "DATE", fallbackValue = "today",
            description = "The day DATE (yyyy-MM-dd, default today UTC); the default period.")
        String day;

        @Option(names = "--week", arity = "0..1", paramLabel = "DATE", fallbackValue = "today",
            description = "The 7 days ending on DATE (default today UTC), a row per day and totals.")
        String week;
    }

    @Override
    public Integer call() throws IOException
    {
        final boolean weekly = period != null && period.week != null;
        final LocalDate to = date(weekly ? period.week : period == null ? "today" : period.day,
            weekly ? "--week" : "--day");
        final Path root = home.require(Path.of(""), "KPI files");
        final Path file = ledger.resolve(home);
        final Path thresholdsFile = thresholds.file != null ? thresholds.file : root.resolve(StationHome.THRESHOLDS);
        final KpiTargets targets;
        try
        {
            targets = KpiTargets.from(thresholdsFile);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read thresholds " + thresholdsFile + ": " +
                StationMain.reason(ex), ex);
        }
        final GateLedger.Contents contents;
        try
        {
            contents = LedgerRotation.readAll(file);
        }
        catch (final IOException ex)
        {
            throw new IOException("cannot read " + file + ": " + StationMain.reason(ex), ex);
        }
        final KpiReport r = KpiReport.load(weekly ? "week" : "day", to, root.resolve(StationHome.KPI_DAYS),
            root.resolve(StationHome.TAIL_RUNS), contents, targets);
        output.print(r::toJson, out -> out.print(r.toText()));
        r.notes().forEach(output::note);
        if (!r.hasData())
        {
            output.note("no KPI data for " + (r.from().equals(r.to()) ? r.from() : r.from() + " .. " + r.to()) +
                " in " + root + " (no samples in " + StationHome.KPI_DAYS + ", no gate decisions, no tail runs)");
            return EXIT_NO_DATA;
        }
        return strict && !r.missed().isEmpty() ? StationMain.EXIT_PROBLEMS : StationMain.EXIT_OK;
    }

    private static LocalDate date(final String text, final String option)
    {
        if ("today".equals(text))
        {
            return LocalDate.now(ZoneOffset.UTC);
        }
        try
        {
            return LocalDate.parse(text.strip());
        }
        catch (final DateTimeParseException ex)
        {
            throw new IllegalArgumentException(option + " '" + text + "' is not a date like 2026-12-01");
        }
    }
}
