package com.tradingstation.app;

import com.tradingstation.core.counters.CountersFile;
import com.tradingstation.core.counters.StationCounter;
import com.tradingstation.core.instrument.Venue;
import com.tradingstation.feed.live.LiveSession;
import com.tradingstation.feed.live.SymbolRef;
import com.tradingstation.feed.pipeline.PipelineResult;
import com.tradingstation.redis.ManagedRedis;
import com.tradingstation.sim.ExchangeSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live counters of a station running against the exchange simulator: written by the book
 * thread from the feed's and the REST fetcher's totals, read back through the counters file and
 * /metrics.
 */
class LiveCountersTest
{
    @TempDir
    Path dir;

    @Test
    void liveCountersFollowTheFeedAndAreExported() throws Exception
    {
        try (LiveHarness.Served served = LiveHarness.serve(dir, Venue.BINANCE_SPOT, 3, 6, 20, b -> b.speed(2).seed(3));
             ManagedRedis redis = ManagedRedis.builder().maxmemory("256mb").start())
        {
            final ExchangeSimulator sim = served.sim();
            final List<SymbolRef> symbols = served.symbols();
            final LiveSession session =
                LiveSession.open(LiveHarness.settingsFor(sim, symbols).build(), symbols, 0, 0, null);
            final Path countersPath = dir.resolve(CountersLocation.RELATIVE);
            final StationRuntime runtime =
                new StationRuntime(redis.endpoint(), 20, 0, 10_000, null, 0, session, countersPath);
            final CountersFile counters = runtime.counters();
            final CompletableFuture<PipelineResult> done =
                CompletableFuture.supplyAsync(() -> runtime.run(List.of()), LiveHarness.OWN_THREAD);
            final StationHttp http = StationHttp.start(0, runtime);
            try (CountersFile reader = CountersFile.openReadOnly(countersPath))
            {
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (reader.sum(StationCounter.LIVE_CONNECTIONS_OPEN) == 0 && System.nanoTime() < deadline &&
                    !done.isDone())
                {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                }
                assertThat(reader.sum(StationCounter.LIVE_CONNECTIONS_OPEN)).as("connections open, read from the file")
                    .isEqualTo(session.feed().slots().size());
                LiveHarness.awaitEnd(sim, session, Duration.ofSeconds(60), done);
                final String metrics = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
                assertThat(metrics).contains("station_live_connections_open ", "station_live_reconnects_total ",
                    "station_live_rollovers_total ", "station_live_resyncs_total ",
                    "station_live_snapshot_requests_total ",
                    "station_live_weight_peak_binance_spot ");
            }
            finally
            {
                session.stop();
                http.close();
            }
            final PipelineResult result = done.get(60, TimeUnit.SECONDS);
            LiveHarness.assertCleanLive(result);
            assertThat(counters.sum(StationCounter.LIVE_SNAPSHOT_REQUESTS))
                .isEqualTo(session.fetcher().sent()).isPositive();
            assertThat(counters.sum(StationCounter.LIVE_BOOKS_LIVE)).isEqualTo(3);
            assertThat(counters.sum(StationCounter.EVENTS)).isEqualTo(runtime.events()).isPositive();
            assertThat(counters.sum(StationCounter.LIVE_RECONNECTS)).isEqualTo(session.feed().reconnectCount());
            assertThat(counters.counters()).filteredOn(c -> c.definition() == StationCounter.LIVE_WEIGHT_PEAK)
                .extracting(CountersFile.Counter::venue).contains("binance-spot", "binance-usdm");
            assertThat(counters.sum(StationCounter.LIVE_WEIGHT_PEAK))
                .isEqualTo(session.fetcher().budget(Venue.BINANCE_SPOT).peakUsed()).isPositive();
            assertThat(runtime.statusJson()).contains("\"snapshotRequests\":" + session.fetcher().sent());
            runtime.closeCounters();
            assertThat(countersPath).doesNotExist();
        }
    }
}
