package com.tradingstation.core.sync;

import com.tradingstation.core.book.L2Book;
import com.tradingstation.core.book.Side;
import com.tradingstation.core.event.EventType;
import com.tradingstation.core.instrument.Instrument;
import org.agrona.DirectBuffer;

import static com.tradingstation.core.event.EventLayout.*;
import static com.tradingstation.core.sync.PendingDiffs.Replayer.CONSUMED;
import static com.tradingstation.core.sync.PendingDiffs.Replayer.STALE_CONSUMED;
import static com.tradingstation.core.sync.PendingDiffs.Replayer.STALE_UNCONSUMED;

/**
 * One instrument's book, its venue sequencing state machine and its counters.
 * <p>
 * Diffs that arrive before a usable snapshot are buffered (copied, in {@link PendingDiffs}) and
 * replayed onto the snapshot when it comes. A gap, a crossed book or a snapshot older than the
 * buffered diffs marks this instrument stale and asks for a fresh snapshot; no other instrument is
 * touched.
 * <p>
 * BookTicker check: a bookTicker whose update id equals the id the book reflects (now, or once
 * the diff with that id is applied, held meanwhile in {@link PendingTicker}) is compared with the
 * rebuilt top, price and quantity.
 * <p>
 * Threading: owned by the book thread. Counters are plain fields read by others only after the
 * book thread has stopped (or through a copy it publishes). Allocation: none after the pending
 * buffer and the book have grown to their working size.
 */
public final class InstrumentBook
{
    /** Default bound of buffered diff bytes per instrument while awaiting a snapshot. */
    public static final int DEFAULT_MAX_PENDING_BYTES = 16 * 1024 * 1024;

    private final Instrument instrument;
    private final SequencingRule rule;
    private final L2Book book;
    private final PendingDiffs pending;
    private final PendingDiffs.Replayer replayer = this::replay;
    private final PendingTicker pendingTicker = new PendingTicker();
    private final SnapshotRequester snapshotRequester;
    private BookListener listener = BookListener.NONE;

    private SyncState state = SyncState.AWAITING_SNAPSHOT;

    private long tickerLagResyncCount;
    private long appliedCount;
    private long dropped;
    private long gapCount;
    private long resyncCount;
    private long crossedCount;
    private long snapshotCount;
    private long ignoredSnapshotCount;
    private long levelUpdateCount;
    private long tickerCount;
    private long tickerCheckCount;
    private long tickerAgreeCount;
    private long trades;

    /**
     * @param instrument        the instrument.
     * @param book              its (empty) book.
     * @param maxPendingBytes   bound of buffered diffs; past it the oldest buffered diffs are dropped.
     * @param snapshotRequester asked for a snapshot whenever the book goes stale.
     */
    public InstrumentBook(
        final Instrument instrument, final L2Book book, final int maxPendingBytes,
        final SnapshotRequester snapshotRequester)
    {
        this.instrument = instrument;
        this.rule = SequencingRule.forVenue(instrument.venue());
        this.book = book;
        this.pending = new PendingDiffs(maxPendingBytes);
        this.snapshotRequester = snapshotRequester;
    }

    /**
     * @param listener receives book updates, trades and state changes.
     */
    public void listener(final BookListener listener)
    {
        this.listener = listener == null ? BookListener.NONE : listener;
    }

    /**
     * Handle one ring event addressed to this instrument.
     *
     * @param type   {@link EventType} id.
     * @param buffer event bytes.
     * @param offset event start.
     * @param length event length.
     */
    public void onEvent(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        switch (type)
        {
            case EventType.DEPTH:
                onDepth(buffer, offset, length);
                break;
            case EventType.SNAPSHOT:
                onSnapshot(buffer, offset);
                break;
            case EventType.BOOK_TICKER:
                onTicker(buffer, offset);
                break;
            case EventType.TRADE:
                trades++;
                listener.onTrade(this, buffer, offset);
                break;
            default:
                break;
        }
    }

    private void onDepth(final DirectBuffer buffer, final int offset, final int length)
    {
        if (state == SyncState.AWAITING_SNAPSHOT)
        {
            pending.add(buffer, offset, length);
            return;
        }
        sequence(buffer, offset, length, true);
    }

    /**
     * Apply, drop or reject (gap) one diff while SYNCING or LIVE.
     *
     * @param bufferOnStale copy the diff into the pending buffer when it does not chain.
     * @return {@link PendingDiffs.Replayer#CONSUMED} (applied or dropped),
     * {@link PendingDiffs.Replayer#STALE_UNCONSUMED} (did not chain: the book went stale and the diff
     * still awaits a snapshot) or {@link PendingDiffs.Replayer#STALE_CONSUMED} (applied, but left the
     * book crossed).
     */
    private int sequence(
        final DirectBuffer buffer, final int offset, final int length, final boolean bufferOnStale)
    {
        final long firstId = buffer.getLong(offset + DEPTH_FIRST_ID);
        final long lastId = buffer.getLong(offset + DEPTH_LAST_ID);
        final long prevId = buffer.getLong(offset + DEPTH_PREV_ID);
        final long bookId = book.lastUpdateId();
        if (state == SyncState.SYNCING)
        {
            if (rule.precedesSnapshot(bookId, lastId))
            {
                dropped++;
                return CONSUMED;
            }
            if (!rule.bridgesSnapshot(bookId, firstId, lastId))
            {
                // The snapshot is older than this diff: diffs in between were never seen.
                return notChained(false, buffer, offset, length, bufferOnStale);
            }
        }
        else
        {
            if (lastId <= bookId)
            {
                dropped++; // duplicate or late
                return CONSUMED;
            }
            if (!rule.continues(bookId, firstId, lastId, prevId))
            {
                return notChained(true, buffer, offset, length, bufferOnStale);
            }
        }
        apply(buffer, offset, lastId);
        return state == SyncState.AWAITING_SNAPSHOT ? STALE_CONSUMED : CONSUMED;
    }

    private int notChained(
        final boolean gap, final DirectBuffer buffer, final int offset, final int length, final boolean bufferOnStale)
    {
        goStale(gap);
        if (bufferOnStale)
        {
            pending.add(buffer, offset, length);
        }
        return STALE_UNCONSUMED;
    }

    private int replay(final DirectBuffer buffer, final int offset, final int length)
    {
        return sequence(buffer, offset, length, false);
    }

    private void apply(final DirectBuffer buffer, final int offset, final long lastId)
    {
        levelUpdateCount += setLevels(buffer, offset);
        book.lastUpdateId(lastId);
        appliedCount++;
        listener.onLevelsApplied(this, buffer, offset);
        if (book.isCrossed())
        {
            // Checked before going LIVE, so listeners never hear LIVE for a book that is already unusable.
            crossedCount++;
            goStale(false);
            return;
        }
        if (state != SyncState.LIVE)
        {
            state = SyncState.LIVE;
            listener.onStateChanged(this, SyncState.LIVE);
        }
        if (pendingTicker.release(lastId))
        {
            checkTicker(pendingTicker.bidPrice(), pendingTicker.bidQty(), pendingTicker.askPrice(),
                pendingTicker.askQty());
        }
        listener.onBookUpdated(this);
    }

    /**
     * Set every level of a DEPTH or SNAPSHOT event (same layout) on the book.
     *
     * @return levels set.
     */
    private int setLevels(final DirectBuffer buffer, final int offset)
    {
        final int bidCount = buffer.getInt(offset + DEPTH_BID_COUNT);
        final int askCount = buffer.getInt(offset + DEPTH_ASK_COUNT);
        int pos = offset + DEPTH_LEVELS;
        for (int i = 0; i < bidCount; i++, pos += LEVEL_LENGTH)
        {
            book.set(Side.BID, buffer.getLong(pos), buffer.getLong(pos + 8));
        }
        for (int i = 0; i < askCount; i++, pos += LEVEL_LENGTH)
        {
            book.set(Side.ASK, buffer.getLong(pos), buffer.getLong(pos + 8));
        }
        return bidCount + askCount;
    }

    private void onSnapshot(final DirectBuffer buffer, final int offset)
    {
        final long snapshotId = buffer.getLong(offset + DEPTH_LAST_ID);
        if (state != SyncState.AWAITING_SNAPSHOT && snapshotId <= book.lastUpdateId())
        {
            ignoredSnapshotCount++; // our book is at least as new
            return;
        }
        book.clear();
        setLevels(buffer, offset);
        book.lastUpdateId(snapshotId);
        snapshotCount++;
        state = SyncState.SYNCING;
        listener.onStateChanged(this, SyncState.SYNCING);
        pending.replay(replayer);
    }

    private void goStale(final boolean gap)
    {
        if (gap)
        {
            gapCount++;
        }
        resyncCount++;
        state = SyncState.AWAITING_SNAPSHOT;
        pendingTicker.clear();
        listener.onStateChanged(this, SyncState.AWAITING_SNAPSHOT);
        snapshotRequester.requestSnapshot(instrument.id());
    }

    private void onTicker(final DirectBuffer buffer, final int offset)
    {
        tickerCount++;
        final long updateId = buffer.getLong(offset + TICKER_UPDATE_ID);
        final long bidPrice = buffer.getLong(offset + TICKER_BID_PRICE);
        final long bidQty = buffer.getLong(offset + TICKER_BID_QTY);
        final long askPrice = buffer.getLong(offset + TICKER_ASK_PRICE);
        final long askQty = buffer.getLong(offset + TICKER_ASK_QTY);
        if (state == SyncState.LIVE && updateId == book.lastUpdateId())
        {
            checkTicker(bidPrice, bidQty, askPrice, askQty);
        }
        else if (updateId > book.lastUpdateId())
        {
            pendingTicker.hold(updateId, bidPrice, bidQty, askPrice, askQty,
                buffer.getLong(offset + TICKER_RECEIVE_TIME_NS));
        }
    }

    private void checkTicker(final long bidPrice, final long bidQty, final long askPrice, final long askQty)
    {
        tickerCheckCount++;
        if (book.bids().bestPrice() == bidPrice && book.bids().bestQty() == bidQty &&
            book.asks().bestPrice() == askPrice && book.asks().bestQty() == askQty)
        {
            tickerAgreeCount++;
        }
    }

    /**
     * Live sources only: a bookTicker names an update id the book has not reached and no diff
     * has brought it there within the limit. The venue sends every update in the depth stream
     * within one depth interval of the bookTicker, so the diff that carried it was lost (a drop, or
     * the last diffs before a disconnect, which no later diff would reveal on a quiet market): the
     * book is stale and resyncs, counted as a gap.
     *
     * @param nowNs   now, on the clock of the events' receive times (epoch ns).
     * @param limitNs how long a bookTicker may stay ahead of the book.
     * @return true when the book went stale.
     */
    public boolean checkTickerLag(final long nowNs, final long limitNs)
    {
        if (state == SyncState.LIVE && pendingTicker.overdue(book.lastUpdateId(), nowNs, limitNs))
        {
            tickerLagResyncCount++;
            goStale(true);
            return true;
        }
        return false;
    }

    /** @return resyncs because a bookTicker stayed ahead of the book (see {@link #checkTickerLag}). */
    public long tickerLagResyncCount()
    {
        return tickerLagResyncCount;
    }

    /**
     * Forget the book, buffered diffs and counters, as if newly created. Allocates nothing.
     */
    public void reset()
    {
        book.clear();
        state = SyncState.AWAITING_SNAPSHOT;
        pending.reset();
        pendingTicker.clear();
        appliedCount = dropped = gapCount = resyncCount = crossedCount = tickerLagResyncCount = 0;
        snapshotCount = ignoredSnapshotCount = levelUpdateCount = 0;
        tickerCount = tickerCheckCount = tickerAgreeCount = trades = 0;
    }

    /** @return the instrument. */
    public Instrument instrument()
    {
        return instrument;
    }

    /** @return the book (read it only on the book thread). */
    public L2Book book()
    {
        return book;
    }

    /** @return the sequencing state. */
    public SyncState state()
    {
        return state;
    }

    /** @return diffs applied. */
    public long appliedCount()
    {
        return appliedCount;
    }

    /** @return diffs dropped as already contained in the book (or lost to a pending overflow). */
    public long dropped()
    {
        return dropped + pending.droppedCount();
    }

    /** @return diffs buffered while awaiting a snapshot. */
    public long bufferedCount()
    {
        return pending.bufferedCount();
    }

    /** @return sequence gaps detected while live. */
    public long gapCount()
    {
        return gapCount;
    }

    /** @return times the book went stale and asked for a snapshot (gaps, crossings, old snapshots). */
    public long resyncCount()
    {
        return resyncCount;
    }

    /** @return times the book was crossed after a diff. */
    public long crossedCount()
    {
        return crossedCount;
    }

    /** @return snapshots loaded. */
    public long snapshotCount()
    {
        return snapshotCount;
    }

    /** @return snapshots ignored because the book was already newer. */
    public long ignoredSnapshotCount()
    {
        return ignoredSnapshotCount;
    }

    /** @return times the pending buffer overflowed and was discarded. */
    public long pendingOverflowCount()
    {
        return pending.overflowCount();
    }

    /** @return individual level sets applied by diffs. */
    public long levelUpdateCount()
    {
        return levelUpdateCount;
    }

    /** @return bookTickers received. */
    public long tickerCount()
    {
        return tickerCount;
    }

    /** @return bookTickers whose id matched the book's id. */
    public long tickerCheckCount()
    {
        return tickerCheckCount;
    }

    /** @return of those, how many equalled the rebuilt top exactly. */
    public long tickerAgreeCount()
    {
        return tickerAgreeCount;
    }

    /** @return trades received. */
    public long trades()
    {
        return trades;
    }
}
