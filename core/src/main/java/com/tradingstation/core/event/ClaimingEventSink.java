package com.tradingstation.core.event;

import org.agrona.concurrent.AtomicBuffer;

/**
 * An {@link EventSink} that can also lend the space of one event, so a producer that knows the
 * event's length before writing it can write it in place instead of into a scratch buffer that the
 * sink then copies. Every successful {@link #claim} must be followed by exactly one
 * {@link #commit} or {@link #abort} of its index, before the next claim.
 */
public interface ClaimingEventSink extends EventSink
{
    /**
     * Claim space for one event, waiting while there is none (as {@link #onEvent} does).
     *
     * @param type   {@link EventType} id.
     * @param length the event's exact length.
     * @return the index of the event's first byte in {@link #claimBuffer()}, or -1 when it can never
     * fit (then {@link #onEvent} with the same length counts it as rejected).
     */
    int claim(int type, int length);

    /**
     * @return the buffer claimed indexes are in.
     */
    AtomicBuffer claimBuffer();

    /**
     * Publish a claimed event.
     *
     * @param index as returned by {@link #claim}.
     */
    void commit(int index);

    /**
     * Give back a claimed event unpublished (the consumer skips it).
     *
     * @param index as returned by {@link #claim}.
     */
    void abort(int index);
}
