package com.tradingstation.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The books a {@link WireSubscriber} keeps, by station instrument id and in order of definition.
 * <p>
 * Threading: one thread. Allocation: only when a book is added past the table's size.
 */
final class SubscriberBooks
{
    private SubscriberBook[] byId = new SubscriberBook[64];
    private final List<SubscriberBook> inOrder = new ArrayList<>();
    private final List<SubscriberBook> view = Collections.unmodifiableList(inOrder);

    /**
     * @param instrumentId station instrument id.
     * @return its book, or null when none was added.
     */
    SubscriberBook get(final int instrumentId)
    {
        return instrumentId >= 0 && instrumentId < byId.length ? byId[instrumentId] : null;
    }

    /**
     * @param book a book whose instrument id has none yet.
     */
    void add(final SubscriberBook book)
    {
        final int id = book.instrumentId();
        if (id >= byId.length)
        {
            byId = Arrays.copyOf(byId, Math.max(id + 1, byId.length * 2));
        }
        byId[id] = book;
        inOrder.add(book);
    }

    /** Forget every book. */
    void clear()
    {
        inOrder.clear();
        Arrays.fill(byId, null);
    }

    /** @return number of books. */
    int size()
    {
        return inOrder.size();
    }

    /**
     * @param index 0 to {@link #size()} - 1, in order of definition.
     * @return that book.
     */
    SubscriberBook at(final int index)
    {
        return inOrder.get(index);
    }

    /** @return every book in order of definition, read-only. */
    List<SubscriberBook> list()
    {
        return view;
    }

    /** @return books currently stale. */
    int staleCount()
    {
        int n = 0;
        for (int i = 0, size = inOrder.size(); i < size; i++)
        {
            n += inOrder.get(i).stale ? 1 : 0;
        }
        return n;
    }
}
