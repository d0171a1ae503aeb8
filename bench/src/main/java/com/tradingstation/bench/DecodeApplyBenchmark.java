package com.tradingstation.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradingstation.core.book.BookSide;
import com.tradingstation.core.book.L2Book;
import com.tradingstation.core.event.EventSink;
import com.tradingstation.core.instrument.InstrumentRegistry;
import com.tradingstation.core.sync.BookEngine;
import com.tradingstation.core.sync.InstrumentBook;
import com.tradingstation.core.sync.SequencingRule;
import com.tradingstation.core.sync.SyncState;
import com.tradingstation.feed.binance.BinanceDecoder;
import com.tradingstation.feed.pipeline.StationPipeline;
import org.agrona.MutableDirectBuffer;
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
import java.util.ArrayList;
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

    private byte[] data;
    private int[] offsets;
    private int[] lengths;
    private int messages;
    private long bytes;

    private StationPipeline pipeline;
    private BookEngine engine;
    private BinanceDecoder decoder;

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
        final List<byte[]> lines = session.jsonLines();
        messages = lines.size();
        offsets = new int[messages];
        lengths = new int[messages];
        long total = 0;
        for (final byte[] l : lines)
        {
            total += l.length;
        }
        data = new byte[Math.toIntExact(total)];
        int pos = 0;
        for (int i = 0; i < messages; i++)
        {
            final byte[] l = lines.get(i);
            System.arraycopy(l, 0, data, pos, l.length);
            offsets[i] = pos;
            lengths[i] = l.length;
            pos += l.length;
        }
        bytes = total;

        pipeline = new StationPipeline(null, 0, false);
        final InstrumentRegistry registry = new InstrumentRegistry();
        final BookEngine e = new BookEngine(registry);
        final EventSink direct = (type, buffer, offset, length) ->
            e.onMessage(type, (MutableDirectBuffer)buffer, offset, length);
        engine = e;
        decoder = new BinanceDecoder(registry, direct);
        mapper = new ObjectMapper();
        rule = SequencingRule.forVenue(session.set().venue());
        pair = CurrencyPair.BTC_USDT;

        // The expected end book: the session's levels applied to a bare L2Book.
        final L2Book expected = new L2Book();
        final com.tradingstation.core.book.Side[] sides = session.levels().sides;
        final long[] prices = session.levels().prices;
        final long[] qtys = session.levels().qtys;
        for (int i = 0; i < sides.length; i++)
        {
            expected.set(sides[i], prices[i], qtys[i]);
        }
        for (int round = 0; round < 2; round++) // twice: the second replay runs on reset state
        {
            oursPipeline();
            checkEngine(pipeline.engine(), session, expected, "oursPipeline");
            oursDirect();
            checkEngine(engine, session, expected, "oursDirect");
        }
        final OrderBook theirs = jacksonXChange();
        checkXChange(expected.bids(), theirs.getBids(), session, "bids");
        checkXChange(expected.asks(), theirs.getAsks(), session, "asks");
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
        final long events = oursPipeline();
        counter.msgs += messages;
        counter.bytes += bytes;
        return events;
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
        final long events = oursDirect();
        counter.msgs += messages;
        counter.bytes += bytes;
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
        final OrderBook ob = jacksonXChange();
        counter.msgs += messages;
        counter.bytes += bytes;
        return ob;
    }

    private long oursPipeline()
    {
        final StationPipeline p = pipeline;
        p.reset();
        final byte[] d = data;
        final int[] off = offsets;
        final int[] len = lengths;
        for (int i = 0, n = messages; i < n; i++)
        {
            p.onMessage(d, off[i], len[i], 0);
        }
        return p.engine().events();
    }

    private long oursDirect()
    {
        final BinanceDecoder dec = decoder;
        engine.reset();
        final byte[] d = data;
        final int[] off = offsets;
        final int[] len = lengths;
        for (int i = 0, n = messages; i < n; i++)
        {
            dec.onMessage(d, off[i], len[i], 0);
        }
        return engine.events();
    }

    private OrderBook jacksonXChange() throws IOException
    {
        OrderBook ob = null;
        long snapshotId = 0;
        final byte[] d = data;
        for (int i = 0, n = messages; i < n; i++)
        {
            final JsonNode root = mapper.readTree(d, offsets[i], lengths[i]);
            final JsonNode event = root.get("data");
            if (event == null)
            {
                snapshotId = root.get("lastUpdateId").asLong();
                ob = new OrderBook(null, new ArrayList<>(Session.MAX_SIDE_LEVELS),
                    new ArrayList<>(Session.MAX_SIDE_LEVELS), false);
                apply(ob, root.get("bids"), OrderType.BID);
                apply(ob, root.get("asks"), OrderType.ASK);
            }
            else if (ob != null && !rule.precedesSnapshot(snapshotId, event.get("u").asLong()))
            {
                apply(ob, event.get("b"), OrderType.BID);
                apply(ob, event.get("a"), OrderType.ASK);
            }
        }
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

    private static void checkXChange(
        final BookSide ours, final List<LimitOrder> theirs, final Session session, final String what)
    {
        final int priceScale = session.instrument().priceScale();
        final int qtyScale = session.instrument().qtyScale();
        if (ours.size() != theirs.size())
        {
            throw new IllegalStateException("jacksonXChange " + what + ": " + theirs.size() + " levels, expected " +
                ours.size());
        }
        for (int level = 0; level < ours.size(); level++)
        {
            final LimitOrder o = theirs.get(level);
            if (BigDecimal.valueOf(ours.price(level), priceScale).compareTo(o.getLimitPrice()) != 0 ||
                BigDecimal.valueOf(ours.qty(level), qtyScale).compareTo(o.getOriginalAmount()) != 0)
            {
                throw new IllegalStateException("jacksonXChange " + what + " differ at level " + level);
            }
        }
    }
}
