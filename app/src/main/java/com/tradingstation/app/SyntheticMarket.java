package com.tradingstation.app;

import com.tradingstation.core.instrument.Venue;
import picocli.CommandLine.Option;

/**
 * Picocli mixin for the synthetic market {@code station synth} writes and {@code station demo}
 * runs: {@code --venue} and {@code --duration} (market seconds).
 */
final class SyntheticMarket
{
    @Option(names = "--venue", paramLabel = "VENUE", defaultValue = "binance-spot",
        description = "binance-spot, binance-usdm or binance-coinm (default ${DEFAULT-VALUE}).")
    String venueId;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "60",
        description = "Market seconds (default ${DEFAULT-VALUE}).")
    int duration;

    /**
     * @return the venue.
     * @throws IllegalArgumentException on an unknown venue id (usage error).
     */
    Venue venue()
    {
        return Venue.fromId(venueId);
    }
}
