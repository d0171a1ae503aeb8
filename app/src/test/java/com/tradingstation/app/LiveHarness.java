package com.tradingstation.app;

import com.tradingstation.core.instrument.Instrument;
import com.tradingstation.core.sync.InstrumentBook;
import com.tradingstation.core.sync.SyncState;
import com.tradingstation.feed.live.LiveFeed;
import com.tradingstation.feed.live.LiveSession;
import com.tradingstation.feed.live.LiveSettings;
import com.tradingstation.feed.live.SymbolRef;
import com.tradingstation.feed.pipeline.PipelineResult;
import com.tradingstation.feed.pipeline.StationPipeline;
import com.tradingstation.feed.pipeline.SymbolReport;
import com.tradingstation.sim.ExchangeSimulator;
import com.tradingstation.sim.SimConfig;
import com.tradingstation.sim.SimStats;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a live session against an exchange simulator until every book has reached the session's
 * last update id (or a deadline), and compares the books with a replay of the same files.
 */
final class LiveHarness
{
    /** Each run on a thread of its own: the common pool has one worker on a 2-core machine. */
    static final java.util.concurrent.Executor OWN_THREAD = r ->
    {
        final Thread t = new Thread(r, "test-live-run");
        t.setDaemon(true);
        t.start();
    };

    private LiveHarness()
    {
    }

    /** What a run produced. */
    record Run(LiveSession session, PipelineResult result, SimStats sim, String json)
    {
        SymbolReport symbol(final String symbol)
        {
            return result.symbols().stream().filter(s -> s.symbol().equals(symbol)).findFirst().orElseThrow();
        }
    }

    /**
     * @param dir     where to write it.
     * @param venue   venue variant.
     * @param symbols symbol count.
     * @param seconds market seconds.
     * @param rate    diffs per symbol per second.
     * @return a generated session file (seed 42).
     */
    static Path synth(final Path dir, final com.tradingstation.core.instrument.Venue venue, final int symbols,
        final int seconds, final int rate) throws java.io.IOException
    {
        final Path file = dir.resolve(venue.id() + "-" + symbols + "-" + seconds + ".jsonl");
        try (java.io.Writer w = java.nio.file.Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8))
        {
            new com.tradingstation.feed.synth.SyntheticSession(venue, symbols, rate, 20, 42).write(w, seconds);
        }
        return file;
    }

    /**
     * A generated session, its replay, and a started simulator serving it; closing it closes the simulator.
     *
     * @param file    the session file.
     * @param replay  its replay, the books a live run must end with.
     * @param sim     the simulator, started.
     * @param symbols the session's symbols, to subscribe to.
     */
    record Served(Path file, PipelineResult replay, ExchangeSimulator sim, List<SymbolRef> symbols)
        implements AutoCloseable
    {
        @Override
        public void close()
        {
            sim.close();
        }
    }

    /**
     * @param dir     where to write the session.
     * @param venue   venue variant.
     * @param symbols symbol count.
     * @param seconds market seconds.
     * @param rate    diffs per symbol per second.
     * @param faults  the simulator's pace, seed and faults, set on a builder that serves the session with pings
     *                every 500 ms.
     * @return the session served by a started simulator.
     */
    static Served serve(final Path dir, final com.tradingstation.core.instrument.Venue venue, final int symbols,
        final int seconds, final int rate, final UnaryOperator<SimConfig.Builder> faults) throws Exception
    {
        final Path file = synth(dir, venue, symbols, seconds, rate);
        final PipelineResult replay = replay(List.of(file));
        final ExchangeSimulator sim = new ExchangeSimulator(
            faults.apply(SimConfig.builder().capture(venue, List.of(file)).pingIntervalMs(500)).build());
        try
        {
            sim.start();
        }
        catch (final java.io.IOException | RuntimeException ex)
        {
            sim.close();
            throw ex;
        }
        return new Served(file, replay, sim, symbolsOf(replay));
    }

    /**
     * @param replay a replay.
     * @return its symbols, to subscribe to.
     */
    static List<SymbolRef> symbolsOf(final PipelineResult replay)
    {
        final List<SymbolRef> out = new ArrayList<>();
        replay.symbols()
            .forEach(s -> out.add(new SymbolRef(com.tradingstation.core.instrument.Venue.fromId(s.venue()),
                s.symbol())));
        return out;
    }

    /**
     * @param set SPOT, USDM or COINM.
     * @return the file names of that real capture session.
     */
    static List<String> sessionNames(final String set)
    {
        switch (set)
        {
            case "SPOT":
                return com.tradingstation.feed.testing.Captures.SPOT;
            case "USDM":
                return com.tradingstation.feed.testing.Captures.USDM;
            default:
                return com.tradingstation.feed.testing.Captures.COINM;
        }
    }

    static LiveSettings.Builder settingsFor(final ExchangeSimulator sim, final List<SymbolRef> symbols)
    {
        final LiveSettings.Builder b = LiveSettings.builder().seed(7).reconnectBackoff(50, 500).silenceMs(3_000)
            .connectTimeoutMs(5_000);
        for (final SymbolRef s : symbols)
        {
            b.wsBase(s.venue(), sim.wsBaseUrl()).restBase(s.venue(), sim.restBaseUrl());
        }
        return b;
    }

    /**
     * @param sim      a started simulator.
     * @param symbols  what to subscribe to.
     * @param settings connector settings.
     * @param timeout  longest run.
     * @return the run's end state.
     */
    static Run run(
        final ExchangeSimulator sim, final List<SymbolRef> symbols, final LiveSettings settings, final Duration timeout)
        throws Exception
    {
        return run(sim, symbols, settings, timeout, null, null);
    }

    /**
     * @param sim      a started simulator.
     * @param symbols  what to subscribe to.
     * @param settings connector settings.
     * @param timeout  longest run.
     * @param tap      sees every frame and snapshot, or null.
     * @param listener book listener on the book thread, or null.
     * @return the run's end state.
     */
    static Run run(
        final ExchangeSimulator sim, final List<SymbolRef> symbols, final LiveSettings settings, final Duration timeout,
        final LiveFeed.Tap tap, final com.tradingstation.core.sync.BookListener listener) throws Exception
    {
        final LiveSession session = LiveSession.open(settings, symbols, 0, 0, tap);
        if (listener != null)
        {
            session.pipeline().listener(listener);
        }
        final CompletableFuture<PipelineResult> done =
            CompletableFuture.supplyAsync(() -> session.pipeline().run(session), OWN_THREAD);
        try
        {
            awaitEnd(sim, session, timeout, done);
        }
        finally
        {
            session.stop();
        }
        final PipelineResult result = done.get(30, TimeUnit.SECONDS);
        return new Run(session, result, sim.stats(), session.toJson(result));
    }

    /**
     * Wait until the simulator has sent everything and every book reached the session's last id,
     * the run ended, or the timeout passed.
     */
    static void awaitEnd(
        final ExchangeSimulator sim, final LiveSession session, final Duration timeout,
        final java.util.concurrent.Future<?> run)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !run.isDone())
        {
            if (sim.isFinished() && reachedEnd(session, sim.stats()))
            {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Every instrument LIVE at the id of the last diff its session holds (racy reads; final checks come after). */
    private static boolean reachedEnd(final LiveSession session, final SimStats stats)
    {
        final Map<String, Long> finalIds = new HashMap<>();
        for (final SimStats.Symbol s : stats.symbols())
        {
            finalIds.put(s.venue() + ":" + s.symbol(), s.finalUpdateId());
        }
        for (final Instrument ins : session.instruments())
        {
            final InstrumentBook b = session.pipeline().engine().book(ins.id());
            final Long want = finalIds.get(ins.venue().id() + ":" + ins.symbol());
            if (b == null || !inSync(b, want))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * LIVE at the last id, or SYNCING on a snapshot taken at the last id: at speed 0 the simulator
     * can send a symbol's whole session before its REST snapshot is answered, and then no diff is
     * left to bridge the snapshot (the book equals the session's end all the same).
     */
    static boolean inSync(final InstrumentBook b, final Long finalId)
    {
        if (finalId == null || b.book().lastUpdateId() != finalId)
        {
            return false;
        }
        return b.state() == SyncState.LIVE || b.state() == SyncState.SYNCING;
    }

    /**
     * @param files capture files of one session.
     * @return the replay of those files.
     */
    static PipelineResult replay(final List<Path> files)
    {
        return new StationPipeline(null, 0, false).run(files);
    }

    /** The live books equal the replay's: ids, top of book with quantities (as decimals), level counts. */
    static void assertSameBooks(final PipelineResult live, final PipelineResult replay)
    {
        assertSameBooks(live, replay, Integer.MAX_VALUE);
    }

    /**
     * As {@link #assertSameBooks(PipelineResult, PipelineResult)}, level counts compared up to a depth:
     * a book rebuilt from a REST snapshot taken mid-session knows only the levels the snapshot
     * served (futures serve at most 1000) plus those diffs touched since, so its tail beyond that
     * depth differs from a replay's that started earlier, as it would against the venue.
     */
    static void assertSameBooks(final PipelineResult live, final PipelineResult replay, final int levelsCompared)
    {
        final List<String> liveKeys = new ArrayList<>();
        live.symbols().forEach(s -> liveKeys.add(s.venue() + ":" + s.symbol()));
        for (final SymbolReport r : replay.symbols())
        {
            assertThat(liveKeys).contains(r.venue() + ":" + r.symbol());
            final SymbolReport l = live.symbols().stream()
                .filter(s -> s.venue().equals(r.venue()) && s.symbol().equals(r.symbol())).findFirst().orElseThrow();
            assertThat(l.lastUpdateId()).as(r.symbol() + " lastUpdateId").isEqualTo(r.lastUpdateId());
            assertDecimal(l.bestBid(), r.bestBid(), r.symbol() + " bestBid");
            assertDecimal(l.bestBidQty(), r.bestBidQty(), r.symbol() + " bestBidQty");
            assertDecimal(l.bestAsk(), r.bestAsk(), r.symbol() + " bestAsk");
            assertDecimal(l.bestAskQty(), r.bestAskQty(), r.symbol() + " bestAskQty");
            assertThat(Math.min(l.bidLevels(), levelsCompared)).as(r.symbol() + " bidLevels")
                .isEqualTo(Math.min(r.bidLevels(), levelsCompared));
            assertThat(Math.min(l.askLevels(), levelsCompared)).as(r.symbol() + " askLevels")
                .isEqualTo(Math.min(r.askLevels(), levelsCompared));
        }
    }

    private static void assertDecimal(final String actual, final String expected, final String what)
    {
        assertThat(actual).as(what).isNotNull();
        assertThat(new BigDecimal(actual).compareTo(new BigDecimal(expected)))
            .as(what + ": " + actual + " vs " + expected)
            .isZero();
    }

    /** 0 gaps, 0 crossed, every bookTicker check agreeing, every symbol LIVE. */
    static void assertCleanLive(final PipelineResult live)
    {
        for (final SymbolReport s : live.symbols())
        {
            assertThat(s.state()).as(s.symbol() + " state").isIn("LIVE", "SYNCING");
            assertThat(s.gapCount()).as(s.symbol() + " gaps").isZero();
            assertThat(s.crossedCount()).as(s.symbol() + " crossed").isZero();
            assertThat(s.tickerAgreeCount()).as(s.symbol() + " tickerAgree").isEqualTo(s.tickerCheckCount());
        }
    }

    static long totalRollovers(final LiveSession session)
    {
        return session.feed().slots().stream().mapToLong(LiveFeed.SlotStatus::rolloverCount).sum();
    }
}
