package com.tradingstation.core.book;

/**
 * A price-level (L2) order book of one instrument: two {@link BookSide}s and the venue update
 * id the book reflects. It stores every level it is given unless built with a depth cap.
 * <p>
 * Threading: single writer (the book thread); readers on other threads must receive copies.
 * Allocation: none in steady state (see {@link BookSide}).
 */
public final class L2Book
{
    /**
     * Highest price mantissa a book holds (2^62, a price of 46 billion at 8 decimals): keeping keys
     * within +-2^62 lets the ladder's window arithmetic never overflow. Decoders reject larger prices.
     */
    public static final long MAX_PRICE = 1L << 62;

    /** Price returned for an empty side. */
    public static final long NO_PRICE = Long.MIN_VALUE;

    /**
     * Initial capacity of each side's deep part (the sorted levels below the price window); it
     * doubles when full, during warm-up. Small, so thousands of thin books stay small.
     */
    public static final int DEFAULT_CAPACITY = 256;

    private final BookSide bids;
    private final BookSide asks;
    private long lastUpdateId;

    /**
     * Book with {@link #DEFAULT_CAPACITY} levels a side and no depth cap.
     */
    public L2Book()
    {
        this(DEFAULT_CAPACITY, 0);
    }

    /**
     * @param initialCapacity levels per side below the price window before growing.
     * @param maxDepth        0 keeps every level, otherwise the worst levels past it are dropped.
     */
    public L2Book(final int initialCapacity, final int maxDepth)
    {
        this(initialCapacity, maxDepth, BookSide.DEFAULT_WINDOW_TICKS);
    }

    /**
     * @param initialCapacity levels per side below the price window before growing.
     * @param maxDepth        0 keeps every level, otherwise the worst levels past it are dropped.
     * @param windowTicks     ticks of each side's price ladder (power of two, at least 64).
     */
    public L2Book(final int initialCapacity, final int maxDepth, final int windowTicks)
    {
        this.bids = new BookSide(Side.BID, initialCapacity, maxDepth, windowTicks);
        this.asks = new BookSide(Side.ASK, initialCapacity, maxDepth, windowTicks);
    }

    /**
     * Set a level; quantity 0 deletes it.
     *
     * @param side  bid or ask.
     * @param price price mantissa.
     * @param qty   quantity mantissa.
     * @return true when the book changed.
     */
    public boolean set(final Side side, final long price, final long qty)
    {
        return (side == Side.BID ? bids : asks).set(price, qty);
    }

    /**
     * Delete a level.
     *
     * @param side  bid or ask.
     * @param price price mantissa.
     * @return true when a level was removed.
     */
    public boolean delete(final Side side, final long price)
    {
        return set(side, price, 0);
    }

    /**
     * Remove every level and reset the update id to 0.
     */
    public void clear()
    {
        bids.clear();
        asks.clear();
        lastUpdateId = 0;
    }

    /**
     * @return the bid side.
     */
    public BookSide bids()
    {
        return bids;
    }

    /**
     * @return the ask side.
     */
    public BookSide asks()
    {
        return asks;
    }

    /**
     * @param side which side.
     * @return that side.
     */
    public BookSide side(final Side side)
    {
        return side == Side.BID ? bids : asks;
    }

    /**
     * @return best bid price or {@link #NO_PRICE}.
     */
    public long bestBid()
    {
        return bids.bestPrice();
    }

    /**
     * @return best ask price or {@link #NO_PRICE}.
     */
    public long bestAsk()
    {
        return asks.bestPrice();
    }

    /**
     * @return true when both sides have levels and the best bid is at or above the best ask.
     */
    public boolean isCrossed()
    {
        return !bids.isEmpty() && !asks.isEmpty() && bids.bestPrice() >= asks.bestPrice();
    }

    /**
     * @return the venue update id the book reflects (0 before the first snapshot).
     */
    public long lastUpdateId()
    {
        return lastUpdateId;
    }

    /**
     * @param updateId the venue update id the book now reflects.
     */
    public void lastUpdateId(final long updateId)
    {
        this.lastUpdateId = updateId;
    }

    /**
     * A hash of every level of both sides (not the update id), equal for equal books. For tests
     * and for comparing a subscriber's book with the station's.
     *
     * @return the hash.
     */
    public long stateHash()
    {
        return asks.hash(bids.hash(0xCBF29CE484222325L));
    }
}
