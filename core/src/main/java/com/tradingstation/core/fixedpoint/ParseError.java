package com.tradingstation.core.fixedpoint;

import com.tradingstation.core.counters.CountedReason;

/**
 * Why a decimal string was rejected by {@link FixedPointParser}. The ordinal indexes the
 * parser's reject counters, so the order is part of the counters' contract.
 */
public enum ParseError implements CountedReason
{
    /** Parsed successfully. */
    NONE,
    /** Zero-length input, or a lone sign or dot. */
    EMPTY,
    /** A byte that is not a digit, a single leading '-' or a single '.'. */
    NON_NUMERIC,
    /** More significant decimals than the instrument's scale (trailing zeros are fine). */
    TOO_MANY_DECIMALS,
    /** The scaled mantissa does not fit in a signed 64-bit long. */
    OVERFLOW,
    /** A sign where the venue grammar has none: prices and quantities are never negative ({@code "-0"} too). */
    SIGNED,
    /** A point without a digit on one side: {@code "1."} or {@code ".5"}. */
    BARE_POINT,
    /** An integer part with a leading zero: {@code "01.5"}, {@code "00"}. */
    LEADING_ZERO;

    /**
     * @return a short, stable lower-case name used in counters and JSON output ({@code ok} for
     *         {@link #NONE}).
     */
    @Override
    public String label()
    {
        return this == NONE ? "ok" : CountedReason.super.label();
    }
}
