package com.tradingstation.ops.alloc;

/**
 * How an allocator lab is judged (docs/ALLOC-LAB.md gives the reasons for the defaults).
 *
 * @param alpha       significance level per variant, divided by the number of metrics compared (Bonferroni).
 * @param minEffect   least |relative difference| of the medians called a difference (practical significance).
 * @param jitterLimit the original's rejection rule: p99 or jitter worse than control by more than this.
 * @param resamples   bootstrap resamples per comparison.
 * @param seed        bootstrap seed, so an analysis is reproducible.
 * @param windowSize  probe samples per latency window, the unit of the latency comparisons.
 */
public record LabRules(double alpha, double minEffect, double jitterLimit, int resamples, long seed, int windowSize)
{
    /** Validates. */
    public LabRules
    {
        if (!(alpha > 0 && alpha < 1))
        {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        if (!(minEffect >= 0) || !(jitterLimit >= 0))
        {
            throw new IllegalArgumentException("minimum effect and jitter limit must be >= 0");
        }
        if (resamples < 100)
        {
            throw new IllegalArgumentException("bootstrap resamples must be >= 100, got " + resamples);
        }
        if (windowSize < 100)
        {
            throw new IllegalArgumentException("window size must be >= 100 samples, got " + windowSize);
        }
    }

    /** @return alpha 0.01, minimum effect 10%, jitter limit 15%, 2,000 resamples, seed 1, windows of 1,000 samples. */
    public static LabRules defaults()
    {
        return new LabRules(0.01, 0.10, 0.15, 2_000, 1, 1_000);
    }
}
