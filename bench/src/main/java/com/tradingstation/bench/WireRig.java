package com.tradingstation.bench;

import com.tradingstation.feed.pipeline.StationPipeline;
import com.tradingstation.wire.UdpPublisher;
import com.tradingstation.wire.WireConfig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A station replaying inline (decoder, ring, books and UDP publisher on the caller's thread) into
 * two loopback sockets that nobody reads unless {@link #record} drains them.
 */
final class WireRig implements AutoCloseable
{
    final StationPipeline pipeline = new StationPipeline(null, 0, false);
    final DatagramChannel incremental;
    final DatagramChannel snapshot;
    final UdpPublisher publisher;

    WireRig(final int snapshotsPerSecond) throws IOException
    {
        incremental = DatagramChannel.open();
        incremental.bind(new InetSocketAddress("127.0.0.1", 0));
        snapshot = DatagramChannel.open();
        snapshot.bind(new InetSocketAddress("127.0.0.1", 0));
        incremental.configureBlocking(false);
        snapshot.configureBlocking(false);
        final WireConfig config = WireConfig.defaults()
            .withChannels((InetSocketAddress)incremental.getLocalAddress(),
                (InetSocketAddress)snapshot.getLocalAddress())
            .withTimings(250, 1000, snapshotsPerSecond);
        publisher = UdpPublisher.open(config, pipeline.registry(), pipeline.engine());
        pipeline.listener(publisher);
        pipeline.bookThreadAgent(publisher);
    }

    /** A datagram and the channel it came on. */
    record Packet(int channel, byte[] bytes)
    {
    }

    /**
     * Replay messages and keep every datagram the publisher sent, in arrival order.
     *
     * @param messages capture JSON lines.
     * @return the datagrams.
     * @throws IOException on socket errors.
     */
    List<Packet> record(final List<byte[]> messages) throws IOException
    {
        final List<Packet> packets = new ArrayList<>();
        final ByteBuffer buffer = ByteBuffer.allocate(65536);
        for (final byte[] json : messages)
        {
            pipeline.onMessage(json, 0, json.length, 0);
            drain(incremental, 1, buffer, packets);
            drain(snapshot, 2, buffer, packets);
        }
        return packets;
    }

    private static void drain(final DatagramChannel ch, final int channel, final ByteBuffer buffer,
        final List<Packet> out)
        throws IOException
    {
        while (true)
        {
            buffer.clear();
            if (ch.receive(buffer) == null)
            {
                return;
            }
            out.add(new Packet(channel, Arrays.copyOf(buffer.array(), buffer.position())));
        }
    }

    @Override
    public void close() throws IOException
    {
        publisher.close();
        incremental.close();
        snapshot.close();
    }
}
