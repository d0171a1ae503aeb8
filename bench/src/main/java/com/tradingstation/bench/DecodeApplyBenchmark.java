package com.tradingstation.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradingstation.core.book.L2Book;
import com.tradingstation.core.sync.BookEngine;
import com.tradingstation.core.sync.InstrumentBook;
import com.tradingstation.core.sync.SequencingRule;
import com.tradingstation.core.sync.SyncState;
import com.tradingstation.feed.pipeline.StationPipeline;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.Order.OrderType;
import org.knowm.xchange.dto.marketdata.OrderBook;
import org.knowm.xchange.dto.trade.LimitOrder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Raw Binance JSON to an up-to-date book: decode and apply, ours against the common Java stack
 * (Jackson tree model + XChange {@link OrderBook} with {@link BigDecimal}s), on a real session.
 * <p>
 * Input, built once per trial outside the timed region: the REST snapshot line first, then every
 * depthUpdate line that applies after it (the whole combined-stream text
 * {@code {"stream":..,"data":{..}}}, without the capture's receive-time prefix), concatenated in
 * one {@code byte[]}. bookTicker and trade lines and the diffs the snapshot already contains are
 * left out, so both sides decode and apply exactly the same lines.
 * <p>
 * One invocation replays all those lines. Inside the timed region:
 * <ul>
 * <li>{@code oursPipeline}: {@link StationPipeline} inline mode ({@code reset()} then
 * {@code onMessage} per line): BinanceDecoder → ring → BookEngine → InstrumentBook sequencing →
 * L2Book, all on this thread.</li>
 * <li>{@code oursDirect}: {@link BookEngine#reset()} then BinanceDecoder with an EventSink that
 * calls {@link BookEngine#onMessage} directly (no ring copy). The decoder is not reset between
 * invocations (its venue → last instrument memory survives, as in a live process), so the
 * symbol-less spot/USD-M snapshot resolves at once instead of being copied and deferred.</li>
 * <li>{@code jacksonXChange}: {@code ObjectMapper.readTree} per line, a fresh {@link OrderBook}
 * on the snapshot, {@code new BigDecimal(text)} for every price and quantity and
 * {@code OrderBook.update(new LimitOrder(..))} per level, with the venue rule's
 * "older than the snapshot" check per diff.</li>
 * </ul>
 * Score: session replays/s is the primary score; {@code @OperationsPerInvocation} must be a
 * compile-time constant while messages per replay differ per capture set, so the auxiliary
 * counters {@code msgs} (messages/s) and {@code bytes} (JSON bytes/s; / 10^6 = MB/s) carry the
 * rates. {@code gc.alloc.rate.norm} is per replay: divide by messages per replay (printed in setup).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class DecodeApplyBenchmark
{
    /** Capture set: spot, usdm or coinm. */
    @Param({"spot", "usdm", "coinm"})
    public String set;

    private Session.PackedLines lines;

    private StationPipeline pipeline;
    private DirectDecode direct;

    private ObjectMapper mapper;
    private SequencingRule rule;
    private CurrencyPair pair;

    /**
     * Load the lines, build the three pipelines, replay once with each and check the books agree.
     *
     * @throws IOException never for these in-memory lines.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        final Session session = Session.load(CaptureSet.of(set));
        lines = session.packedLines();
        pipeline = new StationPipeline(null, 0, false);
        direct = DirectDecode.create();
        mapper = new ObjectMapper();
        rule = SequencingRule.forVenue(session.set().venue());
        pair = CurrencyPair.BTC_USDT;

        // The expected end book: the session's levels applied to a bare L2Book.
        final L2Book expected = new L2Book();
        session.levels().replay(expected);
        final TrafficCounter warmUp = new TrafficCounter();
        for (int round = 0; round < 2; round++) // twice: the second replay runs on reset state
        {
            oursPipeline(warmUp);
            checkEngine(pipeline.engine(), session, expected, "oursPipeline");
            oursDirect(warmUp);
            checkEngine(direct.engine(), session, expected, "oursDirect");
        }
        final OrderBook theirs = jacksonXChange(warmUp);
        final int priceScale = session.instrument().priceScale();
        final int qtyScale = session.instrument().qtyScale();
        BookApplyBenchmark.check(expected.bids(), theirs.getBids(), priceScale, qtyScale, "jacksonXChange bids");
        BookApplyBenchmark.check(expected.asks(), theirs.getAsks(), priceScale, qtyScale, "jacksonXChange asks");
        final int messages = lines.messages();
        final long bytes = lines.bytes();
        System.out.println("[bench] DecodeApply " + session.describe() + "; " + messages + " messages (snapshot + " +
            session.diffs().size() + " diffs) and " + bytes + " JSON bytes per replay (" +
            String.format("%.1f", (double)bytes / messages) + " B/msg); end books equal in all three; " +
            "gc.alloc.rate.norm / " + messages + " = B per message");
    }

    /**
     * Ours through the replay pipeline's inline mode.
     *
     * @param counter messages and bytes.
     * @return events handled, so the work is consumed.
     */
    @Benchmark
    public long oursPipeline(final TrafficCounter counter)
    {
        final StationPipeline p = pipeline;
        p.reset();
        final Session.PackedLines l = lines;
        final byte[] d = l.data();
        final int[] off = l.offsets();
        final int[] len = l.lengths();
        for (int i = 0, n = off.length; i < n; i++)
        {
            p.onMessage(d, off[i], len[i], 0);
        }
        counter.replayed(l);
        return p.engine().events();
    }

    /**
     * Ours, decoder straight into the book engine (no ring).
     *
     * @param counter messages and bytes.
     * @return events handled.
     */
    @Benchmark
    public long oursDirect(final TrafficCounter counter)
    {
        final long events = direct.replay(lines);
        counter.replayed(lines);
        return events;
    }

    /**
     * Jackson tree model + XChange OrderBook with BigDecimals.
     *
     * @param counter messages and bytes.
     * @return the book.
     * @throws IOException on a JSON error (none in these lines).
     */
    @Benchmark
    public OrderBook jacksonXChange(final TrafficCounter counter) throws IOException
    {
        OrderBook ob = null;
        long snapshotId = 0;
        final Session.PackedLines l = lines;
        final byte[] d = l.data();
        for (int i = 0, n = l.messages(); i < n; i++)
        {
            final JsonNode root = mapper.readTree(d, l.offsets()[i], l.lengths()[i]);
            final JsonNode event = root.get("data");
            if (event == null)
            {
                snapshotId = root.get("lastUpdateId").asLong();
                ob = BookApplyBenchmark.freshXChangeBook();
                apply(ob, root.get("bids"), OrderType.BID);
                apply(ob, root.get("asks"), OrderType.ASK);
            }
            else if (ob != null && !rule.precedesSnapshot(snapshotId, event.get("u").asLong()))
            {
                apply(ob, event.get("b"), OrderType.BID);
                apply(ob, event.get("a"), OrderType.ASK);
            }
        }
        counter.replayed(l);
        return ob;
    }

    private void apply(final OrderBook ob, final JsonNode levels, final OrderType type)
    {
        for (final JsonNode level : levels)
        {
            final BigDecimal price = new BigDecimal(level.get(0).textValue());
            final BigDecimal qty = new BigDecimal(level.get(1).textValue());
            ob.update(new LimitOrder(type, qty, pair, null, null, price));
        }
    }

    private static void checkEngine(
        final BookEngine engine, final Session session, final L2Book expected, final String what)
    {
        final List<InstrumentBook> books = engine.books();
        if (books.size() != 1)
        {
            throw new IllegalStateException(what + ": expected one book, got " + books.size());
        }
        final InstrumentBook b = books.get(0);
        if (b.state() != SyncState.LIVE || b.appliedCount() != session.diffs().size() || b.gapCount() != 0 ||
            b.crossedCount() != 0 || b.snapshotCount() != 1 || b.book().stateHash() != expected.stateHash())
        {
            throw new IllegalStateException(what + ": replay did not rebuild the expected book (state " + b.state() +
                ", applied " + b.appliedCount() + " of " + session.diffs().size() + ", gaps " + b.gapCount() +
                ", crossed " +
                b.crossedCount() + ", snapshots " + b.snapshotCount() + ")");
        }
    }
}
