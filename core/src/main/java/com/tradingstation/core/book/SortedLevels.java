package com.tradingstation.core.book;

import java.util.Arrays;

/**
 * Price levels of one book side kept sorted in two parallel primitive arrays: the part of a
 * {@link BookSide} that lies below its price window (deep levels), and the whole side before the
 * window is placed.
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
final class SortedLevels
{
    private final Side side;
    private long[] keys;
    private long[] qtys;
    private int size;

    /**
     * @param side            which side.
     * @param initialCapacity levels before the arrays grow.
     */
    SortedLevels(final Side side, final int initialCapacity)
    {
        this.side = side;
        final int cap = Math.max(4, initialCapacity);
        this.keys = new long[cap];
        this.qtys = new long[cap];
    }


    /**
     * @return number of levels.
     */
    int size()
    {
        return size;
    }

    /**
     * @return true when the side has no level.
     */
    boolean isEmpty()
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
    boolean set(final long price, final long qty)
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
        final int ins = -idx - 1;
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
     * Append a level better than every level held (no search, no shift).
     *
     * @param price price mantissa.
     * @param qty   quantity mantissa, non-zero.
     */
    void pushBest(final long price, final long qty)
    {
        if (size == keys.length)
        {
            grow();
        }
        keys[size] = side == Side.BID ? price : -price;
        qtys[size] = qty;
        size++;
    }

    /**
     * Remove the best level; the side must not be empty.
     */
    void removeBest()
    {
        size--;
    }

    /**
     * Remove the worst level; the side must not be empty.
     */
    void removeWorst()
    {
        size--;
        System.arraycopy(keys, 1, keys, 0, size);
        System.arraycopy(qtys, 1, qtys, 0, size);
    }

    /**
     * @return the worst price; the side must not be empty.
     */
    long worstPrice()
    {
        return priceOfKey(keys[0]);
    }

    /**
     * Remove every level.
     */
    void clear()
    {
        size = 0;
    }

    /**
     * @return best price, or {@link L2Book#NO_PRICE} when empty.
     */
    long bestPrice()
    {
        return size == 0 ? L2Book.NO_PRICE : priceOfKey(keys[size - 1]);
    }

    /**
     * @return quantity at the best price, or 0 when empty.
     */
    long bestQty()
    {
        return size == 0 ? 0 : qtys[size - 1];
    }

    /**
     * @param level 0 = best.
     * @return the price at that depth.
     * @throws IndexOutOfBoundsException beyond {@link #size()}.
     */
    long price(final int level)
    {
        checkLevel(level);
        return priceOfKey(keys[size - 1 - level]);
    }

    /**
     * @param level 0 = best.
     * @return the quantity at that depth.
     * @throws IndexOutOfBoundsException beyond {@link #size()}.
     */
    long qty(final int level)
    {
        checkLevel(level);
        return qtys[size - 1 - level];
    }

    /**
     * @param price a price mantissa.
     * @return the quantity at that price, 0 when absent.
     */
    long qtyAt(final long price)
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
    int top(final long[] prices, final long[] qtysOut, final int n)
    {
        final int count = Math.min(n, size);
        for (int i = 0; i < count; i++)
        {
            prices[i] = priceOfKey(keys[size - 1 - i]);
            qtysOut[i] = qtys[size - 1 - i];
        }
        return count;
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
