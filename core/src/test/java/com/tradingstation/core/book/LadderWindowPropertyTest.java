package com.tradingstation.core.book;

import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Stresses the ladder's window moves with a tiny window (64 ticks) and drifting prices: moving up
 * past the window, sinking into its bottom, emptying it, pulling deep levels back, and learning a
 * finer tick mid-stream. The book must equal a TreeMap reference after every command.
 */
class LadderWindowPropertyTest
{
    /**
     * QuickTheories counts an example it has drawn before but does not run it again, and its first
     * examples (the shrink target, then every value at its minimum, then at its maximum) often
     * repeat: asking for this many more keeps the examples run at or above each count below.
     */
    private static final int REPEATS_SKIPPED = 2;

    @Test
    void driftingPricesThroughATinyWindowMatchTheReference()
    {
        qt().withExamples(300 + REPEATS_SKIPPED)
            .forAll(longs().all(), integers().between(1, 400), integers().between(50, 3000),
                longs().between(1, 1_000_000))
            .checkAssert((seed, spread, commands, coarseTick) ->
                run(seed, spread, commands, coarseTick, new L2Book(4, 0, 64)));
    }

    /**
     * Long streams with most updates below a 64-tick window make it double, several times, mid-stream.
     */
    @Test
    void aWindowThatGrowsMidStreamMatchesTheReference()
    {
        qt().withExamples(8 + REPEATS_SKIPPED)
            .forAll(longs().all(), integers().between(2_000, 20_000), longs().between(1, 1_000))
            .checkAssert((seed, spread, coarseTick) ->
            {
                final L2Book book = new L2Book(4, 0, 64);
                run(seed, spread, 40_000, coarseTick, book);
                assertThat(book.bids().windowTicks()).isGreaterThan(64);
                assertThat(book.asks().windowTicks()).isGreaterThan(64);
            });
    }

    private static void run(
        final long seed, final int spread, final int commands, final long coarseTick, final L2Book book)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<Long, Long> asks = new TreeMap<>();
        long mid = 1_000_000L * coarseTick;
        long tick = coarseTick * (1 + random.nextInt(5));
        for (int i = 0; i < commands; i++)
        {
            if (random.nextInt(200) == 0 && tick > 1)
            {
                tick = Math.max(1, tick / (2 + random.nextInt(3))); // a finer grid shows up
            }
            mid += (random.nextInt(3) - 1) * tick * random.nextInt(40);
            final boolean bid = random.nextBoolean();
            final long distance = (1 + random.nextInt(spread)) * tick;
            final long price = Math.max(0, bid ? mid - distance : mid + distance);
            final long qty = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(1000);
            final TreeMap<Long, Long> ref = bid ? bids : asks;
            final boolean expectChange = qty == 0 ? ref.containsKey(price) : !Long.valueOf(qty).equals(ref.get(price));
            if (qty == 0)
            {
                ref.remove(price);
            }
            else
            {
                ref.put(price, qty);
            }
            assertThat(book.set(bid ? Side.BID : Side.ASK, price, qty)).isEqualTo(expectChange);
            assertTop(book.bids(), bids);
            assertTop(book.asks(), asks);

        }
        assertAll(book.bids(), bids);
        assertAll(book.asks(), asks);
    }

    private static void assertTop(final BookSide side, final TreeMap<Long, Long> ref)
    {
        assertThat(side.size()).isEqualTo(ref.size());
        if (ref.isEmpty())
        {
            assertThat(side.bestPrice()).isEqualTo(L2Book.NO_PRICE);
            return;
        }
        assertThat(side.bestPrice()).isEqualTo(ref.firstKey());
        assertThat(side.bestQty()).isEqualTo(ref.firstEntry().getValue());
    }

    private static void assertAll(final BookSide side, final TreeMap<Long, Long> ref)
    {
        int i = 0;
        for (final Map.Entry<Long, Long> e : ref.entrySet())
        {
            assertThat(side.price(i)).isEqualTo(e.getKey());
            assertThat(side.qty(i)).isEqualTo(e.getValue());
            assertThat(side.qtyAt(e.getKey())).isEqualTo(e.getValue());
            i++;
        }
        final long[] p = new long[ref.size() + 1];
        final long[] q = new long[ref.size() + 1];
        assertThat(side.top(p, q, p.length)).isEqualTo(ref.size());
        i = 0;
        for (final Map.Entry<Long, Long> e : ref.entrySet())
        {
            assertThat(p[i]).isEqualTo(e.getKey());
            assertThat(q[i++]).isEqualTo(e.getValue());
        }
    }
}
