package com.tradingstation.bench;

import com.tradingstation.wire.PacketHeader;
import com.tradingstation.wire.SubscriberListener;
import com.tradingstation.wire.WireProtocol;
import com.tradingstation.wire.WireSubscriber;
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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Subscriber decode rate: the incremental packets the publisher sent for a real capture session,
 * handed to {@link WireSubscriber#onPacket} (validate, decode, apply to the books, check every top
 * of book) with live books. One operation is one packet; the aux counters give messages and bytes.
 * Packets are replayed in a loop with their sequence numbers rewritten to stay contiguous.
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
        traffic.msgs += messageCounts[i];
        traffic.bytes += lengths[i];
        return subscriber.onPacket(WireProtocol.CHANNEL_INCREMENTAL, packet, 0, lengths[i], 0);
    }
}
