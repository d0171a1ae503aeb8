package com.tradingstation.wire;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link WireSubscriber} on sockets: joins both channels and, on each {@link #doWork()}, reads
 * what has arrived (incremental first) and hands it over. Run it on an Agrona AgentRunner or call
 * {@link #poll()} from your own loop.
 */
public final class UdpSubscriber implements Agent, AutoCloseable
{
    private static final int MAX_PACKETS_PER_POLL = 64;

    private final WireSubscriber subscriber;
    private final DatagramChannel incremental;
    private final DatagramChannel snapshot;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(WireProtocol.MAX_UDP_PAYLOAD_BYTES);
    private final UnsafeBuffer buffer = new UnsafeBuffer(receiveBuffer);
    private final List<String> warnings;
    private long receiveErrors;

    private UdpSubscriber(
        final WireSubscriber subscriber, final DatagramChannel incremental, final DatagramChannel snapshot,
        final List<String> warnings)
    {
        this.subscriber = subscriber;
        this.incremental = incremental;
        this.snapshot = snapshot;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Join both channels of {@code config}.
     *
     * @param config     channel addresses, interface, buffer size.
     * @param subscriber protocol logic and books.
     * @return the subscriber; {@link #warnings()} says when a socket buffer was capped.
     * @throws IOException when a socket cannot be opened, bound or joined.
     */
    public static UdpSubscriber open(final WireConfig config, final WireSubscriber subscriber) throws IOException
    {
        final List<String> warnings = new ArrayList<>();
        final DatagramChannel inc = UdpTransport.openReceiver(
            config.incremental(), config.interfaceName(), config.socketBufferBytes(), warnings);
        try
        {
            final DatagramChannel snap = UdpTransport.openReceiver(
                config.snapshot(), config.interfaceName(), config.socketBufferBytes(), warnings);
            return new UdpSubscriber(subscriber, inc, snap, warnings);
        }
        catch (final IOException | RuntimeException ex)
        {
            inc.close();
            throw ex;
        }
    }

    /**
     * Read and handle what has arrived on both channels.
     *
     * @return packets handled.
     */
    public int poll()
    {
        // Incremental first: a snapshot is then less often ahead of the packets it reflects.
        return drain(incremental, WireProtocol.CHANNEL_INCREMENTAL) + drain(snapshot, WireProtocol.CHANNEL_SNAPSHOT);
    }

    private int drain(final DatagramChannel channel, final int channelId)
    {
        int n = 0;
        while (n < MAX_PACKETS_PER_POLL)
        {
            receiveBuffer.clear();
            try
            {
                if (channel.receive(receiveBuffer) == null)
                {
                    break;
                }
            }
            catch (final IOException ex)
            {
                receiveErrors++;
                break;
            }
            subscriber.onPacket(channelId, buffer, 0, receiveBuffer.position(), System.nanoTime());
            n++;
        }
        return n;
    }

    @Override
    public int doWork()
    {
        return poll();
    }

    @Override
    public String roleName()
    {
        return "station-subscriber";
    }

    /** @return the protocol logic, books and counters. */
    public WireSubscriber subscriber()
    {
        return subscriber;
    }

    /** @return socket warnings (buffers capped by the kernel), one line each. */
    public List<String> warnings()
    {
        return warnings;
    }

    /** @return receive calls that failed. */
    public long receiveErrors()
    {
        return receiveErrors;
    }

    @Override
    public void close() throws IOException
    {
        try
        {
            incremental.close();
        }
        finally
        {
            snapshot.close();
        }
    }
}
