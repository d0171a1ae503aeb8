package com.tradingstation.core.fixedpoint;

import org.agrona.DirectBuffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Parses venue decimal strings ({@code "61602.01000000"}) straight from bytes into a scaled
 * {@code long} mantissa, without double, BigDecimal or allocation.
 * <p>
 * Rejections set {@link #lastError()} and bump a per-reason counter; the return value is then
 * {@link #INVALID}. Trailing zeros beyond the scale are accepted ({@code "1.230000000"} at scale 8),
 * other extra decimals are {@link ParseError#TOO_MANY_DECIMALS} because rounding would silently
 * change a venue's price.
 * <p>
 * Two grammars. {@link #parseUnsigned} and {@link #parseQuoted} read what the venues send for
 * prices and quantities, and nothing else:
 * <pre>
 *   decimal  = integer [ "." digit { digit } ]
 *   integer  = "0" | nonzero { digit }
 * </pre>
 * no sign (not even {@code "-0"}), no bare point ({@code "1."}, {@code ".5"}), no leading zero,
 * no exponent, no spaces. {@link #parse} is the general signed form for configuration values
 * ({@code [-] digits [. digits]}, a lone side of the point allowed).
 * <p>
 * Written by hand because no JSON or number library parses decimal text into a scaled long
 * without allocating. Not thread-safe: one parser per decoding thread.
 */
public final class FixedPointParser
{
    /** Returned when the input is rejected; also a value no venue sends. */
    public static final long INVALID = Long.MIN_VALUE;

    private static final long MAX_DIV_10 = Long.MAX_VALUE / 10;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
        ByteOrder.LITTLE_ENDIAN);

    private final long[] rejects = new long[ParseError.values().length];
    private ParseError lastError = ParseError.NONE;
    private int quotedEnd;

    /**
     * Parse ASCII bytes {@code [start, end)} of a heap array.
     *
     * @param src   bytes.
     * @param start first byte.
     * @param end   one past the last byte.
     * @param scale decimals of the result, 0..18.
     * @return the mantissa, or {@link #INVALID} with {@link #lastError()} set.
     */
    public long parse(final byte[] src, final int start, final int end, final int scale)
    {
        int i = start;
        if (i >= end)
        {
            return reject(ParseError.EMPTY);
        }
        boolean negative = false;
        if (src[i] == '-')
        {
            negative = true;
            i++;
        }
        long value = 0;
        int intDigits = 0;
        while (i < end)
        {
            final int d = src[i] - '0';
            if (d < 0 || d > 9)
            {
                break;
            }
            if (value > MAX_DIV_10 || (value == MAX_DIV_10 && d > 7))
            {
                return reject(ParseError.OVERFLOW);
            }
            value = value * 10 + d;
            intDigits++;
            i++;
        }
        int fracDigits = 0;
        if (i < end && src[i] == '.')
        {
            i++;
            while (i < end)
            {
                final int d = src[i] - '0';
                if (d < 0 || d > 9)
                {
                    return reject(ParseError.NON_NUMERIC);
                }
                if (fracDigits < scale)
                {
                    if (value > MAX_DIV_10 || (value == MAX_DIV_10 && d > 7))
                    {
                        return reject(ParseError.OVERFLOW);
                    }
                    value = value * 10 + d;
                }
                else if (d != 0)
                {
                    return reject(ParseError.TOO_MANY_DECIMALS);
                }
                fracDigits++;
                i++;
            }
            if (fracDigits == 0 && intDigits == 0)
            {
                return reject(ParseError.EMPTY);
            }
        }
        if (i != end)
        {
            return reject(ParseError.NON_NUMERIC);
        }
        if (intDigits == 0 && fracDigits == 0)
        {
            return reject(ParseError.EMPTY);
        }
        final int missing = scale - Math.min(fracDigits, scale);
        if (missing > 0)
        {
            final long pow = FixedPoint.powerOfTen(missing);
            if (value > Long.MAX_VALUE / pow)
            {
                return reject(ParseError.OVERFLOW);
            }
            value *= pow;
        }
        lastError = ParseError.NONE;
        return negative ? -value : value;
    }

    /**
     * Parse a venue price or quantity, ASCII bytes {@code [start, end)}, in the strict grammar of
     * the class comment.
     *
     * @param src   bytes.
     * @param start first byte.
     * @param end   one past the last byte.
     * @param scale decimals of the result, 0..18.
     * @return the mantissa (never negative), or {@link #INVALID} with {@link #lastError()} set.
     */
    public long parseUnsigned(final byte[] src, final int start, final int end, final int scale)
    {
        if (start >= end)
        {
            return reject(ParseError.EMPTY);
        }
        final byte first = src[start];
        if (first == '-' || first == '+')
        {
            return reject(ParseError.SIGNED);
        }
        if (first == '.')
        {
            return reject(ParseError.BARE_POINT);
        }
        if (first == '0' && start + 1 < end && src[start + 1] >= '0' && src[start + 1] <= '9')
        {
            return reject(ParseError.LEADING_ZERO);
        }
        final int dot = start + 1 < end ? indexOfPoint(src, start, end) : -1;
        if (dot == end - 1)
        {
            return reject(ParseError.BARE_POINT);
        }
        return parse(src, start, end, scale);
    }

    private static int indexOfPoint(final byte[] src, final int start, final int end)
    {
        for (int i = start; i < end; i++)
        {
            if (src[i] == '.')
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Parse a JSON string holding a decimal, {@code "61602.01"}, in one pass: {@code src[start]}
     * must be the opening quote; on success {@link #quotedEnd()} is the index after the closing
     * quote. The caller falls back to a general JSON path when this returns {@link #INVALID} with
     * {@link #lastError()} {@link ParseError#NONE} (not a plain quoted decimal, e.g. an escape or
     * a missing quote within {@code limit}).
     *
     * @param src   bytes.
     * @param start index of the opening quote.
     * @param limit end of the readable bytes.
     * @param scale decimals of the result, 0..18.
     * @return the mantissa, or {@link #INVALID}.
     */
    public long parseQuoted(final byte[] src, final int start, final int limit, final int scale)
    {
        if (start >= limit || src[start] != '"')
        {
            return decline();
        }
        int i = start + 1;
        long value = 0;
        while (i < limit)
        {
            final int d = src[i] - '0';
            if (d < 0 || d > 9)
            {
                break;
            }
            value = value * 10 + d;
            i++;
        }
        final int intDigits = i - start - 1;
        if (intDigits > 1 && src[start + 1] == '0')
        {
            return reject(ParseError.LEADING_ZERO);
        }
        int fracDigits = 0;
        int extraZeros = 0;
        if (i < limit && src[i] == '.')
        {
            if (intDigits == 0)
            {
                return reject(ParseError.BARE_POINT);
            }
            i++;
            final int fractionStart = i;
            // Eight fraction digits at once (spot sends exactly eight): SWAR over one long.
            if (scale >= 8 && i + 8 <= limit)
            {
                final long eight = eightDigits((long)LONG_LE.get(src, i));
                if (eight >= 0)
                {
                    value = value * 100_000_000L + eight;
                    fracDigits = 8;
                    i += 8;
                }
            }
            while (i < limit)
            {
                final int d = src[i] - '0';
                if (d < 0 || d > 9)
                {
                    break;
                }
                if (fracDigits < scale)
                {
                    value = value * 10 + d;
                    fracDigits++;
                }
                else if (d != 0)
                {
                    // With more than 18 kept digits the general parser may see an overflow first.
                    return intDigits + fracDigits > 18 ? decline() : reject(ParseError.TOO_MANY_DECIMALS);
                }
                else
                {
                    extraZeros++;
                }
                i++;
            }
            if (i == fractionStart)
            {
                return i < limit && src[i] == '"' ? reject(ParseError.BARE_POINT) : decline();
            }
        }
        if (i >= limit || src[i] != '"')
        {
            return decline(); // sign, escape, exponent or junk: the general path decides
        }
        if (intDigits + fracDigits + extraZeros == 0)
        {
            return reject(ParseError.EMPTY);
        }
        if (intDigits + fracDigits > 18)
        {
            return decline(); // may overflow: the general path checks digit by digit
        }
        final int missing = scale - fracDigits;
        if (missing > 0)
        {
            final long pow = FixedPoint.powerOfTen(missing);
            if (value > Long.MAX_VALUE / pow)
            {
                return reject(ParseError.OVERFLOW);
            }
            value *= pow;
        }
        quotedEnd = i + 1;
        lastError = ParseError.NONE;
        return value;
    }

    private long decline()
    {
        lastError = ParseError.NONE;
        return INVALID;
    }

    /**
     * Convert eight ASCII digits read as a little-endian long (first digit in the low byte).
     *
     * @return their value, or -1 when any byte is not a digit.
     */
    static long eightDigits(final long chars)
    {
        // A byte is a digit when its high nibble is 3 and adding 6 does not carry out of its low nibble.
        if ((chars & 0xF0F0F0F0F0F0F0F0L) != 0x3030303030303030L ||
            ((chars + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) != 0x3030303030303030L)
        {
            return -1;
        }
        long v = chars - 0x3030303030303030L;
        v = (v * 10 + (v >>> 8)) & 0x00FF00FF00FF00FFL;
        v = (v * 100 + (v >>> 16)) & 0x0000FFFF0000FFFFL;
        return (v * 10_000 + (v >>> 32)) & 0xFFFFFFFFL;
    }

    /**
     * @return after a successful {@link #parseQuoted}, the index just past its closing quote.
     */
    public int quotedEnd()
    {
        return quotedEnd;
    }

    /**
     * Parse ASCII bytes {@code [start, end)} of an Agrona buffer.
     *
     * @param src   buffer.
     * @param start first byte.
     * @param end   one past the last byte.
     * @param scale decimals of the result.
     * @return the mantissa, or {@link #INVALID}.
     */
    public long parse(final DirectBuffer src, final int start, final int end, final int scale)
    {
        final byte[] array = src.byteArray();
        if (array != null && src.wrapAdjustment() == 0)
        {
            return parse(array, start, end, scale);
        }
        // Direct memory: copy-free slow path through getByte.
        final int len = end - start;
        if (len > scratch.length)
        {
            return reject(ParseError.OVERFLOW);
        }
        src.getBytes(start, scratch, 0, len);
        return parse(scratch, 0, len, scale);
    }

    private final byte[] scratch = new byte[64];

    /**
     * @return why the last parse failed, or {@link ParseError#NONE}.
     */
    public ParseError lastError()
    {
        return lastError;
    }

    /**
     * @param reason a rejection reason.
     * @return how many inputs were rejected for that reason since construction.
     */
    public long rejectCount(final ParseError reason)
    {
        return rejects[reason.ordinal()];
    }

    /**
     * @return rejections of every reason added up.
     */
    public long totalRejects()
    {
        long sum = 0;
        for (final long r : rejects)
        {
            sum += r;
        }
        return sum;
    }

    private long reject(final ParseError reason)
    {
        lastError = reason;
        rejects[reason.ordinal()]++;
        return INVALID;
    }
}
