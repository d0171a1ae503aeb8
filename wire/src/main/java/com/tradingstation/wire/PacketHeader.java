package com.tradingstation.wire;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The 24-byte packet header at the start of every datagram, little-endian:
 * <pre>
 *  0 schemaId u16 | 2 version u16 | 4 channel u8 | 5 flags u8 | 6 messageCount u16
 *  8 sequence i64 | 16 sendTimeNs i64
 * </pre>
 * Written by hand rather than generated: SBE's code generator only emits composites that a
 * message uses, and the packet header frames messages instead of belonging to one. It is the
 * {@code packetHeader} composite of the schema, byte for byte.
 */
public final class PacketHeader
{
    /** Header length in bytes. */
    public static final int LENGTH = 24;
    /** Offset of the schema id. */
    public static final int SCHEMA_ID_OFFSET = 0;
    /** Offset of the schema version. */
    public static final int VERSION_OFFSET = 2;
    /** Offset of the channel id. */
    public static final int CHANNEL_OFFSET = 4;
    /** Offset of the flags (reserved, 0). */
    public static final int FLAGS_OFFSET = 5;
    /** Offset of the message count. */
    public static final int MESSAGE_COUNT_OFFSET = 6;
    /** Offset of the packet sequence number. */
    public static final int SEQUENCE_OFFSET = 8;
    /** Offset of the send time. */
    public static final int SEND_TIME_OFFSET = 16;

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private PacketHeader()
    {
    }

    /**
     * Write a header.
     *
     * @param buffer       destination.
     * @param offset       packet start.
     * @param version      schema version.
     * @param channel      channel id.
     * @param messageCount messages in the packet.
     * @param sequence     packet sequence number.
     * @param sendTimeNs   send time, ns since the epoch.
     */
    public static void write(
        final MutableDirectBuffer buffer, final int offset, final int version, final int channel,
        final int messageCount, final long sequence, final long sendTimeNs)
    {
        buffer.putShort(offset + SCHEMA_ID_OFFSET, (short)WireProtocol.SCHEMA_ID, LE);
        buffer.putShort(offset + VERSION_OFFSET, (short)version, LE);
        buffer.putByte(offset + CHANNEL_OFFSET, (byte)channel);
        buffer.putByte(offset + FLAGS_OFFSET, (byte)0);
        buffer.putShort(offset + MESSAGE_COUNT_OFFSET, (short)messageCount, LE);
        buffer.putLong(offset + SEQUENCE_OFFSET, sequence, LE);
        buffer.putLong(offset + SEND_TIME_OFFSET, sendTimeNs, LE);
    }

    /** @return schema id. */
    public static int schemaId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + SCHEMA_ID_OFFSET, LE) & 0xFFFF;
    }

    /** @return schema version. */
    public static int version(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + VERSION_OFFSET, LE) & 0xFFFF;
    }

    /** @return channel id. */
    public static int channel(final DirectBuffer buffer, final int offset)
    {
        return buffer.getByte(offset + CHANNEL_OFFSET) & 0xFF;
    }

    /** @return message count. */
    public static int messageCount(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + MESSAGE_COUNT_OFFSET, LE) & 0xFFFF;
    }

    /** @return packet sequence number. */
    public static long sequence(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SEQUENCE_OFFSET, LE);
    }

    /** @return send time, ns since the epoch. */
    public static long sendTimeNs(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SEND_TIME_OFFSET, LE);
    }
}
