package com.tradingstation.core.event;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Puts events on an Agrona ring buffer for the book thread. When the ring is full it waits
 * (with the given idle strategy) rather than drop: replay and recorded sessions must never lose
 * data, and a live source's backpressure shows up as ring-full waits, which are counted.
 * <p>
 * Threading: one producer thread (the ring may be one-to-one). Allocation: none.
 */
public final class RingEventSink implements EventSink
{
    private final RingBuffer ring;
    private final IdleStrategy idleStrategy;
    private long fullWaitCount;
    private long rejected;
    private AtomicCounter fullWaitsCounter;

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
        if (length > ring.maxMsgLength())
        {
            rejected++; // cannot ever fit; the decoder bounds level counts so this means misconfiguration
            return;
        }
        if (!ring.write(type, buffer, offset, length))
        {
            idleStrategy.reset();
            do
            {
                fullWaitCount++;
                if (fullWaitsCounter != null)
                {
                    fullWaitsCounter.setOrdered(fullWaitCount);
                }
                idleStrategy.idle();
            }
            while (!ring.write(type, buffer, offset, length));
        }
    }

    /**
     * Also publish the ring-full waits in a counter other threads and processes read; written by the
     * producer thread, ordered, only while the ring is full. Set before producing.
     *
     * @param counter the counter, or null for none.
     */
    public void fullWaitsCounter(final AtomicCounter counter)
    {
        this.fullWaitsCounter = counter;
        if (counter != null)
        {
            counter.setOrdered(fullWaitCount);
        }
    }

    /** @return idle rounds spent waiting for ring space. */
    public long fullWaitCount()
    {
        return fullWaitCount;
    }

    /** @return events longer than the ring's maximum message length (not written). */
    public long rejected()
    {
        return rejected;
    }
}
