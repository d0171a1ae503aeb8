package com.tradingstation.core.sync;

/**
 * A bookTicker that names an update id the book has not reached yet, held until a diff brings the
 * book there (then it is checked against the rebuilt top) or past it (then it is forgotten).
 * <p>
 * Threading: the book thread. Allocation: none.
 */
final class PendingTicker
{
    private static final long NONE = -1;

    private long updateId = NONE;
    private long sinceNs;
    private long bidPrice;
    private long bidQty;
    private long askPrice;
    private long askQty;

    /**
     * Hold a bookTicker, replacing any held one; the wait is timed from the first one held.
     *
     * @param updateId   the update id it names.
     * @param bidPrice   best bid price.
     * @param bidQty     best bid quantity.
     * @param askPrice   best ask price.
     * @param askQty     best ask quantity.
     * @param receiveNs  its receive time (epoch ns).
     */
    void hold(
        final long updateId, final long bidPrice, final long bidQty, final long askPrice, final long askQty,
        final long receiveNs)
    {
        if (this.updateId == NONE)
        {
            sinceNs = receiveNs;
        }
        this.updateId = updateId;
        this.bidPrice = bidPrice;
        this.bidQty = bidQty;
        this.askPrice = askPrice;
        this.askQty = askQty;
    }

    /**
     * The book has reached {@code lastUpdateId}: forget a ticker at or behind it.
     *
     * @param lastUpdateId the book's update id now.
     * @return true when the held ticker named exactly that id (its prices are still readable).
     */
    boolean release(final long lastUpdateId)
    {
        if (updateId == NONE || updateId > lastUpdateId)
        {
            return false;
        }
        final boolean exact = updateId == lastUpdateId;
        updateId = NONE;
        return exact;
    }

    /**
     * @param lastUpdateId the book's update id.
     * @param nowNs        now (epoch ns).
     * @param limitNs      how long a ticker may stay ahead of the book.
     * @return true when a ticker is held ahead of the book for longer than the limit.
     */
    boolean overdue(final long lastUpdateId, final long nowNs, final long limitNs)
    {
        return updateId != NONE && updateId > lastUpdateId && nowNs - sinceNs > limitNs;
    }

    /** Forget the held ticker. */
    void clear()
    {
        updateId = NONE;
    }

    /** @return best bid price of the held ticker. */
    long bidPrice()
    {
        return bidPrice;
    }

    /** @return best bid quantity of the held ticker. */
    long bidQty()
    {
        return bidQty;
    }

    /** @return best ask price of the held ticker. */
    long askPrice()
    {
        return askPrice;
    }

    /** @return best ask quantity of the held ticker. */
    long askQty()
    {
        return askQty;
    }
}
