package com.tradingstation.app;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Picocli mixin for {@code --ledger FILE}, the gate's decision ledger: that file, else
 * {@link StationHome#LEDGER} under the station home. The gate appends to it, {@code station ledger}
 * reads it.
 */
final class LedgerOption
{
    @Option(names = "--ledger", paramLabel = "FILE",
        description = "Decision ledger (default HOME/logs/gate-decisions.log).")
    Path file;

    /**
     * @param home the station home, asked only when {@code --ledger} was not given.
     * @return the ledger in force.
     * @throws IllegalArgumentException when there is no flag and no home (a usage error).
     */
    Path resolve(final StationHome home)
    {
        return file != null ? file : home.require(StationHome.LEDGER, "ledger");
    }
}
