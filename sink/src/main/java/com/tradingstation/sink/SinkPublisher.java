package com.tradingstation.sink;

import com.tradingstation.core.book.BookSide;
import com.tradingstation.core.book.L2Book;
import com.tradingstation.core.event.EventLayout;
import com.tradingstation.core.sync.BookListener;
import com.tradingstation.core.sync.InstrumentBook;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import static com.tradingstation.sink.SinkEvents.*;

/**
 * The book thread's side of the Redis sink: after every applied diff it offers the instrument's
 * top of book, every trade, and (at most once per interval per instrument) the top N levels, to
 * the sink ring. It never waits: when the ring is full the event is dropped and counted, so a slow
 * Redis costs sink updates, never book latency.
 * <p>
 * Threading: book thread only; the counters are read by others as plain racy longs (monitoring).
 * Allocation: none after construction.
 */
public final class SinkPublisher implements BookListener
{
    private final RingBuffer ring;
    private final int bookLevels;
    private final long bookIntervalNs;
    private final UnsafeBuffer scratch;
    private final long[] prices;
    private final long[] qtys;
    private final long[] nextBookNs;
    private long droppedTob;
    private long droppedTradeCount;
    private long droppedBooks;

    /**
     * @param ring           the sink ring (one producer: this thread).
     * @param instruments    capacity of the instrument registry.
     * @param bookLevels     levels per side in book snapshots.
     * @param bookIntervalNs least time between two book snapshots of one instrument.
     */
    public SinkPublisher(final RingBuffer ring, final int instruments, final int bookLevels, final long bookIntervalNs)
    {
        this.ring = ring;
        this.bookLevels = bookLevels;
        this.bookIntervalNs = bookIntervalNs;
        this.scratch = new UnsafeBuffer(new byte[BOOK_LEVELS + 2 * bookLevels * 16 + TOB_LENGTH]);
        this.prices = new long[bookLevels];
        this.qtys = new long[bookLevels];
        this.nextBookNs = new long[instruments];
    }

    @Override
    public void onBookUpdated(final InstrumentBook book)
    {
        final L2Book b = book.book();
        final int id = book.instrument().id();
        final UnsafeBuffer s = scratch;
        s.putInt(0, id);
        s.putLong(TOB_UPDATE_ID, b.lastUpdateId());
        s.putLong(TOB_BID_PRICE, b.bids().bestPrice());
        s.putLong(TOB_BID_QTY, b.bids().bestQty());
        s.putLong(TOB_ASK_PRICE, b.asks().bestPrice());
        s.putLong(TOB_ASK_QTY, b.asks().bestQty());
        if (!ring.write(TOB, s, 0, TOB_LENGTH))
        {
            droppedTob++;
        }
        if (bookLevels > 0)
        {
            final long now = System.nanoTime();
            if (nextBookNs[id] == 0 || now - nextBookNs[id] >= 0)
            {
                nextBookNs[id] = now + bookIntervalNs;
                offerBook(id, b);
            }
        }
    }

    private void offerBook(final int id, final L2Book b)
    {
        final UnsafeBuffer s = scratch;
        int pos = BOOK_LEVELS;
        final int bidCount = copy(b.bids(), s, pos);
        pos += bidCount * 16;
        final int askCount = copy(b.asks(), s, pos);
        pos += askCount * 16;
        s.putInt(0, id);
        s.putInt(BOOK_BID_COUNT, bidCount);
        s.putInt(BOOK_ASK_COUNT, askCount);
        s.putLong(BOOK_UPDATE_ID, b.lastUpdateId());
        if (!ring.write(BOOK, s, 0, pos))
        {
            droppedBooks++;
            nextBookNs[id] = 0; // try again on the next update
        }
    }

    private int copy(final BookSide side, final UnsafeBuffer s, final int offset)
    {
        final int n = side.top(prices, qtys, bookLevels);
        for (int i = 0; i < n; i++)
        {
            s.putLong(offset + i * 16, prices[i]);
            s.putLong(offset + i * 16 + 8, qtys[i]);
        }
        return n;
    }

    @Override
    public void onTrade(final InstrumentBook book, final DirectBuffer buffer, final int offset)
    {
        if (!ring.write(TRADE, buffer, offset, EventLayout.TRADE_LENGTH))
        {
            droppedTradeCount++;
        }
    }

    /** @return top-of-book updates dropped on a full ring (a later one supersedes them). */
    public long droppedTob()
    {
        return droppedTob;
    }

    /** @return trades dropped on a full ring. */
    public long droppedTradeCount()
    {
        return droppedTradeCount;
    }

    /** @return book snapshots dropped on a full ring. */
    public long droppedBooks()
    {
        return droppedBooks;
    }
}
