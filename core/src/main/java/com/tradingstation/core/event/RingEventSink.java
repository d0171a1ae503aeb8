package com.tradingstation.core.event;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * Puts events on an Agrona ring buffer for the book thread. When the ring is full it waits
 * (with the given idle strategy) rather than drop: replay and recorded sessions must never lose
 * data, and a live source's backpressure shows up as ring-full waits, which are counted. Events
 * are either copied in ({@link #onEvent}) or written in place in claimed space ({@link #claim}).
 * <p>
 * Threading: one producer thread (the ring may be one-to-one). Allocation: none.
 */
public final class RingEventSink implements ClaimingEventSink
{
    private final RingBuffer ring;
    private final IdleStrategy idleStrategy;
    private long fullWaits;
    private long rejected;

    /**
     * @param ring         the ring to the book thread.
     * @param idleStrategy how to wait while the ring is full.
     */
    public RingEventSink(final RingBuffer ring, final IdleStrategy idleStrategy)
    {
        this.ring = ring;
        this.idleStrategy = idleStrategy;
    }

    @Override
    public void onEvent(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        final int index = claim(type, length);
        if (index < 0)
        {
            rejected++; // cannot ever fit; the decoder bounds level counts so this means misconfiguration
            return;
        }
        ring.buffer().putBytes(index, buffer, offset, length);
        ring.commit(index);
    }

    @Override
    public int claim(final int type, final int length)
    {
        if (length > ring.maxMsgLength())
        {
            return -1;
        }
        int index = ring.tryClaim(type, length);
        if (index < 0)
        {
            idleStrategy.reset();
            do
            {
                fullWaits++;
                idleStrategy.idle();
                index = ring.tryClaim(type, length);
            }
            while (index < 0);
        }
        return index;
    }

    @Override
    public AtomicBuffer claimBuffer()
    {
        return ring.buffer();
    }

    @Override
    public void commit(final int index)
    {
        ring.commit(index);
    }

    @Override
    public void abort(final int index)
    {
        ring.abort(index);
    }

    /** @return idle rounds spent waiting for ring space. */
    public long fullWaits()
    {
        return fullWaits;
    }

    /** @return events longer than the ring's maximum message length (not written). */
    public long rejected()
    {
        return rejected;
    }
}
