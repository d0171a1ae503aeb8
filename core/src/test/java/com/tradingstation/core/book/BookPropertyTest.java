package com.tradingstation.core.book;

import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * {@link L2Book} against a naive reference: one {@link TreeMap} per side, bids descending, asks
 * ascending, so iteration order is best first on both sides.
 */
class BookPropertyTest
{
    /**
     * QuickTheories counts an example it has drawn before but does not run it again, and its first
     * examples (the shrink target, then every value at its minimum, then at its maximum) often
     * repeat, as do the empty and the shortest command lists: asking for this many more keeps the
     * examples run at or above each count below.
     */
    private static final int REPEATS_SKIPPED = 10;

    /** One book command: set (qty > 0) or delete (qty == 0). */
    record Cmd(Side side, long price, long qty)
    {
    }

    /** The naive reference book. */
    static final class RefBook
    {
        final NavigableMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
        final NavigableMap<Long, Long> asks = new TreeMap<>();

        NavigableMap<Long, Long> side(final Side side)
        {
            return side == Side.BID ? bids : asks;
        }

        /** @return true when the reference changed, the contract of {@link L2Book#set}. */
        boolean apply(final Cmd c)
        {
            final NavigableMap<Long, Long> m = side(c.side());
            if (c.qty() == 0)
            {
                return m.remove(c.price()) != null;
            }
            final Long old = m.put(c.price(), c.qty());
            return old == null || old != c.qty();
        }
    }

    // ---------------------------------------------------------------- generators

    /** Three in ten are deletes. */
    private static Gen<Long> qtys()
    {
        return Generate.frequency(
            Pair.of(3, Generate.constant(0L)),
            Pair.of(7, longs().between(1, 1_000_000_000_000L)));
    }

    private static Gen<Cmd> cmds(final Gen<Long> prices, final Gen<Long> qtys)
    {
        return Generate.enumValues(Side.class).zip(prices, qtys, Cmd::new);
    }

    private static Gen<List<Cmd>> listsOf(final Gen<Cmd> cmds, final int maxSize)
    {
        return lists().of(cmds).ofType(lists().arrayList()).ofSizeBetween(0, maxSize);
    }

    private static Gen<List<Cmd>> smallRangeCommands()
    {
        return listsOf(cmds(longs().between(1_000, 1_030), qtys()), 400);
    }

    private static Gen<List<Cmd>> mixedRangeCommands()
    {
        // Mostly wide prices (collisions rare, deletes mostly of absent levels), plus a small hot
        // range so deletes and updates of present levels still happen, plus the extremes.
        final Gen<Long> prices = Generate.frequency(
            Pair.of(5, longs().between(0, L2Book.MAX_PRICE)),
            Pair.of(4, longs().between(6_160_000_000_000L, 6_160_000_000_040L)),
            Pair.of(1, Generate.pick(List.of(0L, 1L, L2Book.MAX_PRICE, L2Book.MAX_PRICE - 1))));
        return listsOf(cmds(prices, qtys()), 600);
    }

    private static Gen<List<Cmd>> setOnlyCommands()
    {
        final Gen<Long> prices = Generate.oneOf(
            longs().between(1_000, 1_060),
            longs().between(0, L2Book.MAX_PRICE));
        return listsOf(cmds(prices, longs().between(1, 1_000_000L)), 400);
    }

    /** Sets with no two on the same level of the same side: later duplicates are dropped. */
    private static Gen<List<Cmd>> distinctSets()
    {
        return listsOf(cmds(longs().between(0, 5_000), longs().between(1, 1_000_000L)), 300).map(commands ->
        {
            final Map<List<Object>, Cmd> byLevel = new LinkedHashMap<>();
            commands.forEach(c -> byLevel.putIfAbsent(List.of(c.side(), c.price()), c));
            return new ArrayList<>(byLevel.values());
        });
    }

    // ---------------------------------------------------------------- properties

    @Test
    void smallPriceRangeMatchesReference()
    {
        qt().withExamples(500 + REPEATS_SKIPPED).forAll(smallRangeCommands())
            .checkAssert(BookPropertyTest::runAgainstReference);
    }

    @Test
    void mixedPriceRangeMatchesReference()
    {
        qt().withExamples(500 + REPEATS_SKIPPED).forAll(mixedRangeCommands())
            .checkAssert(BookPropertyTest::runAgainstReference);
    }

    @Test
    void tinyInitialCapacityGrowsAndMatchesReference()
    {
        qt().withExamples(300 + REPEATS_SKIPPED).forAll(smallRangeCommands()).checkAssert(commands ->
        {
            final L2Book book = new L2Book(1, 0);
            final RefBook ref = new RefBook();
            for (final Cmd c : commands)
            {
                assertThat(book.set(c.side(), c.price(), c.qty())).isEqualTo(ref.apply(c));
            }
            assertSameAsReference(book, ref, Integer.MAX_VALUE);
        });
    }

    private static void runAgainstReference(final List<Cmd> commands)
    {
        final L2Book book = new L2Book(16, 0);
        final RefBook ref = new RefBook();
        for (int i = 0; i < commands.size(); i++)
        {
            final Cmd c = commands.get(i);
            final boolean changed = c.qty() == 0 && (i & 1) == 0 ?
                book.delete(c.side(), c.price()) : book.set(c.side(), c.price(), c.qty());
            assertThat(changed).as("changed flag of command %d %s", i, c).isEqualTo(ref.apply(c));
            // Best prices after every command, full comparison periodically and at the end.
            assertThat(book.bestBid()).isEqualTo(ref.bids.isEmpty() ? L2Book.NO_PRICE : ref.bids.firstKey());
            assertThat(book.bestAsk()).isEqualTo(ref.asks.isEmpty() ? L2Book.NO_PRICE : ref.asks.firstKey());
            if (i % 37 == 0)
            {
                assertSameAsReference(book, ref, Integer.MAX_VALUE);
            }
        }
        assertSameAsReference(book, ref, Integer.MAX_VALUE);

        // qtyAt on every price touched (present or deleted) and on a few fixed probes.
        for (final Cmd c : commands)
        {
            for (final Side s : Side.values())
            {
                assertThat(book.side(s).qtyAt(c.price()))
                    .isEqualTo(ref.side(s).getOrDefault(c.price(), 0L));
            }
        }
        for (final long probe : new long[] {0, 1, 999, 1_031, 6_159_999_999_999L, L2Book.MAX_PRICE, Long.MAX_VALUE})
        {
            assertThat(book.bids().qtyAt(probe)).isEqualTo(ref.bids.getOrDefault(probe, 0L));
            assertThat(book.asks().qtyAt(probe)).isEqualTo(ref.asks.getOrDefault(probe, 0L));
        }

        // A book built from the reference content in canonical order hashes the same.
        final L2Book canonical = new L2Book(4, 0);
        ref.bids.forEach((p, q) -> canonical.set(Side.BID, p, q));
        ref.asks.forEach((p, q) -> canonical.set(Side.ASK, p, q));
        assertThat(canonical.stateHash()).isEqualTo(book.stateHash());

        final boolean refCrossed = !ref.bids.isEmpty() && !ref.asks.isEmpty() &&
            ref.bids.firstKey() >= ref.asks.firstKey();
        assertThat(book.isCrossed()).isEqualTo(refCrossed);
    }

    /** The shuffle is drawn from a generated seed, so the seed of a failing run repeats it. */
    @Test
    void nonConflictingSetsCommute()
    {
        qt().withExamples(500 + REPEATS_SKIPPED).forAll(distinctSets(), longs().all())
            .checkAssert((commands, shuffleSeed) ->
            {
                final List<Cmd> shuffled = new ArrayList<>(commands);
                Collections.shuffle(shuffled, new Random(shuffleSeed));

                final L2Book a = new L2Book(8, 0);
                final L2Book b = new L2Book(8, 0);
                final RefBook ref = new RefBook();
                commands.forEach(c -> a.set(c.side(), c.price(), c.qty()));
                shuffled.forEach(c -> b.set(c.side(), c.price(), c.qty()));
                commands.forEach(ref::apply);

                assertThat(b.stateHash()).isEqualTo(a.stateHash());
                assertSameAsReference(a, ref, Integer.MAX_VALUE);
                assertSameAsReference(b, ref, Integer.MAX_VALUE);
            });
    }

    @Test
    void stateHashDistinguishesDifferentBooks()
    {
        qt().withExamples(200 + REPEATS_SKIPPED).forAll(distinctSets()).checkAssert(commands ->
        {
            if (commands.isEmpty())
            {
                return;
            }
            final L2Book a = new L2Book(8, 0);
            final L2Book b = new L2Book(8, 0);
            commands.forEach(c -> a.set(c.side(), c.price(), c.qty()));
            commands.forEach(c -> b.set(c.side(), c.price(), c.qty()));
            final Cmd last = commands.get(commands.size() - 1);
            b.set(last.side(), last.price(), last.qty() + 1);
            assertThat(b.stateHash()).isNotEqualTo(a.stateHash());
            b.set(last.side(), last.price(), last.qty());
            assertThat(b.stateHash()).isEqualTo(a.stateHash());
            b.delete(last.side(), last.price());
            assertThat(b.stateHash()).isNotEqualTo(a.stateHash());
        });
    }

    /**
     * A capped book must hold exactly the reference's best {@code maxDepth} levels as long as
     * only sets (qty &gt; 0) are applied. With deletions this cannot hold: a capped book forgets the
     * levels it dropped, so deleting one of its kept levels leaves a hole the reference fills
     * with a level the capped book no longer knows (see {@link #cappedBookWithDeletesIsSubsetOfReference}).
     */
    @Test
    void cappedBookHoldsBestLevelsWhileNoDeletes()
    {
        qt().withExamples(500 + REPEATS_SKIPPED)
            .forAll(setOnlyCommands(), integers().between(1, 12), integers().between(1, 40))
            .checkAssert((commands, maxDepth, capacity) ->
            {
                final L2Book capped = new L2Book(capacity, maxDepth);
                final RefBook ref = new RefBook();
                for (final Cmd c : commands)
                {
                    capped.set(c.side(), c.price(), c.qty());
                    ref.apply(c);
                    assertThat(capped.bestBid()).isEqualTo(ref.bids.isEmpty() ? L2Book.NO_PRICE : ref.bids.firstKey());
                    assertThat(capped.bestAsk()).isEqualTo(ref.asks.isEmpty() ? L2Book.NO_PRICE : ref.asks.firstKey());
                }
                assertSameAsReference(capped, ref, maxDepth);
                assertThat(capped.bids().size()).isEqualTo(Math.min(maxDepth, ref.bids.size()));
                assertThat(capped.asks().size()).isEqualTo(Math.min(maxDepth, ref.asks.size()));
            });
    }

    @Test
    void cappedBookWithDeletesIsSubsetOfReference()
    {
        qt().withExamples(300 + REPEATS_SKIPPED)
            .forAll(smallRangeCommands(), integers().between(1, 8))
            .checkAssert((commands, maxDepth) ->
            {
                final L2Book capped = new L2Book(4, maxDepth);
                final RefBook ref = new RefBook();
                for (final Cmd c : commands)
                {
                    capped.set(c.side(), c.price(), c.qty());
                    ref.apply(c);
                    for (final Side s : Side.values())
                    {
                        final BookSide side = capped.side(s);
                        assertThat(side.size()).isLessThanOrEqualTo(maxDepth);
                        for (int i = 0; i < side.size(); i++)
                        {
                            assertThat(ref.side(s).get(side.price(i))).isEqualTo(side.qty(i));
                            if (i > 0)
                            {
                                assertThat(better(s, side.price(i - 1), side.price(i))).isTrue();
                            }
                        }
                    }
                }
            });
    }

    @Test
    void cappedBookCannotRecoverDroppedLevelsAfterDelete()
    {
        final L2Book capped = new L2Book(4, 2);
        capped.set(Side.BID, 100, 1);
        capped.set(Side.BID, 101, 1);
        capped.set(Side.BID, 102, 1); // drops 100
        assertThat(capped.bids().size()).isEqualTo(2);
        assertThat(capped.bids().qtyAt(100)).isZero();
        assertThat(capped.set(Side.BID, 99, 5)).as("worse than every kept level").isFalse();
        capped.delete(Side.BID, 102);
        assertThat(capped.bids().size()).isEqualTo(1);
        assertThat(capped.bestBid()).isEqualTo(101);
        // A full book would now show 100 as second level; the capped book only learns new levels.
        capped.set(Side.BID, 99, 5);
        assertThat(capped.bids().price(1)).isEqualTo(99);
    }

    // ---------------------------------------------------------------- growth

    @Test
    void growsFarBeyondInitialCapacity()
    {
        final L2Book book = new L2Book(4, 0);
        final int n = 10_000;
        final List<Long> prices = new ArrayList<>();
        for (long p = 1; p <= n; p++)
        {
            prices.add(p * 100);
        }
        Collections.shuffle(prices, new Random(42));
        for (final long p : prices)
        {
            assertThat(book.set(Side.BID, p, p + 1)).isTrue();
            assertThat(book.set(Side.ASK, p + 1_000_000_000L, p + 2)).isTrue();
        }
        assertThat(book.bids().size()).isEqualTo(n);
        assertThat(book.asks().size()).isEqualTo(n);
        for (int i = 0; i < n; i++)
        {
            final long bidPrice = (long)(n - i) * 100;
            assertThat(book.bids().price(i)).isEqualTo(bidPrice);
            assertThat(book.bids().qty(i)).isEqualTo(bidPrice + 1);
            final long askBase = (long)(i + 1) * 100;
            assertThat(book.asks().price(i)).isEqualTo(askBase + 1_000_000_000L);
            assertThat(book.asks().qty(i)).isEqualTo(askBase + 2);
        }
        final long[] p = new long[5];
        final long[] q = new long[5];
        assertThat(book.bids().top(p, q, 5)).isEqualTo(5);
        assertThat(p).containsExactly(1_000_000, 999_900, 999_800, 999_700, 999_600);

        // Delete every other level; the survivors stay ordered.
        for (long x = 2; x <= n; x += 2)
        {
            assertThat(book.delete(Side.BID, x * 100)).isTrue();
        }
        assertThat(book.bids().size()).isEqualTo(n / 2);
        for (int i = 0; i < n / 2; i++)
        {
            assertThat(book.bids().price(i)).isEqualTo((long)(n - 1 - 2 * i) * 100);
        }
    }

    @Test
    void growsWithAscendingAndDescendingInserts()
    {
        final L2Book book = new L2Book(4, 0);
        for (long p = 1; p <= 5_000; p++)
        {
            book.set(Side.BID, p, 1); // each new bid is the new best
            book.set(Side.ASK, 100_000 - p, 1); // each new ask is the new best
        }
        for (long p = 10_000; p > 5_000; p--)
        {
            book.set(Side.BID, p + 10_000, 2); // ascending after descending: all above the best
        }
        assertThat(book.bids().size()).isEqualTo(10_000);
        assertThat(book.bestBid()).isEqualTo(20_000);
        assertThat(book.bids().price(9_999)).isEqualTo(1);
        assertThat(book.asks().size()).isEqualTo(5_000);
        assertThat(book.bestAsk()).isEqualTo(95_000);
    }

    // ---------------------------------------------------------------- edges

    @Test
    void emptyBookAndOutOfRangeLevels()
    {
        final L2Book book = new L2Book();
        assertThat(book.bestBid()).isEqualTo(L2Book.NO_PRICE);
        assertThat(book.bestAsk()).isEqualTo(L2Book.NO_PRICE);
        assertThat(book.bids().bestQty()).isZero();
        assertThat(book.isCrossed()).isFalse();
        assertThat(book.delete(Side.ASK, 5)).isFalse();
        assertThatThrownBy(() -> book.bids().price(0)).isInstanceOf(IndexOutOfBoundsException.class);
        book.set(Side.ASK, 5, 1);
        assertThatThrownBy(() -> book.asks().qty(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> book.asks().price(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(book.set(Side.ASK, 5, 1)).as("same qty is no change").isFalse();
        book.set(Side.BID, 5, 1);
        assertThat(book.isCrossed()).isTrue();
        book.lastUpdateId(77);
        book.clear();
        assertThat(book.lastUpdateId()).isZero();
        assertThat(book.bids().isEmpty()).isTrue();
        assertThat(book.asks().isEmpty()).isTrue();
        assertThat(book.stateHash()).isEqualTo(new L2Book(4, 0).stateHash());
        assertThatThrownBy(() -> new L2Book(4, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- comparison

    private static boolean better(final Side side, final long a, final long b)
    {
        return side == Side.BID ? a > b : a < b;
    }

    /**
     * Compare the book with the reference's best {@code depth} levels per side.
     */
    static void assertSameAsReference(final L2Book book, final RefBook ref, final int depth)
    {
        for (final Side s : Side.values())
        {
            final BookSide side = book.side(s);
            final List<Map.Entry<Long, Long>> expected = new ArrayList<>();
            for (final Map.Entry<Long, Long> e : ref.side(s).entrySet())
            {
                if (expected.size() == depth)
                {
                    break;
                }
                expected.add(Map.entry(e.getKey(), e.getValue()));
            }
            assertThat(side.size()).as("%s level count", s).isEqualTo(expected.size());
            assertThat(side.isEmpty()).isEqualTo(expected.isEmpty());
            final List<Map.Entry<Long, Long>> actual = new ArrayList<>();
            for (int i = 0; i < side.size(); i++)
            {
                actual.add(Map.entry(side.price(i), side.qty(i)));
            }
            assertThat(actual).as("%s levels best first", s).isEqualTo(expected);

            assertThat(side.bestPrice()).isEqualTo(expected.isEmpty() ? L2Book.NO_PRICE : expected.get(0).getKey());
            assertThat(side.bestQty()).isEqualTo(expected.isEmpty() ? 0L : expected.get(0).getValue());

            // top(N) for N below, at and above the level count.
            final Set<Integer> ns = new HashSet<>(List.of(0, 1, 3, side.size(), side.size() + 2));
            for (final int n : ns)
            {
                final long[] prices = new long[n];
                final long[] qtys = new long[n];
                final int count = side.top(prices, qtys, n);
                assertThat(count).isEqualTo(Math.min(n, expected.size()));
                for (int i = 0; i < count; i++)
                {
                    assertThat(prices[i]).isEqualTo(expected.get(i).getKey());
                    assertThat(qtys[i]).isEqualTo(expected.get(i).getValue());
                }
            }
            for (final Map.Entry<Long, Long> e : expected)
            {
                assertThat(side.qtyAt(e.getKey())).isEqualTo(e.getValue());
            }
        }
        assertThat(book.bestBid()).isEqualTo(book.bids().bestPrice());
        assertThat(book.bestAsk()).isEqualTo(book.asks().bestPrice());
    }
}
