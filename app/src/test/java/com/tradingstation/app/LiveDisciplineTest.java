package com.tradingstation.app;

import com.tradingstation.core.instrument.Venue;
import com.tradingstation.core.sync.BookListener;
import com.tradingstation.core.sync.InstrumentBook;
import com.tradingstation.feed.capture.CaptureWriter;
import com.tradingstation.feed.live.LiveFeed;
import com.tradingstation.feed.live.LiveSession;
import com.tradingstation.feed.live.LiveSettings;
import com.tradingstation.feed.live.RecordingTap;
import com.tradingstation.feed.live.SymbolRef;
import com.tradingstation.feed.pipeline.PipelineResult;
import com.tradingstation.feed.pipeline.SymbolReport;
import com.tradingstation.redis.ManagedRedis;
import com.tradingstation.sim.ExchangeSimulator;
import com.tradingstation.sim.SimConfig;
import com.tradingstation.sim.SimStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection discipline against the exchange simulator's faults, on generated sessions: drops
 * resync only their instrument, rollovers resync nothing, a quiet connection with pings lives,
 * 200 symbols over several connections into Redis, a recording replays to the live books, wss://.
 */
class LiveDisciplineTest
{
    @TempDir
    Path dir;

    private LiveHarness.Served serve(final Venue venue, final int symbols, final int seconds, final int rate,
        final UnaryOperator<SimConfig.Builder> faults) throws Exception
    {
        return LiveHarness.serve(dir, venue, symbols, seconds, rate, faults);
    }

    /** Counts books published crossed (what Redis and UDP would be handed after each update). */
    static final class CrossedWatch implements BookListener
    {
        final AtomicLong crossedPublished = new AtomicLong();
        final AtomicLong updates = new AtomicLong();

        @Override
        public void onBookUpdated(final InstrumentBook book)
        {
            updates.incrementAndGet();
            if (!book.book().bids().isEmpty() && !book.book().asks().isEmpty() &&
                book.book().bids().bestPrice() >= book.book().asks().bestPrice())
            {
                crossedPublished.incrementAndGet();
            }
        }
    }

    @Test
    void droppedDiffsResyncOnlyTheirInstrument() throws Exception
    {
        try (LiveHarness.Served served = serve(Venue.BINANCE_USDM, 8, 8, 20, b -> b.speed(2).seed(11).dropPct(0.5)))
        {
            final ExchangeSimulator sim = served.sim();
            final List<SymbolRef> symbols = served.symbols();
            final CrossedWatch watch = new CrossedWatch();
            final LiveHarness.Run run = LiveHarness.run(sim, symbols, LiveHarness.settingsFor(sim, symbols).build(),
                Duration.ofSeconds(60), null, watch);
            final Map<String, Long> drops = new java.util.HashMap<>();
            run.sim().symbols().forEach(s -> drops.put(s.symbol(), s.diffsDropped()));
            assertThat(drops.values().stream().mapToLong(Long::longValue).sum()).as("the sim dropped diffs")
                .isPositive();
            assertThat(drops.values()).as("some symbols lost nothing").contains(0L);
            for (final SymbolReport s : run.result().symbols())
            {
                final long dropped = drops.get(s.symbol());
                if (dropped == 0)
                {
                    assertThat(s.gapCount()).as(s.symbol() + " lost no diff: no gap").isZero();
                    assertThat(s.resyncCount()).as(s.symbol() + " lost no diff: no resync").isZero();
                }
                else
                {
                    assertThat(s.gapCount()).as(s.symbol() + " lost " + dropped + " diffs").isBetween(1L, dropped);
                }
                assertThat(s.crossedCount()).isZero();
            }
            assertThat(watch.crossedPublished.get()).isZero();
            LiveHarness.assertSameBooks(run.result(), served.replay());
        }
    }

    @Test
    void rolloversAndServerShutdownsResyncNothing() throws Exception
    {
        try (LiveHarness.Served served = serve(Venue.BINANCE_SPOT, 4, 12, 20,
            b -> b.speed(1).seed(5).maxConnAgeMs(5_000).serverShutdown(7_000, 1_000)))
        {
            final ExchangeSimulator sim = served.sim();
            final List<SymbolRef> symbols = served.symbols();
            final LiveSettings settings = LiveHarness.settingsFor(sim, symbols).streamsPerConnection(6)
                .rolloverAfterMs(2_500).overlapTimeoutMs(2_000).build();
            final LiveHarness.Run run = LiveHarness.run(sim, symbols, settings, Duration.ofSeconds(60));
            final List<LiveFeed.SlotStatus> slots = run.session().feed().slots();
            assertThat(slots).hasSize(2);
            assertThat(LiveHarness.totalRollovers(run.session())).as("rollovers").isGreaterThanOrEqualTo(4);
            assertThat(slots.stream().mapToLong(LiveFeed.SlotStatus::shutdownNotices).sum()).as("serverShutdown seen")
                .isPositive();
            assertThat(run.sim().faults().maxAgeCloses()).as("the venue never had to close an old connection").isZero();
            for (final SymbolReport s : run.result().symbols())
            {
                assertThat(s.resyncCount()).as(s.symbol() + " resyncs").isZero();
                assertThat(s.gapCount()).as(s.symbol() + " gaps").isZero();
                assertThat(s.snapshotCount()).as(s.symbol() + " snapshots").isEqualTo(1);
            }
            assertThat(run.session().feed().filter().duplicateCount()).as("both connections delivered the overlap")
                .isPositive();
            LiveHarness.assertCleanLive(run.result());
            LiveHarness.assertSameBooks(run.result(), served.replay());
        }
    }

    @Test
    void quietConnectionThatStillGetsPingsIsNotAFault() throws Exception
    {
        try (LiveHarness.Served served = serve(Venue.BINANCE_SPOT, 2, 2, 10, b -> b.speed(0).seed(2)))
        {
            final ExchangeSimulator sim = served.sim();
            final List<SymbolRef> symbols = served.symbols();
            final LiveSession session = LiveSession.open(
                LiveHarness.settingsFor(sim, symbols).silenceMs(2_500).build(), symbols, 0, 0, null);
            final CompletableFuture<PipelineResult> done =
                CompletableFuture.supplyAsync(() -> session.pipeline().run(session), LiveHarness.OWN_THREAD);
            try
            {
                assertThat(sim.awaitFinished(Duration.ofSeconds(30))).isTrue();
                final long pingsAtEnd = sim.stats().pings().pingsSent();
                // The market is quiet now; wait for pings covering more than twice the silence limit.
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (sim.stats().pings().pingsSent() < pingsAtEnd + 12 && System.nanoTime() < deadline)
                {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                }
                assertThat(sim.stats().pings().pingsSent()).isGreaterThanOrEqualTo(pingsAtEnd + 12);
            }
            finally
            {
                session.stop();
            }
            done.get(30, TimeUnit.SECONDS);
            final LiveFeed.SlotStatus slot = session.feed().slots().get(0);
            assertThat(slot.silenceTimeouts()).isZero();
            assertThat(slot.reconnectCount()).as(slot + " / " + sim.stats().connectionDetails()).isZero();
            assertThat(sim.stats().pings().pongMismatches()).isZero();
            assertThat(sim.stats().pings().pongsReceived()).isPositive();
        }
    }

    @Test
    void twoHundredSymbolsOverSeveralConnectionsIntoRedis() throws Exception
    {
        try (LiveHarness.Served served = serve(Venue.BINANCE_SPOT, 200, 10, 10, b -> b.speed(0).seed(9));
             ManagedRedis redis = ManagedRedis.builder().maxmemory("256mb").start())
        {
            final ExchangeSimulator sim = served.sim();
            final List<SymbolRef> symbols = served.symbols();
            // limit 100 costs 5 on spot: 200 snapshots fit the default budget of 3000 per minute.
            final LiveSession session = LiveSession.open(
                LiveHarness.settingsFor(sim, symbols).snapshotLimit(100).build(), symbols, 0, 0, null);
            final StationRuntime runtime = new StationRuntime(redis.endpoint(), 20, 0, 10_000, null, 0, session);
            final CompletableFuture<PipelineResult> done = CompletableFuture.supplyAsync(() -> runtime.run(List.of()),
                LiveHarness.OWN_THREAD);
            try
            {
                LiveHarness.awaitEnd(sim, session, Duration.ofSeconds(120), done);
            }
            finally
            {
                session.stop();
            }
            final PipelineResult result = done.get(60, TimeUnit.SECONDS);
            assertThat(result.symbols()).hasSize(200);
            LiveHarness.assertCleanLive(result);
            assertThat(session.feed().slots()).hasSize(4); // 3 streams a symbol, 200 streams a connection
            assertThat(session.feed().slots()).allSatisfy(s -> assertThat(s.streams()).isLessThanOrEqualTo(200));
            assertThat(runtime.drops()).as("sink drops").isZero();
            assertThat(runtime.sink().errors()).isZero();
            assertThat(runtime.sink().writeCount()).isPositive();
            assertThat(session.toJson(result)).contains("\"connections\":4", "\"maxStreamsPerConnection\":198");
            assertThat(run429Free(sim.stats())).isTrue();
        }
    }

    private static boolean run429Free(final SimStats stats)
    {
        return stats.rest().http429Sent() == 0 && stats.rest().http418Sent() == 0;
    }

    @Test
    void recordingReplaysToTheLiveBooks() throws Exception
    {
        try (LiveHarness.Served served = serve(Venue.BINANCE_USDM, 3, 6, 20, b -> b.speed(2).seed(4).dropPct(1)))
        {
            final ExchangeSimulator sim = served.sim();
            final List<SymbolRef> symbols = served.symbols();
            final CaptureWriter writer = new CaptureWriter(dir.resolve("rec"), "test", 64 * 1024, 0);
            final LiveHarness.Run run = LiveHarness.run(sim, symbols, LiveHarness.settingsFor(sim, symbols).build(),
                Duration.ofSeconds(60), new RecordingTap(writer), null);
            writer.close();
            assertThat(writer.files().size()).as("rotated by size").isGreaterThan(1);
            final PipelineResult recorded = LiveHarness.replay(writer.files());
            assertThat(recorded.malformedTotal()).isZero();
            assertThat(recorded.readErrors()).isEmpty();
            LiveHarness.assertSameBooks(recorded, run.result());
            assertThat(recorded.symbols()).hasSameSizeAs(run.result().symbols());
        }
    }

    @Test
    void wssWithATrustStoreGivenAsAnOption() throws Exception
    {
        final Path ks = dir.resolve("sim.p12");
        final String keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool").toString();
        final Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "sim", "-keyalg", "EC", "-groupname",
            "secp256r1", "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
            "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "changeit", "-keypass", "changeit")
            .redirectErrorStream(true).start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        try (LiveHarness.Served served = serve(Venue.BINANCE_SPOT, 2, 4, 20,
            b -> b.speed(2).seed(8).tls(ks, "changeit")))
        {
            final ExchangeSimulator sim = served.sim();
            assertThat(sim.wsBaseUrl()).startsWith("wss://");
            final List<SymbolRef> symbols = served.symbols();
            final LiveHarness.Run run = LiveHarness.run(sim, symbols,
                LiveHarness.settingsFor(sim, symbols).trustStore(ks, "changeit").build(), Duration.ofSeconds(60));
            LiveHarness.assertCleanLive(run.result());
            LiveHarness.assertSameBooks(run.result(), served.replay());
        }
    }
}
