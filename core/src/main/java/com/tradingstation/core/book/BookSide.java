package com.tradingstation.core.book;

import java.util.Arrays;

/**
 * One side of an L2 book: a price ladder over a window of ticks around the best price, and a
 * sorted array for the levels deeper than the window.
 * <p>
 * Why a ladder: on the real captures the median update lands 85 (spot) to 224 (USD-M) levels
 * from the top and four in five updates insert or delete a level, so a sorted array pays a binary
 * search and a shift of hundreds of levels per update. The ladder indexes a level by its price in
 * ticks: set, delete and update are one division, one array store and one bit flip, and the next
 * best level after a delete is found by scanning a bitmap 64 ticks at a time.
 * <p>
 * The window covers {@code windowTicks} consecutive ticks as a circular array ({@code key & mask}),
 * so moving it never moves the levels inside it. It is placed with the best level three quarters
 * up; a better price above it moves it up (levels falling out of the bottom go to the sorted
 * array), and when the best level sinks into its bottom eighth it moves down, pulling levels back
 * from the sorted array. Levels below the window live in the sorted array, where updates near
 * the window's edge touch its best end and shift little.
 * <p>
 * The tick is learned from the prices: it starts as the first price and becomes the greatest
 * common divisor of every price seen; a price off the current tick grid moves the window's levels
 * into the sorted array and re-places the window on the finer grid (once or twice per book).
 * <p>
 * Threading: single writer, no synchronization. Allocation: none in steady state; the window is
 * allocated once and the sorted array only grows when it must.
 */
public final class BookSide
{
    /**
     * Initial window: 4096 ticks (32 KiB of quantities), so thousands of thin books stay small;
     * busy books grow theirs (see {@link #MAX_WINDOW_TICKS}). System property
     * {@code station.book.windowTicks} overrides it.
     */
    public static final int DEFAULT_WINDOW_TICKS = Integer.getInteger("station.book.windowTicks", 1 << 12);

    /**
     * Largest window a side grows to: 262144 ticks (2 MiB). A side doubles its window when more than
     * one update in sixteen lands below it; the real spot BTCUSDT book (0.01 tick) reaches it on both
     * sides (docs/ARCHITECTURE.md says how that was read).
     * System property {@code station.book.maxWindowTicks} overrides it.
     */
    public static final int MAX_WINDOW_TICKS = Integer.getInteger("station.book.maxWindowTicks", 1 << 18);

    private static final int GROWTH_CHECK_PERIOD = 1 << 13;

    private static final long NONE = Long.MIN_VALUE;

    private final Side side;
    private final int maxDepth;
    private final int maxWindowTicks;
    private int windowTicks;
    private long mask;
    private int headroom;
    private long[] windowQty;
    private long[] bits;
    private final SortedLevels deep;
    private int opsSinceCheck;
    private int deepOpsSinceCheck;

    private long tick;
    private long lo;
    private int windowCount;
    private long bestKey = NONE;

    /**
     * @param side            which side.
     * @param initialCapacity levels the deep (sorted) part holds before growing.
     * @param maxDepth        0 keeps every level; otherwise the worst levels beyond it are dropped.
     * @param windowTicks     initial ticks covered by the ladder, a power of two of at least 64;
     *                        it doubles (up to {@link #MAX_WINDOW_TICKS}) while deep updates are frequent.
     */
    public BookSide(final Side side, final int initialCapacity, final int maxDepth, final int windowTicks)
    {
        if (maxDepth < 0)
        {
            throw new IllegalArgumentException("maxDepth must be >= 0: " + maxDepth);
        }
        if (windowTicks < 64 || Integer.bitCount(windowTicks) != 1)
        {
            throw new IllegalArgumentException("windowTicks must be a power of two >= 64: " + windowTicks);
        }
        this.side = side;
        this.maxDepth = maxDepth;
        this.maxWindowTicks = Math.max(windowTicks, MAX_WINDOW_TICKS);
        allocateWindow(windowTicks);
        this.deep = new SortedLevels(side, maxDepth > 0 ? Math.min(initialCapacity, maxDepth + 1) : initialCapacity);
    }

    /**
     * @return the side.
     */
    public Side side()
    {
        return side;
    }

    /**
     * @return number of levels.
     */
    public int size()
    {
        return windowCount + deep.size();
    }

    /**
     * @return true when the side has no level.
     */
    public boolean isEmpty()
    {
        return windowCount == 0 && deep.isEmpty();
    }

    /**
     * Set a level's quantity; a quantity of 0 deletes the level (deleting an absent level is a
     * no-op, as venues send deletes for levels a client may never have seen).
     *
     * @param price price mantissa, {@code 0 <= price <= L2Book.MAX_PRICE}.
     * @param qty   quantity mantissa; 0 deletes.
     * @return true when the book changed.
     * @throws IllegalArgumentException for a price outside the range (decoders never pass one).
     */
    public boolean set(final long price, final long qty)
    {
        if (price < 0 || price > L2Book.MAX_PRICE)
        {
            throw new IllegalArgumentException("price mantissa out of range: " + price);
        }
        if (tick == 0)
        {
            if (qty == 0)
            {
                return false;
            }
            tick = price > 0 ? price : 1;
        }
        if (++opsSinceCheck == GROWTH_CHECK_PERIOD)
        {
            opsSinceCheck = 0;
            deepOpsSinceCheck = 0;
        }
        long q = price / tick;
        if (q * tick != price)
        {
            retick(gcd(tick, price));
            q = price / tick;
        }
        final long key = side == Side.BID ? q : -q;
        if (windowCount == 0)
        {
            // An empty window means an empty side (refill keeps deep levels in the window).
            if (qty == 0)
            {
                return false;
            }
            lo = key + headroom - windowTicks + 1;
            return insertWindow(key, qty);
        }
        if (key >= lo)
        {
            if (key - lo >= windowTicks)
            {
                if (qty == 0)
                {
                    return false; // nothing lives above the window
                }
                moveUp(key);
            }
            return setWindow(key, qty);
        }
        return setDeep(key, price, qty);
    }

    private boolean setWindow(final long key, final long qty)
    {
        final int slot = (int)(key & mask);
        final int word = slot >>> 6;
        final long bit = 1L << slot;
        if ((bits[word] & bit) != 0)
        {
            if (qty != 0)
            {
                final boolean changed = windowQty[slot] != qty;
                windowQty[slot] = qty;
                return changed;
            }
            bits[word] &= ~bit;
            windowCount--;
            if (key == bestKey)
            {
                if (windowCount == 0)
                {
                    bestKey = NONE;
                    refill();
                }
                else
                {
                    bestKey = highestAtOrBelow(key - 1);
                    if (bestKey - lo < (windowTicks >>> 3) && !deep.isEmpty())
                    {
                        moveDown();
                    }
                }
            }
            return true;
        }
        if (qty == 0)
        {
            return false;
        }
        if (maxDepth > 0 && size() >= maxDepth && key < worstKey())
        {
            return false; // worse than every kept level
        }
        insertWindow(key, qty);
        if (maxDepth > 0 && size() > maxDepth)
        {
            removeWorst();
        }
        return true;
    }

    private boolean insertWindow(final long key, final long qty)
    {
        final int slot = (int)(key & mask);
        bits[slot >>> 6] |= 1L << slot;
        windowQty[slot] = qty;
        if (windowCount++ == 0 || key > bestKey)
        {
            bestKey = key;
        }
        return true;
    }

    private boolean setDeep(final long key, final long price, final long qty)
    {
        if (qty != 0 && maxDepth > 0 && size() >= maxDepth && deep.qtyAt(price) == 0)
        {
            if (key < worstKey())
            {
                return false;
            }
            deep.set(price, qty);
            removeWorst();
            return true;
        }
        if (++deepOpsSinceCheck > GROWTH_CHECK_PERIOD >>> 4 && windowTicks < maxWindowTicks)
        {
            final boolean changed = deep.set(price, qty);
            growWindow();
            return changed;
        }
        return deep.set(price, qty);
    }

    private void allocateWindow(final int ticks)
    {
        windowTicks = ticks;
        mask = ticks - 1;
        headroom = ticks / 4;
        windowQty = new long[ticks];
        bits = new long[ticks >>> 6];
    }

    /**
     * More than one update in sixteen went below the window: double it (allocates once per
     * doubling) and re-place it, so the busy part of the book lives in the ladder.
     */
    private void growWindow()
    {
        flushWindow();
        allocateWindow(windowTicks << 1);
        opsSinceCheck = 0;
        deepOpsSinceCheck = 0;
        refill();
    }

    /**
     * @return ticks the ladder covers now.
     */
    public int windowTicks()
    {
        return windowTicks;
    }

    private long worstKey()
    {
        return deep.isEmpty() ? lowestAtOrAbove(lo) : keyOf(deep.worstPrice());
    }

    private void removeWorst()
    {
        if (!deep.isEmpty())
        {
            deep.removeWorst();
            return;
        }
        final long worst = lowestAtOrAbove(lo);
        final int slot = (int)(worst & mask);
        bits[slot >>> 6] &= ~(1L << slot);
        windowCount--;
    }

    /**
     * A better price than the window holds arrived: place it three quarters up a new window and
     * move the levels that fall below the new window into the deep part, worst first.
     */
    private void moveUp(final long key)
    {
        final long newLo = key + headroom - windowTicks + 1;
        final long end = Math.min(newLo, lo + windowTicks);
        long k = lowestAtOrAbove(lo);
        while (k != NONE && k < end)
        {
            final int slot = (int)(k & mask);
            bits[slot >>> 6] &= ~(1L << slot);
            windowCount--;
            deep.pushBest(priceOf(k), windowQty[slot]);
            k = k + 1 < end ? lowestAtOrAbove(k + 1) : NONE;
        }
        lo = newLo;
        if (windowCount == 0)
        {
            bestKey = NONE;
        }
    }

    /**
     * The best level sank to the window's bottom eighth: move the window down so the best sits
     * three quarters up again, pulling deep levels that now fit.
     */
    private void moveDown()
    {
        lo = bestKey + headroom - windowTicks + 1;
        pullDeep();
    }

    /**
     * The window emptied (or was flushed): re-place it on the best deep level.
     */
    private void refill()
    {
        if (deep.isEmpty())
        {
            return;
        }
        final long top = keyOf(deep.bestPrice());
        lo = top + headroom - windowTicks + 1;
        pullDeep();
    }

    private void pullDeep()
    {
        while (!deep.isEmpty())
        {
            final long price = deep.bestPrice();
            final long key = keyOf(price);
            if (key < lo)
            {
                return;
            }
            insertWindow(key, deep.bestQty());
            deep.removeBest();
        }
    }

    /**
     * A price off the tick grid: move every window level into the deep part (they are all better
     * than the deep levels), adopt the finer grid and re-place the window.
     */
    private void retick(final long newTick)
    {
        flushWindow();
        tick = newTick;
        refill();
    }

    /**
     * Move every window level into the deep part, worst first (they are all better than it).
     */
    private void flushWindow()
    {
        long k = windowCount == 0 ? NONE : lowestAtOrAbove(lo);
        while (k != NONE)
        {
            final int slot = (int)(k & mask);
            bits[slot >>> 6] &= ~(1L << slot);
            deep.pushBest(priceOf(k), windowQty[slot]);
            k = --windowCount == 0 ? NONE : lowestAtOrAbove(k + 1);
        }
        bestKey = NONE;
    }

    /**
     * @return the highest set key in {@code [lo, from]}, or NONE.
     */
    private long highestAtOrBelow(final long from)
    {
        long k = from;
        while (k >= lo)
        {
            final int slot = (int)(k & mask);
            final int bit = slot & 63;
            final long word = bits[slot >>> 6] << (63 - bit);
            if (word != 0)
            {
                final long found = k - Long.numberOfLeadingZeros(word);
                return found >= lo ? found : NONE;
            }
            k -= bit + 1;
        }
        return NONE;
    }

    /**
     * @return the lowest set key in {@code [from, lo + windowTicks)}, or NONE.
     */
    private long lowestAtOrAbove(final long from)
    {
        final long limit = lo + windowTicks;
        long k = from;
        while (k < limit)
        {
            final int slot = (int)(k & mask);
            final int bit = slot & 63;
            final long word = bits[slot >>> 6] >>> bit;
            if (word != 0)
            {
                final long found = k + Long.numberOfTrailingZeros(word);
                return found < limit ? found : NONE;
            }
            k += 64 - bit;
        }
        return NONE;
    }

    private long keyOf(final long price)
    {
        final long q = price / tick;
        return side == Side.BID ? q : -q;
    }

    private long priceOf(final long key)
    {
        return (side == Side.BID ? key : -key) * tick;
    }

    private static long gcd(final long a, final long b)
    {
        long x = Math.abs(a);
        long y = Math.abs(b);
        while (y != 0)
        {
            final long t = x % y;
            x = y;
            y = t;
        }
        return x == 0 ? 1 : x;
    }

    /**
     * Remove every level (the learned tick is kept).
     */
    public void clear()
    {
        if (windowCount > 0)
        {
            Arrays.fill(bits, 0);
            windowCount = 0;
        }
        bestKey = NONE;
        deep.clear();
    }

    /**
     * @return best price, or {@link L2Book#NO_PRICE} when empty.
     */
    public long bestPrice()
    {
        return windowCount > 0 ? priceOf(bestKey) : deep.bestPrice();
    }

    /**
     * @return quantity at the best price, or 0 when empty.
     */
    public long bestQty()
    {
        return windowCount > 0 ? windowQty[(int)(bestKey & mask)] : deep.bestQty();
    }

    /**
     * @param level 0 = best.
     * @return the price at that depth (walks the ladder: O(depth / 64)).
     * @throws IndexOutOfBoundsException beyond {@link #size()}.
     */
    public long price(final int level)
    {
        checkLevel(level);
        return level < windowCount ? priceOf(windowKey(level)) : deep.price(level - windowCount);
    }

    /**
     * @param level 0 = best.
     * @return the quantity at that depth.
     * @throws IndexOutOfBoundsException beyond {@link #size()}.
     */
    public long qty(final int level)
    {
        checkLevel(level);
        return level < windowCount ? windowQty[(int)(windowKey(level) & mask)] : deep.qty(level - windowCount);
    }

    private long windowKey(final int level)
    {
        long k = bestKey;
        for (int i = 0; i < level; i++)
        {
            k = highestAtOrBelow(k - 1);
        }
        return k;
    }

    /**
     * @param price a price mantissa.
     * @return the quantity at that price, 0 when absent.
     */
    public long qtyAt(final long price)
    {
        if (tick == 0 || price < 0 || price > L2Book.MAX_PRICE || price % tick != 0)
        {
            return 0;
        }
        final long key = keyOf(price);
        if (windowCount > 0 && key >= lo && key - lo < windowTicks)
        {
            final int slot = (int)(key & mask);
            return (bits[slot >>> 6] & (1L << slot)) != 0 ? windowQty[slot] : 0;
        }
        return deep.qtyAt(price);
    }

    /**
     * Copy the best {@code n} levels into caller arrays.
     *
     * @param prices  destination for prices, best first.
     * @param qtysOut destination for quantities.
     * @param n       maximum levels.
     * @return levels copied.
     */
    public int top(final long[] prices, final long[] qtysOut, final int n)
    {
        final int count = Math.min(n, size());
        int i = 0;
        long k = bestKey;
        for (; i < count && i < windowCount; i++)
        {
            if (i > 0)
            {
                k = highestAtOrBelow(k - 1);
            }
            prices[i] = priceOf(k);
            qtysOut[i] = windowQty[(int)(k & mask)];
        }
        for (; i < count; i++)
        {
            prices[i] = deep.price(i - windowCount);
            qtysOut[i] = deep.qty(i - windowCount);
        }
        return count;
    }

    /**
     * Fold the side's levels into a hash, best level first: equal sides hash equal whatever
     * window placement or tick history they have.
     *
     * @param seed running hash.
     * @return the new hash.
     */
    public long hash(final long seed)
    {
        long h = seed;
        long k = bestKey;
        for (int i = 0; i < windowCount; i++)
        {
            if (i > 0)
            {
                k = highestAtOrBelow(k - 1);
            }
            h = mix(mix(h, priceOf(k)), windowQty[(int)(k & mask)]);
        }
        for (int i = 0, n = deep.size(); i < n; i++)
        {
            h = mix(mix(h, deep.price(i)), deep.qty(i));
        }
        return mix(h, size());
    }

    static long mix(final long h, final long v)
    {
        // FNV-1a style over 64-bit words, with an avalanche per word.
        final long x = (h ^ v) * 0x100000001B3L;
        return x ^ (x >>> 29);
    }

    private void checkLevel(final int level)
    {
        if (level < 0 || level >= size())
        {
            throw new IndexOutOfBoundsException("level " + level + " of " + size());
        }
    }
}
