package com.tradingstation.feed.live;

import com.tradingstation.feed.json.JsonCursor;

import java.util.LinkedHashMap;
import java.util.Map;

import static com.tradingstation.feed.binance.BinanceKeys.*;

/**
 * The part of a venue's {@code exchangeInfo} answer the station needs: each symbol's tick size
 * and step size (PRICE_FILTER / LOT_SIZE), turned into the decimal scale of its prices and
 * quantities, and its trading status.
 */
public final class ExchangeInfo
{
    /**
     * One symbol's metadata.
     *
     * @param symbol     venue symbol.
     * @param status     trading status ("TRADING", ...; null when absent).
     * @param tickSize   price tick as sent.
     * @param stepSize   quantity step as sent.
     * @param priceScale decimals of the tick.
     * @param qtyScale   decimals of the step.
     */
    public record SymbolInfo(String symbol, String status, String tickSize, String stepSize, int priceScale,
        int qtyScale)
    {
    }

    private final Map<String, SymbolInfo> symbols;

    private ExchangeInfo(final Map<String, SymbolInfo> symbols)
    {
        this.symbols = symbols;
    }

    /**
     * @param symbol a venue symbol (upper case).
     * @return its metadata, or null when the venue does not list it.
     */
    public SymbolInfo symbol(final String symbol)
    {
        return symbols.get(symbol);
    }

    /** @return every symbol listed. */
    public Map<String, SymbolInfo> symbols()
    {
        return symbols;
    }

    /**
     * Parse an exchangeInfo body.
     *
     * @param body the JSON.
     * @return the metadata.
     * @throws IllegalArgumentException when it is not an exchangeInfo answer.
     */
    public static ExchangeInfo parse(final byte[] body)
    {
        final JsonCursor c = new JsonCursor().wrap(body, 0, body.length);
        final Map<String, SymbolInfo> out = new LinkedHashMap<>();
        boolean sawSymbols = false;
        if (c.beginObject())
        {
            boolean first = true;
            while (c.nextKey(first))
            {
                first = false;
                if (c.keyCode() == K_SYMBOLS && c.peek() == '[')
                {
                    sawSymbols = true;
                    c.beginArray();
                    boolean firstSymbol = true;
                    while (c.nextElement(firstSymbol))
                    {
                        firstSymbol = false;
                        final SymbolInfo info = symbol(c, body);
                        if (info != null)
                        {
                            out.put(info.symbol(), info);
                        }
                    }
                }
                else
                {
                    c.skipValue();
                }
            }
        }
        if (c.failed() || !sawSymbols)
        {
            throw new IllegalArgumentException("not an exchangeInfo answer" +
                (c.failed() ? " (bad JSON)" : " (no symbols)"));
        }
        return new ExchangeInfo(out);
    }

    private static SymbolInfo symbol(final JsonCursor c, final byte[] body)
    {
        if (c.peek() != '{')
        {
            c.skipValue();
            return null;
        }
        String symbol = null;
        String status = null;
        String tick = null;
        String step = null;
        c.beginObject();
        boolean first = true;
        while (c.nextKey(first))
        {
            first = false;
            final long k = c.keyCode();
            if (k == K_SYMBOL && c.peek() == '"')
            {
                c.readString();
                symbol = text(c, body);
            }
            else if ((k == K_STATUS || k == K_CONTRACT_STATUS) && c.peek() == '"')
            {
                c.readString();
                status = text(c, body);
            }
            else if (k == K_FILTERS && c.peek() == '[')
            {
                c.beginArray();
                boolean firstFilter = true;
                while (c.nextElement(firstFilter))
                {
                    firstFilter = false;
                    if (c.peek() != '{')
                    {
                        c.skipValue();
                        continue;
                    }
                    String type = null;
                    String tickSize = null;
                    String stepSize = null;
                    c.beginObject();
                    boolean firstField = true;
                    while (c.nextKey(firstField))
                    {
                        firstField = false;
                        final long fk = c.keyCode();
                        if ((fk == K_FILTER_TYPE || fk == K_TICK_SIZE || fk == K_STEP_SIZE) && c.peek() == '"')
                        {
                            c.readString();
                            final String v = text(c, body);
                            if (fk == K_FILTER_TYPE)
                            {
                                type = v;
                            }
                            else if (fk == K_TICK_SIZE)
                            {
                                tickSize = v;
                            }
                            else
                            {
                                stepSize = v;
                            }
                        }
                        else
                        {
                            c.skipValue();
                        }
                    }
                    if ("PRICE_FILTER".equals(type))
                    {
                        tick = tickSize;
                    }
                    else if ("LOT_SIZE".equals(type))
                    {
                        step = stepSize;
                    }
                }
            }
            else
            {
                c.skipValue();
            }
        }
        if (symbol == null || tick == null || step == null)
        {
            return null;
        }
        return new SymbolInfo(symbol, status, tick, step, decimals(tick), decimals(step));
    }

    private static String text(final JsonCursor c, final byte[] body)
    {
        return new String(body, c.stringStart(), c.stringEnd() - c.stringStart(),
            java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Decimals of a tick or step size once trailing zeros are gone: "0.01000000" is 2, "1.00" 0.
     *
     * @param size the size as the venue sends it.
     * @return its decimal places, 0..18.
     */
    public static int decimals(final String size)
    {
        final int dot = size.indexOf('.');
        if (dot < 0)
        {
            return 0;
        }
        int end = size.length();
        while (end > dot + 1 && size.charAt(end - 1) == '0')
        {
            end--;
        }
        return Math.min(18, end - dot - 1);
    }
}
