package com.tradingstation.sim;

import com.tradingstation.core.book.BookSide;
import com.tradingstation.core.book.L2Book;
import com.tradingstation.core.instrument.Venue;
import com.tradingstation.core.sync.InstrumentBook;
import com.tradingstation.core.sync.SyncState;
import com.tradingstation.feed.pipeline.StationPipeline;
import com.tradingstation.json.JsonReader;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

class StreamingTest extends SimTestBase
{
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern IDS = Pattern.compile("\"U\":(\\d+),\"u\":(\\d+)");
    private static final Pattern SYMBOL = Pattern.compile("\"s\":\"([A-Z0-9_]+)\"");

    private final HttpClient http = HttpClient.newHttpClient();

    private WsClient ws(final String path) throws Exception
    {
        final WsClient c = WsClient.connect(http, sim.wsBaseUrl() + path);
        running.closeAfter(c);
        return c;
    }

    private String get(final String path) throws Exception
    {
        final HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sim.restBaseUrl() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return r.body();
    }

    private int refusedStatus(final String path) throws Exception
    {
        try
        {
            final WsClient c = ws(path);
            c.close();
            return 101;
        }
        catch (final ExecutionException ex)
        {
            if (ex.getCause() instanceof WebSocketHandshakeException h)
            {
                return h.getResponse().statusCode();
            }
            throw ex;
        }
    }

    private static byte[] withSymbol(final String snapshot, final String symbol)
    {
        return ("{\"symbol\":\"" + symbol + "\"," + snapshot.substring(1)).getBytes(StandardCharsets.US_ASCII);
    }

    private static void assertSameBook(final L2Book actual, final L2Book expected, final String what)
    {
        assertThat(actual.lastUpdateId()).as(what + " lastUpdateId").isEqualTo(expected.lastUpdateId());
        sameSide(actual.bids(), expected.bids(), what + " bids");
        sameSide(actual.asks(), expected.asks(), what + " asks");
    }

    private static void sameSide(final BookSide actual, final BookSide expected, final String what)
    {
        assertThat(actual.size()).as(what + " levels").isEqualTo(expected.size()).isPositive();
        for (int i = 0; i < actual.size(); i++)
        {
            assertThat(actual.price(i)).as(what + " price " + i).isEqualTo(expected.price(i));
            assertThat(actual.qty(i)).as(what + " qty " + i).isEqualTo(expected.qty(i));
        }
    }

    private static InstrumentBook book(final StationPipeline p, final Venue venue, final String symbol)
    {
        return p.engine().book(p.registry().find(venue, symbol));
    }

    /**
     * A client does what a connector does: subscribe, fetch a snapshot while diffs flow, apply the
     * venue's rules. Its book, rebuilt from exactly the frames it received, must equal the depth
     * answer at the end: the reference book never runs ahead of or behind the wire.
     * <p>
     * The session must still be running when the snapshots are fetched, or no diff follows them and
     * the rebuilt book cannot go live: callers give it market minutes (seconds of wall time), not the
     * half second a slow machine can spend on the three REST calls.
     */
    private void depthAnswerEqualsTheBookRebuiltFromTheFrames(
        final Venue venue, final String streamPath, final String depthPath, final int limit, final List<String> symbols)
        throws Exception
    {
        final WsClient client = ws(streamPath);
        Await.until("the first frames", WAIT, () -> client.count() >= 10);
        final Map<String, String> firstSnapshots = new HashMap<>();
        for (final String s : symbols)
        {
            firstSnapshots.put(s, get(depthPath + "?symbol=" + s + "&limit=" + limit));
        }
        assertThat(sim.awaitFinished(WAIT)).isTrue();
        final long diffsSent = sim.stats().symbols().stream().mapToLong(SimStats.Symbol::diffsSent).sum();
        Await.until("every diff at the client", WAIT, () -> client.count() >= diffsSent);
        assertThat(client.count()).isEqualTo(diffsSent);

        for (final String s : symbols)
        {
            final StationPipeline rebuilt = new StationPipeline(venue, 0, false);
            final byte[] snapshot = withSymbol(firstSnapshots.get(s), s);
            rebuilt.onMessage(snapshot, 0, snapshot.length, 0);
            for (final String frame : client.messages())
            {
                if (frame.contains("\"s\":\"" + s + "\""))
                {
                    final byte[] b = frame.getBytes(StandardCharsets.US_ASCII);
                    rebuilt.onMessage(b, 0, b.length, 0);
                }
            }
            final InstrumentBook mine = book(rebuilt, venue, s);
            assertThat(mine.state()).isEqualTo(SyncState.LIVE);
            assertThat(mine.gapCount()).isZero();
            assertThat(mine.appliedCount()).isPositive();

            final StationPipeline answer = new StationPipeline(venue, 0, false);
            final byte[] last = withSymbol(get(depthPath + "?symbol=" + s + "&limit=" + limit), s);
            answer.onMessage(last, 0, last.length, 0);
            assertSameBook(mine.book(), book(answer, venue, s).book(), s);
            final SimStats.Symbol stats = sim.stats().symbols().stream().filter(x -> x.symbol().equals(s)).findFirst()
                .orElseThrow();
            assertThat(mine.book().lastUpdateId()).isEqualTo(stats.finalUpdateId()).isEqualTo(stats.lastSentUpdateId());
        }
    }

    @Test
    void spotDepthAnswerIsConsistentWithTheFramesSent() throws Exception
    {
        start(SimConfig.builder().synthetic(new SimConfig.Synthetic(Venue.BINANCE_SPOT, 3, 60, 20, 30, 21)).speed(20));
        depthAnswerEqualsTheBookRebuiltFromTheFrames(Venue.BINANCE_SPOT,
            "/stream?streams=s0000usdt@depth@100ms/s0001usdt@depth@100ms/s0002usdt@depth@100ms", "/api/v3/depth", 5000,
            List.of("S0000USDT", "S0001USDT", "S0002USDT"));
    }

    @Test
    void usdmDepthAnswerIsConsistentWithTheFramesSent() throws Exception
    {
        start(SimConfig.builder().synthetic(new SimConfig.Synthetic(Venue.BINANCE_USDM, 2, 60, 20, 30, 22)).speed(20));
        depthAnswerEqualsTheBookRebuiltFromTheFrames(Venue.BINANCE_USDM,
            "/public/stream?streams=s0000usdt@depth@0ms/s0001usdt@depth", "/fapi/v1/depth", 1000,
            List.of("S0000USDT", "S0001USDT"));
    }

    @Test
    void parallelConnectionsGetIdenticalBytesCombinedOrRaw() throws Exception
    {
        start(SimConfig.builder().synthetic(new SimConfig.Synthetic(Venue.BINANCE_SPOT, 1, 10, 20, 20, 23)).speed(10));
        final WsClient a = ws("/stream?streams=btcusdt@depth");
        Await.until("frames on the first connection", WAIT, () -> a.count() >= 3);
        final WsClient b = ws("/stream?streams=btcusdt@depth");
        final WsClient raw = ws("/ws/btcusdt@depth");
        assertThat(sim.awaitFinished(WAIT)).isTrue();
        final long diffs = sim.stats().symbols().get(0).diffsSent();
        Await.until("all frames on a", WAIT, () -> a.count() == diffs);
        final List<String> am = a.messages();
        Await.until("b and raw drained", WAIT, () ->
            b.count() > 0 && raw.count() > 0 && b.messages().get(b.count() - 1).equals(am.get(am.size() - 1)) &&
            ("{\"stream\":\"btcusdt@depth\",\"data\":" + raw.messages().get(raw.count() - 1) + "}")
            .equals(am.get(am.size() - 1)));
        final List<String> bm = b.messages();
        assertThat(bm.size()).isGreaterThan(10);
        final int offset = am.indexOf(bm.get(0));
        assertThat(offset).isPositive();
        assertThat(am.subList(offset, am.size())).isEqualTo(bm);
        for (final String m : am)
        {
            assertThat(m).startsWith("{\"stream\":\"btcusdt@depth\",\"data\":{\"e\":\"depthUpdate\",\"E\":");
        }
        final List<String> rm = raw.messages();
        final int rawOffset = am.indexOf("{\"stream\":\"btcusdt@depth\",\"data\":" + rm.get(0) + "}");
        assertThat(rawOffset).isPositive();
        for (int i = 0; i < rm.size(); i++)
        {
            assertThat(rm.get(i)).startsWith("{\"e\":\"depthUpdate\"");
            assertThat("{\"stream\":\"btcusdt@depth\",\"data\":" + rm.get(i) + "}").isEqualTo(am.get(rawOffset + i));
        }
        // The event time is the send time, not the recording's (2024).
        final Matcher e = Pattern.compile("\"E\":(\\d{13})").matcher(am.get(am.size() - 1));
        assertThat(e.find()).isTrue();
        assertThat(Long.parseLong(e.group(1))).isGreaterThan(1_750_000_000_000L);
    }

    @Test
    void combinedFramesEchoTheStreamNameAsAskedAndEveryKindIsServed() throws Exception
    {
        start(SimConfig.builder().synthetic(new SimConfig.Synthetic(Venue.BINANCE_SPOT, 1, 5, 20, 20, 24)).speed(0)
            .rewriteEventTime(false));
        final WsClient c = ws("/stream?streams=btcusdt@depth/btcusdt@depth@100ms/btcusdt@bookTicker/btcusdt@aggTrade");
        assertThat(sim.awaitFinished(WAIT)).isTrue();
        final long diffs = sim.stats().symbols().get(0).diffsSent();
        Await.until("frames", WAIT,
            () -> c.messages().stream().filter(m -> m.contains("depthUpdate")).count() == 2 * diffs);
        final List<String> m = c.messages();
        assertThat(m).anyMatch(x -> x.startsWith("{\"stream\":\"btcusdt@depth\",\"data\":{\"e\":\"depthUpdate\""));
        assertThat(m)
            .anyMatch(x -> x.startsWith("{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\""));
        assertThat(m).anyMatch(x -> x.startsWith("{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"u\":"));
        assertThat(m).anyMatch(x -> x.startsWith("{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"trade\""));
        // Without the rewrite the recorded event time (2024-08-09) goes out unchanged.
        assertThat(m.get(0)).contains("\"E\":17231612");
    }

    @Test
    void usdmStreamsOnlyUnderTheirSplitPaths() throws Exception
    {
        start(SimConfig.builder()
            .synthetic(new SimConfig.Synthetic(Venue.BINANCE_USDM, 1, 5, 10, 10, 25))
            .synthetic(new SimConfig.Synthetic(Venue.BINANCE_COINM, 1, 5, 10, 10, 26)).speed(1));
        assertThat(refusedStatus("/stream?streams=btcusdt@depth@0ms")).isEqualTo(400);
        assertThat(refusedStatus("/ws/btcusdt@bookTicker")).isEqualTo(400);
        assertThat(refusedStatus("/market/stream?streams=btcusdt@depth")).isEqualTo(400);
        assertThat(refusedStatus("/public/ws/btcusdt@aggTrade")).isEqualTo(400);
        assertThat(refusedStatus("/usdm/stream?streams=btcusdt@depth")).isEqualTo(400);
        assertThat(refusedStatus("/public/stream?streams=btcusdt@depth@0ms/btcusdt@bookTicker")).isEqualTo(101);
        assertThat(refusedStatus("/market/stream?streams=btcusdt@aggTrade")).isEqualTo(101);
        assertThat(refusedStatus("/usdm/market/ws/btcusdt@trade")).isEqualTo(101);
        assertThat(refusedStatus("/stream?streams=btcusd_perp@depth@0ms")).as("COIN-M at the root").isEqualTo(101);
        assertThat(refusedStatus("/coinm/ws/btcusd_perp@trade")).isEqualTo(101);
        assertThat(refusedStatus("/spot/ws/btcusd_perp@trade")).as("pinned to spot").isEqualTo(400);
        assertThat(refusedStatus("/stream?streams=BTCUSD_PERP@depth")).as("upper case").isEqualTo(400);
        assertThat(refusedStatus("/stream?streams=btcusd_perp@kline_1m")).as("not served").isEqualTo(400);
        assertThat(refusedStatus("/nowhere")).isEqualTo(404);
        assertThat(sim.stats().connections().handshakesRefused().get("bad-stream")).isEqualTo(8);
    }

    @Test
    void liveSubscribeListAndUnsubscribe() throws Exception
    {
        start(SimConfig.builder().synthetic(new SimConfig.Synthetic(Venue.BINANCE_SPOT, 1, 30, 10, 10, 27)).speed(5));
        final WsClient c = ws("/ws");
        assertThat(sim.stats().timeline().started()).as("no stream yet, no timeline").isFalse();
        c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@trade\"],\"id\":1}");
        assertThat(c.awaitMessage("\"id\":1", WAIT)).isEqualTo("{\"result\":null,\"id\":1}");
        c.awaitMessage("\"e\":\"trade\"", WAIT);
        assertThat(sim.stats().timeline().started()).isTrue();
        c.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":\"two\"}");
        assertThat(c.awaitMessage("\"id\":\"two\"", WAIT)).isEqualTo("{\"result\":[\"btcusdt@trade\"],\"id\":\"two\"}");
        c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"ethusdt@trade\"],\"id\":3}");
        assertThat(c.awaitMessage("\"id\":3", WAIT)).startsWith("{\"error\":{\"code\":2,\"msg\":\"Invalid request: ");
        c.send("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"btcusdt@trade\"],\"id\":4}");
        assertThat(c.awaitMessage("\"id\":4", WAIT)).isEqualTo("{\"result\":null,\"id\":4}");
        c.send("{\"method\":\"NO\\\"PE\\\\\",\"id\":5}");
        final String unknown = c.awaitMessage("\"id\":5", WAIT);
        assertThat(unknown).as("the method is escaped, not altered")
            .isEqualTo("{\"error\":{\"code\":2,\"msg\":\"Invalid request: unknown method 'NO\\\"PE\\\\'\"},\"id\":5}");
        assertThat(JsonReader.at(JsonReader.parseObject(unknown), "error.msg"))
            .isEqualTo("Invalid request: unknown method 'NO\"PE\\'");
        final SimStats.Connection conn = sim.stats().connectionDetails().get(0);
        assertThat(conn.streams()).isEmpty();
        assertThat(conn.path()).isEqualTo("/ws");
    }

    @Test
    void tooManyIncomingMessagesCloseTheConnection() throws Exception
    {
        start(SimConfig.builder().synthetic(new SimConfig.Synthetic(Venue.BINANCE_SPOT, 1, 30, 10, 10, 28)).speed(1));
        final WsClient c = ws("/ws/btcusdt@trade");
        for (int i = 0; i < 6 && !c.isClosed(); i++)
        {
            c.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":" + i + "}");
        }
        assertThat(c.awaitClose(WAIT)).isEqualTo(1008);
        Await.until("the close counted", WAIT, () -> sim.stats().connections().closedByReason().containsKey("limit"));
    }

    @Test
    void streamAndConnectionAttemptLimits() throws Exception
    {
        start(SimConfig.builder().synthetic(new SimConfig.Synthetic(Venue.BINANCE_SPOT, 3, 5, 10, 10, 29)).speed(1)
            .maxStreamsPerConnection(2).connectionAttempts(3, 600_000));
        assertThat(refusedStatus("/stream?streams=s0000usdt@trade/s0001usdt@trade/s0002usdt@trade")).isEqualTo(400);
        final WsClient c = ws("/stream?streams=s0000usdt@trade/s0001usdt@trade");
        c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"s0002usdt@trade\"],\"id\":9}");
        assertThat(c.awaitMessage("\"id\":9", WAIT)).contains("\"error\"").contains("too many streams");
        assertThat(refusedStatus("/ws")).isEqualTo(101);
        assertThat(refusedStatus("/ws")).as("fourth attempt in the window").isEqualTo(429);
        assertThat(sim.stats().connections().handshakesRefused())
            .containsEntry("stream-limit", 1L).containsEntry("attempt-limit", 1L);
    }

    @Test
    void droppedDiffsAreExactlyWhatTheClientSawMissing() throws Exception
    {
        start(SimConfig.builder().synthetic(new SimConfig.Synthetic(Venue.BINANCE_SPOT, 2, 10, 20, 10, 30)).speed(0)
            .dropPct(15).seed(99));
        final WsClient c = ws("/stream?streams=s0000usdt@depth@100ms/s0001usdt@depth@100ms");
        assertThat(sim.awaitFinished(WAIT)).isTrue();
        final SimStats done = sim.stats();
        final SimStats.Connection conn = done.connectionDetails().get(0);
        Await.until("every sent frame at the client", WAIT, () -> c.count() == conn.framesSent());
        assertThat(conn.framesDropped()).isPositive();
        final long diffs = done.symbols().stream().mapToLong(SimStats.Symbol::diffsSent).sum();
        assertThat(conn.framesSent() + conn.framesDropped()).isEqualTo(diffs);
        assertThat(conn.dropped()).hasSize((int)conn.framesDropped());

        for (final SimStats.Symbol s : done.symbols())
        {
            final List<long[]> received = new ArrayList<>();
            for (final String m : c.messages())
            {
                final Matcher sym = SYMBOL.matcher(m);
                final Matcher ids = IDS.matcher(m);
                if (sym.find() && sym.group(1).equals(s.symbol()) && ids.find())
                {
                    received.add(new long[] {Long.parseLong(ids.group(1)), Long.parseLong(ids.group(2)), 0});
                }
            }
            final List<long[]> all = new ArrayList<>(received);
            for (final SimStats.DroppedDiff d : conn.dropped())
            {
                if (d.symbol().equals(s.symbol()))
                {
                    all.add(new long[] {d.firstUpdateId(), d.lastUpdateId(), 1});
                }
            }
            all.sort(Comparator.comparingLong(x -> x[0]));
            assertThat((long)all.size()).isEqualTo(s.diffsSent());
            assertThat(conn.droppedBySymbol().get(s.symbol())).isEqualTo(all.size() - received.size());
            assertThat(s.diffsDropped()).isEqualTo(all.size() - received.size());
            // Spot ids are contiguous: received and dropped together chain without a hole or an overlap,
            // so every gap the client saw is covered by dropped diffs and nothing else was missing.
            for (int i = 1; i < all.size(); i++)
            {
                if (all.get(i)[0] != all.get(i - 1)[1] + 1)
                {
                    fail("hole or overlap at " + all.get(i)[0] + " after " + all.get(i - 1)[1] + " in " + s.symbol());
                }
            }
            assertThat(all.get(all.size() - 1)[1]).isEqualTo(s.finalUpdateId());
        }
    }
}
