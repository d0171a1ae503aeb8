package com.tradingstation.wire;

import com.tradingstation.wire.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * A cursor over the frames of a datagram that {@link PacketValidator} accepted: each
 * {@link #next()} steps to the next frame and reads its message header.
 * <p>
 * Threading: one thread; one cursor per loop that may run while another is mid-packet (a
 * snapshot's recovery replays incremental packets). Allocation: none.
 */
final class PacketFrames
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private DirectBuffer buffer;
    private int nextPos;
    private int remaining;
    private int body;

    /**
     * @param buffer datagram bytes.
     * @param offset datagram start.
     */
    void wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.nextPos = offset + PacketHeader.LENGTH;
        this.remaining = PacketHeader.messageCount(buffer, offset);
    }

    /**
     * @return true when stepped to another frame, false when the packet has no more.
     */
    boolean next()
    {
        if (remaining == 0)
        {
            return false;
        }
        remaining--;
        final int frameLength = buffer.getShort(nextPos, LE) & 0xFFFF;
        final int msg = nextPos + WireProtocol.FRAME_LENGTH_SIZE;
        nextPos += frameLength;
        header.wrap(buffer, msg);
        body = msg + WireProtocol.MESSAGE_HEADER_LENGTH;
        return true;
    }

    /** @return the current frame's template id. */
    int templateId()
    {
        return header.templateId();
    }

    /** @return the current frame's block length. */
    int blockLength()
    {
        return header.blockLength();
    }

    /** @return the current frame's schema version. */
    int version()
    {
        return header.version();
    }

    /** @return where the current frame's message body starts. */
    int body()
    {
        return body;
    }
}
