package com.tradingstation.wire;

import com.tradingstation.wire.sbe.BookLevelUpdateEncoder;
import com.tradingstation.wire.sbe.BookSnapshotEncoder;
import com.tradingstation.wire.sbe.InstrumentDefinitionEncoder;
import com.tradingstation.wire.sbe.MessageHeaderEncoder;
import com.tradingstation.wire.sbe.Side;
import com.tradingstation.wire.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-instrument sequence, datagram by datagram: which books a lost datagram makes stale, how a
 * quiet instrument's loss is found (repeated definition, snapshot of a live book), a replay that
 * meets another hole, and a version-1 stream (no bookSeq: every book stale on a gap).
 */
class BookSeqTest
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final int X = 0;
    private static final int Y = 1;

    private final List<String> events = new ArrayList<>();
    private final WireSubscriber sub = new WireSubscriber(new SubscriberListener()
    {
        @Override
        public void onStale(final BookView book)
        {
            events.add("stale " + book.instrumentId());
        }

        @Override
        public void onRecovered(final BookView book)
        {
            events.add("recovered " + book.instrumentId());
        }
    }, 1 << 20);

    private long incSeq;
    private long snapSeq;
    /** Per instrument: bookSeq the "publisher" is at. */
    private final long[] bookSeq = new long[2];

    @Test
    void aLostDatagramStalesOnlyTheInstrumentWhoseMessagesItCarried()
    {
        bothLive();
        incremental(level(X, 100, 1), level(Y, 200, 1));
        lose(level(X, 101, 2));                       // X's bookSeq 4 is lost
        incremental(level(Y, 201, 3));                 // Y goes on: live, nothing missing
        assertThat(sub.gapCount()).isEqualTo(1);
        assertThat(sub.book(Y).isStale()).isFalse();
        assertThat(sub.book(X).isStale()).as("X has not spoken since").isFalse();
        incremental(level(X, 102, 4));                 // X's next message shows the hole
        assertThat(sub.book(X).isStale()).isTrue();
        assertThat(sub.book(Y).isStale()).isFalse();
        assertThat(events).containsExactly("recovered 0", "recovered 1", "stale 0");
        assertThat(sub.instrumentGaps()).isEqualTo(1);
        assertThat(sub.book(X).gapCount()).isEqualTo(1);
        assertThat(sub.book(X).lostMessages()).isEqualTo(1);
        assertThat(sub.book(Y).gapCount()).isZero();

        // A snapshot taken before the lost message cannot recover X; the next one can.
        snapshot(X, bookSeq[X] - 2, incSeq - 2, 100);
        assertThat(sub.book(X).isStale()).isTrue();
        assertThat(sub.snapshotsUnusable()).isEqualTo(1);
        snapshot(X, bookSeq[X], incSeq, 100, 101, 102);
        assertThat(sub.book(X).isStale()).isFalse();
        assertThat(sub.book(X).depth(com.tradingstation.core.book.Side.BID)).isEqualTo(3);
        assertThat(events).endsWith("stale 0", "recovered 0");
        // X goes on from the snapshot's bookSeq without another hole.
        incremental(level(X, 103, 5));
        assertThat(sub.book(X).isStale()).isFalse();
        assertThat(sub.book(X).bookSeq()).isEqualTo(bookSeq[X]);
    }

    @Test
    void aQuietInstrumentsLossIsFoundByTheRepeatedDefinition()
    {
        bothLive();
        lose(level(X, 100, 1));                        // X's last message before going quiet
        incremental(level(Y, 200, 1));
        assertThat(sub.book(X).isStale()).isFalse();
        incremental(definition(X), definition(Y));     // the definitions carry the last bookSeq sent
        assertThat(sub.book(X).isStale()).isTrue();
        assertThat(sub.book(Y).isStale()).isFalse();
        assertThat(sub.gapsFoundByDefinition()).isEqualTo(1);
        assertThat(sub.book(X).lostMessages()).isEqualTo(1);
    }

    @Test
    void aSnapshotAheadOfALiveBookRecoversItAtOnce()
    {
        bothLive();
        lose(level(X, 100, 1));
        incremental(level(Y, 200, 1));
        snapshot(X, bookSeq[X], incSeq, 100);          // reflects the lost message, which the book lacks
        assertThat(sub.gapsFoundBySnapshot()).isEqualTo(1);
        assertThat(sub.book(X).isStale()).isFalse();
        assertThat(sub.book(X).depth(com.tradingstation.core.book.Side.BID)).isEqualTo(1);
        assertThat(events).endsWith("stale 0", "recovered 0");
        // A snapshot the book is level with changes nothing (Y keeps 199 and 200, not the snapshot's 300).
        snapshot(Y, bookSeq[Y], incSeq, 300);
        assertThat(sub.book(Y).depth(com.tradingstation.core.book.Side.BID)).isEqualTo(2);
        assertThat(sub.book(Y).price(com.tradingstation.core.book.Side.BID, 0)).isEqualTo(200);
        assertThat(sub.gapsFoundBySnapshot()).isEqualTo(1);
    }

    @Test
    void aReplayThatMeetsAnotherHoleLeavesTheBookStaleWithoutCallbacks()
    {
        bothLive();
        lose(level(X, 100, 1));
        incremental(level(X, 101, 2));                 // X stale
        final long snapBookSeq = bookSeq[X];
        final long snapIncSeq = incSeq;
        lose(level(X, 102, 3));                        // lost again after the snapshot below was taken
        incremental(level(X, 103, 4));
        snapshot(X, snapBookSeq, snapIncSeq, 100, 101);
        assertThat(sub.book(X).isStale()).isTrue();
        assertThat(sub.snapshotsUnusable()).isEqualTo(1);
        assertThat(events).containsExactly("recovered 0", "recovered 1", "stale 0");
        snapshot(X, bookSeq[X], incSeq, 100, 101, 102, 103);
        assertThat(sub.book(X).isStale()).isFalse();
        assertThat(events).endsWith("stale 0", "recovered 0");
    }

    @Test
    void aVersionOneStreamHasNoBookSeqAndAGapStalesEveryBook()
    {
        incremental(1, definition(X), definition(Y));
        snapshotV1(X, incSeq, 100);
        snapshotV1(Y, incSeq, 200);
        assertThat(sub.staleBooks()).isZero();
        incremental(1, level(X, 101, 1));
        incSeq++;                                      // lost
        incremental(1, level(Y, 201, 1));
        assertThat(sub.staleBooks()).isEqualTo(2);
        assertThat(sub.instrumentGaps()).isZero();
        assertThat(sub.rejectedTotal()).isZero();
        snapshotV1(X, incSeq, 100, 101);
        assertThat(sub.book(X).isStale()).isFalse();
        assertThat(sub.book(X).bookSeq()).isZero();
    }

    @Test
    void aVersionTwoBlockWithoutItsBookSeqIsTruncated()
    {
        final UnsafeBuffer b = packet(WireProtocol.CHANNEL_INCREMENTAL, 2, 1, level(X, 100, 1));
        // Claim version 2 for a level update cut to its version-1 block.
        final int frame = PacketHeader.LENGTH;
        final int v1Block = BookLevelUpdateEncoder.bookSeqEncodingOffset();
        b.putShort(frame, (short)(2 + 8 + v1Block), LE);
        b.putShort(frame + 2, (short)v1Block, LE);
        assertThat(sub.onPacket(WireProtocol.CHANNEL_INCREMENTAL, b, 0, PacketHeader.LENGTH + 2 + 8 + v1Block, 0))
            .isFalse();
        assertThat(sub.rejected(RejectReason.TRUNCATED)).isEqualTo(1);
    }

    // ------------------------------------------------------------------ a hand-made publisher

    /** Both books defined and recovered from snapshots. */
    private void bothLive()
    {
        incremental(definition(X), definition(Y));
        snapshot(X, bookSeq[X], incSeq, 99);
        snapshot(Y, bookSeq[Y], incSeq, 199);
        assertThat(sub.staleBooks()).isZero();
        events.clear();
        events.add("recovered 0");
        events.add("recovered 1");
    }

    /** One message: encodes itself at a frame's SBE header. */
    @FunctionalInterface
    private interface Message
    {
        /** @return SBE header plus body bytes written. */
        int write(UnsafeBuffer buffer, int offset, int version);
    }

    private Message definition(final int id)
    {
        final long seq = bookSeq[id];
        return (buffer, offset, version) ->
        {
            final InstrumentDefinitionEncoder e = new InstrumentDefinitionEncoder()
                .wrapAndApplyHeader(buffer, offset, new MessageHeaderEncoder())
                .instrumentId(id).venue(Venue.BINANCE_SPOT).priceExponent((byte)-2).qtyExponent((byte)-5)
                .symbol(id == X ? "XUSDT" : "YUSDT").bookSeq(seq);
            return trim(buffer, offset, version, 8 + e.encodedLength(),
                InstrumentDefinitionEncoder.bookSeqEncodingOffset());
        };
    }

    /** A one-level venue update (the level is a bid at {@code price}); takes the instrument's next bookSeq. */
    private Message level(final int id, final long price, final long updateId)
    {
        final long seq = ++bookSeq[id];
        return (buffer, offset, version) ->
        {
            final BookLevelUpdateEncoder e = new BookLevelUpdateEncoder()
                .wrapAndApplyHeader(buffer, offset, new MessageHeaderEncoder())
                .instrumentId(id).side(Side.BID).flags((short)WireProtocol.FLAG_END_OF_UPDATE).updateId(updateId)
                .price(price).qty(1).bookSeq(seq);
            return trim(buffer, offset, version, 8 + e.encodedLength(), BookLevelUpdateEncoder.bookSeqEncodingOffset());
        };
    }

    /** Version 1: the block ends where bookSeq would begin. */
    private static int trim(final UnsafeBuffer buffer, final int offset, final int version, final int length,
        final int v1Block)
    {
        if (version >= WireProtocol.BOOK_SEQ_VERSION)
        {
            return length;
        }
        new MessageHeaderEncoder().wrap(buffer, offset).blockLength(v1Block).version(version);
        return 8 + v1Block;
    }

    private void incremental(final Message... messages)
    {
        incremental(WireProtocol.SCHEMA_VERSION, messages);
    }

    private void incremental(final int version, final Message... messages)
    {
        final UnsafeBuffer b = packet(WireProtocol.CHANNEL_INCREMENTAL, version, ++incSeq, messages);
        assertThat(sub.onPacket(WireProtocol.CHANNEL_INCREMENTAL, b, 0, length(b), 0)).isTrue();
    }

    /** The messages take their bookSeq, but the datagram never arrives. */
    private void lose(final Message... messages)
    {
        incSeq++;
    }

    /** A one-part snapshot with one bid level per price. */
    private void snapshot(final int id, final long snapshotBookSeq, final long lastIncrementalSeq, final long... bids)
    {
        final Message snap = (buffer, offset, version) ->
        {
            final BookSnapshotEncoder.LevelsEncoder levels = new BookSnapshotEncoder()
                .wrapAndApplyHeader(buffer, offset, new MessageHeaderEncoder())
                .instrumentId(id).part(0).partCount(1).updateId(lastIncrementalSeq)
                .lastIncrementalSeq(lastIncrementalSeq)
                .bookSeq(snapshotBookSeq).levelsCount(bids.length);
            for (final long price : bids)
            {
                levels.next().side(Side.BID).price(price).qty(1);
            }
            return 8 + BookSnapshotEncoder.BLOCK_LENGTH + 4 + bids.length * 17;
        };
        final UnsafeBuffer b = packet(WireProtocol.CHANNEL_SNAPSHOT, WireProtocol.SCHEMA_VERSION, ++snapSeq,
            definition(id), snap);
        assertThat(sub.onPacket(WireProtocol.CHANNEL_SNAPSHOT, b, 0, length(b), 0)).isTrue();
    }

    /** A version-1 snapshot: 24-byte block, then the levels group. */
    private void snapshotV1(final int id, final long lastIncrementalSeq, final long... bids)
    {
        final Message snap = (buffer, offset, version) ->
        {
            final int block = BookSnapshotEncoder.bookSeqEncodingOffset();
            new MessageHeaderEncoder().wrap(buffer, offset).blockLength(block)
                .templateId(BookSnapshotEncoder.TEMPLATE_ID)
                .schemaId(WireProtocol.SCHEMA_ID).version(1);
            final int body = offset + 8;
            buffer.putInt(body, id, LE);
            buffer.putShort(body + 4, (short)0, LE);
            buffer.putShort(body + 6, (short)1, LE);
            buffer.putLong(body + 8, lastIncrementalSeq, LE);
            buffer.putLong(body + 16, lastIncrementalSeq, LE);
            buffer.putShort(body + block, (short)17, LE);
            buffer.putShort(body + block + 2, (short)bids.length, LE);
            int pos = body + block + 4;
            for (final long price : bids)
            {
                buffer.putByte(pos, (byte)0);
                buffer.putLong(pos + 1, price, LE);
                buffer.putLong(pos + 9, 1, LE);
                pos += 17;
            }
            return pos - offset;
        };
        final UnsafeBuffer b = packet(WireProtocol.CHANNEL_SNAPSHOT, 1, ++snapSeq, definition(id), snap);
        assertThat(sub.onPacket(WireProtocol.CHANNEL_SNAPSHOT, b, 0, length(b), 0)).isTrue();
    }

    private UnsafeBuffer packet(final int channel, final int version, final long seq, final Message... messages)
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[1472]);
        int pos = PacketHeader.LENGTH;
        for (final Message m : messages)
        {
            final int length = m.write(b, pos + 2, version);
            b.putShort(pos, (short)(2 + length), LE);
            pos += 2 + length;
        }
        PacketHeader.write(b, 0, version, channel, messages.length, seq, 0);
        b.putInt(b.capacity() - 4, pos, LE); // remember the length at the end of the scratch buffer
        return b;
    }

    private static int length(final UnsafeBuffer b)
    {
        return b.getInt(b.capacity() - 4, LE);
    }
}
