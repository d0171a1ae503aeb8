package com.tradingstation.wire;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
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
    private final NanoClock clock;
    private ReceiveLoss receiveLoss = ReceiveLoss.NONE;
    private long receiveErrors;
    private final long[] dropped = new long[3];

    private UdpSubscriber(
        final WireSubscriber subscriber, final DatagramChannel incremental, final DatagramChannel snapshot,
        final List<String> warnings, final NanoClock clock)
    {
        this.subscriber = subscriber;
        this.incremental = incremental;
        this.snapshot = snapshot;
        this.warnings = List.copyOf(warnings);
        this.clock = clock;
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
        return open(config, subscriber, SystemNanoClock.INSTANCE);
    }

    /**
     * Join both channels of {@code config}, with a clock of your own for receive times.
     *
     * @param config     channel addresses, interface, buffer size.
     * @param subscriber protocol logic and books.
     * @param clock      receive-time clock handed to the subscriber (its staleness clock).
     * @return the subscriber.
     * @throws IOException when a socket cannot be opened, bound or joined.
     */
    public static UdpSubscriber open(final WireConfig config, final WireSubscriber subscriber, final NanoClock clock)
        throws IOException
    {
        final List<String> warnings = new ArrayList<>();
        final DatagramChannel inc = UdpTransport.openReceiver(
            config.incremental(), config.interfaceName(), config.socketBufferBytes(), warnings);
        try
        {
            final DatagramChannel snap = UdpTransport.openReceiver(
                config.snapshot(), config.interfaceName(), config.socketBufferBytes(), warnings);
            return new UdpSubscriber(subscriber, inc, snap, warnings, clock);
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
            n++;
            final int length = receiveBuffer.position();
            if (receiveLoss.drop(channelId, buffer, length))
            {
                dropped[channelId]++;
                continue;
            }
            subscriber.onPacket(channelId, buffer, 0, length, clock.nanoTime());
        }
        return n;
    }

    /**
     * Test aid: drop received datagrams before the subscriber sees them (see {@link ReceiveLoss}).
     *
     * @param loss which to drop; null or {@link ReceiveLoss#NONE} for none.
     */
    public void receiveLoss(final ReceiveLoss loss)
    {
        this.receiveLoss = loss == null ? ReceiveLoss.NONE : loss;
    }

    /**
     * @param channel channel id.
     * @return datagrams received on it and dropped by the {@link #receiveLoss(ReceiveLoss)} test aid.
     */
    public long dropped(final int channel)
    {
        return dropped[channel];
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
        UdpTransport.closeBoth(incremental, snapshot);
    }
}
