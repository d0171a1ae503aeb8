package com.tradingstation.core.fixedpoint;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * The one-pass quoted parser (with its eight-digit SWAR step) must agree with the strict general
 * parser of venue numbers on every input: same value, same verdict.
 */
class QuotedParseTest
{
    /**
     * QuickTheories counts an example it has drawn before but does not run it again, and its first
     * examples (the shrink target, then every value at its minimum, then at its maximum) often
     * repeat: asking for this many more keeps the examples run at or above each count below.
     */
    private static final int REPEATS_SKIPPED = 2;

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

    @Test
    void agreesWithTheGeneralParserOnRenderedValues()
    {
        qt().withExamples(3000 + REPEATS_SKIPPED)
            .forAll(longs().between(0, Long.MAX_VALUE), integers().between(0, 12), integers().between(0, 12),
                integers().between(0, 4))
            .checkAssert((mantissa, renderScale, parseScale, trailingZeros) ->
            {
                final String body = FixedPoint.toPlainString(mantissa, renderScale) +
                    (renderScale > 0 && mantissa % 10 != 0 ? "0".repeat(trailingZeros) : "");
                assertAgrees(body, parseScale);
            });
    }

    private static final List<Character> ALPHABET = List.of('0', '1', '5', '9', '.', 'x');

    /**
     * Every string of up to three characters from the alphabet (259 of them), at every scale: the
     * short shapes ("", ".", "x", "1.", ".5", ...) where random drawing would mostly repeat itself.
     */
    @Test
    void agreesOnEveryShortDigitDotString()
    {
        for (int length = 0; length <= 3; length++)
        {
            final int count = (int)Math.pow(ALPHABET.size(), length);
            for (int n = 0; n < count; n++)
            {
                final StringBuilder body = new StringBuilder();
                for (int i = 0, rest = n; i < length; i++, rest /= ALPHABET.size())
                {
                    body.append(ALPHABET.get(rest % ALPHABET.size()));
                }
                for (int scale = 0; scale <= 12; scale++)
                {
                    assertAgrees(body.toString(), scale);
                }
            }
        }
    }

    /** Random strings of four to 24 characters from the same alphabet (the shorter ones are all tried above). */
    @Test
    void agreesOnArbitraryDigitDotStrings()
    {
        final Gen<String> bodies = lists().of(Generate.pick(ALPHABET)).ofSizeBetween(4, 24)
            .map(chars -> chars.stream().map(String::valueOf).collect(Collectors.joining()));
        qt().withExamples(10_000 + REPEATS_SKIPPED)
            .forAll(bodies, integers().between(0, 12))
            .checkAssert(QuotedParseTest::assertAgrees);
    }
}
