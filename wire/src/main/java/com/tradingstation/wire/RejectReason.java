package com.tradingstation.wire;

/**
 * Why a subscriber rejected a whole datagram (nothing in it is applied).
 */
public enum RejectReason
{
    /** Shorter than a packet header, or its frames do not add up to its length and message count. */
    TRUNCATED("truncated"),
    /** Another schema id: not a station packet. */
    FOREIGN_SCHEMA("foreign-schema"),
    /** A schema version this build cannot read. */
    UNKNOWN_VERSION("unknown-version"),
    /** A channel id other than the socket's. */
    WRONG_CHANNEL("wrong-channel");

    private final String label;

    RejectReason(final String label)
    {
        this.label = label;
    }

    /** @return stable name used in output. */
    public String label()
    {
        return label;
    }
}
