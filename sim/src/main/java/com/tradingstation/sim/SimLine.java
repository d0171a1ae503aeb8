package com.tradingstation.sim;

/**
 * One session line held in memory for the timeline: the {@code data} object's bytes and what the
 * fan-out needs to route and account for it without parsing again. Immutable after loading
 * (the timeline copies {@link #data} before stamping the event time).
 *
 * @param receiveNs       receive time of the line in the capture (or the generated session).
 * @param kind            stream kind.
 * @param symbol          the symbol it belongs to.
 * @param data            the {@code data} object's bytes.
 * @param eventTimeOffset offset of the 13 digits of the top-level {@code "E"} in {@code data}, or -1.
 * @param firstUpdateId   depth diff {@code U}, or 0.
 * @param lastUpdateId    depth diff {@code u} (snapshot {@code lastUpdateId}), or 0.
 */
record SimLine(
    long receiveNs, StreamKind kind, SimSymbol symbol, byte[] data, int eventTimeOffset, long firstUpdateId,
    long lastUpdateId)
{
}
