package com.tradingstation.feed.pipeline;

import com.tradingstation.core.sync.BookEngine;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * The book thread's duty cycle in the {@link StationPipeline}, for live and recorded sources alike:
 * drain the ring into the {@link BookEngine}, then run the other duties of that thread.
 */
public final class BookAgent implements Agent
{
    private final RingBuffer ring;
    private final BookEngine engine;
    private final int batchLimit;
    private final Agent[] duties;

    /**
     * @param ring       events from the decoder.
     * @param engine     the books.
     * @param batchLimit most events per duty cycle.
     */
    public BookAgent(final RingBuffer ring, final BookEngine engine, final int batchLimit)
    {
        this(ring, engine, batchLimit, new Agent[0]);
    }

    /**
     * @param ring       events from the decoder.
     * @param engine     the books.
     * @param batchLimit most events per duty cycle.
     * @param duties     more work of the book thread after each batch (output stages, live checks);
     *                   null entries are skipped. The thread keeps the name {@code station-books}.
     */
    public BookAgent(final RingBuffer ring, final BookEngine engine, final int batchLimit, final Agent... duties)
    {
        this.ring = ring;
        this.engine = engine;
        this.batchLimit = batchLimit;
        this.duties = java.util.Arrays.stream(duties).filter(java.util.Objects::nonNull).toArray(Agent[]::new);
    }

    @Override
    public int doWork() throws Exception
    {
        int work = ring.read(engine, batchLimit);
        for (final Agent duty : duties)
        {
            work += duty.doWork();
        }
        return work;
    }

    @Override
    public void onStart()
    {
        for (final Agent duty : duties)
        {
            duty.onStart();
        }
    }

    @Override
    public void onClose()
    {
        for (final Agent duty : duties)
        {
            duty.onClose();
        }
    }

    @Override
    public String roleName()
    {
        return "station-books";
    }
}
