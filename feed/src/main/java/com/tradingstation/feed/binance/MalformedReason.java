package com.tradingstation.feed.binance;

import com.tradingstation.core.counters.CountedReason;

/**
 * Why a message was skipped as malformed. The ordinal indexes counters: append only.
 */
public enum MalformedReason implements CountedReason
{
    /** Not valid JSON, truncated, or trailing bytes after the document. */
    SYNTAX,
    /** A field the event needs is missing or has the wrong type. */
    MISSING_FIELD,
    /** A price or quantity the fixed-point parser rejected, or a negative one. */
    BAD_NUMBER,
    /** More levels than the decoder's bound on one side. */
    TOO_MANY_LEVELS,
    /** A new symbol arrived while the instrument registry was full. */
    REGISTRY_FULL,
    /** A line longer than the reader's bound. */
    LINE_TOO_LONG,
    /** An unexpected internal error while decoding (a defect; the message is skipped). */
    INTERNAL,
    /**
     * A symbol that is not a venue symbol: empty, longer than 20, or a character outside
     * {@code A-Z 0-9 - _ .} ({@link com.tradingstation.core.instrument.Symbols}).
     */
    BAD_SYMBOL
}
