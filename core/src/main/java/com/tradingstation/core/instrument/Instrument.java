package com.tradingstation.core.instrument;

/**
 * An instrument: a dense id, its venue and symbol, and the decimal scales of its prices and
 * quantities. Immutable.
 *
 * @param id         dense id, {@code 0 <= id < capacity} of the registry.
 * @param venue      the venue.
 * @param symbol     the venue's symbol, upper case as the venue sends it.
 * @param priceScale decimals of price mantissas.
 * @param qtyScale   decimals of quantity mantissas.
 */
public record Instrument(int id, Venue venue, String symbol, int priceScale, int qtyScale)
{
    /**
     * @return {@code venue:symbol}, the instrument's name in logs, keys and output.
     */
    public String key()
    {
        return venue.id() + ":" + symbol;
    }
}
