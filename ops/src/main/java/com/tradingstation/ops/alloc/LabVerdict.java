package com.tradingstation.ops.alloc;

import java.util.List;

/**
 * The judgement of one variant against the baseline.
 *
 * @param variant  the variant's name.
 * @param decision the decision.
 * @param reasons  one line each: the rules broken, the improvements, or why there is no difference.
 */
public record LabVerdict(String variant, Decision decision, List<String> reasons)
{
    /** What the lab concludes for a variant. */
    public enum Decision
    {
        /** The variant the others are compared with. */
        BASELINE,
        /** Better with significance on p99.9, tail span or fragmentation, and no rule broken. */
        ACCEPT,
        /** A rejection rule broken with significance. */
        REJECT,
        /** Neither. */
        NO_DIFFERENCE
    }

    /** Copies the reasons. */
    public LabVerdict
    {
        reasons = List.copyOf(reasons);
    }
}
