package com.tradingstation.bench;

import com.tradingstation.core.book.BookSide;
import com.tradingstation.core.book.L2Book;
import com.tradingstation.core.book.Side;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.Order.OrderType;
import org.knowm.xchange.dto.marketdata.OrderBook;
import org.knowm.xchange.dto.marketdata.OrderBookUpdate;
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

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Level-update throughput of the fixed-point {@link L2Book} against XChange's {@link OrderBook}, on
 * the level updates of a real Binance session.
 * <p>
 * One benchmark invocation replays the whole session onto the book: it clears the book, loads the
 * REST snapshot level by level, then applies every level of every diff that follows the snapshot,
 * in capture order. The snapshot load is counted IN: its levels are level updates like any other
 * (each {@code set}/{@code update} call is one update), and the {@code updates} counter adds
 * snapshot levels + diff levels per invocation.
 * <p>
 * Score: the primary JMH score is session replays/s. JMH's {@code @OperationsPerInvocation} must
 * be a compile-time constant, and the number of level updates per replay differs per
 * {@code @Param} capture set, so the per-update rate is reported by the {@code updates} auxiliary
 * counter (level updates/s, computed by JMH per iteration with its error). {@code -prof gc}'s
 * {@code gc.alloc.rate.norm} is per replay: divide by the updates per replay (printed in setup)
 * for bytes per level update.
 * <p>
 * Outside the timed region (trial setup): reading and gunzipping the captures, decoding them with
 * {@code BinanceDecoder}, flattening the levels into (side, price mantissa, qty mantissa) arrays,
 * and, for XChange, building every {@link LimitOrder} / {@link OrderBookUpdate} with its
 * {@link BigDecimal} price and quantity. Inside: only the book operations (plus, for XChange, the
 * two empty {@code ArrayList}s of the fresh book each replay; ours reuses its pre-sized book).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class BookApplyBenchmark
{
    /** Capture set: spot, usdm or coinm. */
    @Param({"spot", "usdm", "coinm"})
    public String set;

    private L2Book book;
    private Session.Levels levels;
    private int updates;

    private LimitOrder[] limitOrders;
    private OrderBookUpdate[] orderBookUpdates;

    /**
     * Load the session and build both sides' inputs; check both books end equal.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        final Session session = Session.load(CaptureSet.of(set));
        levels = session.levels();
        updates = levels.size();
        book = new L2Book();

        final int priceScale = session.instrument().priceScale();
        final int qtyScale = session.instrument().qtyScale();
        final CurrencyPair pair = CurrencyPair.BTC_USDT;
        limitOrders = new LimitOrder[updates];
        orderBookUpdates = new OrderBookUpdate[updates];
        for (int i = 0; i < updates; i++)
        {
            final OrderType type = levels.sides()[i] == Side.BID ? OrderType.BID : OrderType.ASK;
            final BigDecimal price = BigDecimal.valueOf(levels.prices()[i], priceScale);
            final BigDecimal qty = BigDecimal.valueOf(levels.qtys()[i], qtyScale);
            limitOrders[i] = new LimitOrder(type, qty, pair, null, null, price);
            orderBookUpdates[i] = new OrderBookUpdate(type, qty, pair, price, null, qty);
        }

        final UpdateCounter warmUp = new UpdateCounter();
        ours(warmUp);
        final OrderBook viaLimitOrders = xchangeLimitOrder(warmUp);
        final OrderBook viaUpdates = xchangeOrderBookUpdate(warmUp);
        check(book.bids(), viaLimitOrders.getBids(), priceScale, qtyScale, "bids (LimitOrder)");
        check(book.asks(), viaLimitOrders.getAsks(), priceScale, qtyScale, "asks (LimitOrder)");
        check(book.bids(), viaUpdates.getBids(), priceScale, qtyScale, "bids (OrderBookUpdate)");
        check(book.asks(), viaUpdates.getAsks(), priceScale, qtyScale, "asks (OrderBookUpdate)");
        System.out.println("[bench] BookApply " + session.describe() + "; end book " + book.bids().size() +
            " bids / " + book.asks().size() + " asks, equal in both implementations; gc.alloc.rate.norm / " +
            updates + " = B per level update");
    }

    /**
     * Ours: clear, snapshot, every diff level, on the pre-sized fixed-point book.
     *
     * @param counter level updates.
     * @return the best bid, so the work is consumed.
     */
    @Benchmark
    public long ours(final UpdateCounter counter)
    {
        counter.updates += levels.replay(book);
        return book.bestBid();
    }

    /**
     * XChange: a fresh {@link OrderBook}, then {@link OrderBook#update(LimitOrder)} with the
     * pre-built orders (snapshot levels, then diff levels; quantity 0 removes).
     *
     * @param counter level updates.
     * @return the book.
     */
    @Benchmark
    public OrderBook xchangeLimitOrder(final UpdateCounter counter)
    {
        final OrderBook ob = freshXChangeBook();
        for (final LimitOrder order : limitOrders)
        {
            ob.update(order);
        }
        counter.updates += updates;
        return ob;
    }

    /**
     * XChange: a fresh {@link OrderBook}, then {@link OrderBook#update(OrderBookUpdate)} with the
     * pre-built updates (XChange copies the order with the new volume on every non-zero update).
     *
     * @param counter level updates.
     * @return the book.
     */
    @Benchmark
    public OrderBook xchangeOrderBookUpdate(final UpdateCounter counter)
    {
        final OrderBook ob = freshXChangeBook();
        for (final OrderBookUpdate update : orderBookUpdates)
        {
            ob.update(update);
        }
        counter.updates += updates;
        return ob;
    }

    /**
     * @return an empty XChange book with room for the deepest side of a capture (the two
     *         {@code ArrayList}s are the only allocation XChange's replay has beyond its own).
     */
    static OrderBook freshXChangeBook()
    {
        return new OrderBook(null, new ArrayList<>(Session.MAX_SIDE_LEVELS), new ArrayList<>(Session.MAX_SIDE_LEVELS),
            false);
    }

    /**
     * Fail unless an XChange side holds exactly our side's levels, in order.
     *
     * @param ours       our side.
     * @param theirs     XChange's side.
     * @param priceScale decimals of our price mantissas.
     * @param qtyScale   decimals of our quantity mantissas.
     * @param what       which side of which replay, for the message.
     */
    static void check(
        final BookSide ours, final List<LimitOrder> theirs, final int priceScale, final int qtyScale, final String what)
    {
        if (ours.size() != theirs.size())
        {
            throw new IllegalStateException("books differ: " + what + " " + ours.size() + " vs XChange " +
                theirs.size());
        }
        for (int level = 0; level < ours.size(); level++)
        {
            final LimitOrder o = theirs.get(level);
            if (BigDecimal.valueOf(ours.price(level), priceScale).compareTo(o.getLimitPrice()) != 0 ||
                BigDecimal.valueOf(ours.qty(level), qtyScale).compareTo(o.getOriginalAmount()) != 0)
            {
                throw new IllegalStateException("books differ: " + what + " level " + level);
            }
        }
    }
}
