package com.tradingstation.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The targets the trading-day KPIs are judged by. The p99 targets are the thresholds' own P99 bands
 * when the thresholds file sets them ({@code RTT_P99_EXCELLENT_US} for the average, {@code RTT_P99_GOOD_US}
 * for the peak: the handbook's "excellent &lt; 12 µs" and "good to 15 µs", which a calibrated host moves
 * together with its gate), else the handbook's 12 and 15 µs. The pass rate (&gt; 95%) and the memory
 * tolerance have no key in the thresholds file (which rejects unknown keys) and are the handbook's.
 *
 * <p>"No growing memory usage" is judged as used_memory's growth from the period's first sample to
 * its last, per hour between them: at most {@value #DEFAULT_MEMORY_GROWTH_MB_PER_HOUR} MB an hour
 * (a station whose data is capped settles within minutes; a leak of a few MB over a day shows).
 *
 * @param avgP99Us              the average p99 must be below this.
 * @param peakP99Us             the peak p99 must be at most this.
 * @param passRatePct           the gate pass rate must be above this, percent.
 * @param memoryGrowthMbPerHour used_memory may grow at most this much an hour.
 * @param p99Source             where the p99 targets came from.
 * @param otherSource           where the pass rate and memory targets came from.
 */
public record KpiTargets(double avgP99Us, double peakP99Us, double passRatePct, double memoryGrowthMbPerHour,
    String p99Source, String otherSource)
{
    /** The handbook: average p99 target. */
    public static final double DEFAULT_AVG_P99_US = 12;
    /** The handbook: peak p99 target. */
    public static final double DEFAULT_PEAK_P99_US = 15;
    /** The handbook: weekly gate success rate. */
    public static final double DEFAULT_PASS_RATE_PCT = LedgerSummary.KPI_PASS_RATE * 100;
    /** The tolerance of "no growth". */
    public static final double DEFAULT_MEMORY_GROWTH_MB_PER_HOUR = 1.0;
    /** Source of a target taken from the handbook. */
    public static final String HANDBOOK = "handbook defaults";

    /** @return the handbook's targets. */
    public static KpiTargets handbook()
    {
        return new KpiTargets(DEFAULT_AVG_P99_US, DEFAULT_PEAK_P99_US, DEFAULT_PASS_RATE_PCT,
            DEFAULT_MEMORY_GROWTH_MB_PER_HOUR, HANDBOOK, HANDBOOK);
    }

    /**
     * @param thresholds a perf-thresholds.env file, or null.
     * @return the targets: the file's P99 bands for the p99 targets when it sets them, else the handbook's.
     * @throws IOException when the file exists but cannot be read.
     * @throws IllegalArgumentException when it is not a valid thresholds file.
     */
    public static KpiTargets from(final Path thresholds) throws IOException
    {
        final KpiTargets h = handbook();
        if (thresholds == null || !Files.isRegularFile(thresholds))
        {
            return h;
        }
        final String text = Files.readString(thresholds, StandardCharsets.UTF_8);
        final MetricLimits p99 = Thresholds.parse(text, thresholds.toString()).limits(Thresholds.RTT_P99);
        final boolean avg = sets(text, "RTT_P99_EXCELLENT_US");
        final boolean peak = sets(text, "RTT_P99_GOOD_US");
        if (!avg && !peak)
        {
            return h;
        }
        final String source = thresholds + " (" + (avg ? "RTT_P99_EXCELLENT_US" : "") + (avg && peak ? ", " : "") +
            (peak ? "RTT_P99_GOOD_US" : "") + (avg && peak ? "" : "; the other from the handbook") + ")";
        return new KpiTargets(avg ? p99.excellent() : h.avgP99Us(), peak ? p99.good() : h.peakP99Us(),
            h.passRatePct(), h.memoryGrowthMbPerHour(), source, HANDBOOK);
    }

    private static boolean sets(final String text, final String key)
    {
        return Pattern.compile("(?m)^\\s*(export\\s+)?" + key + "\\s*=").matcher(text).find();
    }
}
