package com.tradingstation.ops;

import java.util.Locale;

/**
 * Band boundaries and gate limit of one metric. For a lower-is-better metric (latency, memory):
 * excellent {@code v < b1}, good {@code b1 <= v < b2}, warning {@code b2 <= v <= b3}, stop
 * {@code v > b3}. A higher-is-better metric (ops/sec) is the mirror image: excellent {@code v > b1},
 * good {@code b2 < v <= b1}, warning {@code b3 <= v <= b2}, stop {@code v < b3}.
 *
 * <p>The gate passes {@code v <= gate} (mirror: {@code v >= gate}), soft-fails up to
 * {@code gate × (1 + tolerance)} (mirror: down to {@code gate × (1 − tolerance)}) and fails beyond.
 * Immutable.
 *
 * @param metric         JSON name of the metric, e.g. {@code rtt_p99_us}.
 * @param unit           unit for messages, e.g. {@code us}.
 * @param higherIsBetter true for throughput.
 * @param excellent      first boundary.
 * @param good           second boundary.
 * @param warning        third boundary.
 * @param gate           gate limit.
 */
public record MetricLimits(String metric, String unit, boolean higherIsBetter, double excellent, double good,
    double warning, double gate)
{
    /**
     * @throws IllegalArgumentException when the boundaries are out of order or not positive.
     */
    public MetricLimits
    {
        if (!(excellent > 0 && good > 0 && warning > 0 && gate > 0))
        {
            throw new IllegalArgumentException(metric + ": every boundary and the gate limit must be > 0");
        }
        if (higherIsBetter ? !(excellent >= good && good >= warning) : !(excellent <= good && good <= warning))
        {
            throw new IllegalArgumentException(metric + ": boundaries must run from excellent to warning ("
                + (higherIsBetter ? "descending" : "ascending") + "), got " + excellent + ", " + good + ", " + warning);
        }
    }

    /**
     * @param value a measured value.
     * @return its band; NaN is STOP.
     */
    public Band band(final double value)
    {
        if (Double.isNaN(value))
        {
            return Band.STOP;
        }
        // The mirror image: negate everything and apply the lower-is-better rules.
        final double s = higherIsBetter ? -1 : 1;
        final double v = s * value;
        if (v < s * excellent)
        {
            return Band.EXCELLENT;
        }
        if (v < s * good)
        {
            return Band.GOOD;
        }
        if (v <= s * warning)
        {
            return Band.WARNING;
        }
        return Band.STOP;
    }

    /**
     * @param tolerance fraction over the limit still soft (0.05 = 5%).
     * @return the edge of the soft-fail zone.
     */
    public double softLimit(final double tolerance)
    {
        return higherIsBetter ? gate * (1 - tolerance) : gate * (1 + tolerance);
    }

    /**
     * @param value     a measured value (NaN when it could not be measured).
     * @param tolerance fraction over the limit still soft.
     * @return the verdict and a one-line reason.
     */
    public MetricDecision decide(final double value, final double tolerance)
    {
        final Band band = band(value);
        final double soft = softLimit(tolerance);
        final Verdict verdict;
        final String reason;
        final String cmp = higherIsBetter ? ">=" : "<=";
        final String over = higherIsBetter ? "<" : ">";
        if (Double.isNaN(value))
        {
            verdict = Verdict.FAIL;
            reason = metric + " was not measured";
        }
        else if (higherIsBetter ? value >= gate : value <= gate)
        {
            verdict = Verdict.PASS;
            reason = String.format(Locale.ROOT, "%s %s %s %s limit %s (%s)", metric, fmt(value), unit, cmp, fmt(gate),
                band.label());
        }
        else if (higherIsBetter ? value >= soft : value <= soft)
        {
            verdict = Verdict.SOFT_FAIL;
            reason = String.format(Locale.ROOT, "%s %s %s %s limit %s, within the %s%% tolerance (%s %s %s)",
                metric, fmt(value), unit, over, fmt(gate), fmt(tolerance * 100), cmp, fmt(soft), band.label());
        }
        else
        {
            verdict = Verdict.FAIL;
            reason = String.format(Locale.ROOT, "%s %s %s %s limit %s beyond the %s%% tolerance (%s) (%s)",
                metric, fmt(value), unit, over, fmt(gate), fmt(tolerance * 100), fmt(soft), band.label());
        }
        return new MetricDecision(metric, value, gate, soft, band, verdict, reason);
    }

    static String fmt(final double v)
    {
        if (v == Math.rint(v) && Math.abs(v) < 1e15)
        {
            return Long.toString((long)v);
        }
        return String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
