package com.tradingstation.bench;

import com.tradingstation.core.book.L2Book;
import com.tradingstation.core.event.EventLayout;
import com.tradingstation.core.instrument.Instrument;
import com.tradingstation.core.instrument.InstrumentRegistry;
import com.tradingstation.core.instrument.Venue;
import com.tradingstation.core.sync.BookEngine;
import com.tradingstation.core.sync.InstrumentBook;
import com.tradingstation.core.sync.SnapshotRequester;
import com.tradingstation.wire.PacketHeader;
import com.tradingstation.wire.PacketSender;
import com.tradingstation.wire.UdpPublisher;
import com.tradingstation.wire.UdpTransport;
import com.tradingstation.wire.WireConfig;
import com.tradingstation.wire.WireProtocol;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * UDP publish rate against the physical limit, in one run: one operation is one datagram of
 * {@value #LEVELS} book level updates on loopback.
 * <ul>
 * <li>{@code bareDatagramChannel}: a connected DatagramChannel writing a prepared buffer of the
 * publisher's packet size in a loop: the kernel's cost of a datagram, nothing else.</li>
 * <li>{@code publisher}: {@link UdpPublisher} encoding the {@value #LEVELS} SBE BookLevelUpdate
 * messages of one depth event (as the book thread hands it over) into a packet and sending it
 * through the same kind of socket.</li>
 * </ul>
 * Both send to a bound loopback socket nobody reads: the kernel drops what overflows its buffer,
 * so the sender never waits on a receiver. Messages/s = ops/s x {@value #LEVELS}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class UdpPublishBenchmark
{
    /**
     * Level updates per packet: as many frames (2-byte length, 8-byte SBE header, block) as a 1472-byte payload
     * holds.
     */
    static final int LEVELS = (WireProtocol.DEFAULT_MAX_PAYLOAD_BYTES - PacketHeader.LENGTH) /
        (WireProtocol.FRAME_LENGTH_SIZE + WireProtocol.MESSAGE_HEADER_LENGTH +
            com.tradingstation.wire.sbe.BookLevelUpdateEncoder.BLOCK_LENGTH);

    private DatagramChannel sink;
    private DatagramChannel bare;
    private ByteBuffer bareBuffer;
    private UdpPublisher publisher;
    private InstrumentBook book;
    private UnsafeBuffer event;
    private int packetBytes;
    private long firstPacketBytes;
    private long firstPackets;

    /**
     * Open the receiving socket, the bare sender and the publisher; size the bare packet to the publisher's.
     *
     * @throws IOException on socket errors.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        sink = DatagramChannel.open();
        sink.bind(new InetSocketAddress("127.0.0.1", 0));
        final InetSocketAddress target = (InetSocketAddress)sink.getLocalAddress();
        final DatagramChannel other = DatagramChannel.open();
        other.bind(new InetSocketAddress("127.0.0.1", 0));
        final WireConfig config = WireConfig.defaults()
            .withChannels(target, (InetSocketAddress)other.getLocalAddress())
            .withTimings(1000, 3_600_000, 0);
        other.close();

        final InstrumentRegistry registry = new InstrumentRegistry();
        final Instrument instrument = registry.register(Venue.BINANCE_SPOT, "BTCUSDT", 2, 5);
        final List<String> warnings = new ArrayList<>();
        final SystemEpochNanoClock clock = new SystemEpochNanoClock();
        final PacketSender inc = new PacketSender(WireProtocol.CHANNEL_INCREMENTAL,
            UdpTransport.openSender(target, config, warnings), clock, config.maxPayloadBytes());
        final PacketSender snap = new PacketSender(WireProtocol.CHANNEL_SNAPSHOT,
            UdpTransport.openSender(config.snapshot(), config, warnings), clock, config.maxPayloadBytes());
        publisher = new UdpPublisher(config, inc, snap, registry, new BookEngine(registry), warnings);
        book = new InstrumentBook(instrument, new L2Book(), 1 << 20, SnapshotRequester.NONE);

        event = new UnsafeBuffer(new byte[EventLayout.depthLength(LEVELS / 2, LEVELS - LEVELS / 2)]);
        EventLayout.putDepthHeader(event, 0, instrument.id(), LEVELS / 2, LEVELS - LEVELS / 2, 100, 100 + LEVELS, 99, 0,
            0);
        int pos = EventLayout.DEPTH_LEVELS;
        for (int i = 0; i < LEVELS; i++, pos += EventLayout.LEVEL_LENGTH)
        {
            event.putLong(pos, 6_160_201L + (i < LEVELS / 2 ? -i : i));
            event.putLong(pos + 8, 100_000L + i);
        }
        // The first event also carries the instrument definition: two packets.
        publisher.onLevelsApplied(book, event, 0);
        publisher.flush();
        firstPacketBytes = publisher.incremental().bytes();
        firstPackets = publisher.incremental().packets();
        publisher.onLevelsApplied(book, event, 0);
        publisher.flush();
        packetBytes = (int)(publisher.incremental().bytes() - firstPacketBytes);

        bare = DatagramChannel.open();
        bare.connect(target);
        bareBuffer = ByteBuffer.allocateDirect(packetBytes);
        for (int i = 0; i < packetBytes; i++)
        {
            bareBuffer.put(i, (byte)i);
        }
    }

    /**
     * @return bytes written.
     * @throws IOException on socket errors.
     */
    @Benchmark
    public int bareDatagramChannel() throws IOException
    {
        bareBuffer.clear();
        return bare.write(bareBuffer);
    }

    /**
     * @return the packet's sequence number.
     */
    @Benchmark
    public long publisher()
    {
        publisher.onLevelsApplied(book, event, 0);
        publisher.flush();
        return publisher.incremental().lastSequence();
    }

    /**
     * Check the packets really were the same size, and close the sockets.
     *
     * @throws IOException on close.
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        final long packets = publisher.incremental().packets();
        if ((publisher.incremental().bytes() - firstPacketBytes) / (packets - firstPackets) != packetBytes)
        {
            throw new IllegalStateException("publisher packets changed size");
        }
        if (publisher.incremental().sendErrorCount() > 0)
        {
            throw new IllegalStateException("publisher send errors: " + publisher.incremental().lastError());
        }
        publisher.close();
        bare.close();
        sink.close();
    }
}
