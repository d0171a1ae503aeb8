package com.tradingstation.app;

import com.tradingstation.ops.GateLedger;
import com.tradingstation.ops.LedgerSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code station ledger}: the recent gate decisions, the pass rate over a window against the KPI
 * (more than 95%), and the P99 RTT trend, from the ledger of the station home
 * ({@link StationHome}) or {@code --ledger FILE}.
 */
@Command(
    name = "ledger",
    mixinStandardHelpOptions = true,
    description = {
        "Show recent gate decisions, the pass rate over a window (KPI > 95%%) and the p99 trend.",
        "Exit: 0 KPI met; 1 KPI missed, no decisions in the window, or unreadable lines skipped; 2 usage error; 3 " +
            "ledger unreadable."})
final class LedgerCommand implements Callable<Integer>
{
    @Option(names = "--show-recent", paramLabel = "N", defaultValue = "10",
        description = "Decisions to list (default ${DEFAULT-VALUE}).")
    private int recent;

    @Option(names = "--window", paramLabel = "D", defaultValue = "7d",
        description = "Pass-rate and trend window: Nd, Nh, Nm or ISO-8601 (default ${DEFAULT-VALUE}).")
    private String window;

    @Mixin
    private LedgerOption ledger;

    @Mixin
    private StationHome home;

    @Mixin
    private Output output;

    @Override
    public Integer call() throws IOException
    {
        final Duration w = parseWindow(window);
        if (recent < 0)
        {
            throw new IllegalArgumentException("--show-recent must be >= 0");
        }
        final Path file = ledger.resolve(home);
        final GateLedger.Contents contents;
        try
        {
            contents = GateLedger.read(file);
        }
        catch (final IOException ex)
        {
            throw new IOException("cannot read " + file + ": " + StationMain.reason(ex), ex);
        }
        final LedgerSummary s = LedgerSummary.of(contents, w, Instant.now(), recent);
        output.print(s::toJson, out -> out.print("ledger " + file + "\n" + s.toText()));
        if (contents.tornLastLine())
        {
            output.note("the last line of " + file + " is torn (a writer stopped mid-line); skipped");
        }
        if (contents.entries().isEmpty())
        {
            output.note("no gate decisions in " + file);
        }
        return s.problems() ? StationMain.EXIT_PROBLEMS : StationMain.EXIT_OK;
    }

    static Duration parseWindow(final String text)
    {
        return Durations.parse("--window", text, "7d, 24h, 90m or PT12H");
    }
}
