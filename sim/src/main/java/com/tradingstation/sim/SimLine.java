package com.tradingstation.sim;

/**
 * One session line held in memory for the timeline: the {@code data} object's bytes and what the
 * fan-out needs to route and account for it without parsing again. Immutable after loading
 * (the timeline copies {@link #data} before stamping the event time).
 */
final class SimLine
{
    final long receiveNs;
    final StreamKind kind;
    final SimSymbol symbol;
    final byte[] data;
    /** Offset of the 13 digits of the top-level {@code "E"} in {@link #data}, or -1. */
    final int eventTimeOffset;
    /** Depth diff {@code U}, or 0. */
    final long firstUpdateId;
    /** Depth diff {@code u} (snapshot {@code lastUpdateId}), or 0. */
    final long lastUpdateId;

    SimLine(
        final long receiveNs, final StreamKind kind, final SimSymbol symbol, final byte[] data,
        final int eventTimeOffset, final long firstUpdateId, final long lastUpdateId)
    {
        this.receiveNs = receiveNs;
        this.kind = kind;
        this.symbol = symbol;
        this.data = data;
        this.eventTimeOffset = eventTimeOffset;
        this.firstUpdateId = firstUpdateId;
        this.lastUpdateId = lastUpdateId;
    }
}
