package com.tradingstation.feed.pipeline;

import com.tradingstation.core.event.EventLayout;
import com.tradingstation.core.event.EventSink;
import com.tradingstation.core.event.EventType;
import com.tradingstation.core.instrument.InstrumentRegistry;
import com.tradingstation.core.sync.SequencingRule;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;

import java.util.Arrays;

/**
 * Sits between the decoder and the ring on the receive thread and makes two connections that
 * carry the same streams look like one, by update id: while a connection is being replaced
 * (make-before-break rollover) both deliver the same diffs, and each diff must reach the books
 * once and in chain order.
 * <p>
 * Rules for a depth diff of instrument i with ids U..u (pu on futures), {@code last} the highest
 * u forwarded for i:
 * <ul>
 * <li>u &lt;= last: a duplicate, dropped (counted). When it came over the replacement connection,
 * that connection has caught up on i: it delivered an id the old one already applied.</li>
 * <li>it chains onto last (spot U &lt;= last + 1; futures pu == last), or nothing was forwarded
 * yet: forwarded, from whichever connection delivered it first.</li>
 * <li>it does not chain: from the established connection it is forwarded and the book sees the
 * gap; from a replacement still in overlap it is held back (dropped, counted): the old
 * connection will deliver the ids in between.</li>
 * </ul>
 * Tickers and trades are deduplicated by their ids only while some overlap is active. Snapshots
 * always pass. It also records the venue's feed latency (event time to receive time).
 * <p>
 * Threading: the receive thread only; counters may be read racily. Allocation: none.
 */
public final class OverlapFilter implements EventSink
{
    private static final long NONE = Long.MIN_VALUE;

    private final EventSink next;
    private final InstrumentRegistry registry;
    private final long[] lastDepth;
    private final long[] lastTicker;
    private final long[] lastTrade;
    private final int[] caughtUpBy;
    private final Histogram[] latencyUsByVenue;
    private final long[] negativeLatencyByVenue;

    private int sourceId = -1;
    private boolean sourceIsReplacement;
    private boolean sourceCarriesDepth;
    private int overlaps;

    private long forwarded;
    private long duplicateCount;
    private long heldBack;

    /**
     * @param next     the ring sink.
     * @param registry instruments (for each one's sequencing rule and venue).
     */
    public OverlapFilter(final EventSink next, final InstrumentRegistry registry)
    {
        this.next = next;
        this.registry = registry;
        final int n = registry.capacity();
        this.lastDepth = new long[n];
        this.lastTicker = new long[n];
        this.lastTrade = new long[n];
        this.caughtUpBy = new int[n];
        Arrays.fill(lastDepth, NONE);
        Arrays.fill(lastTicker, NONE);
        Arrays.fill(lastTrade, NONE);
        Arrays.fill(caughtUpBy, -1);
        final int venues = com.tradingstation.core.instrument.Venue.values().length;
        this.latencyUsByVenue = new Histogram[venues];
        for (int v = 0; v < venues; v++)
        {
            latencyUsByVenue[v] = new Histogram(3_600_000_000L, 3);
        }
        this.negativeLatencyByVenue = new long[venues];
    }

    /**
     * Name the connection whose frame is about to be decoded.
     *
     * @param connectionId the connection.
     * @param replacement  true while it is a replacement overlapping the connection it replaces.
     * @param carriesDepth true when the connection carries depth streams (then only diffs tell that
     *                     it caught up; otherwise trades do).
     */
    public void source(final int connectionId, final boolean replacement, final boolean carriesDepth)
    {
        this.sourceId = connectionId;
        this.sourceIsReplacement = replacement;
        this.sourceCarriesDepth = carriesDepth;
    }

    /**
     * @param active overlaps now running (tickers and trades are deduplicated while any is).
     */
    public void overlaps(final int active)
    {
        this.overlaps = active;
    }

    /**
     * Forget what was forwarded for these instruments: their streams start over on a new connection
     * after an unplanned disconnect, and nothing older should hold back what it delivers.
     *
     * @param instrumentIds instruments.
     */
    public void forget(final int[] instrumentIds)
    {
        for (final int id : instrumentIds)
        {
            lastDepth[id] = NONE;
            lastTicker[id] = NONE;
            lastTrade[id] = NONE;
            caughtUpBy[id] = -1;
        }
    }

    /**
     * @param instrumentId  an instrument.
     * @param connectionId  a replacement connection.
     * @return true once that connection has delivered, for the instrument, an id already applied (or
     * the next one in chain).
     */
    public boolean caughtUp(final int instrumentId, final int connectionId)
    {
        return caughtUpBy[instrumentId] == connectionId;
    }

    @Override
    public void onEvent(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        final int id = EventLayout.instrumentId(buffer, offset);
        switch (type)
        {
            case EventType.DEPTH:
                if (!depth(id, buffer, offset))
                {
                    return;
                }
                latency(id, buffer.getLong(offset + EventLayout.DEPTH_EVENT_TIME_MS),
                    buffer.getLong(offset + EventLayout.DEPTH_RECEIVE_TIME_NS));
                break;
            case EventType.BOOK_TICKER:
                if (!fresh(lastTicker, id, buffer.getLong(offset + EventLayout.TICKER_UPDATE_ID)))
                {
                    duplicateCount++;
                    return;
                }
                break;
            case EventType.TRADE:
                if (sourceIsReplacement && !sourceCarriesDepth)
                {
                    caughtUpBy[id] = sourceId; // a trade-only connection catches up on trades
                }
                if (!fresh(lastTrade, id, buffer.getLong(offset + EventLayout.TRADE_ID)))
                {
                    duplicateCount++;
                    return;
                }
                break;
            default:
                break;
        }
        forwarded++;
        next.onEvent(type, buffer, offset, length);
    }

    private boolean depth(final int id, final DirectBuffer buffer, final int offset)
    {
        final long first = buffer.getLong(offset + EventLayout.DEPTH_FIRST_ID);
        final long lastId = buffer.getLong(offset + EventLayout.DEPTH_LAST_ID);
        final long prev = buffer.getLong(offset + EventLayout.DEPTH_PREV_ID);
        final long last = lastDepth[id];
        if (last != NONE && lastId <= last)
        {
            duplicateCount++;
            if (sourceIsReplacement)
            {
                caughtUpBy[id] = sourceId;
            }
            return false;
        }
        final boolean futures = SequencingRule.forVenue(registry.get(id).venue()) == SequencingRule.BINANCE_FUTURES;
        final boolean chains = last == NONE || (futures ? prev == last : first <= last + 1);
        if (!chains && sourceIsReplacement)
        {
            heldBack++;
            return false;
        }
        if (sourceIsReplacement)
        {
            caughtUpBy[id] = sourceId;
        }
        lastDepth[id] = lastId;
        return true;
    }

    /** Tracks the last id always; judges a repeat a duplicate only while an overlap runs. */
    private boolean fresh(final long[] last, final int id, final long value)
    {
        if (overlaps > 0 && last[id] != NONE && value <= last[id])
        {
            return false;
        }
        last[id] = value;
        return true;
    }

    private void latency(final int id, final long eventTimeMs, final long receiveTimeNs)
    {
        if (eventTimeMs <= 0 || receiveTimeNs <= 0)
        {
            return;
        }
        final int venue = registry.get(id).venue().ordinal();
        final long us = receiveTimeNs / 1000 - eventTimeMs * 1000;
        if (us < 0)
        {
            negativeLatencyByVenue[venue]++; // clocks disagree by more than the latency
            latencyUsByVenue[venue].recordValue(0);
        }
        else
        {
            latencyUsByVenue[venue].recordValue(Math.min(us, latencyUsByVenue[venue].getHighestTrackableValue()));
        }
    }

    /**
     * @param venueOrdinal a venue's ordinal.
     * @return its event-time-to-receive latency histogram in microseconds (read racily while live).
     */
    public Histogram latencyUs(final int venueOrdinal)
    {
        return latencyUsByVenue[venueOrdinal];
    }

    /**
     * @param venueOrdinal a venue's ordinal.
     * @return diffs whose event time was after their receive time (clock skew).
     */
    public long negativeLatencies(final int venueOrdinal)
    {
        return negativeLatencyByVenue[venueOrdinal];
    }

    /** @return events forwarded to the ring. */
    public long forwarded()
    {
        return forwarded;
    }

    /** @return events dropped as already forwarded from another connection. */
    public long duplicateCount()
    {
        return duplicateCount;
    }

    /** @return diffs of a replacement connection held back because they did not chain yet. */
    public long heldBack()
    {
        return heldBack;
    }
}
