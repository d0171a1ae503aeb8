package com.tradingstation.core.instrument;

import com.tradingstation.core.fixedpoint.FixedPoint;
import com.tradingstation.core.sync.SequencingRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstrumentRegistryTest
{
    private static final Venue[] VENUES = Venue.values();

    private static String symbol(final int i)
    {
        // Similar-looking symbols on purpose: shared prefixes and suffixes stress the hash.
        return "S" + Integer.toString(i, 36).toUpperCase() + (i % 3 == 0 ? "USDT" : i % 3 == 1 ? "BTC" : "USD_PERP");
    }

    private static byte[] ascii(final String s)
    {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @ValueSource(ints = {2048, 4096})
    void registersManyInstrumentsAcrossVenues(final int count)
    {
        final InstrumentRegistry registry = new InstrumentRegistry();
        assertThat(registry.capacity()).isEqualTo(InstrumentRegistry.DEFAULT_CAPACITY).isEqualTo(4096);
        final List<Instrument> registered = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final Venue venue = VENUES[i % VENUES.length];
            final Instrument instrument = registry.register(venue, symbol(i / VENUES.length), 2 + i % 7, i % 9);
            assertThat(instrument.id()).as("dense ids").isEqualTo(i);
            assertThat(registry.size()).isEqualTo(i + 1);
            registered.add(instrument);
        }

        final Set<String> keys = new HashSet<>();
        for (int i = 0; i < count; i++)
        {
            final Instrument expected = registered.get(i);
            final Venue venue = VENUES[i % VENUES.length];
            final String sym = symbol(i / VENUES.length);
            assertThat(expected.venue()).isEqualTo(venue);
            assertThat(expected.symbol()).isEqualTo(sym);
            assertThat(expected.priceScale()).isEqualTo(2 + i % 7);
            assertThat(expected.qtyScale()).isEqualTo(i % 9);
            assertThat(registry.find(venue, sym)).isEqualTo(i);
            final byte[] b = ascii(sym);
            assertThat(registry.find(venue, b, 0, b.length)).isEqualTo(i);
            assertThat(registry.findOrRegister(venue, b, 0, b.length)).isEqualTo(i);
            assertThat(registry.get(i)).isSameAs(expected);
            assertThat(keys.add(expected.key())).as("unique key %s", expected.key()).isTrue();
        }
        assertThat(registry.size()).as("lookups registered nothing").isEqualTo(count);
        assertThat(registry.all()).containsExactlyElementsOf(registered);
        assertThat(registry.get(count)).isNull();
        assertThat(registry.get(-1)).isNull();
        assertThat(registry.get(4096)).isNull();

        // Symbols never registered (or registered on a different venue only) are not found.
        assertThat(registry.find(Venue.BINANCE_SPOT, "NOPE")).isEqualTo(-1);
        assertThat(registry.find(Venue.BINANCE_SPOT, symbol(count))).isEqualTo(-1);
        assertThat(registry.find(Venue.BINANCE_SPOT, "")).isEqualTo(-1);
    }

    @Test
    void sameSymbolOnTwoVenuesGetsTwoIds()
    {
        final InstrumentRegistry registry = new InstrumentRegistry(8);
        final Instrument spot = registry.register(Venue.BINANCE_SPOT, "BTCUSDT", 2, 5);
        final Instrument usdm = registry.register(Venue.BINANCE_USDM, "BTCUSDT", 1, 3);
        assertThat(spot.id()).isEqualTo(0);
        assertThat(usdm.id()).isEqualTo(1);
        assertThat(registry.find(Venue.BINANCE_SPOT, "BTCUSDT")).isEqualTo(0);
        assertThat(registry.find(Venue.BINANCE_USDM, "BTCUSDT")).isEqualTo(1);
        assertThat(registry.find(Venue.BINANCE_COINM, "BTCUSDT")).isEqualTo(-1);
        assertThat(spot.key()).isEqualTo("binance-spot:BTCUSDT");
        assertThat(usdm.key()).isEqualTo("binance-usdm:BTCUSDT");
        assertThat(registry.find(Venue.BINANCE_SPOT, "btcusdt")).as("case-sensitive").isEqualTo(-1);
    }

    @Test
    void reRegisterReturnsTheExistingInstrument()
    {
        final InstrumentRegistry registry = new InstrumentRegistry(4);
        final Instrument first = registry.register(Venue.BINANCE_SPOT, "ETHUSDT", 2, 4);
        final Instrument again = registry.register(Venue.BINANCE_SPOT, "ETHUSDT", 8, 8);
        assertThat(again).isSameAs(first);
        assertThat(again.priceScale()).as("first registration wins").isEqualTo(2);
        assertThat(registry.size()).isEqualTo(1);
        final byte[] b = ascii("ETHUSDT");
        assertThat(registry.findOrRegister(Venue.BINANCE_SPOT, b, 0, b.length)).isEqualTo(0);
        assertThat(registry.size()).isEqualTo(1);
    }

    @Test
    void findOrRegisterUsesDefaultScales()
    {
        final InstrumentRegistry registry = new InstrumentRegistry(4);
        final byte[] b = ascii("XRPUSDT");
        final int id = registry.findOrRegister(Venue.BINANCE_COINM, b, 0, b.length);
        assertThat(id).isEqualTo(0);
        assertThat(registry.get(id).priceScale()).isEqualTo(FixedPoint.DEFAULT_SCALE);
        assertThat(registry.get(id).qtyScale()).isEqualTo(FixedPoint.DEFAULT_SCALE);

        registry.defaultScales(4, 1);
        final byte[] c = ascii("ADAUSDT");
        final int id2 = registry.findOrRegister(Venue.BINANCE_COINM, c, 0, c.length);
        assertThat(id2).isEqualTo(1);
        assertThat(registry.get(id2).priceScale()).isEqualTo(4);
        assertThat(registry.get(id2).qtyScale()).isEqualTo(1);
        assertThat(registry.get(id2).symbol()).isEqualTo("ADAUSDT");
    }

    @Test
    void fullRegistry()
    {
        final InstrumentRegistry registry = new InstrumentRegistry(3);
        for (final Venue venue : VENUES) // one symbol on each of the three venues: ids 0, 1, 2
        {
            registry.register(venue, "A", 8, 8);
        }
        assertThat(registry.size()).isEqualTo(3);

        final byte[] b = ascii("B");
        assertThat(registry.findOrRegister(Venue.BINANCE_SPOT, b, 0, b.length)).isEqualTo(-1);
        assertThatThrownBy(() -> registry.register(Venue.BINANCE_SPOT, "B", 8, 8))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("full");
        assertThat(registry.size()).isEqualTo(3);

        // Existing instruments are still found and re-registered when full.
        final byte[] a = ascii("A");
        assertThat(registry.findOrRegister(Venue.BINANCE_USDM, a, 0, a.length)).isEqualTo(1);
        assertThat(registry.register(Venue.BINANCE_COINM, "A", 8, 8).id()).isEqualTo(2);
        assertThat(registry.find(Venue.BINANCE_SPOT, "B")).isEqualTo(-1);
    }

    @Test
    void fullDefaultRegistryOf4096()
    {
        final InstrumentRegistry registry = new InstrumentRegistry();
        for (int i = 0; i < 4096; i++)
        {
            final byte[] b = ascii(symbol(i));
            assertThat(registry.findOrRegister(VENUES[i % 3], b, 0, b.length)).isEqualTo(i);
        }
        final byte[] extra = ascii("EXTRAUSDT");
        assertThat(registry.findOrRegister(Venue.BINANCE_SPOT, extra, 0, extra.length)).isEqualTo(-1);
        assertThatThrownBy(() -> registry.register(Venue.BINANCE_SPOT, "EXTRAUSDT", 8, 8))
            .isInstanceOf(IllegalStateException.class);
        assertThat(registry.find(Venue.BINANCE_SPOT, "EXTRAUSDT")).as("a full table still terminates").isEqualTo(-1);
        for (int i = 0; i < 4096; i++)
        {
            assertThat(registry.find(VENUES[i % 3], symbol(i))).isEqualTo(i);
        }
    }

    @Test
    void findOnASubRangeOfALargerArray()
    {
        final InstrumentRegistry registry = new InstrumentRegistry(16);
        for (final String symbol : new String[] {"BTCUSDT", "BTC", "USDT"}) // ids 0, 1, 2
        {
            registry.register(Venue.BINANCE_SPOT, symbol, 2, 5);
        }
        final byte[] frame = ascii("{\"s\":\"BTCUSDT\",\"x\":1}");
        final int offset = 6;
        assertThat(registry.find(Venue.BINANCE_SPOT, frame, offset, 7)).isEqualTo(0);
        assertThat(registry.find(Venue.BINANCE_SPOT, frame, offset, 3)).isEqualTo(1);
        assertThat(registry.find(Venue.BINANCE_SPOT, frame, offset + 3, 4)).isEqualTo(2);
        assertThat(registry.find(Venue.BINANCE_SPOT, frame, offset, 6)).as("BTCUSD is a prefix only").isEqualTo(-1);
        assertThat(registry.find(Venue.BINANCE_SPOT, frame, offset, 8)).as("includes the quote").isEqualTo(-1);
        assertThat(registry.find(Venue.BINANCE_USDM, frame, offset, 7)).isEqualTo(-1);

        // Registering from a sub-range copies only those bytes.
        final int id = registry.findOrRegister(Venue.BINANCE_USDM, frame, offset, 7);
        assertThat(id).isEqualTo(3);
        assertThat(registry.get(id).symbol()).isEqualTo("BTCUSDT");
        frame[offset] = 'X'; // the caller reuses its buffer
        assertThat(registry.find(Venue.BINANCE_USDM, "BTCUSDT")).isEqualTo(3);
    }

    @Test
    void rejectsBadArguments()
    {
        assertThatThrownBy(() -> new InstrumentRegistry(0)).isInstanceOf(IllegalArgumentException.class);
        final InstrumentRegistry registry = new InstrumentRegistry(2);
        assertThatThrownBy(() -> registry.register(Venue.BINANCE_SPOT, "X", -1, 8))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> registry.register(Venue.BINANCE_SPOT, "X", 8, 19))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> registry.defaultScales(19, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThat(registry.size()).isZero();
        assertThat(registry.register(Venue.BINANCE_SPOT, "X", 0, 18).id()).isZero();
    }

    @Test
    void capacityOneRegistryWorks()
    {
        final InstrumentRegistry registry = new InstrumentRegistry(1);
        assertThat(registry.register(Venue.BINANCE_SPOT, "ONE", 8, 8).id()).isZero();
        assertThat(registry.find(Venue.BINANCE_SPOT, "ONE")).isZero();
        assertThat(registry.find(Venue.BINANCE_SPOT, "TWO")).isEqualTo(-1);
        assertThat(registry.find(Venue.BINANCE_USDM, "ONE")).isEqualTo(-1);
    }

    @Test
    void venuesNamesAndRules()
    {
        assertThat(Venue.fromId("binance-spot")).isEqualTo(Venue.BINANCE_SPOT);
        assertThat(Venue.fromId("binance-usdm")).isEqualTo(Venue.BINANCE_USDM);
        assertThat(Venue.fromId("binance-coinm")).isEqualTo(Venue.BINANCE_COINM);
        assertThatThrownBy(() -> Venue.fromId("kraken"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("binance-spot, binance-usdm, binance-coinm");
        for (final Venue v : Venue.values())
        {
            assertThat(Venue.fromOrdinal(v.ordinal())).isEqualTo(v);
        }
        assertThat(SequencingRule.forVenue(Venue.BINANCE_SPOT)).isEqualTo(SequencingRule.BINANCE_SPOT);
        assertThat(SequencingRule.forVenue(Venue.BINANCE_USDM)).isEqualTo(SequencingRule.BINANCE_FUTURES);
        assertThat(SequencingRule.forVenue(Venue.BINANCE_COINM)).isEqualTo(SequencingRule.BINANCE_FUTURES);
        // The ordinals are on the wire and in events.
        assertThat(Venue.BINANCE_SPOT.ordinal()).isZero();
        assertThat(Venue.BINANCE_USDM.ordinal()).isEqualTo(1);
        assertThat(Venue.BINANCE_COINM.ordinal()).isEqualTo(2);
    }
}
