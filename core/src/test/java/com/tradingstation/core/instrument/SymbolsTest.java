package com.tradingstation.core.instrument;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SymbolsTest
{
    private static int check(final String s)
    {
        final byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        final int fromBytes = Symbols.check(b, 0, b.length);
        assertThat(Symbols.check(s)).as("bytes and String agree on %s", s).isEqualTo(fromBytes);
        return fromBytes;
    }

    @Test
    void theVenueAlphabet()
    {
        for (final String ok : new String[] {"BTCUSDT", "BTCUSD_PERP", "BTCUSDT_250926", "1000SHIBUSDT", "A-B.C",
            "X", "A".repeat(Symbols.MAX_LENGTH)})
        {
            assertThat(check(ok)).as(ok).isEqualTo(Symbols.OK);
        }
        assertThat(check("")).isEqualTo(Symbols.EMPTY);
        assertThat(check("A".repeat(Symbols.MAX_LENGTH + 1))).isEqualTo(Symbols.TOO_LONG);
        assertThat(check("X".repeat(100_000))).isEqualTo(Symbols.TOO_LONG);
        for (final String bad : new String[] {"btcusdt", "BTCUSDT}:x{", "BTC{X}", "BTC:USDT", "BTC USDT", "BTC\u0000",
            "BTC\u007f", "\u00c9TH", "BTC/USDT", "BTC*"})
        {
            assertThat(check(bad)).as(bad).isEqualTo(Symbols.BAD_CHARACTER);
        }
    }

    @Test
    void registryRefusesJunkAndKeepsCounts()
    {
        final InstrumentRegistry r = new InstrumentRegistry(2);
        assertThatThrownBy(() -> r.register(Venue.BINANCE_SPOT, "btcusdt", 2, 2))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A-Z");
        final byte[] junk = "BTCUSDT}:x{".getBytes(StandardCharsets.US_ASCII);
        assertThat(r.findOrRegister(Venue.BINANCE_SPOT, junk, 0, junk.length)).isEqualTo(InstrumentRegistry.BAD_SYMBOL);
        final byte[] a = "AUSDT".getBytes(StandardCharsets.US_ASCII);
        final byte[] b = "BUSDT".getBytes(StandardCharsets.US_ASCII);
        final byte[] c = "CUSDT".getBytes(StandardCharsets.US_ASCII);
        assertThat(r.findOrRegister(Venue.BINANCE_SPOT, a, 0, a.length)).isZero();
        assertThat(r.findOrRegister(Venue.BINANCE_SPOT, b, 0, b.length)).isEqualTo(1);
        assertThat(r.findOrRegister(Venue.BINANCE_SPOT, c, 0, c.length)).isEqualTo(InstrumentRegistry.FULL);
        assertThat(r.badSymbols()).isEqualTo(1);
        assertThat(r.fullRejectCount()).isEqualTo(1);
        assertThat(r.size()).isEqualTo(2);
    }

    @Test
    void allowListPerVenueOrEveryVenue()
    {
        final InstrumentRegistry r = new InstrumentRegistry();
        assertThat(r.restricted()).isFalse();
        for (int i = 0; i < 300; i++)
        {
            r.allow(Venue.BINANCE_USDM, "S" + i + "USDT"); // grows the allow table several times
        }
        r.allow(null, "ETHUSDT");
        assertThat(r.restricted()).isTrue();
        final byte[] s7 = "S7USDT".getBytes(StandardCharsets.US_ASCII);
        final byte[] eth = "ETHUSDT".getBytes(StandardCharsets.US_ASCII);
        final byte[] xrp = "XRPUSDT".getBytes(StandardCharsets.US_ASCII);
        assertThat(r.findOrRegister(Venue.BINANCE_SPOT, s7, 0, s7.length)).isEqualTo(InstrumentRegistry.NOT_ALLOWED);
        assertThat(r.findOrRegister(Venue.BINANCE_USDM, s7, 0, s7.length)).isGreaterThanOrEqualTo(0);
        assertThat(r.findOrRegister(Venue.BINANCE_COINM, eth, 0, eth.length)).isGreaterThanOrEqualTo(0);
        assertThat(r.findOrRegister(Venue.BINANCE_SPOT, xrp, 0, xrp.length)).isEqualTo(InstrumentRegistry.NOT_ALLOWED);
        assertThat(r.notAllowed()).isEqualTo(2);
        assertThat(r.size()).isEqualTo(2);

        final InstrumentRegistry closed = new InstrumentRegistry();
        closed.register(Venue.BINANCE_SPOT, "BTCUSDT", 2, 5);
        closed.allowRegisteredOnly();
        final byte[] btc = "BTCUSDT".getBytes(StandardCharsets.US_ASCII);
        assertThat(closed.findOrRegister(Venue.BINANCE_SPOT, btc, 0, btc.length)).isZero();
        assertThat(closed.findOrRegister(Venue.BINANCE_USDM, btc, 0, btc.length))
            .isEqualTo(InstrumentRegistry.NOT_ALLOWED);
        assertThat(closed.findOrRegister(Venue.BINANCE_SPOT, eth, 0, eth.length))
            .isEqualTo(InstrumentRegistry.NOT_ALLOWED);
    }
}
