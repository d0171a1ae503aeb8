package com.tradingstation.bench;

import com.tradingstation.core.book.BookSide;
import com.tradingstation.core.book.L2Book;

import java.util.Arrays;

/**
 * Not a benchmark: explains where {@link BookApplyBenchmark}'s time goes by replaying the same
 * level updates and classifying each one (quantity change in place, insert, delete, delete of an
 * absent level), with its distance from the top of the book and the array elements it moves.
 * <p>
 * {@link BookSide} keeps the best level at the end of its arrays, so an insert or delete k levels
 * from the top moves k elements in each of its two arrays (keys and quantities). XChange's
 * {@code ArrayList} keeps the best level at index 0, so it moves the levels below instead, and its
 * {@code update} removes and re-inserts even when only the quantity changes.
 * <p>
 * Run: {@code java -cp bench/target/benchmarks.jar com.tradingstation.bench.BookProfile [spot usdm coinm]}.
 */
public final class BookProfile
{
    private BookProfile()
    {
    }

    /**
     * @param args capture set ids; all three when empty.
     */
    public static void main(final String[] args)
    {
        final String[] sets = args.length == 0 ? new String[] {"spot", "usdm", "coinm"} : args;
        for (final String id : sets)
        {
            profile(Session.load(CaptureSet.of(id)));
        }
    }

    private static void profile(final Session session)
    {
        final Session.Levels lv = session.levels();
        final L2Book book = new L2Book();
        final int n = lv.size();
        final int[] distance = new int[n]; // levels better than the updated price, before the update
        final int[] kind = new int[n]; // 0 in place, 1 insert, 2 delete, 3 absent delete, 4 unchanged
        long oursMoves = 0;
        long xchangeMoves = 0;
        long sizeSum = 0;
        final long[] count = new long[5];
        final long[] oursMovesByKind = new long[5];
        for (int i = 0; i < n; i++)
        {
            final BookSide side = book.side(lv.sides()[i]);
            final long price = lv.prices()[i];
            final long qty = lv.qtys()[i];
            final int better = CostBreakdownBenchmark.better(side, price);
            final long current = side.qtyAt(price);
            final int size = side.size();
            sizeSum += size;
            final int k;
            if (current != 0)
            {
                final int worse = size - better - 1;
                if (qty == 0)
                {
                    k = 2;
                    oursMoves += 2L * better;
                    oursMovesByKind[k] += 2L * better;
                    xchangeMoves += worse;
                }
                else
                {
                    k = current == qty ? 4 : 0;
                    xchangeMoves += 2L * worse; // remove then add at the same index
                }
            }
            else if (qty == 0)
            {
                k = 3;
            }
            else
            {
                k = 1;
                oursMoves += 2L * better;
                oursMovesByKind[k] += 2L * better;
                xchangeMoves += size - better;
            }
            kind[i] = k;
            distance[i] = better;
            count[k]++;
            book.set(lv.sides()[i], price, qty);
        }
        System.out.printf("%n== %s: %d level updates per replay (snapshot %d), mean side size %.0f levels%n",
            session.set().id(), n, lv.snapshotCount(), (double)sizeSum / n);
        final String[] names = {"qty change in place", "insert", "delete", "delete of absent level", "same qty"};
        for (int k = 0; k < 5; k++)
        {
            final int[] d = select(kind, distance, k);
            System.out.printf("  %-24s %8d (%5.1f%%)  levels from top: median %5d  p90 %5d  mean %7.1f  " +
                    "ours moves %.1f elem/update%n",
                names[k], count[k], 100.0 * count[k] / n, pct(d, 50), pct(d, 90), mean(d),
                count[k] == 0 ? 0.0 : (double)oursMovesByKind[k] / count[k]);
        }
        System.out.printf("  ours:    %.1f long elements moved per update (%.0f bytes), System.arraycopy on %.1f%% of "
                + "updates%n", (double)oursMoves / n, 8.0 * oursMoves / n, 100.0 * (count[1] + count[2]) / n);
        System.out.printf("  XChange: %.1f references moved per update (ArrayList shifts the levels below; update() "
                + "re-inserts on every quantity change)%n", (double)xchangeMoves / n);
        final int[] all = distance.clone();
        System.out.printf("  all updates, levels from top: median %d, p75 %d, p90 %d, p99 %d%n",
            pct(all, 50), pct(all, 75), pct(all, 90), pct(all, 99));
    }

    private static int[] select(final int[] kind, final int[] distance, final int k)
    {
        int m = 0;
        for (final int x : kind)
        {
            if (x == k)
            {
                m++;
            }
        }
        final int[] out = new int[m];
        m = 0;
        for (int i = 0; i < kind.length; i++)
        {
            if (kind[i] == k)
            {
                out[m++] = distance[i];
            }
        }
        return out;
    }

    private static int pct(final int[] values, final int p)
    {
        if (values.length == 0)
        {
            return 0;
        }
        final int[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int)((long)sorted.length * p / 100))];
    }

    private static double mean(final int[] values)
    {
        long sum = 0;
        for (final int v : values)
        {
            sum += v;
        }
        return values.length == 0 ? 0 : (double)sum / values.length;
    }
}
