package com.tradingstation.core.event;

import org.agrona.DirectBuffer;

/**
 * Where a decoder puts the events it produced: usually a ring to the book thread.
 */
@FunctionalInterface
public interface EventSink
{
    /**
     * Take one event. The buffer is reused by the caller after return: copy what you keep.
     *
     * @param type   {@link EventType} id.
     * @param buffer event bytes (layout {@link EventLayout}).
     * @param offset event start.
     * @param length event length.
     */
    void onEvent(int type, DirectBuffer buffer, int offset, int length);
}
