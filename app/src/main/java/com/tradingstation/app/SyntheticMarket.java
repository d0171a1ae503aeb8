package com.tradingstation.app;

import com.tradingstation.core.instrument.Venue;
import picocli.CommandLine.Option;

/**
 * Picocli mixin for the synthetic market {@code station synth} writes and {@code station demo}
 * runs: {@code --venue}, {@code --duration} (market seconds), {@code --symbols} and {@code --rate}. The
 * command gives the default symbol count.
 */
final class SyntheticMarket
{
    @Option(names = "--venue", paramLabel = "VENUE", defaultValue = "binance-spot",
        description = "binance-spot, binance-usdm or binance-coinm (default ${DEFAULT-VALUE}).")
    String venueId;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "60",
        description = "Market seconds (default ${DEFAULT-VALUE}).")
    int duration;

    @Option(names = "--symbols", paramLabel = "N", description = "Symbols (default ${DEFAULT-VALUE}).")
    int symbols;

    @Option(names = "--rate", paramLabel = "DIFFS", defaultValue = "10",
        description = "Depth diffs per symbol per second (default ${DEFAULT-VALUE}).")
    int rate;

    /**
     * @param defaultSymbols {@code --symbols} when the flag is not given.
     */
    SyntheticMarket(final int defaultSymbols)
    {
        symbols = defaultSymbols;
    }

    /**
     * @return the venue.
     * @throws IllegalArgumentException on an unknown venue id (usage error).
     */
    Venue venue()
    {
        return Venue.fromId(venueId);
    }
}
