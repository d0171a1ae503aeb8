package com.tradingstation.wire;

import com.tradingstation.core.book.L2Book;
import com.tradingstation.core.book.Side;
import com.tradingstation.core.instrument.Venue;

/**
 * One book a {@link WireSubscriber} maintains, with its recovery state and staleness counters.
 */
public final class SubscriberBook implements BookView
{
    private final int instrumentId;
    private final Venue venue;
    private final String symbol;
    private final int priceExponent;
    private final int qtyExponent;
    L2Book book = new L2Book(1024, 0);

    boolean stale = true;
    /** A snapshot must reflect at least this incremental sequence to recover the book. */
    long requiredSeq;
    /** Incremental packets up to this sequence are already in the book (from a snapshot; version-1 packets). */
    long skipThroughSeq;
    /** bookSeq of the last book message in the book (applied, or reflected by its snapshot). */
    long bookSeq;
    /** A snapshot must reflect at least this bookSeq to recover the book. */
    long requiredBookSeq;
    long gapCount;
    long lostMessages;
    long staleSinceNs;
    long staleNsTotal;
    long staleCount;
    long recoveryCount;

    SubscriberBook(
        final int instrumentId, final Venue venue, final String symbol, final int priceExponent, final int qtyExponent,
        final long nowNs)
    {
        this.instrumentId = instrumentId;
        this.venue = venue;
        this.symbol = symbol;
        this.priceExponent = priceExponent;
        this.qtyExponent = qtyExponent;
        this.staleSinceNs = nowNs;
    }

    @Override
    public int instrumentId()
    {
        return instrumentId;
    }

    @Override
    public Venue venue()
    {
        return venue;
    }

    @Override
    public String symbol()
    {
        return symbol;
    }

    @Override
    public int priceExponent()
    {
        return priceExponent;
    }

    @Override
    public int qtyExponent()
    {
        return qtyExponent;
    }

    @Override
    public boolean isStale()
    {
        return stale;
    }

    @Override
    public long lastUpdateId()
    {
        return book.lastUpdateId();
    }

    @Override
    public int depth(final Side side)
    {
        return book.side(side).size();
    }

    @Override
    public long price(final Side side, final int level)
    {
        return book.side(side).price(level);
    }

    @Override
    public long qty(final Side side, final int level)
    {
        return book.side(side).qty(level);
    }

    @Override
    public long bestBidPrice()
    {
        return book.bids().bestPrice();
    }

    @Override
    public long bestAskPrice()
    {
        return book.asks().bestPrice();
    }

    @Override
    public long stateHash()
    {
        return book.stateHash();
    }

    /**
     * @param nowNs {@link System#nanoTime()}.
     * @return nanoseconds this book has been stale in all, including now.
     */
    public long staleNs(final long nowNs)
    {
        return staleNsTotal + (stale ? nowNs - staleSinceNs : 0);
    }

    /** @return times the book went stale. */
    public long staleCount()
    {
        return staleCount;
    }

    /** @return bookSeq of the last book message in the book (0 with a version-1 publisher). */
    public long bookSeq()
    {
        return bookSeq;
    }

    /** @return holes found in this instrument's bookSeq (each made the book stale). */
    public long gapCount()
    {
        return gapCount;
    }

    /** @return book messages of this instrument found missing in those holes. */
    public long lostMessages()
    {
        return lostMessages;
    }

    /** @return times the book was recovered from a snapshot. */
    public long recoveryCount()
    {
        return recoveryCount;
    }

    @Override
    public String toString()
    {
        return venue.id() + ":" + symbol + (stale ? " (stale)" : "");
    }
}
