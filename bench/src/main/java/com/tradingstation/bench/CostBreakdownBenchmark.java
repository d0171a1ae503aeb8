package com.tradingstation.bench;

import com.tradingstation.core.book.BookSide;
import com.tradingstation.core.book.L2Book;
import com.tradingstation.core.book.Side;
import com.tradingstation.core.instrument.InstrumentRegistry;
import com.tradingstation.core.sync.BookEngine;
import com.tradingstation.feed.binance.BinanceDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Diagnostic, not a headline: splits the time of {@link BookApplyBenchmark#ours} and
 * {@link DecodeApplyBenchmark#oursDirect} into parts, on the same session, in one run.
 * <ul>
 * <li>{@code bookApply}: the whole replay onto {@link L2Book} (as {@code BookApplyBenchmark.ours}).</li>
 * <li>{@code bookArraycopyOnly}: only the {@code System.arraycopy} calls {@link BookSide#set} makes
 * for that replay, same positions and lengths, on arrays of the same capacity: recorded in setup
 * from the levels-above-the-update count of every insert and delete.</li>
 * <li>{@code bookSearchOnly}: only the lookups: {@link BookSide#qtyAt} (the same private
 * gallop + binary search {@code set} uses) for every update, on a copy of the book taken every
 * {@value #CHECKPOINT} updates (so the book a lookup sees is at most that many updates old).</li>
 * <li>{@code decodeOnly}: {@link BinanceDecoder} over the snapshot + diff lines into a sink that
 * only counts events (parse and fixed-point conversion, no book).</li>
 * <li>{@code decodeApply}: decoder straight into {@link BookEngine} (as
 * {@code DecodeApplyBenchmark.oursDirect}).</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class CostBreakdownBenchmark
{
    /** Updates between two checkpoint books of {@code bookSearchOnly}. */
    public static final int CHECKPOINT = 1024;

    /** Capture set: spot, usdm or coinm. */
    @Param({"spot", "usdm", "coinm"})
    public String set;

    private Session.Levels levels;
    private int updates;
    private L2Book book;

    // arraycopy replay: per update, the side (0 bid, 1 ask), source, destination and length; length 0 = none
    private byte[] copySide;
    private int[] copySrc;
    private int[] copyDst;
    private int[] copyLen;
    private long[][] copyKeys;
    private long[][] copyQtys;

    private L2Book[] checkpoints;

    private Session.PackedLines lines;
    private BinanceDecoder decodeOnlyDecoder;
    private long decodedEvents;
    private DirectDecode direct;

    /**
     * Load the session; record the copies and checkpoints of one replay.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        final Session session = Session.load(CaptureSet.of(set));
        levels = session.levels();
        final Side[] sides = levels.sides();
        final long[] prices = levels.prices();
        final long[] qtys = levels.qtys();
        updates = levels.size();
        book = new L2Book();

        copySide = new byte[updates];
        copySrc = new int[updates];
        copyDst = new int[updates];
        copyLen = new int[updates];
        copyKeys = new long[][] {new long[Session.MAX_SIDE_LEVELS], new long[Session.MAX_SIDE_LEVELS]};
        copyQtys = new long[][] {new long[Session.MAX_SIDE_LEVELS], new long[Session.MAX_SIDE_LEVELS]};
        final List<L2Book> cps = new ArrayList<>();
        final L2Book shadow = new L2Book();
        long moved = 0;
        for (int i = 0; i < updates; i++)
        {
            if (i % CHECKPOINT == 0)
            {
                cps.add(copy(shadow));
            }
            final BookSide side = shadow.side(sides[i]);
            final int size = side.size();
            final int better = better(side, prices[i]);
            final boolean present = side.qtyAt(prices[i]) != 0;
            copySide[i] = (byte)sides[i].ordinal();
            if (present && qtys[i] == 0 && better > 0)
            {
                final int idx = size - 1 - better; // delete: levels above move down one
                copySrc[i] = idx + 1;
                copyDst[i] = idx;
                copyLen[i] = better;
            }
            else if (!present && qtys[i] != 0 && better > 0)
            {
                final int ins = size - better; // insert: levels above move up one
                copySrc[i] = ins;
                copyDst[i] = ins + 1;
                copyLen[i] = better;
            }
            moved += 2L * copyLen[i];
            shadow.set(sides[i], prices[i], qtys[i]);
        }
        checkpoints = cps.toArray(new L2Book[0]);

        lines = session.packedLines();
        decodeOnlyDecoder = new BinanceDecoder(new InstrumentRegistry(),
            (type, buffer, offset, length) -> decodedEvents++);
        direct = DirectDecode.create();
        System.out.println("[bench] CostBreakdown " + set + ": " + updates + " level updates, " +
            String.format("%.1f", (double)moved / updates) + " long elements moved per update, " +
            checkpoints.length + " checkpoint books; " + lines.messages() + " messages, " + lines.bytes() +
            " JSON bytes");
    }

    /**
     * @param c level updates.
     * @return best bid.
     */
    @Benchmark
    public long bookApply(final UpdateCounter c)
    {
        c.updates += levels.replay(book);
        return book.bestBid();
    }

    /**
     * @param c level updates.
     * @return a value of the arrays.
     */
    @Benchmark
    public long bookArraycopyOnly(final UpdateCounter c)
    {
        final byte[] side = copySide;
        final int[] src = copySrc;
        final int[] dst = copyDst;
        final int[] len = copyLen;
        final long[][] keys = copyKeys;
        final long[][] qs = copyQtys;
        for (int i = 0, n = updates; i < n; i++)
        {
            final int l = len[i];
            if (l > 0)
            {
                final int s = side[i];
                System.arraycopy(keys[s], src[i], keys[s], dst[i], l);
                System.arraycopy(qs[s], src[i], qs[s], dst[i], l);
            }
        }
        c.updates += updates;
        return keys[0][1] + qs[1][1];
    }

    /**
     * @param c level updates.
     * @return sum of the quantities found.
     */
    @Benchmark
    public long bookSearchOnly(final UpdateCounter c)
    {
        final L2Book[] cps = checkpoints;
        final Side[] s = levels.sides();
        final long[] p = levels.prices();
        long sum = 0;
        for (int i = 0, n = updates; i < n; i++)
        {
            sum += cps[i / CHECKPOINT].side(s[i]).qtyAt(p[i]);
        }
        c.updates += updates;
        return sum;
    }

    /**
     * @param c messages and bytes.
     * @return events produced.
     */
    @Benchmark
    public long decodeOnly(final TrafficCounter c)
    {
        lines.replay(decodeOnlyDecoder);
        c.replayed(lines);
        return decodedEvents;
    }

    /**
     * @param c messages and bytes.
     * @return events handled.
     */
    @Benchmark
    public long decodeApply(final TrafficCounter c)
    {
        final long events = direct.replay(lines);
        c.replayed(lines);
        return events;
    }

    private static L2Book copy(final L2Book from)
    {
        final L2Book to = new L2Book(Math.max(from.bids().size(), from.asks().size()) + 16, 0);
        copySide(from.bids(), to);
        copySide(from.asks(), to);
        return to;
    }

    private static void copySide(final BookSide from, final L2Book to)
    {
        final int n = from.size();
        final long[] p = new long[n];
        final long[] q = new long[n];
        from.top(p, q, n);
        for (int i = n - 1; i >= 0; i--) // worst first: appends at the best end, no moves
        {
            to.set(from.side(), p[i], q[i]);
        }
    }

    /** Levels strictly better than price on that side (binary search over the public accessors). */
    static int better(final BookSide side, final long price)
    {
        int lo = 0;
        int hi = side.size();
        final boolean bid = side.side() == Side.BID;
        while (lo < hi)
        {
            final int mid = (lo + hi) >>> 1;
            final long p = side.price(mid);
            if (bid ? p > price : p < price)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
