package com.tradingstation.bench;

import com.tradingstation.wire.PacketHeader;
import com.tradingstation.wire.SubscriberListener;
import com.tradingstation.wire.WireProtocol;
import com.tradingstation.wire.WireSubscriber;
import com.tradingstation.wire.sbe.BookLevelUpdateDecoder;
import com.tradingstation.wire.sbe.InstrumentStatusDecoder;
import com.tradingstation.wire.sbe.TopOfBookDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Subscriber decode rate: the incremental packets the publisher sent for a real capture session,
 * handed to {@link WireSubscriber#onPacket} (validate, decode, apply to the books, check every top
 * of book) with live books. One operation is one packet; the aux counters give messages and bytes.
 * Packets are replayed in a loop with their sequence numbers, and every book message's per-instrument
 * bookSeq, rewritten to stay contiguous (otherwise the second pass would only be skipped as already
 * applied); the rewrite is part of the measured operation.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class SubscriberDecodeBenchmark
{
    @Param({"spot", "usdm", "coinm"})
    private String set;

    private UnsafeBuffer[] packets;
    private int[] lengths;
    private int[] messageCounts;
    private WireSubscriber subscriber;
    private int next;
    private long sequence;
    /** Per packet: offsets of its book messages' bookSeq fields, their instruments, their recorded values. */
    private int[][] bookSeqOffsets;
    private int[][] bookSeqInstruments;
    private long[][] bookSeqValues;
    /** Per instrument: bookSeq numbers one pass of the loop takes. */
    private long[] bookSeqSpan;
    private long pass = 1;

    /**
     * Replay the session through the publisher, keep its packets, and bring a subscriber live.
     *
     * @throws IOException on socket errors.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        final Session session = Session.load(CaptureSet.of(set));
        final List<byte[]> lines = session.jsonLines();
        final List<WireRig.Packet> recorded;
        try (WireRig rig = new WireRig(1000))
        {
            recorded = rig.record(lines);
        }
        subscriber = new WireSubscriber(SubscriberListener.NONE);
        final List<UnsafeBuffer> inc = new ArrayList<>();
        for (final WireRig.Packet p : recorded)
        {
            final UnsafeBuffer b = new UnsafeBuffer(ByteBuffer.allocateDirect(p.bytes().length));
            b.putBytes(0, p.bytes());
            subscriber.onPacket(p.channel(), b, 0, p.bytes().length, 0);
            if (p.channel() == WireProtocol.CHANNEL_INCREMENTAL)
            {
                inc.add(b);
            }
        }
        if (subscriber.staleBooks() != 0 || subscriber.books().isEmpty())
        {
            throw new IllegalStateException(set + ": the subscriber did not go live while recording");
        }
        packets = inc.toArray(new UnsafeBuffer[0]);
        lengths = new int[packets.length];
        messageCounts = new int[packets.length];
        for (int i = 0; i < packets.length; i++)
        {
            lengths[i] = packets[i].capacity();
            messageCounts[i] = PacketHeader.messageCount(packets[i], 0);
        }
        sequence = subscriber.lastIncrementalSequence() + 1;
        indexBookSeqs();
    }

    /**
     * The loop must stay what it claims: every book message applied, none found missing.
     */
    @TearDown(Level.Trial)
    public void check()
    {
        if (subscriber.instrumentGaps() != 0 || subscriber.staleBooks() != 0 || subscriber.gapCount() != 0)
        {
            throw new IllegalStateException(set + ": the replay loop left holes: " + subscriber.instrumentGaps() +
                " instrument gaps, " + subscriber.staleBooks() + " stale books, " + subscriber.gapCount() + " gaps");
        }
    }

    private void indexBookSeqs()
    {
        bookSeqOffsets = new int[packets.length][];
        bookSeqInstruments = new int[packets.length][];
        bookSeqValues = new long[packets.length][];
        final long[] min = new long[4096];
        final long[] max = new long[4096];
        java.util.Arrays.fill(min, Long.MAX_VALUE);
        final java.nio.ByteOrder le = java.nio.ByteOrder.LITTLE_ENDIAN;
        for (int p = 0; p < packets.length; p++)
        {
            final UnsafeBuffer b = packets[p];
            final List<int[]> found = new ArrayList<>();
            int pos = PacketHeader.LENGTH;
            for (int m = 0; m < messageCounts[p]; m++)
            {
                final int frameLength = b.getShort(pos, le) & 0xFFFF;
                final int body = pos + WireProtocol.FRAME_LENGTH_SIZE + WireProtocol.MESSAGE_HEADER_LENGTH;
                final int templateId = b.getShort(pos + WireProtocol.FRAME_LENGTH_SIZE + 2, le) & 0xFFFF;
                final int at = switch (templateId)
                {
                    case BookLevelUpdateDecoder.TEMPLATE_ID -> BookLevelUpdateDecoder.bookSeqEncodingOffset();
                    case TopOfBookDecoder.TEMPLATE_ID -> TopOfBookDecoder.bookSeqEncodingOffset();
                    case InstrumentStatusDecoder.TEMPLATE_ID -> InstrumentStatusDecoder.bookSeqEncodingOffset();
                    default -> -1;
                };
                if (at >= 0)
                {
                    found.add(new int[] {body + at, b.getInt(body, le)});
                }
                pos += frameLength;
            }
            bookSeqOffsets[p] = new int[found.size()];
            bookSeqInstruments[p] = new int[found.size()];
            bookSeqValues[p] = new long[found.size()];
            for (int k = 0; k < found.size(); k++)
            {
                final int id = found.get(k)[1];
                final long value = b.getLong(found.get(k)[0], le);
                bookSeqOffsets[p][k] = found.get(k)[0];
                bookSeqInstruments[p][k] = id;
                bookSeqValues[p][k] = value;
                min[id] = Math.min(min[id], value);
                max[id] = Math.max(max[id], value);
            }
        }
        bookSeqSpan = new long[4096];
        for (int id = 0; id < bookSeqSpan.length; id++)
        {
            bookSeqSpan[id] = max[id] == 0 ? 0 : max[id] - min[id] + 1;
        }
    }

    /**
     * @param traffic counters.
     * @return whether the packet was accepted.
     */
    @Benchmark
    public boolean decodeApply(final TrafficCounter traffic)
    {
        final int i = next;
        next = i + 1 == packets.length ? 0 : i + 1;
        final UnsafeBuffer packet = packets[i];
        packet.putLong(PacketHeader.SEQUENCE_OFFSET, sequence++, java.nio.ByteOrder.LITTLE_ENDIAN);
        final int[] offsets = bookSeqOffsets[i];
        for (int k = 0; k < offsets.length; k++)
        {
            packet.putLong(offsets[k], bookSeqValues[i][k] + pass * bookSeqSpan[bookSeqInstruments[i][k]],
                java.nio.ByteOrder.LITTLE_ENDIAN);
        }
        if (next == 0)
        {
            pass++;
        }
        traffic.msgs += messageCounts[i];
        traffic.bytes += lengths[i];
        return subscriber.onPacket(WireProtocol.CHANNEL_INCREMENTAL, packet, 0, lengths[i], 0);
    }
}
