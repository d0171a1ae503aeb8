package com.tradingstation.wire;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;

/**
 * Batches framed messages into one channel's datagrams and sends them: claim space for a message,
 * encode into {@link #buffer()} at the returned offset, and the packet goes out when the next
 * message would not fit or on {@link #flush()}. Sequence numbers start at 1 and have no holes.
 * <p>
 * Threading: one thread (the book thread). Allocation: none; a send error is counted, never thrown.
 */
public final class PacketSender implements Closeable
{
    private final int channelId;
    private final DatagramChannel channel;
    private final EpochNanoClock clock;
    private final NanoClock timer;
    private final int maxPayloadBytes;
    private final ByteBuffer byteBuffer;
    private final UnsafeBuffer buffer;
    private PacketLossHook lossHook = PacketLossHook.NONE;

    private int position = PacketHeader.LENGTH;
    private int messageCount;
    private long nextSequence = 1;
    private long lastSendNs;

    private long packets;
    private long messages;
    private long bytes;
    private long sendErrorCount;
    private long hookDrops;
    private String lastError;

    /**
     * @param channelId       {@link WireProtocol#CHANNEL_INCREMENTAL} or {@link WireProtocol#CHANNEL_SNAPSHOT}.
     * @param channel         a connected datagram channel (see {@link UdpTransport#openSender}).
     * @param clock           send-time clock.
     * @param maxPayloadBytes largest datagram.
     */
    public PacketSender(
        final int channelId, final DatagramChannel channel, final EpochNanoClock clock, final int maxPayloadBytes)
    {
        this(channelId, channel, clock, SystemNanoClock.INSTANCE, maxPayloadBytes);
    }

    /**
     * @param channelId       {@link WireProtocol#CHANNEL_INCREMENTAL} or {@link WireProtocol#CHANNEL_SNAPSHOT}.
     * @param channel         a connected datagram channel (see {@link UdpTransport#openSender}).
     * @param clock           send-time clock (written into each packet).
     * @param timer           the publisher's interval clock ({@link #lastSendNs()}).
     * @param maxPayloadBytes largest datagram.
     */
    public PacketSender(
        final int channelId, final DatagramChannel channel, final EpochNanoClock clock, final NanoClock timer,
        final int maxPayloadBytes)
    {
        this.channelId = channelId;
        this.channel = channel;
        this.clock = clock;
        this.timer = timer;
        this.maxPayloadBytes = maxPayloadBytes;
        this.byteBuffer = ByteBuffer.allocateDirect(maxPayloadBytes).order(ByteOrder.LITTLE_ENDIAN);
        this.buffer = new UnsafeBuffer(byteBuffer);
    }

    /**
     * @param hook decides which packets to drop (tests).
     */
    public void lossHook(final PacketLossHook hook)
    {
        this.lossHook = hook == null ? PacketLossHook.NONE : hook;
    }

    /**
     * Reserve a frame for a message of {@code messageLength} bytes (SBE header and body), sending
     * the current packet first when it would not fit.
     *
     * @param messageLength SBE header plus body bytes.
     * @return offset in {@link #buffer()} where the SBE header goes.
     */
    public int claim(final int messageLength)
    {
        final int frameLength = WireProtocol.FRAME_LENGTH_SIZE + messageLength;
        if (position + frameLength > maxPayloadBytes)
        {
            flush();
        }
        if (PacketHeader.LENGTH + frameLength > maxPayloadBytes)
        {
            throw new IllegalArgumentException("message of " + messageLength + " bytes exceeds the payload size");
        }
        buffer.putShort(position, (short)frameLength, ByteOrder.LITTLE_ENDIAN);
        final int messageOffset = position + WireProtocol.FRAME_LENGTH_SIZE;
        position += frameLength;
        messageCount++;
        return messageOffset;
    }

    /**
     * @return bytes a message may take in an empty packet.
     */
    public int capacity()
    {
        return maxPayloadBytes - PacketHeader.LENGTH - WireProtocol.FRAME_LENGTH_SIZE;
    }

    /**
     * Send the current packet when it holds messages.
     *
     * @return true when a packet was numbered (sent or dropped by the hook).
     */
    public boolean flush()
    {
        if (messageCount == 0)
        {
            return false;
        }
        final long sequence = nextSequence++;
        PacketHeader.write(buffer, 0, WireProtocol.SCHEMA_VERSION, channelId, messageCount, sequence, clock.nanoTime());
        final int length = position;
        messages += messageCount;
        position = PacketHeader.LENGTH;
        messageCount = 0;
        lastSendNs = timer.nanoTime();
        if (lossHook.drop(channelId, sequence))
        {
            hookDrops++;
            return true;
        }
        byteBuffer.limit(length).position(0);
        try
        {
            channel.write(byteBuffer);
            packets++;
            bytes += length;
        }
        catch (final IOException ex)
        {
            // e.g. ICMP port unreachable on a unicast channel with no receiver yet: count, go on.
            sendErrorCount++;
            lastError = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
        }
        return true;
    }

    /** @return the packet buffer messages are encoded into. */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /** @return sequence number of the last packet numbered, 0 before the first. */
    public long lastSequence()
    {
        return nextSequence - 1;
    }

    /** @return the interval clock's time of the last packet numbered, 0 before the first. */
    public long lastSendNs()
    {
        return lastSendNs;
    }

    /** @return packets sent. */
    public long packets()
    {
        return packets;
    }

    /** @return messages numbered into packets (sent or hook-dropped). */
    public long messages()
    {
        return messages;
    }

    /** @return bytes sent. */
    public long bytes()
    {
        return bytes;
    }

    /** @return sends that failed. */
    public long sendErrorCount()
    {
        return sendErrorCount;
    }

    /** @return packets the loss hook dropped. */
    public long hookDrops()
    {
        return hookDrops;
    }

    /** @return the last send error, or null. */
    public String lastError()
    {
        return lastError;
    }

    @Override
    public void close() throws IOException
    {
        channel.close();
    }
}
