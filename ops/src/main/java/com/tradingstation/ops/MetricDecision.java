package com.tradingstation.ops;

/**
 * The gate's decision on one metric.
 *
 * @param metric    JSON name, e.g. {@code rtt_p99_us}.
 * @param value     the measured value (NaN when not measured).
 * @param limit     the gate limit.
 * @param softLimit the edge of the soft-fail zone.
 * @param band      the band of the value.
 * @param verdict   PASS, SOFT_FAIL or FAIL.
 * @param reason    one line for humans.
 */
public record MetricDecision(String metric, double value, double limit, double softLimit, Band band, Verdict verdict,
    String reason)
{
}
