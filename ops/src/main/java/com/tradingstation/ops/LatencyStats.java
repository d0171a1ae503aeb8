package com.tradingstation.ops;

import org.HdrHistogram.Histogram;

/**
 * Latency summary of one operation, in microseconds (the unit of the thresholds), rounded to
 * 0.01 µs.
 *
 * <p>Percentiles and max come from the HdrHistogram the samples were recorded in (nanoseconds,
 * three significant digits). {@code jitter} is the mean absolute difference between consecutive
 * samples in send order (RFC 3550's interarrival jitter without its 1/16 smoothing, the mean
 * IPDV of RFC 5481); {@code stddev} is the population standard deviation; {@code tailSpan} is
 * p99.9 − p99. docs/OPERATIONS.md explains the choice.
 *
 * @param samples  how many samples.
 * @param p50Us    median.
 * @param p90Us    90th percentile.
 * @param p99Us    99th percentile.
 * @param p999Us   99.9th percentile.
 * @param maxUs    largest sample.
 * @param meanUs   mean.
 * @param stddevUs population standard deviation.
 * @param jitterUs mean |x[i] − x[i−1]|.
 * @param tailSpanUs p99.9 − p99.
 */
public record LatencyStats(
    long samples, double p50Us, double p90Us, double p99Us, double p999Us, double maxUs, double meanUs,
    double stddevUs, double jitterUs, double tailSpanUs)
{
    /**
     * @param histogram   the samples in nanoseconds.
     * @param samplesNs   the same samples in send order (for jitter).
     * @param count       how many of {@code samplesNs} are valid.
     * @return the summary.
     */
    public static LatencyStats of(final Histogram histogram, final long[] samplesNs, final int count)
    {
        final double p99 = us(histogram.getValueAtPercentile(99.0));
        final double p999 = us(histogram.getValueAtPercentile(99.9));
        return new LatencyStats(histogram.getTotalCount(),
            us(histogram.getValueAtPercentile(50.0)), us(histogram.getValueAtPercentile(90.0)), p99, p999,
            us(histogram.getMaxValue()), round(histogram.getMean() / 1000.0),
            round(histogram.getStdDeviation() / 1000.0), round(jitterNs(samplesNs, count) / 1000.0), round(p999 - p99));
    }

    /**
     * @param samplesNs samples in send order.
     * @param count     how many are valid.
     * @return mean absolute difference of consecutive samples, 0 for fewer than two.
     */
    public static double jitterNs(final long[] samplesNs, final int count)
    {
        if (count < 2)
        {
            return 0;
        }
        long sum = 0;
        for (int i = 1; i < count; i++)
        {
            sum += Math.abs(samplesNs[i] - samplesNs[i - 1]);
        }
        return (double)sum / (count - 1);
    }

    private static double us(final long ns)
    {
        return round(ns / 1000.0);
    }

    static double round(final double v)
    {
        return Math.round(v * 100.0) / 100.0;
    }
}
