package com.tradingstation.feed.replay;

import com.tradingstation.core.sync.BookEngine;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * The book thread's duty cycle: drain the ring into the {@link BookEngine}.
 */
public final class BookAgent implements Agent
{
    private final RingBuffer ring;
    private final BookEngine engine;
    private final int batchLimit;

    /**
     * @param ring       events from the decoder.
     * @param engine     the books.
     * @param batchLimit most events per duty cycle.
     */
    public BookAgent(final RingBuffer ring, final BookEngine engine, final int batchLimit)
    {
        this.ring = ring;
        this.engine = engine;
        this.batchLimit = batchLimit;
    }

    @Override
    public int doWork()
    {
        return ring.read(engine, batchLimit);
    }

    @Override
    public String roleName()
    {
        return "station-books";
    }
}
