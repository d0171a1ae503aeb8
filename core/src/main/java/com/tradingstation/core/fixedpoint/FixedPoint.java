package com.tradingstation.core.fixedpoint;

/**
 * Fixed-point helpers: a value is a {@code long} mantissa and a decimal scale (number of
 * decimals), so {@code 61602.01} at scale 8 is the mantissa {@code 6160201000000}.
 * <p>
 * Formatting allocates and is meant for reports and tests, never for the hot path.
 */
public final class FixedPoint
{
    /** Default scale, the original feeder's scaled i64 (1e-8). */
    public static final int DEFAULT_SCALE = 8;

    /** Largest supported scale: 10^18 is the largest power of ten in a long. */
    public static final int MAX_SCALE = 18;

    private static final long[] POWERS_OF_TEN = new long[MAX_SCALE + 1];

    static
    {
        long p = 1;
        for (int i = 0; i <= MAX_SCALE; i++)
        {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private FixedPoint()
    {
    }

    /**
     * @param exponent 0..18.
     * @return 10^exponent.
     */
    public static long powerOfTen(final int exponent)
    {
        return POWERS_OF_TEN[exponent];
    }

    /**
     * Render a mantissa as a plain decimal string without exponent and without trailing
     * fractional zeros: {@code (6160201000000, 8) -> "61602.01"}, {@code (100000000, 8) -> "1"}.
     *
     * @param mantissa the scaled value.
     * @param scale    number of decimals the mantissa carries, 0..18.
     * @return the decimal string.
     */
    public static String toPlainString(final long mantissa, final int scale)
    {
        final StringBuilder sb = new StringBuilder(24);
        appendPlain(sb, mantissa, scale);
        return sb.toString();
    }

    /**
     * Append the plain decimal form of a mantissa, as {@link #toPlainString(long, int)}.
     *
     * @param sb       destination.
     * @param mantissa the scaled value.
     * @param scale    number of decimals, 0..18.
     * @return {@code sb}.
     */
    public static StringBuilder appendPlain(final StringBuilder sb, final long mantissa, final int scale)
    {
        if (scale == 0)
        {
            return sb.append(mantissa);
        }
        if (mantissa < 0)
        {
            sb.append('-');
        }
        // Work on the magnitude as unsigned so Long.MIN_VALUE renders correctly.
        final long pow = POWERS_OF_TEN[scale];
        final long intPart = Long.divideUnsigned(Math.abs(mantissa), pow);
        long frac = Long.remainderUnsigned(Math.abs(mantissa), pow);
        sb.append(Long.toUnsignedString(intPart));
        if (frac != 0)
        {
            int digits = scale;
            while (frac % 10 == 0)
            {
                frac /= 10;
                digits--;
            }
            sb.append('.');
            final String f = Long.toString(frac);
            for (int i = f.length(); i < digits; i++)
            {
                sb.append('0');
            }
            sb.append(f);
        }
        return sb;
    }

    /**
     * Convenience parse for tests and configuration (allocates an exception on failure).
     *
     * @param text  decimal string.
     * @param scale decimals.
     * @return the mantissa.
     * @throws IllegalArgumentException naming the {@link ParseError} when the text is rejected.
     */
    public static long parse(final CharSequence text, final int scale)
    {
        final byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++)
        {
            final char c = text.charAt(i);
            bytes[i] = c < 128 ? (byte)c : (byte)'?';
        }
        final FixedPointParser parser = new FixedPointParser();
        final long value = parser.parse(bytes, 0, bytes.length, scale);
        if (parser.lastError() != ParseError.NONE)
        {
            throw new IllegalArgumentException(
                "cannot parse '" + text + "' at scale " + scale + ": " + parser.lastError().label());
        }
        return value;
    }
}
