package com.tradingstation.wire;

import com.tradingstation.wire.sbe.BookLevelUpdateDecoder;
import com.tradingstation.wire.sbe.BookSnapshotDecoder;
import com.tradingstation.wire.sbe.HeartbeatDecoder;
import com.tradingstation.wire.sbe.InstrumentDefinitionDecoder;
import com.tradingstation.wire.sbe.InstrumentStatusDecoder;
import com.tradingstation.wire.sbe.MessageHeaderDecoder;
import com.tradingstation.wire.sbe.TopOfBookDecoder;
import com.tradingstation.wire.sbe.TradeDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Checks a whole datagram before anything in it is applied: the packet header (length, schema,
 * version, channel), then every frame (length, schema, a block long enough for the fields of its
 * template's version, a snapshot's level group inside its frame), and that the frames end exactly
 * at the datagram's end.
 * <p>
 * Threading: one thread. Allocation: none.
 */
final class PacketValidator
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final int FRAME_AND_HEADER_LENGTH = WireProtocol.FRAME_LENGTH_SIZE +
        WireProtocol.MESSAGE_HEADER_LENGTH;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();

    /**
     * @param expectedChannel the channel the socket it came from carries.
     * @param buffer          datagram bytes.
     * @param offset          start.
     * @param length          length.
     * @return why the datagram is rejected, or null when every frame in it may be read.
     */
    RejectReason validate(final int expectedChannel, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < PacketHeader.LENGTH)
        {
            return RejectReason.TRUNCATED;
        }
        if (PacketHeader.schemaId(buffer, offset) != WireProtocol.SCHEMA_ID)
        {
            return RejectReason.FOREIGN_SCHEMA;
        }
        if (PacketHeader.version(buffer, offset) < WireProtocol.MIN_COMPATIBLE_VERSION)
        {
            return RejectReason.UNKNOWN_VERSION;
        }
        if (PacketHeader.channel(buffer, offset) != expectedChannel)
        {
            return RejectReason.WRONG_CHANNEL;
        }
        final int count = PacketHeader.messageCount(buffer, offset);
        int pos = offset + PacketHeader.LENGTH;
        final int end = offset + length;
        for (int i = 0; i < count; i++)
        {
            final int frameLength = pos + FRAME_AND_HEADER_LENGTH > end ? 0 : buffer.getShort(pos, LE) & 0xFFFF;
            final RejectReason reason = validateFrame(buffer, pos, frameLength, end);
            if (reason != null)
            {
                return reason;
            }
            pos += frameLength;
        }
        return pos == end ? null : RejectReason.TRUNCATED;
    }

    /**
     * @param frameLength the frame's length field, or 0 when not even a frame header fits.
     */
    private RejectReason validateFrame(final DirectBuffer buffer, final int pos, final int frameLength, final int end)
    {
        if (frameLength < FRAME_AND_HEADER_LENGTH || pos + frameLength > end)
        {
            return RejectReason.TRUNCATED;
        }
        header.wrap(buffer, pos + WireProtocol.FRAME_LENGTH_SIZE);
        if (header.schemaId() != WireProtocol.SCHEMA_ID)
        {
            return RejectReason.FOREIGN_SCHEMA;
        }
        final int blockLength = header.blockLength();
        if (FRAME_AND_HEADER_LENGTH + blockLength > frameLength ||
            blockLength < minBlockLength(header.templateId(), header.version()))
        {
            return RejectReason.TRUNCATED;
        }
        if (header.templateId() == BookSnapshotDecoder.TEMPLATE_ID &&
            !snapshotFits(buffer, pos + FRAME_AND_HEADER_LENGTH + blockLength, pos + frameLength))
        {
            return RejectReason.TRUNCATED;
        }
        return null;
    }

    /**
     * A known template's block holds at least the fields of the message's version: version 1's
     * fields end where {@code bookSeq} (version 2) begins; from version 2 on, this build's whole block.
     */
    private static int minBlockLength(final int templateId, final int version)
    {
        final boolean v1 = version < WireProtocol.BOOK_SEQ_VERSION;
        switch (templateId)
        {
            case InstrumentDefinitionDecoder.TEMPLATE_ID:
                return v1 ? InstrumentDefinitionDecoder.bookSeqEncodingOffset()
                    : InstrumentDefinitionDecoder.BLOCK_LENGTH;
            case BookLevelUpdateDecoder.TEMPLATE_ID:
                return v1 ? BookLevelUpdateDecoder.bookSeqEncodingOffset() : BookLevelUpdateDecoder.BLOCK_LENGTH;
            case TradeDecoder.TEMPLATE_ID: return TradeDecoder.BLOCK_LENGTH;
            case TopOfBookDecoder.TEMPLATE_ID:
                return v1 ? TopOfBookDecoder.bookSeqEncodingOffset() : TopOfBookDecoder.BLOCK_LENGTH;
            case BookSnapshotDecoder.TEMPLATE_ID:
                return v1 ? BookSnapshotDecoder.bookSeqEncodingOffset() : BookSnapshotDecoder.BLOCK_LENGTH;
            case InstrumentStatusDecoder.TEMPLATE_ID:
                return v1 ? InstrumentStatusDecoder.bookSeqEncodingOffset() : InstrumentStatusDecoder.BLOCK_LENGTH;
            case HeartbeatDecoder.TEMPLATE_ID: return HeartbeatDecoder.BLOCK_LENGTH;
            default: return 0;
        }
    }

    /**
     * @param groupHeader where the snapshot's level group header starts.
     * @param frameEnd    where its frame ends.
     * @return true when the group header and all its entries lie inside the frame.
     */
    private static boolean snapshotFits(final DirectBuffer buffer, final int groupHeader, final int frameEnd)
    {
        final int groupHeaderSize = BookSnapshotDecoder.LevelsDecoder.sbeHeaderSize();
        if (groupHeader + groupHeaderSize > frameEnd)
        {
            return false;
        }
        final int entryLength = buffer.getShort(groupHeader, LE) & 0xFFFF;
        final int count = buffer.getShort(groupHeader + 2, LE) & 0xFFFF;
        return entryLength >= BookSnapshotDecoder.LevelsDecoder.sbeBlockLength() &&
            groupHeader + groupHeaderSize + (long)entryLength * count <= frameEnd;
    }
}
