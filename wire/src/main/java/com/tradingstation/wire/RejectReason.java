package com.tradingstation.wire;

import java.util.Locale;

/**
 * Why a subscriber rejected a whole datagram (nothing in it is applied). Its {@link #label()} is
 * the constant's name in lower case with dashes: {@code truncated}, {@code foreign-schema}, ...
 */
public enum RejectReason
{
    /** Shorter than a packet header, or its frames do not add up to its length and message count. */
    TRUNCATED,
    /** Another schema id: not a station packet. */
    FOREIGN_SCHEMA,
    /** A schema version this build cannot read. */
    UNKNOWN_VERSION,
    /** A channel id other than the socket's. */
    WRONG_CHANNEL;

    private final String label = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** @return stable name used in output. */
    public String label()
    {
        return label;
    }
}
