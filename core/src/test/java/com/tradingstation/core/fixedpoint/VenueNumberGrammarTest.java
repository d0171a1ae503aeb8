package com.tradingstation.core.fixedpoint;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grammar of venue prices and quantities: {@code integer [ "." digits ]} with no sign, no
 * bare point and no leading zero, the same through the general and the quoted one-pass parser.
 */
class VenueNumberGrammarTest
{
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "-0, SIGNED", "-0.0, SIGNED", "-1.5, SIGNED", "+1, SIGNED",
        "1., BARE_POINT", ".5, BARE_POINT", "., BARE_POINT", "0., BARE_POINT",
        "01.5, LEADING_ZERO", "00, LEADING_ZERO", "007, LEADING_ZERO",
        "1e5, NON_NUMERIC", "1.2.3, NON_NUMERIC", "' 1', NON_NUMERIC",
    })
    void rejects(final String text, final ParseError reason)
    {
        final FixedPointParser p = new FixedPointParser();
        final byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        assertThat(p.parseUnsigned(b, 0, b.length, 8)).isEqualTo(FixedPointParser.INVALID);
        assertThat(p.lastError()).isEqualTo(reason);
        assertThat(p.rejectCount(reason)).isEqualTo(1);

        final byte[] q = ("\"" + text + "\"").getBytes(StandardCharsets.US_ASCII);
        final long quoted = p.parseQuoted(q, 0, q.length, 8);
        assertThat(quoted).isEqualTo(FixedPointParser.INVALID);
        // The one-pass parser rejects with the same reason, or leaves the case to the general parser.
        assertThat(p.lastError()).isIn(reason, ParseError.NONE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "61737.63000000, 6173763000000", "0.00000000, 0", "0, 0", "1001, 100100000000", "0.014, 1400000",
        "58710.20, 5871020000000", "10.5, 1050000000",
    })
    void acceptsWhatTheVenuesSend(final String text, final long expected)
    {
        final FixedPointParser p = new FixedPointParser();
        final byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        assertThat(p.parseUnsigned(b, 0, b.length, 8)).isEqualTo(expected);
        final byte[] q = ("\"" + text + "\"").getBytes(StandardCharsets.US_ASCII);
        assertThat(p.parseQuoted(q, 0, q.length, 8)).isEqualTo(expected);
        assertThat(p.totalRejects()).isZero();
    }
}
