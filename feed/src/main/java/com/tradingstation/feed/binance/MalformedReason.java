package com.tradingstation.feed.binance;

/**
 * Why a message was skipped as malformed. The ordinal indexes counters: append only.
 */
public enum MalformedReason
{
    /** Not valid JSON, truncated, or trailing bytes after the document. */
    SYNTAX("syntax"),
    /** A field the event needs is missing or has the wrong type. */
    MISSING_FIELD("missing-field"),
    /** A price or quantity the fixed-point parser rejected, or a negative one. */
    BAD_NUMBER("bad-number"),
    /** More levels than the decoder's bound on one side. */
    TOO_MANY_LEVELS("too-many-levels"),
    /** A new symbol arrived while the instrument registry was full. */
    REGISTRY_FULL("registry-full"),
    /** A line longer than the reader's bound. */
    LINE_TOO_LONG("line-too-long"),
    /** An unexpected internal error while decoding (a defect; the message is skipped). */
    INTERNAL("internal"),
    /**
     * A symbol that is not a venue symbol: empty, longer than 20, or a character outside
     * {@code A-Z 0-9 - _ .} ({@link com.tradingstation.core.instrument.Symbols}).
     */
    BAD_SYMBOL("bad-symbol");

    private final String label;

    MalformedReason(final String label)
    {
        this.label = label;
    }

    /** @return stable lower-case name for counters and JSON. */
    public String label()
    {
        return label;
    }
}
