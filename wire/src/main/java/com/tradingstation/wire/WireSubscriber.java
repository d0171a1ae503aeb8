package com.tradingstation.wire;

import com.tradingstation.core.book.BookSide;
import com.tradingstation.core.book.L2Book;
import com.tradingstation.core.book.Side;
import com.tradingstation.core.instrument.Venue;
import com.tradingstation.wire.sbe.Aggressor;
import com.tradingstation.wire.sbe.BookLevelUpdateDecoder;
import com.tradingstation.wire.sbe.BookSnapshotDecoder;
import com.tradingstation.wire.sbe.BookState;
import com.tradingstation.wire.sbe.HeartbeatDecoder;
import com.tradingstation.wire.sbe.InstrumentDefinitionDecoder;
import com.tradingstation.wire.sbe.InstrumentStatusDecoder;
import com.tradingstation.wire.sbe.TopOfBookDecoder;
import com.tradingstation.wire.sbe.TradeDecoder;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The subscriber's protocol logic, transport-free: feed it each datagram of the incremental and
 * snapshot channels ({@link UdpSubscriber} does this from sockets) and it keeps every book.
 * <p>
 * Gap recovery, per instrument: every book message carries its instrument's {@code bookSeq} (1, 2,
 * 3 ... with no holes), and a hole in it makes that one book stale. A lost datagram therefore
 * stales only the instruments whose messages it carried, found at the instrument's next book
 * message, at the next repeated definition (which carries the last bookSeq sent), or at its next
 * snapshot, whichever comes first. A stale book is rebuilt from the snapshot channel: a snapshot
 * names the last incremental packet it reflects, S, and the instrument's bookSeq then; when that
 * bookSeq is recent enough, the snapshot replaces the book and the book messages after it, in the
 * incremental packets after S kept in a bounded log of recent packets, are replayed onto it.
 * Messages up to the snapshot's bookSeq that arrive later are skipped for that book.
 * <p>
 * A version-1 publisher sends no bookSeq: a hole in the packet sequence then marks every book
 * stale (nobody can tell whose updates were lost) and a snapshot must reflect the hole.
 * <p>
 * Malformed, foreign or unknown-version packets are rejected whole before anything in them is
 * applied, and counted. Unknown templates inside a good packet are skipped by their frame length.
 * <p>
 * Jobs: {@link PacketValidator} checks each datagram whole, {@link PacketFrames} walks its frames,
 * {@link SubscriberBooks} holds the books, {@link SnapshotAssembler} builds a snapshot's book
 * from its parts, {@link SubscriberCounters} counts; this class sequences the two channels,
 * applies messages, finds holes and recovers books.
 * <p>
 * Threading: one thread. Allocation: none per packet once every instrument is known (a definition
 * of a new instrument allocates its book).
 */
public final class WireSubscriber
{
    /** Default bytes of recent incremental packets kept for replay after a snapshot. */
    public static final int DEFAULT_REPLAY_BYTES = 8 * 1024 * 1024;

    private final SubscriberListener listener;
    private final PacketValidator validator = new PacketValidator();
    private final PacketFrames incrementalFrames = new PacketFrames();
    private final PacketFrames snapshotFrames = new PacketFrames();
    private final BookLevelUpdateDecoder levelUpdate = new BookLevelUpdateDecoder();
    private final TopOfBookDecoder top = new TopOfBookDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final InstrumentStatusDecoder status = new InstrumentStatusDecoder();
    private final InstrumentDefinitionDecoder definition = new InstrumentDefinitionDecoder();
    private final BookSnapshotDecoder snapshot = new BookSnapshotDecoder();
    private final byte[] symbolScratch = new byte[InstrumentDefinitionDecoder.symbolLength()];

    private final SubscriberBooks books = new SubscriberBooks();
    private final SnapshotAssembler assembler = new SnapshotAssembler();
    private final SubscriberCounters counters = new SubscriberCounters();

    private final PacketLog packetLog;
    private final PacketLog.Visitor replayVisitor = this::replayPacket;
    private int replayInstrument;
    private boolean replaying;

    private long expectedIncrementalSeq;
    private long contiguousFromSeq;
    private long expectedSnapshotSeq;
    private long nowNs;

    /**
     * @param listener    callbacks.
     * @param replayBytes bytes of recent incremental packets kept for replay after a snapshot.
     */
    public WireSubscriber(final SubscriberListener listener, final int replayBytes)
    {
        this.listener = listener == null ? SubscriberListener.NONE : listener;
        this.packetLog = new PacketLog(replayBytes, replayBytes / 64);
    }

    /**
     * @param listener callbacks.
     */
    public WireSubscriber(final SubscriberListener listener)
    {
        this(listener, DEFAULT_REPLAY_BYTES);
    }

    /**
     * Handle one datagram.
     *
     * @param expectedChannel the channel the socket it came from carries.
     * @param buffer          datagram bytes.
     * @param offset          start.
     * @param length          length.
     * @param receiveNs       {@link System#nanoTime()} at receipt (staleness clock).
     * @return true when accepted, false when rejected (counted in {@link #rejected(RejectReason)}).
     */
    public boolean onPacket(
        final int expectedChannel, final DirectBuffer buffer, final int offset, final int length, final long receiveNs)
    {
        nowNs = receiveNs;
        final RejectReason reason = validator.validate(expectedChannel, buffer, offset, length);
        if (reason != null)
        {
            counters.rejectedCounts[reason.ordinal()]++;
            return false;
        }
        counters.accepted(expectedChannel, PacketHeader.messageCount(buffer, offset), length);
        if (expectedChannel == WireProtocol.CHANNEL_INCREMENTAL)
        {
            onIncremental(buffer, offset, length);
        }
        else
        {
            onSnapshotPacket(buffer, offset);
        }
        return true;
    }

    // ------------------------------------------------------------------ incremental channel

    private void onIncremental(final DirectBuffer buffer, final int offset, final int length)
    {
        final long seq = PacketHeader.sequence(buffer, offset);
        if (expectedIncrementalSeq == 0)
        {
            expectedIncrementalSeq = seq;
            contiguousFromSeq = seq;
        }
        if (seq < expectedIncrementalSeq)
        {
            if (seq != 1)
            {
                counters.duplicateCount++;
                return;
            }
            restart(); // the publisher started again: its instrument ids may have changed
        }
        if (seq > expectedIncrementalSeq)
        {
            counters.gapCount++;
            counters.lostPacketCount += seq - expectedIncrementalSeq;
            contiguousFromSeq = seq;
            if (PacketHeader.version(buffer, offset) < WireProtocol.BOOK_SEQ_VERSION)
            {
                markAllStale(seq - 1); // no bookSeq: nobody can tell whose messages were lost
            }
            // Otherwise each instrument finds the hole in its own bookSeq.
        }
        expectedIncrementalSeq = seq + 1;
        packetLog.append(buffer, offset, length, seq);
        applyIncremental(buffer, offset, seq, -1);
    }

    private void restart()
    {
        counters.restartCount++;
        markAllStale(0);
        books.clear();
        packetLog.clear();
        expectedIncrementalSeq = 1;
        contiguousFromSeq = 1;
        assembler.abandon();
    }

    /**
     * Apply an incremental packet's messages.
     *
     * @param only instrument to apply to (replay), or -1 for all.
     */
    private void applyIncremental(final DirectBuffer buffer, final int offset, final long seq, final int only)
    {
        final PacketFrames frames = incrementalFrames;
        frames.wrap(buffer, offset);
        while (frames.next())
        {
            final int body = frames.body();
            final int blockLength = frames.blockLength();
            final int version = frames.version();
            switch (frames.templateId())
            {
                case BookLevelUpdateDecoder.TEMPLATE_ID:
                    levelUpdate.wrap(buffer, body, blockLength, version);
                    onLevelUpdate(seq, only);
                    break;
                case TopOfBookDecoder.TEMPLATE_ID:
                    top.wrap(buffer, body, blockLength, version);
                    onTopOfBook(seq, only);
                    break;
                case TradeDecoder.TEMPLATE_ID:
                    trade.wrap(buffer, body, blockLength, version);
                    onTrade(only >= 0);
                    break;
                case InstrumentStatusDecoder.TEMPLATE_ID:
                    status.wrap(buffer, body, blockLength, version);
                    onStatus(seq, only);
                    break;
                case InstrumentDefinitionDecoder.TEMPLATE_ID:
                    definition.wrap(buffer, body, blockLength, version);
                    if (only < 0)
                    {
                        define();
                    }
                    checkDefinitionBookSeq(only);
                    break;
                default:
                    if (only < 0 && frames.templateId() != HeartbeatDecoder.TEMPLATE_ID)
                    {
                        counters.unknownTemplateCount++;
                    }
                    break;
            }
        }
    }

    private void onLevelUpdate(final long seq, final int only)
    {
        final SubscriberBook b = target((int)levelUpdate.instrumentId(), seq, only, levelUpdate.bookSeq());
        if (b == null)
        {
            return;
        }
        b.book.set(levelUpdate.side() == com.tradingstation.wire.sbe.Side.BID ? Side.BID : Side.ASK,
            levelUpdate.price(), levelUpdate.qty());
        if ((levelUpdate.flags() & WireProtocol.FLAG_END_OF_UPDATE) != 0)
        {
            b.book.lastUpdateId(levelUpdate.updateId());
            if (only < 0)
            {
                listener.onBookChanged(b);
            }
        }
    }

    private void onTopOfBook(final long seq, final int only)
    {
        final SubscriberBook b = target((int)top.instrumentId(), seq, only, top.bookSeq());
        if (b == null)
        {
            return;
        }
        b.book.lastUpdateId(top.updateId());
        counters.topCheckCount++;
        final L2Book l2 = b.book;
        if (!sideAgrees(l2.bids(), top.bidPrice(), top.bidQty()) ||
            !sideAgrees(l2.asks(), top.askPrice(), top.askQty()))
        {
            counters.topMismatchCount++;
        }
    }

    private void onTrade(final boolean replay)
    {
        final SubscriberBook b = books.get((int)trade.instrumentId());
        if (b == null)
        {
            counters.undefinedInstrumentCount++;
        }
        else if (!replay)
        {
            listener.onTrade(b, trade.tradeId(), trade.price(), trade.qty(), trade.aggressor() == Aggressor.BUY,
                trade.exchangeTimeNs());
        }
    }

    private void onStatus(final long seq, final int only)
    {
        final long bookSeq = status.bookSeq();
        final SubscriberBook b = target((int)status.instrumentId(), seq, only, bookSeq);
        if (b != null && status.state() == BookState.STALE)
        {
            // The station's book was replaced: a snapshot must be taken after this status.
            markStale(b, seq, bookSeq == WireProtocol.NO_BOOK_SEQ ? 0 : bookSeq);
        }
    }

    private static boolean sideAgrees(final BookSide side, final long price, final long qty)
    {
        if (price == WireProtocol.NO_PRICE)
        {
            return side.isEmpty();
        }
        return !side.isEmpty() && side.bestPrice() == price && side.bestQty() == qty;
    }

    /**
     * The book a message should be applied to, or null: unknown instrument, filtered out during a
     * replay, stale, already reflected by the snapshot it was rebuilt from, or after a hole in the
     * instrument's bookSeq (which makes the book stale).
     *
     * @param bookSeq the message's bookSeq, or {@link WireProtocol#NO_BOOK_SEQ} (version 1).
     */
    private SubscriberBook target(final int instrumentId, final long seq, final int only, final long bookSeq)
    {
        if (only >= 0 && instrumentId != only)
        {
            return null;
        }
        final SubscriberBook b = books.get(instrumentId);
        if (b == null)
        {
            counters.undefinedInstrumentCount++;
            return null;
        }
        if (b.stale)
        {
            return null;
        }
        if (bookSeq == WireProtocol.NO_BOOK_SEQ)
        {
            return seq <= b.skipThroughSeq ? null : b;
        }
        if (bookSeq <= b.bookSeq)
        {
            return null;
        }
        if (bookSeq != b.bookSeq + 1)
        {
            instrumentGap(b, bookSeq - 1 - b.bookSeq, seq - 1, bookSeq - 1);
            return null;
        }
        b.bookSeq = bookSeq;
        return b;
    }

    /**
     * A repeated definition on the incremental channel names the last bookSeq sent for its
     * instrument: a live book behind it lost messages, even when the instrument has gone quiet.
     */
    private void checkDefinitionBookSeq(final int only)
    {
        final int id = (int)definition.instrumentId();
        if (only >= 0 && id != only)
        {
            return;
        }
        final long bookSeq = definition.bookSeq();
        final SubscriberBook b = books.get(id);
        if (b != null && !b.stale && bookSeq != WireProtocol.NO_BOOK_SEQ && bookSeq > b.bookSeq)
        {
            counters.gapsFoundByDefinitionCount++;
            instrumentGap(b, bookSeq - b.bookSeq, expectedIncrementalSeq - 1, bookSeq);
        }
    }

    /**
     * A hole in one instrument's bookSeq: its book is stale until a snapshot reflects {@code requiredBookSeq}.
     */
    private void instrumentGap(final SubscriberBook b, final long missing, final long requiredSeq,
        final long requiredBookSeq)
    {
        counters.instrumentGapCount++;
        counters.lostBookMessageCount += missing;
        b.gapCount++;
        b.lostMessages += missing;
        markStale(b, requiredSeq, requiredBookSeq);
    }

    private void define()
    {
        final int id = (int)definition.instrumentId();
        if (books.get(id) != null)
        {
            return;
        }
        final int venueOrdinal = definition.venueRaw();
        if (venueOrdinal >= Venue.values().length)
        {
            counters.unknownTemplateCount++; // a venue this build does not know: ignore the instrument
            return;
        }
        final int n = definition.getSymbol(symbolScratch, 0);
        int len = 0;
        while (len < n && symbolScratch[len] != 0)
        {
            len++;
        }
        final SubscriberBook b = new SubscriberBook(id, Venue.fromOrdinal(venueOrdinal),
            new String(symbolScratch, 0, len, StandardCharsets.US_ASCII), definition.priceExponent(),
            definition.qtyExponent(), nowNs);
        // A new book needs a snapshot that reflects everything before the packets we hold.
        b.requiredSeq = Math.max(0, contiguousFromSeq - 1);
        books.add(b);
    }

    private void markAllStale(final long requiredSeq)
    {
        for (int i = 0, n = books.size(); i < n; i++)
        {
            final SubscriberBook b = books.at(i);
            b.requiredSeq = Math.max(b.requiredSeq, requiredSeq);
            if (!b.stale)
            {
                goStale(b);
            }
        }
    }

    private void markStale(final SubscriberBook b, final long requiredSeq, final long requiredBookSeq)
    {
        b.requiredSeq = Math.max(b.requiredSeq, requiredSeq);
        b.requiredBookSeq = Math.max(b.requiredBookSeq, requiredBookSeq);
        if (replaying)
        {
            b.stale = true; // the recovery in progress fails; the book never went live, so no callback
        }
        else if (!b.stale)
        {
            goStale(b);
        }
    }

    private void goStale(final SubscriberBook b)
    {
        b.stale = true;
        b.staleSinceNs = nowNs;
        b.staleCount++;
        listener.onStale(b);
    }

    // ------------------------------------------------------------------ snapshot channel

    private void onSnapshotPacket(final DirectBuffer buffer, final int offset)
    {
        final long seq = PacketHeader.sequence(buffer, offset);
        if (expectedSnapshotSeq != 0 && seq != expectedSnapshotSeq)
        {
            if (seq < expectedSnapshotSeq && seq != 1)
            {
                counters.duplicateCount++;
                return;
            }
            counters.snapshotGapCount++;
            discardSnapshot();
        }
        expectedSnapshotSeq = seq + 1;
        final PacketFrames frames = snapshotFrames;
        frames.wrap(buffer, offset);
        while (frames.next())
        {
            switch (frames.templateId())
            {
                case InstrumentDefinitionDecoder.TEMPLATE_ID:
                    definition.wrap(buffer, frames.body(), frames.blockLength(), frames.version());
                    define();
                    break;
                case BookSnapshotDecoder.TEMPLATE_ID:
                    snapshot.wrap(buffer, frames.body(), frames.blockLength(), frames.version());
                    onSnapshotPart();
                    break;
                default:
                    break;
            }
        }
    }

    private void onSnapshotPart()
    {
        if (snapshot.part() == 0)
        {
            if (assembler.isAssembling())
            {
                discardSnapshot();
            }
            final SubscriberBook b = books.get((int)snapshot.instrumentId());
            if (b == null || (!b.stale && !behind(b)))
            {
                return; // nothing to recover
            }
            assembler.begin(snapshot);
        }
        if (!assembler.isNextPart(snapshot))
        {
            if (assembler.isAssembling())
            {
                discardSnapshot();
            }
            return;
        }
        if (assembler.add(snapshot))
        {
            recover(books.get((int)snapshot.instrumentId()));
        }
    }

    /**
     * A live book the snapshot shows to have lost messages: every incremental packet the snapshot
     * reflects has been received or found lost, yet the book has not reached the snapshot's bookSeq.
     * The book goes stale and this snapshot recovers it.
     */
    private boolean behind(final SubscriberBook b)
    {
        final long bookSeq = snapshot.bookSeq();
        if (bookSeq == WireProtocol.NO_BOOK_SEQ || bookSeq <= b.bookSeq ||
            expectedIncrementalSeq == 0 || snapshot.lastIncrementalSeq() > expectedIncrementalSeq - 1)
        {
            return false;
        }
        counters.gapsFoundBySnapshotCount++;
        instrumentGap(b, bookSeq - b.bookSeq, snapshot.lastIncrementalSeq(), bookSeq);
        return true;
    }

    private void discardSnapshot()
    {
        assembler.abandon();
        counters.snapshotsDiscardedCount++;
    }

    private void recover(final SubscriberBook b)
    {
        final long s = assembler.incrementalSeq();
        final long snapshotBookSeq = assembler.bookSeq();
        final long lastReceived = expectedIncrementalSeq - 1;
        if (!b.stale || !usable(b, s, snapshotBookSeq, lastReceived))
        {
            counters.snapshotsUnusableCount++;
            return;
        }
        assembler.swapInto(b);
        b.skipThroughSeq = s;
        if (snapshotBookSeq != WireProtocol.NO_BOOK_SEQ)
        {
            b.bookSeq = snapshotBookSeq;
        }
        b.stale = false;
        if (s < lastReceived)
        {
            replayAfter(b, s);
            b.skipThroughSeq = lastReceived;
        }
        if (b.stale)
        {
            // The replay found a hole in the instrument's bookSeq, or the station's book went stale
            // after the snapshot: the book stays stale for a later snapshot.
            counters.snapshotsUnusableCount++;
            return;
        }
        b.staleNsTotal += nowNs - b.staleSinceNs;
        b.recoveryCount++;
        counters.recoveryCount++;
        counters.snapshotsAppliedCount++;
        listener.onRecovered(b);
    }

    /**
     * With bookSeq the snapshot must reflect the instrument's last missing message, and the replay
     * checks the rest message by message; without it (version 1), the snapshot must be newer than
     * the last hole in the packet sequence. Either way the packets after it must still be in the log.
     */
    private boolean usable(final SubscriberBook b, final long s, final long snapshotBookSeq, final long lastReceived)
    {
        final boolean recentEnough = snapshotBookSeq != WireProtocol.NO_BOOK_SEQ
            ? snapshotBookSeq >= b.requiredBookSeq
            : s >= b.requiredSeq && s + 1 >= contiguousFromSeq;
        final long oldest = packetLog.oldestSequence();
        return recentEnough && (s >= lastReceived || (oldest != 0 && oldest <= s + 1));
    }

    private void replayAfter(final SubscriberBook b, final long s)
    {
        replayInstrument = b.instrumentId();
        replaying = true;
        try
        {
            packetLog.forEachAfter(s, replayVisitor);
        }
        finally
        {
            replaying = false;
        }
    }

    private void replayPacket(final DirectBuffer buffer, final int offset, final int length, final long seq)
    {
        applyIncremental(buffer, offset, seq, replayInstrument);
    }

    // ------------------------------------------------------------------ views and counters

    /**
     * @param instrumentId station instrument id.
     * @return its book, or null when no definition has arrived.
     */
    public SubscriberBook book(final int instrumentId)
    {
        return books.get(instrumentId);
    }

    /** @return every known book, in order of definition. */
    public List<SubscriberBook> books()
    {
        return books.list();
    }

    /** @return books currently stale. */
    public int staleBooks()
    {
        return books.staleCount();
    }

    /**
     * @param channel {@link WireProtocol#CHANNEL_INCREMENTAL} or {@link WireProtocol#CHANNEL_SNAPSHOT}.
     * @return packets accepted on it.
     */
    public long packets(final int channel)
    {
        return counters.packetCounts[channel];
    }

    /**
     * @param channel channel id.
     * @return messages in accepted packets.
     */
    public long messages(final int channel)
    {
        return counters.messageCounts[channel];
    }

    /**
     * @param channel channel id.
     * @return bytes of accepted packets.
     */
    public long bytes(final int channel)
    {
        return counters.receivedBytes[channel];
    }

    /**
     * @param reason why.
     * @return packets rejected for it.
     */
    public long rejected(final RejectReason reason)
    {
        return counters.rejectedCounts[reason.ordinal()];
    }

    /** @return packets rejected for any reason. */
    public long rejectedTotal()
    {
        return counters.rejectedTotal();
    }

    /** @return sequence of the last incremental packet accepted, 0 before the first. */
    public long lastIncrementalSequence()
    {
        return expectedIncrementalSeq == 0 ? 0 : expectedIncrementalSeq - 1;
    }

    /** @return holes in the incremental sequence. */
    public long gapCount()
    {
        return counters.gapCount;
    }

    /** @return incremental packets never received. */
    public long lostPacketCount()
    {
        return counters.lostPacketCount;
    }

    /** @return times the publisher started again (sequence back to 1): every book was dropped. */
    public long restarts()
    {
        return counters.restartCount;
    }

    /** @return packets with an old sequence number, ignored. */
    public long duplicateCount()
    {
        return counters.duplicateCount;
    }

    /** @return holes in the snapshot channel's sequence. */
    public long snapshotGaps()
    {
        return counters.snapshotGapCount;
    }

    /** @return snapshots that rebuilt a book. */
    public long snapshotsApplied()
    {
        return counters.snapshotsAppliedCount;
    }

    /**
     * @return complete snapshots that did not make their book live: too old, too far behind the
     * replay log, or the replay after them found another hole.
     */
    public long snapshotsUnusable()
    {
        return counters.snapshotsUnusableCount;
    }

    /** @return snapshots abandoned part-way (a part was lost). */
    public long snapshotsDiscarded()
    {
        return counters.snapshotsDiscardedCount;
    }

    /** @return books rebuilt. */
    public long recoveryCount()
    {
        return counters.recoveryCount;
    }

    /** @return holes found in instruments' bookSeq, each of which made one book stale. */
    public long instrumentGaps()
    {
        return counters.instrumentGapCount;
    }

    /** @return book messages found missing in those holes (over all instruments). */
    public long lostBookMessages()
    {
        return counters.lostBookMessageCount;
    }

    /** @return of {@link #instrumentGaps()}, those a repeated definition revealed (the instrument had gone quiet). */
    public long gapsFoundByDefinition()
    {
        return counters.gapsFoundByDefinitionCount;
    }

    /** @return of {@link #instrumentGaps()}, those a snapshot of a live book revealed. */
    public long gapsFoundBySnapshot()
    {
        return counters.gapsFoundBySnapshotCount;
    }

    /** @return messages of templates this build does not know, skipped. */
    public long unknownTemplates()
    {
        return counters.unknownTemplateCount;
    }

    /** @return messages for instruments not yet defined, skipped. */
    public long undefinedInstrument()
    {
        return counters.undefinedInstrumentCount;
    }

    /** @return TopOfBook messages compared with the rebuilt book. */
    public long topChecks()
    {
        return counters.topCheckCount;
    }

    /** @return TopOfBook messages that disagreed with the rebuilt book (0 on a correct feed). */
    public long topMismatches()
    {
        return counters.topMismatchCount;
    }

}
