package com.tradingstation.core.book;

import com.tradingstation.core.instrument.InstrumentRegistry;
import com.tradingstation.core.instrument.Venue;
import com.tradingstation.core.sync.InstrumentBook;
import com.tradingstation.core.sync.SnapshotRequester;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a new, empty instrument costs in memory, read off the thread's allocated-bytes counter:
 * thousands of thin books must stay small (the registry holds up to 4,096 instruments).
 */
class BookFootprintTest
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @Test
    void anEmptyInstrumentCostsUnderNinetyKib()
    {
        final InstrumentRegistry registry = new InstrumentRegistry();
        final var instrument = registry.register(Venue.BINANCE_SPOT, "BTCUSDT", 2, 5);
        new InstrumentBook(instrument, new L2Book(), 1 << 20, SnapshotRequester.NONE); // load the classes first
        final long threadId = Thread.currentThread().getId();
        final long before = THREADS.getThreadAllocatedBytes(threadId);
        final L2Book book = new L2Book();
        final long bookBytes = THREADS.getThreadAllocatedBytes(threadId) - before;
        final InstrumentBook ib = new InstrumentBook(instrument, book, 1 << 20, SnapshotRequester.NONE);
        final long total = THREADS.getThreadAllocatedBytes(threadId) - before;
        System.out.printf("empty L2Book %,d B, with its InstrumentBook %,d B%n", bookBytes, total);
        assertThat(ib.book()).isSameAs(book);
        // Two 4,096-tick ladders (32 KiB of quantities each) and two 256-level deep arrays.
        assertThat(bookBytes).isBetween(64L * 1024, 80L * 1024);
        assertThat(total).isLessThan(90L * 1024);
    }
}
