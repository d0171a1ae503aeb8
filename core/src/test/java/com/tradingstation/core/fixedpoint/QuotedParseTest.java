package com.tradingstation.core.fixedpoint;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-pass quoted parser (with its eight-digit SWAR step) must agree with the strict general
 * parser of venue numbers on every input: same value, same verdict.
 */
class QuotedParseTest
{
    private static byte[] quoted(final String body)
    {
        return ("\"" + body + "\",").getBytes(StandardCharsets.US_ASCII);
    }

    private static void assertAgrees(final String body, final int scale)
    {
        final FixedPointParser general = new FixedPointParser();
        final FixedPointParser quoted = new FixedPointParser();
        final byte[] plain = body.getBytes(StandardCharsets.US_ASCII);
        final long expected = general.parseUnsigned(plain, 0, plain.length, scale);
        final byte[] q = quoted(body);
        final long actual = quoted.parseQuoted(q, 0, q.length, scale);
        if (actual == FixedPointParser.INVALID && quoted.lastError() == ParseError.NONE)
        {
            // Declined: the caller's general path decides. Never for the shapes venues send.
            assertThat(body.length() > 19 || body.contains("x") || body.startsWith("-") ||
                body.replace(".", "").length() > 18 || expected == FixedPointParser.INVALID).as(body).isTrue();
            return;
        }
        assertThat(actual).as("%s at scale %d", body, scale).isEqualTo(expected);
        assertThat(quoted.lastError()).as(body).isEqualTo(general.lastError());
        if (actual != FixedPointParser.INVALID)
        {
            assertThat(quoted.quotedEnd()).isEqualTo(body.length() + 2);
        }
    }

    @Test
    void binanceShapes()
    {
        for (final String s : new String[] {"61737.63000000", "0.00000000", "1.54698000", "58710.20", "0.014", "1001",
            "61773.6", "0", "1.", ".5", ".0", "0.", "", ".", "1.123456789", "1.123456780", "9999999999.99999999",
            "92233720368.54775807", "92233720368.54775808", "12a34567.00000000", "1.0000000a", "1.00000:00"})
        {
            assertAgrees(s, 8);
            assertAgrees(s, 2);
            assertAgrees(s, 0);
            assertAgrees(s, 12);
        }
    }

    @Test
    void venueShapesTakeTheFastPath()
    {
        final FixedPointParser p = new FixedPointParser();
        for (final String s : new String[] {"61737.63000000", "0.00000000", "58710.20", "0.014", "1001", "61773.6"})
        {
            final byte[] q = quoted(s);
            assertThat(p.parseQuoted(q, 0, q.length, 8)).as(s).isEqualTo(FixedPoint.parse(s, 8));
            assertThat(p.quotedEnd()).isEqualTo(s.length() + 2);
        }
    }

    @Test
    void eightDigitsConvertsAndRejects()
    {
        assertThat(FixedPointParser.eightDigits(le("12345678"))).isEqualTo(12345678L);
        assertThat(FixedPointParser.eightDigits(le("00000000"))).isZero();
        assertThat(FixedPointParser.eightDigits(le("99999999"))).isEqualTo(99999999L);
        assertThat(FixedPointParser.eightDigits(le("1234567:"))).isEqualTo(-1);
        assertThat(FixedPointParser.eightDigits(le("/2345678"))).isEqualTo(-1);
        assertThat(FixedPointParser.eightDigits(le("1234\"678"))).isEqualTo(-1);
    }

    private static long le(final String eight)
    {
        long v = 0;
        for (int i = 7; i >= 0; i--)
        {
            v = (v << 8) | eight.charAt(i);
        }
        return v;
    }

    @Property(tries = 3000)
    void agreesWithTheGeneralParserOnRenderedValues(
        @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) final long mantissa,
        @ForAll @IntRange(min = 0, max = 12) final int renderScale,
        @ForAll @IntRange(min = 0, max = 12) final int parseScale,
        @ForAll @IntRange(min = 0, max = 4) final int trailingZeros)
    {
        final String body = FixedPoint.toPlainString(mantissa, renderScale) +
            (renderScale > 0 && mantissa % 10 != 0 ? "0".repeat(trailingZeros) : "");
        assertAgrees(body, parseScale);
    }

    @Property(tries = 10000)
    void agreesOnArbitraryDigitDotStrings(
        @ForAll @StringLength(max = 24) @net.jqwik.api.constraints.Chars({'0', '1', '5', '9', '.', 'x'}) final String body,
        @ForAll @IntRange(min = 0, max = 12) final int scale)
    {
        assertAgrees(body, scale);
    }
}
