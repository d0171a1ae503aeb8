package com.tradingstation.core.instrument;

/**
 * The symbol alphabet the station accepts from a venue: what Binance documents for its symbol
 * parameters, {@code ^[A-Z0-9-_.]{1,20}$} (spot {@code BTCUSDT}, USD-M delivery
 * {@code BTCUSDT_250926}, COIN-M {@code BTCUSD_PERP}). Stream names are lower case; the
 * {@code "s"} field of every event and the REST {@code symbol} are upper case, so a lower-case
 * symbol in a payload is junk, not another spelling of the same instrument.
 * <p>
 * The bound also keeps every symbol inside the fixed 24-byte field of the wire protocol's
 * instrument definition, so no symbol is ever cut there, and excludes the braces and colon of
 * the Redis hash tag {@code {venue:SYMBOL}}. Checks read raw bytes and allocate nothing.
 */
public final class Symbols
{
    /** Longest symbol accepted. */
    public static final int MAX_LENGTH = 20;

    /** Valid. */
    public static final int OK = 0;
    /** Zero length. */
    public static final int EMPTY = 1;
    /** Longer than {@link #MAX_LENGTH}. */
    public static final int TOO_LONG = 2;
    /** A byte outside {@code A-Z 0-9 - _ .} (lower case, braces, colon, controls, non-ASCII). */
    public static final int BAD_CHARACTER = 3;

    private static final boolean[] ALLOWED = new boolean[256];

    static
    {
        for (int c = 'A'; c <= 'Z'; c++)
        {
            ALLOWED[c] = true;
        }
        for (int c = '0'; c <= '9'; c++)
        {
            ALLOWED[c] = true;
        }
        ALLOWED['-'] = true;
        ALLOWED['_'] = true;
        ALLOWED['.'] = true;
    }

    private Symbols()
    {
    }

    /**
     * @param src    bytes holding the symbol.
     * @param offset first byte.
     * @param length symbol length.
     * @return {@link #OK}, or why the symbol is not one a venue sends.
     */
    public static int check(final byte[] src, final int offset, final int length)
    {
        if (length <= 0)
        {
            return EMPTY;
        }
        if (length > MAX_LENGTH)
        {
            return TOO_LONG;
        }
        for (int i = offset, end = offset + length; i < end; i++)
        {
            if (!ALLOWED[src[i] & 0xFF])
            {
                return BAD_CHARACTER;
            }
        }
        return OK;
    }

    /**
     * @param symbol a symbol.
     * @return {@link #OK}, or why it is not one a venue sends.
     */
    public static int check(final String symbol)
    {
        // Latin-1 keeps one byte per char; anything beyond it becomes '?', which the alphabet refuses.
        final byte[] b = symbol.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        return check(b, 0, b.length);
    }

    /**
     * @param code a result of {@code check}.
     * @return a short reason for messages.
     */
    public static String describe(final int code)
    {
        switch (code)
        {
            case OK:
                return "ok";
            case EMPTY:
                return "empty symbol";
            case TOO_LONG:
                return "symbol longer than " + MAX_LENGTH + " characters";
            default:
                return "symbol characters must be A-Z, 0-9, '-', '_' or '.'";
        }
    }

    /**
     * @param symbol a symbol.
     * @throws IllegalArgumentException naming the symbol (cut for display) and the reason.
     */
    public static void require(final String symbol)
    {
        final int code = check(symbol);
        if (code != OK)
        {
            final String shown = symbol.length() > 40 ? symbol.substring(0, 40) + "...(" + symbol.length() + " chars)" :
                symbol;
            throw new IllegalArgumentException("not a venue symbol: '" + printable(shown) + "': " + describe(code));
        }
    }

    private static String printable(final String s)
    {
        final StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F)
            {
                b.append(String.format("\\x%02x", (int)c));
            }
            else
            {
                b.append(c);
            }
        }
        return b.toString();
    }
}
