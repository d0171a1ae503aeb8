package com.tradingstation.feed.binance;

import com.tradingstation.feed.json.JsonCursor;

/**
 * The codes ({@link JsonCursor#code}) of the keys of Binance's stream, REST depth and exchangeInfo
 * messages, the short ones named as spelled on the wire (case matters: {@code "e"} and {@code "E"} are
 * both keys). The decoder, the exchange simulator's session loader and {@code ExchangeInfo} read
 * those messages with them.
 */
public final class BinanceKeys
{
    public static final long K_STREAM = JsonCursor.code("stream");
    public static final long K_DATA = JsonCursor.code("data");
    public static final long K_e = JsonCursor.code("e");
    public static final long K_E = JsonCursor.code("E");
    public static final long K_T = JsonCursor.code("T");
    public static final long K_s = JsonCursor.code("s");
    public static final long K_SYMBOL = JsonCursor.code("symbol");
    public static final long K_PAIR = JsonCursor.code("pair");
    public static final long K_ps = JsonCursor.code("ps");
    public static final long K_U = JsonCursor.code("U");
    public static final long K_u = JsonCursor.code("u");
    public static final long K_pu = JsonCursor.code("pu");
    public static final long K_LAST_UPDATE_ID = JsonCursor.code("lastUpdateId");
    public static final long K_b = JsonCursor.code("b");
    public static final long K_a = JsonCursor.code("a");
    public static final long K_BIDS = JsonCursor.code("bids");
    public static final long K_ASKS = JsonCursor.code("asks");
    public static final long K_B = JsonCursor.code("B");
    public static final long K_A = JsonCursor.code("A");
    public static final long K_t = JsonCursor.code("t");
    public static final long K_p = JsonCursor.code("p");
    public static final long K_q = JsonCursor.code("q");
    public static final long K_m = JsonCursor.code("m");
    public static final long K_M = JsonCursor.code("M");
    public static final long K_X = JsonCursor.code("X");
    public static final long K_f = JsonCursor.code("f");
    public static final long K_l = JsonCursor.code("l");
    // exchangeInfo (REST): symbols, their status and filters; "symbol" as above
    public static final long K_SYMBOLS = JsonCursor.code("symbols");
    public static final long K_STATUS = JsonCursor.code("status");
    public static final long K_CONTRACT_STATUS = JsonCursor.code("contractStatus");
    public static final long K_FILTERS = JsonCursor.code("filters");
    public static final long K_FILTER_TYPE = JsonCursor.code("filterType");
    public static final long K_TICK_SIZE = JsonCursor.code("tickSize");
    public static final long K_STEP_SIZE = JsonCursor.code("stepSize");

    private BinanceKeys()
    {
    }
}
