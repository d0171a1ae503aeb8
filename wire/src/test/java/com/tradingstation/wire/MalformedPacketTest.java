package com.tradingstation.wire;

import com.tradingstation.wire.sbe.BookSnapshotEncoder;
import com.tradingstation.wire.sbe.InstrumentDefinitionDecoder;
import com.tradingstation.wire.sbe.InstrumentDefinitionEncoder;
import com.tradingstation.wire.sbe.MessageHeaderEncoder;
import com.tradingstation.wire.sbe.TopOfBookEncoder;
import com.tradingstation.wire.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Foreign, truncated and unknown-version datagrams on the channels' real sockets are rejected
 * whole and counted, and the subscriber goes on to build every book; packets of a newer compatible
 * version are read, skipping what this build does not know.
 */
class MalformedPacketTest
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    @TempDir
    Path dir;

    @Test
    void badPacketsAreRejectedAndCountedAndTheSubscriberKeepsGoing() throws Exception
    {
        final Path session = LoopbackRig.synthetic(dir, 4, 50, 10);
        try (LoopbackRig rig = new LoopbackRig(LoopbackRig.unicast());
             DatagramChannel attacker = DatagramChannel.open())
        {
            final InetSocketAddress inc = rig.config.incremental();
            final InetSocketAddress snap = rig.config.snapshot();
            send(attacker, inc, new byte[] {1, 2, 3, 4, 5});                                  // truncated header
            send(attacker, inc, packet(1234, 1, WireProtocol.CHANNEL_INCREMENTAL, 0, 40));    // foreign schema
            send(attacker, inc, packet(WireProtocol.SCHEMA_ID, 0, WireProtocol.CHANNEL_INCREMENTAL, 0, 0)); // version 0
            // wrong channel
            send(attacker, inc, packet(WireProtocol.SCHEMA_ID, 1, WireProtocol.CHANNEL_SNAPSHOT, 0, 0));
            send(attacker, inc, claimsMoreMessagesThanItHas());                                 // truncated frames
            send(attacker, inc, topOfBookWithShortBlock());                                     // block too short
            send(attacker, snap, snapshotWithTooManyLevels());                                  // group beyond frame
            send(attacker, inc, frameLongerThanPacket());                                       // frame past the end

            rig.replay(List.of(session));
            assertThat(rig.converge(10_000)).as("%s", rig.mismatches()).isTrue();

            final WireSubscriber sub = rig.subscriber;
            assertThat(sub.rejected(RejectReason.TRUNCATED)).isEqualTo(5);
            assertThat(sub.rejected(RejectReason.FOREIGN_SCHEMA)).isEqualTo(1);
            assertThat(sub.rejected(RejectReason.UNKNOWN_VERSION)).isEqualTo(1);
            assertThat(sub.rejected(RejectReason.WRONG_CHANNEL)).isEqualTo(1);
            assertThat(sub.gapCount()).isZero();
            assertThat(sub.topMismatches()).isZero();
            assertThat(sub.books()).hasSize(4);
        }
    }

    @Test
    void newerCompatibleVersionIsReadAndUnknownTemplatesSkipped()
    {
        final WireSubscriber sub = new WireSubscriber(SubscriberListener.NONE, 1 << 20);
        final UnsafeBuffer b = new UnsafeBuffer(ByteBuffer.allocateDirect(512));
        int pos = PacketHeader.LENGTH;
        final int newer = WireProtocol.SCHEMA_VERSION + 1;
        // 1. A template this build does not know, 12 bytes of body.
        b.putShort(pos, (short)(2 + 8 + 12), LE);
        new MessageHeaderEncoder().wrap(b, pos + 2).blockLength(12).templateId(99).schemaId(WireProtocol.SCHEMA_ID)
            .version(newer);
        pos += 2 + 8 + 12;
        // 2. An instrument definition with 4 bytes appended to its block by the newer version.
        final int block = InstrumentDefinitionEncoder.BLOCK_LENGTH + 4;
        b.putShort(pos, (short)(2 + 8 + block), LE);
        final MessageHeaderEncoder h = new MessageHeaderEncoder();
        h.wrap(b, pos + 2).blockLength(block).templateId(InstrumentDefinitionEncoder.TEMPLATE_ID)
            .schemaId(WireProtocol.SCHEMA_ID).version(newer);
        new InstrumentDefinitionEncoder().wrap(b, pos + 10).instrumentId(5).venue(Venue.BINANCE_USDM)
            .priceExponent((byte)-1).qtyExponent((byte)-3).symbol("BTCUSDT").bookSeq(0);
        b.putInt(pos + 10 + InstrumentDefinitionEncoder.BLOCK_LENGTH, 0xABCD);
        pos += 2 + 8 + block;
        PacketHeader.write(b, 0, newer, WireProtocol.CHANNEL_INCREMENTAL, 2, 1, 0);

        assertThat(sub.onPacket(WireProtocol.CHANNEL_INCREMENTAL, b, 0, pos, 0)).isTrue();
        assertThat(sub.unknownTemplates()).isEqualTo(1);
        assertThat(sub.book(5)).isNotNull();
        assertThat(sub.book(5).symbol()).isEqualTo("BTCUSDT");
        assertThat(sub.book(5).venue()).isEqualTo(com.tradingstation.core.instrument.Venue.BINANCE_USDM);
        assertThat(sub.book(5).priceExponent()).isEqualTo(-1);
        assertThat(sub.book(5).isStale()).isTrue();
        assertThat(InstrumentDefinitionDecoder.BLOCK_LENGTH).isLessThan(block);
    }

    private static void send(final DatagramChannel ch, final InetSocketAddress to, final byte[] bytes) throws Exception
    {
        ch.send(ByteBuffer.wrap(bytes), to);
    }

    private static byte[] packet(final int schemaId, final int version, final int channel, final int count,
        final int extra)
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[PacketHeader.LENGTH + extra]);
        PacketHeader.write(b, 0, version, channel, count, 1, 0);
        b.putShort(0, (short)schemaId, LE);
        return b.byteArray();
    }

    private static byte[] claimsMoreMessagesThanItHas()
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[PacketHeader.LENGTH + 2 + 8 + TopOfBookEncoder.BLOCK_LENGTH]);
        PacketHeader.write(b, 0, 1, WireProtocol.CHANNEL_INCREMENTAL, 3, 1, 0);
        b.putShort(PacketHeader.LENGTH, (short)(2 + 8 + TopOfBookEncoder.BLOCK_LENGTH), LE);
        new TopOfBookEncoder().wrapAndApplyHeader(b, PacketHeader.LENGTH + 2, new MessageHeaderEncoder())
            .instrumentId(0);
        return b.byteArray();
    }

    private static byte[] topOfBookWithShortBlock()
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[PacketHeader.LENGTH + 2 + 8 + 4]);
        PacketHeader.write(b, 0, 1, WireProtocol.CHANNEL_INCREMENTAL, 1, 1, 0);
        b.putShort(PacketHeader.LENGTH, (short)(2 + 8 + 4), LE);
        new MessageHeaderEncoder().wrap(b, PacketHeader.LENGTH + 2).blockLength(4)
            .templateId(TopOfBookEncoder.TEMPLATE_ID).schemaId(WireProtocol.SCHEMA_ID).version(1);
        return b.byteArray();
    }

    private static byte[] snapshotWithTooManyLevels()
    {
        final int body = BookSnapshotEncoder.BLOCK_LENGTH + 4 + 17;
        final UnsafeBuffer b = new UnsafeBuffer(new byte[PacketHeader.LENGTH + 2 + 8 + body]);
        PacketHeader.write(b, 0, 1, WireProtocol.CHANNEL_SNAPSHOT, 1, 1, 0);
        b.putShort(PacketHeader.LENGTH, (short)(2 + 8 + body), LE);
        new BookSnapshotEncoder().wrapAndApplyHeader(b, PacketHeader.LENGTH + 2, new MessageHeaderEncoder())
            .instrumentId(0).part(0).partCount(1).updateId(1).lastIncrementalSeq(1).levelsCount(1);
        // Claim 200 levels where one fits.
        b.putShort(PacketHeader.LENGTH + 2 + 8 + BookSnapshotEncoder.BLOCK_LENGTH + 2, (short)200, LE);
        return b.byteArray();
    }

    private static byte[] frameLongerThanPacket()
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[PacketHeader.LENGTH + 2 + 8]);
        PacketHeader.write(b, 0, 1, WireProtocol.CHANNEL_INCREMENTAL, 1, 1, 0);
        b.putShort(PacketHeader.LENGTH, (short)5000, LE);
        return b.byteArray();
    }
}
