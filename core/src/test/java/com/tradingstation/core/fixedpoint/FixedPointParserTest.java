package com.tradingstation.core.fixedpoint;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

class FixedPointParserTest
{
    /**
     * QuickTheories counts an example it has drawn before but does not run it again, and its first
     * examples (the shrink target, then every value at its minimum, then at its maximum) often
     * repeat: asking for this many more keeps the examples run at or above each count below.
     */
    private static final int REPEATS_SKIPPED = 2;

    private final FixedPointParser parser = new FixedPointParser();

    private long parse(final String text, final int scale)
    {
        final byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return parser.parse(b, 0, b.length, scale);
    }

    private void assertAccepted(final String text, final int scale, final long expected)
    {
        assertThat(parse(text, scale)).as("'%s' at scale %d", text, scale).isEqualTo(expected);
        assertThat(parser.lastError()).as("'%s' at scale %d", text, scale).isEqualTo(ParseError.NONE);
    }

    private void assertRejected(final String text, final int scale, final ParseError reason)
    {
        final long before = parser.rejectCount(reason);
        final long totalBefore = parser.totalRejects();
        assertThat(parse(text, scale)).as("'%s' at scale %d", text, scale).isEqualTo(FixedPointParser.INVALID);
        assertThat(parser.lastError()).as("'%s' at scale %d", text, scale).isEqualTo(reason);
        assertThat(parser.rejectCount(reason)).isEqualTo(before + 1);
        assertThat(parser.totalRejects()).isEqualTo(totalBefore + 1);
    }

    @ParameterizedTest(name = "''{0}'' at scale {1} -> {2}")
    @CsvSource({ // text, scale, then the mantissa it parses to or the ParseError it is rejected with
        // venue prices and quantities
        "61602.01000000, 8, 6160201000000",
        "0.00000000, 8, 0",
        "0, 8, 0",
        "1001, 8, 100100000000",
        "0.00000001, 8, 1",
        "58710.20, 2, 5871020",
        "58710.2, 2, 5871020",
        "0.014, 3, 14",
        "1., 8, 100000000",
        ".5, 8, 50000000",
        "007.50, 2, 750",
        // trailing zeros beyond the scale are accepted
        "1.230000000, 8, 123000000",
        "1.2300000000000000000000, 8, 123000000",
        "5.000, 0, 5",
        "5., 0, 5",
        // long boundaries
        "9223372036854775807, 0, 9223372036854775807",
        "-9223372036854775807, 0, -9223372036854775807",
        "92233720368.54775807, 8, 9223372036854775807",
        "92233720368.547758070, 8, 9223372036854775807",
        "92233720368, 8, 9223372036800000000",
        "9, 18, 9000000000000000000",
        // negative numbers
        "-61602.01, 8, -6160201000000",
        "-0.00000001, 8, -1",
        "-0, 8, 0",
        "-1001, 0, -1001",
        "-.5, 1, -5",
        // significant decimals beyond the scale
        "1.123456789, 8, TOO_MANY_DECIMALS",
        "1.5, 0, TOO_MANY_DECIMALS",
        "0.0000000001, 8, TOO_MANY_DECIMALS",
        "-1.123456789, 8, TOO_MANY_DECIMALS",
        // empty inputs
        "'', 8, EMPTY",
        "., 8, EMPTY",
        "-, 8, EMPTY",
        "-., 8, EMPTY",
        "'', 0, EMPTY",
        // overflow
        "99999999999, 8, OVERFLOW", // 9.99e18 > Long.MAX_VALUE after scaling
        "92233720368547758080, 8, OVERFLOW",
        "92233720368547758080, 0, OVERFLOW",
        "92233720368.54775808, 8, OVERFLOW", // MAX + 1 while reading decimals
        "9223372036854775808, 0, OVERFLOW", // MAX + 1
        "-9223372036854775809, 0, OVERFLOW",
        // long boundaries
        "92233720369, 8, OVERFLOW",
        "10, 18, OVERFLOW",
        // Long.MIN_VALUE is the INVALID sentinel: its magnitude does not fit while parsing.
        "-9223372036854775808, 0, OVERFLOW",
    })
    void parses(final String text, final int scale, final String outcome)
    {
        if (Character.isLetter(outcome.charAt(0))) // a ParseError: rejected for that reason
        {
            assertRejected(text, scale, ParseError.valueOf(outcome));
        }
        else
        {
            assertAccepted(text, scale, Long.parseLong(outcome));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"12a.3", "1.2.3", " 1", "1 ", "1e5", "+1", "--1", "1-", "1,5", "0x10", "NaN", "1.-2",
        "..1"})
    void nonNumericInputs(final String text)
    {
        assertRejected(text, 8, ParseError.NON_NUMERIC);
    }

    @Test
    void countersAccumulatePerReasonAndLastErrorResets()
    {
        assertThat(parser.totalRejects()).isZero();
        for (final ParseError e : ParseError.values())
        {
            assertThat(parser.rejectCount(e)).isZero();
        }
        parse("", 8);
        parse("x", 8);
        parse("y", 8);
        parse("1.123456789", 8);
        parse("99999999999", 8);
        parse("99999999999", 8);
        parse("99999999999", 8);
        assertThat(parser.lastError()).isEqualTo(ParseError.OVERFLOW);
        assertThat(parser.rejectCount(ParseError.EMPTY)).isEqualTo(1);
        assertThat(parser.rejectCount(ParseError.NON_NUMERIC)).isEqualTo(2);
        assertThat(parser.rejectCount(ParseError.TOO_MANY_DECIMALS)).isEqualTo(1);
        assertThat(parser.rejectCount(ParseError.OVERFLOW)).isEqualTo(3);
        assertThat(parser.rejectCount(ParseError.NONE)).isZero();
        assertThat(parser.totalRejects()).isEqualTo(7);

        assertThat(parse("1.5", 8)).isEqualTo(150_000_000L);
        assertThat(parser.lastError()).isEqualTo(ParseError.NONE);
        assertThat(parser.totalRejects()).as("a success counts nothing").isEqualTo(7);

        parse("1.2.3", 8);
        assertThat(parser.lastError()).isEqualTo(ParseError.NON_NUMERIC);
        parse("42", 0);
        assertThat(parser.lastError()).isEqualTo(ParseError.NONE);
        assertThat(parser.totalRejects()).isEqualTo(8);
    }

    @Test
    void subRangeOfALargerArray()
    {
        final byte[] b = "xx61602.01yy".getBytes(StandardCharsets.US_ASCII);
        assertThat(parser.parse(b, 2, 10, 8)).isEqualTo(6_160_201_000_000L);
        assertThat(parser.parse(b, 2, 11, 8)).isEqualTo(FixedPointParser.INVALID);
        assertThat(parser.lastError()).isEqualTo(ParseError.NON_NUMERIC);
        assertThat(parser.parse(b, 5, 5, 8)).isEqualTo(FixedPointParser.INVALID);
        assertThat(parser.lastError()).isEqualTo(ParseError.EMPTY);
    }

    @Test
    void directBufferPaths()
    {
        final byte[] text = "__61602.01000000__".getBytes(StandardCharsets.US_ASCII);
        // Heap buffer at array offset 0.
        assertThat(parser.parse(new UnsafeBuffer(text), 2, 16, 8)).isEqualTo(6_160_201_000_000L);
        // Heap buffer wrapping a slice of the array: indices are relative to the slice.
        assertThat(parser.parse(new UnsafeBuffer(text, 2, 14), 0, 14, 8)).isEqualTo(6_160_201_000_000L);
        // Off-heap memory.
        final ByteBuffer direct = ByteBuffer.allocateDirect(32);
        final UnsafeBuffer off = new UnsafeBuffer(direct);
        off.putBytes(3, text);
        assertThat(parser.parse(off, 5, 19, 8)).isEqualTo(6_160_201_000_000L);
        assertThat(parser.lastError()).isEqualTo(ParseError.NONE);
        assertThat(parser.parse(off, 5, 8, 8)).isEqualTo(61_600_000_000L);
    }

    @ParameterizedTest
    @CsvSource({
        "6160201000000, 8, 61602.01",
        "100000000, 8, 1",
        "0, 8, 0",
        "1, 8, 0.00000001",
        "-1, 8, -0.00000001",
        "-6160201000000, 8, -61602.01",
        "12345, 0, 12345",
        "-12345, 0, -12345",
        "10, 1, 1",
        "15, 1, 1.5",
        "1000000000000000000, 18, 1",
        "9223372036854775807, 8, 92233720368.54775807",
        "-9223372036854775808, 8, -92233720368.54775808",
        "-9223372036854775808, 0, -9223372036854775808",
        "5871020, 2, 58710.2",
    })
    void toPlainStringStripsTrailingZeros(final long mantissa, final int scale, final String expected)
    {
        assertThat(FixedPoint.toPlainString(mantissa, scale)).isEqualTo(expected);
        assertThat(FixedPoint.appendPlain(new StringBuilder("p="), mantissa, scale).toString())
            .isEqualTo("p=" + expected);
    }

    @Test
    void convenienceParseThrowsNamingTheReason()
    {
        assertThat(FixedPoint.parse("61602.01", 8)).isEqualTo(6_160_201_000_000L);
        assertThatThrownBy(() -> FixedPoint.parse("1.123456789", 8))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too-many-decimals");
        assertThatThrownBy(() -> FixedPoint.parse("1\u00e9", 8))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-numeric");
        assertThat(FixedPoint.powerOfTen(0)).isEqualTo(1);
        assertThat(FixedPoint.powerOfTen(18)).isEqualTo(1_000_000_000_000_000_000L);
    }

    // ---------------------------------------------------------------- properties

    /**
     * Every long except {@link Long#MIN_VALUE} (the parser's INVALID sentinel, whose magnitude is
     * not a positive long) prints and parses back to itself. The range's ends, and zero, are among
     * the first values tried.
     */
    @Test
    void plainStringRoundTrips()
    {
        qt().withExamples(2000 + REPEATS_SKIPPED)
            .forAll(longs().between(Long.MIN_VALUE + 1, Long.MAX_VALUE), integers().between(0, 12))
            .checkAssert((mantissa, scale) ->
            {
                final String text = FixedPoint.toPlainString(mantissa, scale);
                assertThat(parse(text, scale)).as("'%s' at scale %d", text, scale).isEqualTo(mantissa);
                assertThat(parser.lastError()).isEqualTo(ParseError.NONE);

                // Oracle: BigDecimal agrees on the value and on the stripped form.
                final BigDecimal expected = BigDecimal.valueOf(mantissa, scale);
                assertThat(new BigDecimal(text)).isEqualByComparingTo(expected);
                assertThat(text).doesNotContain("e", "E");
                if (text.contains("."))
                {
                    assertThat(text).doesNotEndWith("0").doesNotEndWith(".");
                }
                assertThat(text).isEqualTo(mantissa == 0 ? "0" : expected.stripTrailingZeros().toPlainString());
            });
    }

    @Test
    void smallMantissasRoundTrip()
    {
        qt().withExamples(1000 + REPEATS_SKIPPED)
            .forAll(longs().between(-100_000, 100_000), integers().between(0, 18))
            .checkAssert((mantissa, scale) ->
            {
                final String text = FixedPoint.toPlainString(mantissa, scale);
                assertThat(parse(text, scale)).isEqualTo(mantissa);
                final String padded = text.contains(".") ? text + "000" : text + ".000";
                assertThat(FixedPoint.parse(padded, scale)).as("trailing zeros '%s'", padded).isEqualTo(mantissa);
            });
    }
}
