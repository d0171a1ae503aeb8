package com.tradingstation.ops;

/** A gate verdict, for one metric or for the whole decision; ordered from best to worst. */
public enum Verdict
{
    /** Within the limit. */
    PASS,
    /** Over the limit by no more than the tolerance. */
    SOFT_FAIL,
    /** Over the limit by more than the tolerance, or not measured. */
    FAIL,
    /**
     * Of a whole decision only: nothing could be measured (Redis unreachable, refused, failed
     * mid-run). Recorded in the ledger like any decision and counted against the pass rate.
     */
    UNMEASURED;

    /**
     * @param other another verdict.
     * @return the worse of the two.
     */
    public Verdict worst(final Verdict other)
    {
        return other.ordinal() > ordinal() ? other : this;
    }
}
