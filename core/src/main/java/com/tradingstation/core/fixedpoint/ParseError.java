package com.tradingstation.core.fixedpoint;

/**
 * Why a decimal string was rejected by {@link FixedPointParser}. The ordinal indexes the
 * parser's reject counters, so the order is part of the counters' contract.
 */
public enum ParseError
{
    /** Parsed successfully. */
    NONE("ok"),
    /** Zero-length input, or a lone sign or dot. */
    EMPTY("empty"),
    /** A byte that is not a digit, a single leading '-' or a single '.'. */
    NON_NUMERIC("non-numeric"),
    /** More significant decimals than the instrument's scale (trailing zeros are fine). */
    TOO_MANY_DECIMALS("too-many-decimals"),
    /** The scaled mantissa does not fit in a signed 64-bit long. */
    OVERFLOW("overflow"),
    /** A sign where the venue grammar has none: prices and quantities are never negative ({@code "-0"} too). */
    SIGNED("signed"),
    /** A point without a digit on one side: {@code "1."} or {@code ".5"}. */
    BARE_POINT("bare-point"),
    /** An integer part with a leading zero: {@code "01.5"}, {@code "00"}. */
    LEADING_ZERO("leading-zero");

    private final String label;

    ParseError(final String label)
    {
        this.label = label;
    }

    /**
     * @return a short, stable lower-case name used in counters and JSON output.
     */
    public String label()
    {
        return label;
    }
}
