package com.tradingstation.sim;

import com.tradingstation.core.instrument.Venue;
import com.tradingstation.json.JsonWriter;

import java.util.List;

/**
 * Renders {@code exchangeInfo} in the venue's documented shape from what the sessions showed:
 * tick and step sizes are the finest decimals seen in the symbol's prices and quantities (after
 * trimming trailing zeros), base and quote assets are split from the symbol. Stateless.
 */
final class ExchangeInfo
{
    private static final String[] SPOT_QUOTES = {
        "FDUSD", "USDT", "USDC", "BUSD", "TUSD", "BTC", "ETH", "BNB", "EUR", "TRY", "BRL", "JPY", "DAI", "USD"};
    private static final String[] USDM_QUOTES = {"USDT", "USDC", "BUSD"};

    private ExchangeInfo()
    {
    }

    /**
     * @param s symbol.
     * @return its tick as the venue writes it (spot with 8 decimals).
     */
    static String tickSize(final SimSymbol s)
    {
        return unit(s.priceDecimals, s.venue == Venue.BINANCE_SPOT ? 8 : Math.max(s.rawPriceDecimals, s.priceDecimals));
    }

    /**
     * @param s symbol.
     * @return its step as the venue writes it (spot with 8 decimals).
     */
    static String stepSize(final SimSymbol s)
    {
        return unit(s.qtyDecimals, s.venue == Venue.BINANCE_SPOT ? 8 : Math.max(s.rawQtyDecimals, s.qtyDecimals));
    }

    /** 10^-decimals written with {@code width} decimals: (2, 8) → 0.01000000. */
    static String unit(final int decimals, final int width)
    {
        final int w = Math.max(width, decimals);
        if (w == 0)
        {
            return "1";
        }
        final StringBuilder sb = new StringBuilder(w + 2);
        sb.append(decimals == 0 ? '1' : '0').append('.');
        for (int i = 1; i <= w; i++)
        {
            sb.append(i == decimals ? '1' : '0');
        }
        return sb.toString();
    }

    /**
     * @param venue       the venue.
     * @param symbols     symbols to list.
     * @param weightLimit the venue's REQUEST_WEIGHT per minute.
     * @param nowMs       server time.
     * @return the JSON body.
     */
    static String json(final Venue venue, final List<SimSymbol> symbols, final int weightLimit, final long nowMs)
    {
        final JsonWriter w = new JsonWriter();
        w.beginObject().field("timezone", "UTC").field("serverTime", nowMs);
        if (venue == Venue.BINANCE_USDM)
        {
            w.field("futuresType", "U_MARGINED");
        }
        w.name("rateLimits").beginArray()
            .beginObject().field("rateLimitType", "REQUEST_WEIGHT").field("interval", "MINUTE").field("intervalNum", 1)
            .field("limit", weightLimit).endObject()
            .endArray();
        w.name("exchangeFilters").beginArray().endArray();
        w.name("symbols").beginArray();
        for (final SimSymbol s : symbols)
        {
            final String[] assets = assets(s);
            w.beginObject().field("symbol", s.symbol);
            if (venue == Venue.BINANCE_SPOT)
            {
                w.field("status", "TRADING").field("baseAsset", assets[0]).field("baseAssetPrecision", 8)
                    .field("quoteAsset", assets[1]).field("quotePrecision", 8).field("quoteAssetPrecision", 8)
                    .field("isSpotTradingAllowed", true);
            }
            else
            {
                w.field("pair", assets[2]).field("contractType", assets[3]);
                w.field(venue == Venue.BINANCE_COINM ? "contractStatus" : "status", "TRADING");
                w.field("baseAsset", assets[0]).field("quoteAsset", assets[1])
                    .field("marginAsset", venue == Venue.BINANCE_COINM ? assets[0] : assets[1])
                    .field("pricePrecision", s.priceDecimals).field("quantityPrecision", s.qtyDecimals);
            }
            final String tick = tickSize(s);
            final String step = stepSize(s);
            w.name("filters").beginArray()
                .beginObject().field("filterType", "PRICE_FILTER").field("minPrice", tick)
                .field("maxPrice", venue == Venue.BINANCE_SPOT ? "1000000.00000000" : "1000000").field("tickSize", tick)
                .endObject()
                .beginObject().field("filterType", "LOT_SIZE").field("minQty", step)
                .field("maxQty", venue == Venue.BINANCE_SPOT ? "9000.00000000" : "1000").field("stepSize", step)
                .endObject()
                .endArray();
            w.endObject();
        }
        w.endArray();
        return w.endObject().toString();
    }

    /** @return base, quote, pair, contract type. */
    private static String[] assets(final SimSymbol s)
    {
        final String sym = s.symbol;
        if (s.venue == Venue.BINANCE_COINM)
        {
            final int us = sym.indexOf('_');
            final String pair = us > 0 ? sym.substring(0, us) : sym;
            final String base = pair.endsWith("USD") ? pair.substring(0, pair.length() - 3) : pair;
            final String contract = us > 0 && sym.substring(us + 1).equals("PERP") ? "PERPETUAL" : "CURRENT_QUARTER";
            return new String[] {base, "USD", pair, contract};
        }
        for (final String q : s.venue == Venue.BINANCE_SPOT ? SPOT_QUOTES : USDM_QUOTES)
        {
            if (sym.endsWith(q) && sym.length() > q.length())
            {
                return new String[] {sym.substring(0, sym.length() - q.length()), q, sym, "PERPETUAL"};
            }
        }
        return new String[] {sym, "", sym, "PERPETUAL"};
    }
}
