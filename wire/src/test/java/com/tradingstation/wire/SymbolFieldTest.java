package com.tradingstation.wire;

import com.tradingstation.core.instrument.InstrumentRegistry;
import com.tradingstation.core.instrument.Symbols;
import com.tradingstation.core.instrument.Venue;
import com.tradingstation.wire.sbe.InstrumentDefinitionEncoder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * No symbol is ever cut in the instrument definition: every symbol the registry accepts fits the
 * fixed wire field, and a longer one cannot become an instrument at all.
 */
class SymbolFieldTest
{
    @Test
    void everyAcceptedSymbolFitsTheWireField()
    {
        assertThat(InstrumentDefinitionEncoder.symbolLength()).isGreaterThanOrEqualTo(Symbols.MAX_LENGTH);
        final InstrumentRegistry registry = new InstrumentRegistry();
        final String longest = "A".repeat(Symbols.MAX_LENGTH);
        assertThat(registry.register(Venue.BINANCE_SPOT, longest, 2, 2).symbol()).isEqualTo(longest);
        assertThatThrownBy(() -> registry.register(Venue.BINANCE_SPOT,
            "A".repeat(InstrumentDefinitionEncoder.symbolLength() + 1), 2, 2))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than " + Symbols.MAX_LENGTH);
    }
}
