package com.tradingstation.wire;

import com.tradingstation.core.instrument.Venue;
import com.tradingstation.core.sync.InstrumentBook;
import com.tradingstation.core.sync.SyncState;
import com.tradingstation.feed.pipeline.PipelineResult;
import com.tradingstation.feed.pipeline.StationPipeline;
import com.tradingstation.feed.synth.SyntheticSession;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.io.IOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A station (inline replay pipeline + UDP publisher) and a subscriber on real loopback sockets, in
 * one thread: after every message the publisher sends its batch and the subscriber reads what
 * arrived, so the run is deterministic apart from the wall clock that paces snapshots.
 */
final class LoopbackRig implements AutoCloseable
{
    final StationPipeline pipeline = new StationPipeline(null, 0, false);
    final WireConfig config;
    final WireSubscriber subscriber;
    final UdpSubscriber udp;
    final UdpPublisher publisher;
    long staleCallbacks;
    long recoveredCallbacks;
    /** onStale and onRecovered calls per instrument id. */
    final long[] staleById = new long[256];
    final long[] recoveredById = new long[256];
    long bookChanged;
    long trades;

    LoopbackRig(final WireConfig base) throws IOException
    {
        this(base, SystemNanoClock.INSTANCE);
    }

    /**
     * @param base  channels and timings.
     * @param clock the publisher's interval clock and the subscriber's receive clock (a test replaying
     *              a session in its own time advances it).
     */
    LoopbackRig(final WireConfig base, final NanoClock clock) throws IOException
    {
        this.config = base;
        subscriber = new WireSubscriber(new SubscriberListener()
        {
            @Override
            public void onBookChanged(final BookView book)
            {
                bookChanged++;
            }

            @Override
            public void onTrade(
                final BookView book, final long tradeId, final long price, final long qty, final boolean buy,
                final long t)
            {
                trades++;
            }

            @Override
            public void onStale(final BookView book)
            {
                staleCallbacks++;
                staleById[book.instrumentId()]++;
            }

            @Override
            public void onRecovered(final BookView book)
            {
                recoveredCallbacks++;
                recoveredById[book.instrumentId()]++;
            }
        });
        udp = UdpSubscriber.open(config, subscriber, clock);
        publisher = UdpPublisher.open(config, pipeline.registry(), pipeline.engine(), clock);
        pipeline.listener(publisher);
        pipeline.bookThreadAgent(new CompositeAgent(publisher, udp));
    }

    /**
     * @return unicast loopback channels on two free ports, fast heartbeats and snapshots.
     */
    static WireConfig unicast() throws IOException
    {
        final int[] ports = freeUdpPorts();
        return WireConfig.defaults()
            .withChannels(new InetSocketAddress("127.0.0.1", ports[0]), new InetSocketAddress("127.0.0.1", ports[1]))
            .withTimings(20, 200, 200);
    }

    static int[] freeUdpPorts() throws IOException
    {
        try (DatagramChannel a = DatagramChannel.open(); DatagramChannel b = DatagramChannel.open())
        {
            a.bind(new InetSocketAddress("127.0.0.1", 0));
            b.bind(new InetSocketAddress("127.0.0.1", 0));
            return new int[] {
                ((InetSocketAddress)a.getLocalAddress()).getPort(), ((InetSocketAddress)b.getLocalAddress()).getPort()};
        }
    }

    /**
     * @param datagram an incremental datagram (packet header and frames).
     * @return the instrument ids of its book messages (level updates, tops, statuses): the books
     * whose bookSeq its loss leaves a hole in.
     */
    static BitSet bookInstruments(final DirectBuffer datagram)
    {
        final BitSet ids = new BitSet();
        int pos = PacketHeader.LENGTH;
        for (int i = 0, n = PacketHeader.messageCount(datagram, 0); i < n; i++)
        {
            final int frameLength = datagram.getShort(pos, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
            final int templateId = datagram.getShort(pos + 2 + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
            if (templateId == com.tradingstation.wire.sbe.BookLevelUpdateDecoder.TEMPLATE_ID ||
                templateId == com.tradingstation.wire.sbe.TopOfBookDecoder.TEMPLATE_ID ||
                templateId == com.tradingstation.wire.sbe.InstrumentStatusDecoder.TEMPLATE_ID)
            {
                ids.set(datagram.getInt(pos + 2 + WireProtocol.MESSAGE_HEADER_LENGTH, ByteOrder.LITTLE_ENDIAN));
            }
            pos += frameLength;
        }
        return ids;
    }

    static Path synthetic(final Path dir, final int symbols, final int rate, final int seconds) throws IOException
    {
        final Path file = dir.resolve("session.jsonl");
        try (Writer w = Files.newBufferedWriter(file))
        {
            new SyntheticSession(Venue.BINANCE_SPOT, symbols, rate, 200, 7).write(w, seconds);
        }
        return file;
    }

    PipelineResult replay(final List<Path> files)
    {
        return pipeline.run(files);
    }

    /**
     * Keep the publisher's duty cycle (heartbeats, snapshots) and the subscriber running until every
     * usable station book is live at the subscriber with the same levels and update id.
     *
     * @param timeoutMs give up after this long.
     * @return true when converged.
     */
    boolean converge(final long timeoutMs)
    {
        final long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() < deadline)
        {
            publisher.doWork();
            udp.poll();
            if (mismatches().isEmpty())
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return one line per station book the subscriber does not hold equally (empty when all match).
     */
    List<String> mismatches()
    {
        final List<String> out = new ArrayList<>();
        for (final InstrumentBook station : pipeline.engine().books())
        {
            if (station.state() == SyncState.AWAITING_SNAPSHOT)
            {
                continue;
            }
            final SubscriberBook mine = subscriber.book(station.instrument().id());
            if (mine == null)
            {
                out.add(station.instrument().symbol() + ": not defined at the subscriber");
            }
            else if (mine.isStale())
            {
                out.add(station.instrument().symbol() + ": stale");
            }
            else if (mine.stateHash() != station.book().stateHash() ||
                mine.lastUpdateId() != station.book().lastUpdateId())
            {
                out.add(station.instrument().symbol() + ": differs (update " + mine.lastUpdateId() + " vs " +
                    station.book().lastUpdateId() + ")");
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException
    {
        try
        {
            publisher.close();
        }
        finally
        {
            udp.close();
        }
    }
}
