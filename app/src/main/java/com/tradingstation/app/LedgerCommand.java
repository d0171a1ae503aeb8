package com.tradingstation.app;

import com.tradingstation.json.JsonWriter;
import com.tradingstation.ops.GateLedger;
import com.tradingstation.ops.LedgerRotation;
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
        "The rotated ledgers (gate-decisions-<yyyyMMdd>.log) are read too; --rotate rotates now.",
        "Exit: 0 KPI met (--rotate: done); 1 KPI missed, no decisions in the window, or unreadable lines skipped; " +
            "2 usage error; 3 ledger unreadable (or not rotated)."})
final class LedgerCommand implements Callable<Integer>
{
    @Option(names = "--show-recent", paramLabel = "N", defaultValue = "10",
        description = "Decisions to list (default ${DEFAULT-VALUE}).")
    private int recent;

    @Option(names = "--window", paramLabel = "D", defaultValue = "7d",
        description = "Pass-rate and trend window: Nd, Nh, Nm or ISO-8601 (default ${DEFAULT-VALUE}).")
    private String window;

    @Option(names = "--rotate",
        description = "Rotate the ledger now (it also rotates by itself at 8 MiB and at a month's first decision).")
    private boolean rotate;

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
        if (rotate)
        {
            return rotate(file);
        }
        final GateLedger.Contents contents;
        final int rotated;
        try
        {
            rotated = LedgerRotation.rotated(file).size();
            contents = LedgerRotation.readAll(file);
        }
        catch (final IOException ex)
        {
            throw new IOException("cannot read " + file + ": " + StationMain.reason(ex), ex);
        }
        final LedgerSummary s = LedgerSummary.of(contents, w, Instant.now(), recent);
        output.print(s::toJson, out -> out.print("ledger " + file +
            (rotated > 0 ? " and " + rotated + " rotated file(s)" : "") + "\n" + s.toText()));
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

    private int rotate(final Path file) throws IOException
    {
        final Path to;
        try
        {
            to = LedgerRotation.rotate(file);
        }
        catch (final IOException ex)
        {
            throw new IOException("cannot rotate " + file + ": " + StationMain.reason(ex), ex);
        }
        output.print(() -> new JsonWriter().beginObject().field("schema", "station.ledger-rotate/1")
                .field("ledger", file.toString()).field("rotated_to", to == null ? null : to.toString()).endObject(),
            out -> out.println(to == null ? "ledger " + file + ": nothing to rotate (absent or empty)"
                : "ledger " + file + " rotated to " + to));
        return StationMain.EXIT_OK;
    }

    static Duration parseWindow(final String text)
    {
        return Durations.parse("--window", text, "7d, 24h, 90m or PT12H");
    }
}
