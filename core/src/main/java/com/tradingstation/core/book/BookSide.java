package com.tradingstation.core.book;

import java.util.Arrays;

/**
 * One side of an L2 book: price levels kept sorted in two parallel primitive arrays.
 * <p>
 * Layout: levels are sorted by a key that grows toward the best price (the price itself for
 * bids, its negation for asks), so the best level sits at the end of the arrays. Venue updates
 * cluster near the top of the book, so inserts and deletes shift only the few levels above the
 * touched one, and the search gallops down from the top before a binary search: an update k
 * levels from the top costs O(log k) comparisons and k moves, whatever the depth.
 * <p>
 * Threading: single writer, no synchronization. Allocation: only when the level count outgrows
 * the arrays (they double); a book pre-sized for its venue never allocates.
 */
public final class BookSide
{
    private final Side side;
    private final int maxDepth;
    private long[] keys;
    private long[] qtys;
    private int size;

    /**
     * @param side            which side.
     * @param initialCapacity levels before the arrays grow.
     * @param maxDepth        0 keeps every level; otherwise the worst levels beyond it are dropped.
     */
    public BookSide(final Side side, final int initialCapacity, final int maxDepth)
    {
        if (maxDepth < 0)
        {
            throw new IllegalArgumentException("maxDepth must be >= 0: " + maxDepth);
        }
        this.side = side;
        this.maxDepth = maxDepth;
        final int cap = Math.max(4, maxDepth > 0 ? Math.min(initialCapacity, maxDepth + 1) : initialCapacity);
        this.keys = new long[cap];
        this.qtys = new long[cap];
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
        return size;
    }

    /**
     * @return true when the side has no level.
     */
    public boolean isEmpty()
    {
        return size == 0;
    }

    /**
     * Set a level's quantity; a quantity of 0 deletes the level (deleting an absent level is a
     * no-op, as venues send deletes for levels a client may never have seen).
     *
     * @param price price mantissa, non-negative.
     * @param qty   quantity mantissa; 0 deletes.
     * @return true when the book changed.
     */
    public boolean set(final long price, final long qty)
    {
        final long key = side == Side.BID ? price : -price;
        final int idx = search(key);
        if (idx >= 0)
        {
            if (qty == 0)
            {
                final int above = size - idx - 1;
                if (above > 0)
                {
                    System.arraycopy(keys, idx + 1, keys, idx, above);
                    System.arraycopy(qtys, idx + 1, qtys, idx, above);
                }
                size--;
                return true;
            }
            final boolean changed = qtys[idx] != qty;
            qtys[idx] = qty;
            return changed;
        }
        if (qty == 0)
        {
            return false;
        }
        int ins = -idx - 1;
        if (maxDepth > 0 && size == maxDepth)
        {
            if (ins == 0)
            {
                return false; // worse than every kept level
            }
            // Drop the worst level (index 0) to make room.
            System.arraycopy(keys, 1, keys, 0, ins - 1);
            System.arraycopy(qtys, 1, qtys, 0, ins - 1);
            ins--;
            keys[ins] = key;
            qtys[ins] = qty;
            return true;
        }
        if (size == keys.length)
        {
            grow();
        }
        final int above = size - ins;
        if (above > 0)
        {
            System.arraycopy(keys, ins, keys, ins + 1, above);
            System.arraycopy(qtys, ins, qtys, ins + 1, above);
        }
        keys[ins] = key;
        qtys[ins] = qty;
        size++;
        return true;
    }

    /**
     * Remove every level.
     */
    public void clear()
    {
        size = 0;
    }

    /**
     * @return best price, or {@link L2Book#NO_PRICE} when empty.
     */
    public long bestPrice()
    {
        return size == 0 ? L2Book.NO_PRICE : priceOfKey(keys[size - 1]);
    }

    /**
     * @return quantity at the best price, or 0 when empty.
     */
    public long bestQty()
    {
        return size == 0 ? 0 : qtys[size - 1];
    }

    /**
     * @param level 0 = best.
     * @return the price at that depth.
     * @throws IndexOutOfBoundsException beyond {@link #size()}.
     */
    public long price(final int level)
    {
        checkLevel(level);
        return priceOfKey(keys[size - 1 - level]);
    }

    /**
     * @param level 0 = best.
     * @return the quantity at that depth.
     * @throws IndexOutOfBoundsException beyond {@link #size()}.
     */
    public long qty(final int level)
    {
        checkLevel(level);
        return qtys[size - 1 - level];
    }

    /**
     * @param price a price mantissa.
     * @return the quantity at that price, 0 when absent.
     */
    public long qtyAt(final long price)
    {
        final int idx = search(side == Side.BID ? price : -price);
        return idx >= 0 ? qtys[idx] : 0;
    }

    /**
     * Copy the best {@code n} levels into caller arrays.
     *
     * @param prices destination for prices, best first.
     * @param qtysOut destination for quantities.
     * @param n      maximum levels.
     * @return levels copied.
     */
    public int top(final long[] prices, final long[] qtysOut, final int n)
    {
        final int count = Math.min(n, size);
        for (int i = 0; i < count; i++)
        {
            prices[i] = priceOfKey(keys[size - 1 - i]);
            qtysOut[i] = qtys[size - 1 - i];
        }
        return count;
    }

    /**
     * Fold the side's levels into a hash, best level first.
     *
     * @param seed running hash.
     * @return the new hash.
     */
    public long hash(final long seed)
    {
        long h = seed;
        for (int i = size - 1; i >= 0; i--)
        {
            h = mix(h, keys[i]);
            h = mix(h, qtys[i]);
        }
        return mix(h, size);
    }

    static long mix(final long h, final long v)
    {
        // FNV-1a style over 64-bit words, with a final avalanche per word.
        long x = (h ^ v) * 0x100000001B3L;
        return x ^ (x >>> 29);
    }

    private long priceOfKey(final long key)
    {
        return side == Side.BID ? key : -key;
    }

    /**
     * Gallop down from the best end, then binary search the bracket found.
     */
    private int search(final long key)
    {
        final long[] keys = this.keys;
        final int size = this.size;
        int step = 1;
        int hi = size; // keys[hi..size) are all > key
        while (step <= size)
        {
            final int probe = size - step;
            if (keys[probe] <= key)
            {
                if (keys[probe] == key)
                {
                    return probe;
                }
                return Arrays.binarySearch(keys, probe + 1, hi, key);
            }
            hi = probe;
            step <<= 1;
        }
        return Arrays.binarySearch(keys, 0, hi, key);
    }

    private void grow()
    {
        final int newCap = keys.length << 1;
        keys = Arrays.copyOf(keys, newCap);
        qtys = Arrays.copyOf(qtys, newCap);
    }

    private void checkLevel(final int level)
    {
        if (level < 0 || level >= size)
        {
            throw new IndexOutOfBoundsException("level " + level + " of " + size);
        }
    }
}
