package com.tradingstation.app;

import com.tradingstation.core.instrument.Venue;
import com.tradingstation.feed.live.SymbolRef;
import com.tradingstation.feed.pipeline.PipelineResult;
import com.tradingstation.feed.pipeline.StationPipeline;
import com.tradingstation.feed.pipeline.SymbolReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code station replay}: rebuild books from capture files and report, per symbol, the final top
 * of book, depth, sequencing counters and the bookTicker cross-check.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
        "Replay capture files (<ns> <json> lines, gzip or plain) through the decoder, ring and book thread.",
        "Files given together form one session, read in order.",
        "Exit: 0 clean; 1 a book not LIVE at the end, gaps, crossed books, malformed lines or unreadable data;",
        "2 usage error."})
final class ReplayCommand implements Callable<Integer>
{
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Capture files, in session order.")
    private List<Path> files;

    @Option(names = "--venue", paramLabel = "VENUE",
        description = "Venue of every message (binance-spot, binance-usdm, binance-coinm); default: inferred per " +
            "message.")
    private String venue;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "0",
        description = "Keep at most N levels a side (0 = every level the venue sends; default ${DEFAULT-VALUE}).")
    private int depth;

    @Option(names = "--symbols", paramLabel = "LIST",
        description = "Only these become instruments: SYMBOL (any venue) or VENUE:SYMBOL, comma-separated; "
            + "other symbols are counted as unlisted.")
    private String symbols;

    @CommandLine.Mixin
    private Output output;

    @Override
    public Integer call()
    {
        for (final Path f : files)
        {
            if (!Files.isRegularFile(f) || !Files.isReadable(f))
            {
                throw new IllegalArgumentException("cannot read " + f + (Files.exists(f) ? "" : " (no such file)"));
            }
        }
        if (depth < 0)
        {
            throw new IllegalArgumentException("--depth must be >= 0, got " + depth);
        }
        final Venue v = venue == null ? null : Venue.fromId(venue);
        final List<SymbolRef> allow = symbols == null ? List.of() : SymbolRef.parseFilter(symbols);
        final StationPipeline pipeline = new StationPipeline(v, depth, true);
        allow.forEach(ref -> pipeline.registry().allow(ref.venue(), ref.symbol()));
        final PipelineResult result = pipeline.run(files);
        output.print(result::toJson, out -> printTable(out, result));
        result.problems().forEach(output::note);
        return result.clean() ? StationMain.EXIT_OK : StationMain.EXIT_PROBLEMS;
    }

    private static void printTable(final PrintWriter out, final PipelineResult r)
    {
        for (final SymbolReport s : r.symbols())
        {
            out.printf(Locale.ROOT, "%s %s  %s%s  lastUpdateId %d%n", s.venue(), s.symbol(), s.state(),
                s.live() ? "" : " (" + s.notLiveReason() + ")", s.lastUpdateId());
            out.printf(Locale.ROOT, "  bid %s x %s   ask %s x %s   levels %d bids / %d asks%n",
                s.bestBid(), s.bestBidQty(), s.bestAsk(), s.bestAskQty(), s.bidLevels(), s.askLevels());
            out.printf(Locale.ROOT,
                "  applied %d  dropped %d  buffered %d  gaps %d  resyncs %d  crossed %d  malformed %d  snapshots %d%n",
                s.appliedCount(), s.dropped(), s.bufferedCount(), s.gapCount(), s.resyncCount(), s.crossedCount(),
                s.malformed(), s.snapshotCount());
            out.printf(Locale.ROOT, "  bookTicker: %d checked (same update id), %d agree%s   trades %d%n",
                s.tickerCheckCount(), s.tickerAgreeCount(),
                s.tickerCheckCount() == s.tickerAgreeCount() ? "" : "  MISMATCH", s.trades());
        }
        final double secs = Math.max(1, r.elapsedNanos()) / 1e9;
        out.printf(Locale.ROOT, "%d messages, %.1f MB in %.0f ms (%.0f msgs/s, %.1f MB/s)%s%n",
            r.messages(), r.bytes() / 1e6, secs * 1e3, r.messages() / secs, r.bytes() / 1e6 / secs,
            r.malformedTotal() > 0 ? ", malformed " + r.malformedByReason() : "");
        if (r.unlisted() > 0)
        {
            out.printf(Locale.ROOT, "%d message(s) of symbols not in --symbols skipped%n", r.unlisted());
        }
        out.println(r.clean() ? "clean: every book LIVE, no gaps, no crossed books, no malformed input" :
            "NOT CLEAN: " + r.problems().size() + " problem(s), listed on stderr");
    }
}
