package com.tradingstation.feed.pipeline;

import com.tradingstation.core.event.EventLayout;
import com.tradingstation.core.event.EventType;
import com.tradingstation.core.instrument.InstrumentRegistry;
import com.tradingstation.core.instrument.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overlap filter's rules on hand-made events: duplicates dropped, first arrival wins, a
 * replacement's diff that does not chain is held back, an established connection's gap passes.
 */
class OverlapFilterTest
{
    private final InstrumentRegistry registry = new InstrumentRegistry(16);
    private final int spot = registry.register(Venue.BINANCE_SPOT, "BTCUSDT", 2, 5).id();
    private final int usdm = registry.register(Venue.BINANCE_USDM, "BTCUSDT", 1, 3).id();
    private final List<long[]> passed = new ArrayList<>();
    private final OverlapFilter filter = new OverlapFilter(
        (type, buffer, offset, length) -> passed.add(new long[] {type, EventLayout.instrumentId(buffer, offset),
            type == EventType.DEPTH ? buffer.getLong(offset + EventLayout.DEPTH_LAST_ID) : 0}), registry);
    private final UnsafeBuffer event = new UnsafeBuffer(new byte[256]);

    private void depth(final int id, final long first, final long last, final long prev)
    {
        EventLayout.putDepthHeader(event, 0, id, 0, 0, first, last, prev, 0, 0);
        filter.onEvent(EventType.DEPTH, event, 0, EventLayout.depthLength(0, 0));
    }

    private List<Long> lastIds()
    {
        final List<Long> out = new ArrayList<>();
        passed.forEach(p -> out.add(p[2]));
        return out;
    }

    @Test
    void duplicatesFromTheReplacementAreDroppedAndMarkItCaughtUp()
    {
        filter.source(1, false, true);
        depth(spot, 1, 10, -1);
        depth(spot, 11, 20, -1);
        filter.overlaps(1);
        filter.source(2, true, true);
        assertThat(filter.caughtUp(spot, 2)).isFalse();
        depth(spot, 11, 20, -1); // the old connection already delivered it
        assertThat(filter.caughtUp(spot, 2)).isTrue();
        depth(spot, 21, 30, -1); // the replacement is first with the next one
        filter.source(1, false, true);
        depth(spot, 21, 30, -1); // and the old one's copy is a duplicate
        assertThat(lastIds()).containsExactly(10L, 20L, 30L);
        assertThat(filter.duplicateCount()).isEqualTo(2);
    }

    @Test
    void aReplacementAheadIsHeldBackWhileTheOldConnectionFillsIn()
    {
        filter.source(1, false, true);
        depth(spot, 1, 10, -1);
        filter.overlaps(1);
        filter.source(2, true, true);
        depth(spot, 21, 30, -1); // 11..20 not seen yet: would gap
        assertThat(filter.heldBack()).isEqualTo(1);
        assertThat(filter.caughtUp(spot, 2)).isFalse();
        filter.source(1, false, true);
        depth(spot, 11, 20, -1);
        depth(spot, 21, 30, -1);
        assertThat(lastIds()).containsExactly(10L, 20L, 30L);
    }

    @Test
    void theEstablishedConnectionsGapReachesTheBook()
    {
        filter.source(1, false, true);
        depth(spot, 1, 10, -1);
        depth(spot, 31, 40, -1); // a real gap: the book must see it
        assertThat(lastIds()).containsExactly(10L, 40L);
    }

    @Test
    void futuresChainOnPrevIdNotOnContiguousIds()
    {
        filter.source(1, false, true);
        depth(usdm, 100, 150, 90);
        filter.overlaps(1);
        filter.source(2, true, true);
        depth(usdm, 160, 200, 150); // pu == last u: chains although 151..159 never appear
        depth(usdm, 260, 300, 250); // pu 250 != 200: held back
        assertThat(lastIds()).containsExactly(150L, 200L);
        assertThat(filter.heldBack()).isEqualTo(1);
    }

    @Test
    void forgetLetsAFreshChainThroughAfterAReconnect()
    {
        filter.source(1, false, true);
        depth(spot, 1, 100, -1);
        filter.forget(new int[] {spot});
        filter.source(3, false, true);
        depth(spot, 1, 5, -1); // a venue that restarted its ids
        assertThat(lastIds()).containsExactly(100L, 5L);
    }

    @Test
    void tickersAndTradesAreDeduplicatedOnlyDuringAnOverlap()
    {
        final UnsafeBuffer t = new UnsafeBuffer(new byte[EventLayout.TICKER_LENGTH]);
        t.putInt(EventLayout.INSTRUMENT_ID, spot);
        t.putLong(EventLayout.TICKER_UPDATE_ID, 7);
        filter.source(1, false, true);
        filter.onEvent(EventType.BOOK_TICKER, t, 0, EventLayout.TICKER_LENGTH);
        filter.onEvent(EventType.BOOK_TICKER, t, 0, EventLayout.TICKER_LENGTH);
        filter.overlaps(1);
        filter.onEvent(EventType.BOOK_TICKER, t, 0, EventLayout.TICKER_LENGTH);
        assertThat(passed).as("outside an overlap a repeat passes; inside, the copy of the last one is dropped")
            .hasSize(2);
        t.putLong(EventLayout.TICKER_UPDATE_ID, 8);
        filter.onEvent(EventType.BOOK_TICKER, t, 0, EventLayout.TICKER_LENGTH);
        assertThat(passed).hasSize(3);
        assertThat(filter.duplicateCount()).isEqualTo(1);
    }
}
