package com.tradingstation.ops.tail;

import com.tradingstation.ops.EnvFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tail thresholds, from a {@code tail-thresholds.env} file ({@link EnvFile}, the parser of
 * perf-thresholds.env): every sample above {@code TAIL_THRESHOLD_US} is a tail event, and a run with
 * more than {@code TAIL_MAX_EVENTS_PER_10K} events per 10,000 samples is over its budget (a negative
 * budget means none). Keys left out keep the defaults, unknown keys are errors.
 *
 * <p>Defaults: 20 µs, the P99 RTT beyond which the original stops trading (so a tail event is a single
 * round trip past the stop line), and 10 per 10,000, which holds p99.9 under the threshold.
 *
 * @param thresholdUs     a sample above this many microseconds is a tail event.
 * @param maxEventsPer10k the budget of tail events per 10,000 samples, or negative for none.
 */
public record TailThresholds(double thresholdUs, double maxEventsPer10k)
{
    /** The threshold key. */
    public static final String THRESHOLD_KEY = "TAIL_THRESHOLD_US";
    /** The budget key. */
    public static final String BUDGET_KEY = "TAIL_MAX_EVENTS_PER_10K";
    /** Default threshold, µs. */
    public static final double DEFAULT_THRESHOLD_US = 20;
    /** Default budget per 10,000 samples. */
    public static final double DEFAULT_MAX_EVENTS_PER_10K = 10;

    /**
     * @throws IllegalArgumentException when the threshold is not positive.
     */
    public TailThresholds
    {
        if (!(thresholdUs > 0))
        {
            throw new IllegalArgumentException(THRESHOLD_KEY + " must be > 0, got " + thresholdUs);
        }
    }

    /** @return the defaults (the values of the committed config/tail-thresholds.env). */
    public static TailThresholds defaults()
    {
        return new TailThresholds(DEFAULT_THRESHOLD_US, DEFAULT_MAX_EVENTS_PER_10K);
    }

    /** @return whether a budget is set. */
    public boolean hasBudget()
    {
        return maxEventsPer10k >= 0;
    }

    /** @return the threshold in nanoseconds. */
    public long thresholdNs()
    {
        return Math.round(thresholdUs * 1000.0);
    }

    /**
     * @param file a tail-thresholds.env file.
     * @return the defaults overridden by the file.
     * @throws IOException when it cannot be read.
     * @throws IllegalArgumentException naming the line of a bad key or value.
     */
    public static TailThresholds load(final Path file) throws IOException
    {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * @param text   KEY=VALUE lines.
     * @param source name for messages.
     * @return the defaults overridden by the text.
     * @throws IllegalArgumentException naming the line of a bad key or value.
     */
    public static TailThresholds parse(final String text, final String source)
    {
        final Map<String, Double> defaults = new LinkedHashMap<>();
        defaults.put(THRESHOLD_KEY, DEFAULT_THRESHOLD_US);
        defaults.put(BUDGET_KEY, DEFAULT_MAX_EVENTS_PER_10K);
        final Map<String, Double> v = EnvFile.parse(text, source, defaults);
        try
        {
            return new TailThresholds(v.get(THRESHOLD_KEY), v.get(BUDGET_KEY));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(source + ": " + ex.getMessage(), ex);
        }
    }
}
