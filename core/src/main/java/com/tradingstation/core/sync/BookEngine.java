package com.tradingstation.core.sync;

import com.tradingstation.core.book.L2Book;
import com.tradingstation.core.event.EventLayout;
import com.tradingstation.core.instrument.Instrument;
import com.tradingstation.core.instrument.InstrumentRegistry;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * The book thread's dispatcher: takes events off the ring and hands each to its instrument's
 * {@link InstrumentBook}, creating that on first sight (the only allocation, once per
 * instrument).
 * <p>
 * Threading: every method runs on the single book thread, except the accessors used after
 * that thread has stopped.
 */
public final class BookEngine implements MessageHandler
{
    private final InstrumentRegistry registry;
    private final InstrumentBook[] books;
    private final int bookCapacity;
    private final int maxDepth;
    private final SnapshotRequester snapshotRequester;
    private BookListener listener = BookListener.NONE;
    private long events;
    private long unknownInstrument;

    /**
     * @param registry          instruments, resolved by id on first sight.
     * @param bookCapacity      initial levels per side of each book.
     * @param maxDepth          0 keeps every level, otherwise the depth cap of every book.
     * @param snapshotRequester asked for snapshots when a book goes stale.
     */
    public BookEngine(
        final InstrumentRegistry registry, final int bookCapacity, final int maxDepth,
        final SnapshotRequester snapshotRequester)
    {
        this.registry = registry;
        this.books = new InstrumentBook[registry.capacity()];
        this.bookCapacity = bookCapacity;
        this.maxDepth = maxDepth;
        this.snapshotRequester = snapshotRequester;
    }

    /**
     * Engine with default book sizing, no depth cap and no snapshot requests.
     *
     * @param registry instruments.
     */
    public BookEngine(final InstrumentRegistry registry)
    {
        this(registry, L2Book.DEFAULT_CAPACITY, 0, SnapshotRequester.NONE);
    }

    /**
     * @param listener receives updates of every book, current and future.
     */
    public void listener(final BookListener listener)
    {
        this.listener = listener == null ? BookListener.NONE : listener;
        for (final InstrumentBook book : books)
        {
            if (book != null)
            {
                book.listener(this.listener);
            }
        }
    }

    @Override
    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        events++;
        final int id = EventLayout.instrumentId(buffer, index);
        final InstrumentBook book = id >= 0 && id < books.length ? books[id] : null;
        if (book != null)
        {
            book.onEvent(msgTypeId, buffer, index, length);
        }
        else
        {
            final InstrumentBook created = create(id);
            if (created == null)
            {
                unknownInstrument++;
                return;
            }
            created.onEvent(msgTypeId, buffer, index, length);
        }
    }

    private InstrumentBook create(final int id)
    {
        final Instrument instrument = registry.get(id);
        if (instrument == null)
        {
            return null;
        }
        final InstrumentBook book = new InstrumentBook(
            instrument, new L2Book(bookCapacity, maxDepth), InstrumentBook.DEFAULT_MAX_PENDING_BYTES,
            snapshotRequester);
        book.listener(listener);
        books[id] = book;
        snapshotRequester.requestSnapshot(id);
        return book;
    }

    /**
     * @param instrumentId an instrument id.
     * @return its book, or null when no event for it has arrived.
     */
    public InstrumentBook book(final int instrumentId)
    {
        return instrumentId >= 0 && instrumentId < books.length ? books[instrumentId] : null;
    }

    /**
     * @return every book created so far, in instrument id order.
     */
    public List<InstrumentBook> books()
    {
        final List<InstrumentBook> list = new ArrayList<>();
        for (final InstrumentBook book : books)
        {
            if (book != null)
            {
                list.add(book);
            }
        }
        return list;
    }

    /**
     * Reset every book and counter without allocating (books stay created), and ask for a
     * snapshot of each, as on first sight.
     */
    public void reset()
    {
        events = 0;
        unknownInstrument = 0;
        for (final InstrumentBook book : books)
        {
            if (book != null)
            {
                book.reset();
                snapshotRequester.requestSnapshot(book.instrument().id());
            }
        }
    }

    /**
     * Live sources: {@link InstrumentBook#checkTickerLag} on every book (book thread).
     *
     * @param nowNs   now, on the events' receive-time clock.
     * @param limitNs how long a bookTicker may stay ahead of its book.
     * @return books that went stale.
     */
    public int checkTickerLag(final long nowNs, final long limitNs)
    {
        int n = 0;
        for (final InstrumentBook book : books)
        {
            if (book != null && book.checkTickerLag(nowNs, limitNs))
            {
                n++;
            }
        }
        return n;
    }

    /** @return events handled. */
    public long events()
    {
        return events;
    }

    /** @return events naming an instrument the registry does not know. */
    public long unknownInstrument()
    {
        return unknownInstrument;
    }
}
