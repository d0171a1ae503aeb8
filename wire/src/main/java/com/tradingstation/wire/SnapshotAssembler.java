package com.tradingstation.wire;

import com.tradingstation.core.book.L2Book;
import com.tradingstation.core.book.Side;
import com.tradingstation.wire.sbe.BookSnapshotDecoder;

/**
 * Builds one instrument's book from the parts of a snapshot, in a staging book that replaces the
 * instrument's book when the snapshot is complete and usable (the replaced book becomes the next
 * staging book). A part out of order, or naming another instrument, update id, incremental
 * sequence or bookSeq, ends the snapshot being assembled.
 * <p>
 * Threading: one thread. Allocation: none once the staging book has grown to its working size.
 */
final class SnapshotAssembler
{
    private static final int NONE = -1;

    private L2Book staging = new L2Book(1024, 0);
    private int instrumentId = NONE;
    private int nextPart;
    private long updateId;
    private long incrementalSeq;
    private long bookSeq;

    /**
     * Start assembling the snapshot whose first part {@code snapshot} is.
     *
     * @param snapshot its first part.
     */
    void begin(final BookSnapshotDecoder snapshot)
    {
        staging.clear();
        instrumentId = (int)snapshot.instrumentId();
        nextPart = 0;
        updateId = snapshot.updateId();
        incrementalSeq = snapshot.lastIncrementalSeq();
        bookSeq = snapshot.bookSeq();
    }

    /**
     * @param snapshot a snapshot part.
     * @return true when it is the next part of the snapshot being assembled.
     */
    boolean isNextPart(final BookSnapshotDecoder snapshot)
    {
        return instrumentId == (int)snapshot.instrumentId() && snapshot.part() == nextPart &&
            snapshot.updateId() == updateId && snapshot.lastIncrementalSeq() == incrementalSeq &&
            snapshot.bookSeq() == bookSeq;
    }

    /**
     * Add the levels of the next part.
     *
     * @param snapshot a part for which {@link #isNextPart} holds.
     * @return true when that was the last part: the snapshot is complete and no longer assembling.
     */
    boolean add(final BookSnapshotDecoder snapshot)
    {
        for (final BookSnapshotDecoder.LevelsDecoder level : snapshot.levels())
        {
            staging.set(level.side() == com.tradingstation.wire.sbe.Side.BID ? Side.BID : Side.ASK, level.price(),
                level.qty());
        }
        nextPart++;
        if (nextPart == snapshot.partCount())
        {
            instrumentId = NONE;
            return true;
        }
        return false;
    }

    /** @return true while a snapshot is part-way assembled. */
    boolean isAssembling()
    {
        return instrumentId != NONE;
    }

    /** Abandon the snapshot being assembled, if any. */
    void abandon()
    {
        instrumentId = NONE;
    }

    /**
     * Put the complete snapshot's book in {@code book}'s place.
     *
     * @param book the instrument's book, which becomes the next staging book.
     */
    void swapInto(final SubscriberBook book)
    {
        staging.lastUpdateId(updateId);
        final L2Book previous = book.book;
        book.book = staging;
        staging = previous;
    }

    /** @return the last incremental packet sequence the snapshot reflects. */
    long incrementalSeq()
    {
        return incrementalSeq;
    }

    /** @return the instrument's bookSeq the snapshot reflects ({@link WireProtocol#NO_BOOK_SEQ} in version 1). */
    long bookSeq()
    {
        return bookSeq;
    }
}
