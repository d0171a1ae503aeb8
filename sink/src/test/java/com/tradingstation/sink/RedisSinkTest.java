package com.tradingstation.sink;

import com.tradingstation.core.instrument.Instrument;
import com.tradingstation.core.instrument.Venue;
import com.tradingstation.feed.pipeline.PipelineResult;
import com.tradingstation.feed.pipeline.StationPipeline;
import com.tradingstation.feed.pipeline.SymbolReport;
import com.tradingstation.feed.synth.SyntheticSession;
import com.tradingstation.redis.KeySchema;
import com.tradingstation.redis.ManagedRedis;
import com.tradingstation.redis.RedisConnector;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisUnavailableException;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sink against a real redis-server (maxmemory 256mb, as the original suite's budget): a
 * synthetic multi-symbol session replayed through the real pipeline lands in the documented keys,
 * conflated, capped and small; and the sink survives its Redis going away.
 */
class RedisSinkTest
{
    /** The class's private redis-server, closed by JUnit after the last test. */
    @AutoClose
    private static ManagedRedis redis;

    @TempDir
    Path dir;

    @BeforeAll
    static void startRedis()
    {
        redis = ManagedRedis.builder().maxmemory("256mb").start();
    }

    @BeforeEach
    @AfterEach
    void flush() throws RedisUnavailableException
    {
        try (Jedis j = RedisConnector.connect(redis.endpoint()))
        {
            j.flushAll();
            assertThat(j.dbSize()).isZero();
        }
    }

    /**
     * The replay pipeline publishing into a sink ring, as the station wires them.
     *
     * @param ring      the sink ring.
     * @param pipeline  the inline replay pipeline.
     * @param publisher its listener, writing the sink ring.
     */
    private record Rig(RingBuffer ring, StationPipeline pipeline, SinkPublisher publisher)
    {
        static Rig withBookLevels(final int bookLevels)
        {
            final RingBuffer ring = new OneToOneRingBuffer(
                new UnsafeBuffer(ByteBuffer.allocateDirect((4 << 20) + RingBufferDescriptor.TRAILER_LENGTH)));
            final StationPipeline pipeline = new StationPipeline(null, 0, false);
            final SinkPublisher publisher = new SinkPublisher(ring, pipeline.registry().capacity(), bookLevels, 0);
            pipeline.listener(publisher);
            return new Rig(ring, pipeline, publisher);
        }

        RedisSink sink(final RedisEndpoint endpoint, final int tradesMaxLen, final int maxPendingTrades)
        {
            return sink(new AtomicReference<>(endpoint), tradesMaxLen, maxPendingTrades);
        }

        RedisSink sink(
            final AtomicReference<RedisEndpoint> endpoint, final int tradesMaxLen, final int maxPendingTrades)
        {
            return new RedisSink(ring, pipeline.registry(), connector(endpoint), tradesMaxLen, maxPendingTrades);
        }
    }

    private static Supplier<Jedis> connector(final AtomicReference<RedisEndpoint> endpoint)
    {
        return () ->
        {
            try
            {
                return RedisConnector.connect(endpoint.get());
            }
            catch (final RedisUnavailableException ex)
            {
                throw new IllegalStateException(ex.getMessage(), ex);
            }
        };
    }

    private Path session(final Venue venue, final int symbols, final int seconds, final int rate) throws IOException
    {
        final Path file = dir.resolve("session.txt");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII))
        {
            new SyntheticSession(venue, symbols, rate, 300, 11).write(w, seconds);
        }
        return file;
    }

    @Test
    void replayedSessionLandsInTheDocumentedKeysConflatedCappedAndSmall() throws Exception
    {
        final Path file = session(Venue.BINANCE_SPOT, 5, 60, 20);
        final Rig rig = Rig.withBookLevels(20);
        final StationPipeline pipeline = rig.pipeline();
        final SinkPublisher publisher = rig.publisher();
        final RedisSink sink = rig.sink(redis.endpoint(), 100, 100_000);

        // Replay in slices, letting the sink drain between them, as its own thread would.
        final PipelineResult result = runInSlices(pipeline, file, sink);
        sink.onClose();

        assertThat(result.clean()).isTrue();
        assertThat(publisher.droppedTob() + publisher.droppedTradeCount() + publisher.droppedBooks()).isZero();
        assertThat(sink.errors()).isZero();
        assertThat(sink.droppedTradeCount()).isZero();
        assertThat(sink.flushCount()).isPositive();
        try (Jedis j = RedisConnector.connect(redis.endpoint()))
        {
            final List<String> keys = keys(j);
            assertThat(keys).hasSize(16).contains(KeySchema.HEARTBEAT)
                .allMatch(k -> k.equals(KeySchema.HEARTBEAT) ||
                    k.matches("md:\\{binance-spot:S\\d{4}USDT}:(tob|trades|book)"));
            assertThat(j.get(KeySchema.HEARTBEAT)).startsWith("{\"ts\":").contains("\"errors\":0");
            long totalTrades = 0;
            long maxValue = 0;
            for (final SymbolReport s : result.symbols())
            {
                final Instrument ins = pipeline.registry().get(
                    pipeline.registry().find(Venue.BINANCE_SPOT, s.symbol()));
                final String tob = j.get(KeySchema.tob(ins.key()));
                assertThat(tob).isEqualTo("{\"u\":" + s.lastUpdateId() + ",\"bid\":\"" + s.bestBid() +
                    "\",\"bidQty\":\"" + s.bestBidQty() + "\",\"ask\":\"" + s.bestAsk() + "\",\"askQty\":\"" +
                    s.bestAskQty() + "\"}");
                final String book = j.get(KeySchema.book(ins.key()));
                assertThat(book).startsWith("{\"u\":" + s.lastUpdateId() + ",\"bids\":[[\"" + s.bestBid() + "\",\"");
                assertThat(book.split("\\],\\[").length).isEqualTo(2 * 20 - 1);
                final long xlen = j.xlen(KeySchema.trades(ins.key()));
                assertThat(s.trades()).isGreaterThan(200);
                // MAXLEN ~ 100 trims whole stream nodes: at least 100, well below everything written.
                assertThat(xlen).isBetween(100L, 300L).isLessThan(s.trades());
                totalTrades += s.trades();
                for (final String k :
                    List.of(KeySchema.tob(ins.key()), KeySchema.book(ins.key()), KeySchema.trades(ins.key())))
                {
                    maxValue = Math.max(maxValue, j.memoryUsage(k));
                }
            }
            assertThat(sink.writtenTradeCount()).isEqualTo(totalTrades);
            // Conflation: a SET per instrument per flush, far fewer than the book updates offered.
            final long appliedCount = result.symbols().stream().mapToLong(SymbolReport::appliedCount).sum();
            assertThat(sink.writeCount() - totalTrades).isLessThan(appliedCount / 2)
                .isLessThanOrEqualTo(sink.flushCount() * 5 * 2);
            // Stream values are small entries; SET values stay under the 2 KB budget.
            final long maxStringValue = keys.stream()
                .filter(k -> k.startsWith(KeySchema.PREFIX) && !k.endsWith(":trades"))
                .mapToLong(k -> j.strlen(k)).max().orElse(0);
            assertThat(maxStringValue).isPositive().isLessThanOrEqualTo(2048);
            assertThat(maxValue).isPositive();
            final String info = j.info("memory");
            assertThat(info).contains("used_memory:");
        }
    }

    @Test
    void realSpotCaptureLandsWithTheReplayedTopOfBook() throws Exception
    {
        final Path a = Path.of(System.getProperty("station.shared.dir", "../../shared"), "data", "binance",
            "spot_btcusdt_20240808.gz");
        final Path b = a.resolveSibling("spot_btcusdt_20240809.gz");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(a) && Files.isRegularFile(b),
            "SKIPPED: real captures not found next to the repository (" + a.toAbsolutePath() + ")");
        final Rig rig = Rig.withBookLevels(20);
        final StationPipeline pipeline = rig.pipeline();
        final RedisSink sink = rig.sink(redis.endpoint(), 10_000, 1_000_000);
        final List<String> lines = new ArrayList<>();
        for (final Path f : List.of(a, b))
        {
            try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(
                new java.util.zip.GZIPInputStream(Files.newInputStream(f)), StandardCharsets.US_ASCII)))
            {
                r.lines().forEach(lines::add);
            }
        }
        feed(pipeline, lines, sink, 500);
        sink.onClose();
        final SymbolReport s = pipeline.result(0).symbols().get(0);
        assertThat(s.gapCount()).isZero();
        assertThat(sink.errors()).isZero();
        assertThat(sink.droppedTradeCount()).isZero();
        try (Jedis j = RedisConnector.connect(redis.endpoint()))
        {
            assertThat(j.get("md:{binance-spot:BTCUSDT}:tob")).isEqualTo(
                "{\"u\":50093696318,\"bid\":\"61602.01\",\"bidQty\":\"1.67177\"," +
                "\"ask\":\"61602.02\",\"askQty\":\"2.66795\"}");
            // 19,904 trades written, the stream capped near 10,000.
            assertThat(sink.writtenTradeCount()).isEqualTo(s.trades()).isEqualTo(19_904);
            assertThat(j.xlen("md:{binance-spot:BTCUSDT}:trades")).isBetween(10_000L, 10_200L);
            assertThat(j.strlen("md:{binance-spot:BTCUSDT}:book")).isBetween(200L, 2048L);
        }
    }

    @Test
    void redisGoingAwayCostsCountedDropsThenWritesResume() throws Exception
    {
        final Path file = session(Venue.BINANCE_USDM, 3, 20, 20);
        final Rig rig = Rig.withBookLevels(10);
        final StationPipeline pipeline = rig.pipeline();
        final ManagedRedis doomed = ManagedRedis.builder().maxmemory("256mb").start();
        final AtomicReference<RedisEndpoint> endpoint = new AtomicReference<>(doomed.endpoint());
        final RedisSink sink = rig.sink(endpoint, 1000, 100_000);

        final List<String> lines = Files.readAllLines(file);
        final int third = lines.size() / 3;
        feed(pipeline, lines.subList(0, third), sink);
        final long writesBefore = sink.writeCount();
        assertThat(writesBefore).isPositive();

        doomed.close(); // Redis goes away mid-run
        feed(pipeline, lines.subList(third, 2 * third), sink);
        assertThat(sink.errors()).isPositive();
        assertThat(sink.connected()).isFalse();
        assertThat(sink.lastError()).isNotBlank();

        endpoint.set(redis.endpoint()); // and comes back (on another port)
        feed(pipeline, lines.subList(2 * third, lines.size()), sink);
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (!sink.connected() && System.nanoTime() < deadline)
        {
            sink.doWork(); // backoff expires: the sink reconnects by itself
        }
        sink.onClose();

        assertThat(sink.reconnectCount()).isPositive();
        assertThat(sink.writeCount()).isGreaterThan(writesBefore);
        final PipelineResult result = pipeline.result(0);
        assertThat(result.clean()).isTrue();
        try (Jedis j = RedisConnector.connect(redis.endpoint()))
        {
            for (final SymbolReport s : result.symbols())
            {
                final Instrument ins = pipeline.registry().get(
                    pipeline.registry().find(Venue.BINANCE_USDM, s.symbol()));
                // The latest top of book is rewritten whole after the reconnect.
                assertThat(j.get(KeySchema.tob(ins.key()))).contains("\"u\":" + s.lastUpdateId() + ",");
            }
        }
    }

    @Test
    void unreachableRedisFromTheStartNeverThrowsOutOfTheSink()
    {
        final Rig rig = Rig.withBookLevels(5);
        final StationPipeline pipeline = rig.pipeline();
        final RedisSink sink = rig.sink(RedisEndpoint.of("127.0.0.1", 1), 100, 10);
        final List<String> lines = new ArrayList<>();
        final java.io.StringWriter w = new java.io.StringWriter();
        try
        {
            new SyntheticSession(Venue.BINANCE_SPOT, 1, 10, 50, 3).write(w, 30);
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
        lines.addAll(List.of(w.toString().split("\n")));
        feed(pipeline, lines, sink);
        sink.onClose();
        assertThat(sink.errors()).isPositive();
        assertThat(sink.writeCount()).isZero();
        assertThat(sink.droppedTradeCount()).isPositive(); // queue bound of 10 trades
    }

    private static PipelineResult runInSlices(final StationPipeline pipeline, final Path file, final RedisSink sink)
        throws IOException
    {
        feed(pipeline, Files.readAllLines(file), sink, 200);
        return pipeline.result(0);
    }

    private static void feed(final StationPipeline pipeline, final List<String> lines, final RedisSink sink)
    {
        feed(pipeline, lines, sink, 1);
    }

    /**
     * Feed lines, giving the sink a duty cycle every {@code every} lines (a busy book thread runs
     * ahead of the sink, which is when conflation pays).
     */
    private static void feed(final StationPipeline pipeline, final List<String> lines, final RedisSink sink,
        final int every)
    {
        int n = 0;
        for (final String line : lines)
        {
            final int space = line.indexOf(' ');
            final byte[] json = line.substring(space + 1).getBytes(StandardCharsets.US_ASCII);
            pipeline.onMessage(json, 0, json.length, Long.parseLong(line.substring(0, space)));
            if (++n % every == 0)
            {
                sink.doWork();
            }
        }
        while (sink.doWork() > 0)
        {
            // drain
        }
    }

    private static List<String> keys(final Jedis j)
    {
        final List<String> keys = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do
        {
            final ScanResult<String> r = j.scan(cursor);
            keys.addAll(r.getResult());
            cursor = r.getCursor();
        }
        while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return keys;
    }
}
