package com.tradingstation.wire;

import com.tradingstation.core.book.Side;
import com.tradingstation.core.instrument.Venue;

/**
 * Read-only view of one book a subscriber maintains. Valid on the subscriber's thread only, and
 * only meaningful while {@link #isStale()} is false.
 */
public interface BookView
{
    /** @return the station's instrument id. */
    int instrumentId();

    /** @return the venue. */
    Venue venue();

    /** @return the venue symbol. */
    String symbol();

    /** @return price = mantissa x 10^priceExponent. */
    int priceExponent();

    /** @return quantity = mantissa x 10^qtyExponent. */
    int qtyExponent();

    /** @return true until the book is recovered from a snapshot, and again after a gap. */
    boolean isStale();

    /** @return venue update id the book reflects. */
    long lastUpdateId();

    /**
     * @param side bid or ask.
     * @return number of levels on that side.
     */
    int depth(Side side);

    /**
     * @param side  bid or ask.
     * @param level 0 = best.
     * @return price mantissa.
     */
    long price(Side side, int level);

    /**
     * @param side  bid or ask.
     * @param level 0 = best.
     * @return quantity mantissa.
     */
    long qty(Side side, int level);

    /** @return best bid price mantissa, or {@link WireProtocol#NO_PRICE}. */
    long bestBidPrice();

    /** @return best ask price mantissa, or {@link WireProtocol#NO_PRICE}. */
    long bestAskPrice();

    /** @return a hash of every level, equal to the station's {@code L2Book.stateHash()} for an equal book. */
    long stateHash();
}
