package com.tradingstation.app;

import com.tradingstation.core.counters.CountersFile;
import com.tradingstation.core.counters.StationCounter;
import com.tradingstation.core.instrument.InstrumentRegistry;
import com.tradingstation.core.instrument.Venue;
import com.tradingstation.core.sync.BookEngine;
import com.tradingstation.core.sync.InstrumentBook;
import com.tradingstation.core.sync.SyncState;
import com.tradingstation.feed.live.LiveSession;
import com.tradingstation.sink.RedisSink;
import com.tradingstation.sink.SinkPublisher;
import com.tradingstation.wire.UdpPublisher;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.concurrent.TimeUnit;

/**
 * The counters of one {@link StationRuntime}, allocated at start-up in its {@link CountersFile},
 * and the duties that keep them current. Every counter has one writer:
 * <ul>
 * <li>the reader/decoder thread: ring-full waits, written in place by the ring's producer;</li>
 * <li>the book thread: events, book updates, resyncs, books LIVE, instruments, the sink publisher's
 * ring drops, and the UDP publisher's counts (it runs on that thread) — copied from their owners,
 * which are not changed for this, by {@link #bookThreadDuty}, at most every
 * {@value #PUBLISH_INTERVAL_MS} ms and once more when the thread closes; the live feed's totals
 * (volatile fields of the WebSocket and REST threads) are copied the same way;</li>
 * <li>the sink thread: the sink's counts and the sink ring's lag, by {@link #sinkThreadDuty}.</li>
 * </ul>
 * The duties store with ordered writes and allocate nothing.
 */
final class RuntimeCounters
{
    /**
     * Least time between two copies of a thread's counts into its counters. The book thread's copy
     * walks every book, so it runs ten times a second rather than every duty cycle: readers look at
     * most once a second ({@code station stat}, the status line) or every few seconds (a scrape),
     * and the copy at close makes the final values exact.
     */
    static final long PUBLISH_INTERVAL_MS = 100;

    final AtomicCounter ringFullWaits;
    private final AtomicCounter events;
    private final AtomicCounter bookUpdates;
    private final AtomicCounter instruments;
    private final AtomicCounter ringDrops;
    private final AtomicCounter sinkWrites;
    private final AtomicCounter sinkFlushes;
    private final AtomicCounter sinkTrades;
    private final AtomicCounter sinkTradeDrops;
    private final AtomicCounter sinkErrors;
    private final AtomicCounter sinkReconnects;
    private final AtomicCounter sinkConnected;
    private final AtomicCounter sinkLagBytes;
    private final AtomicCounter udpIncrementalPackets;
    private final AtomicCounter udpIncrementalSequence;
    private final AtomicCounter udpSnapshotPackets;
    private final AtomicCounter udpMessages;
    private final AtomicCounter udpBytes;
    private final AtomicCounter udpSnapshots;
    private final AtomicCounter udpSendErrors;
    private final AtomicCounter liveConnectionsOpen;
    private final AtomicCounter liveReconnects;
    private final AtomicCounter liveRollovers;
    private final AtomicCounter liveResyncs;
    private final AtomicCounter liveBooksLive;
    private final AtomicCounter liveSnapshotRequests;
    private final AtomicCounter liveSnapshotErrors;
    private final AtomicCounter liveSnapshotsPending;
    private final Venue[] venues = Venue.values();
    private final AtomicCounter[] liveWeightPeak;

    /**
     * @param file the counters file to allocate in.
     * @param udp  allocate the UDP counters.
     * @param live allocate the live counters.
     */
    RuntimeCounters(final CountersFile file, final boolean udp, final boolean live)
    {
        events = file.newCounter(StationCounter.EVENTS);
        bookUpdates = file.newCounter(StationCounter.BOOK_UPDATES);
        ringFullWaits = file.newCounter(StationCounter.RING_FULL_WAITS);
        instruments = file.newCounter(StationCounter.INSTRUMENTS);
        sinkWrites = file.newCounter(StationCounter.SINK_WRITES);
        sinkFlushes = file.newCounter(StationCounter.SINK_FLUSHES);
        sinkTrades = file.newCounter(StationCounter.SINK_TRADES);
        ringDrops = file.newCounter(StationCounter.SINK_RING_DROPS);
        sinkTradeDrops = file.newCounter(StationCounter.SINK_TRADE_DROPS);
        sinkErrors = file.newCounter(StationCounter.SINK_ERRORS);
        sinkReconnects = file.newCounter(StationCounter.SINK_RECONNECTS);
        sinkConnected = file.newCounter(StationCounter.SINK_CONNECTED);
        sinkLagBytes = file.newCounter(StationCounter.SINK_LAG_BYTES);
        udpIncrementalPackets = optional(file, udp, StationCounter.UDP_INCREMENTAL_PACKETS);
        udpIncrementalSequence = optional(file, udp, StationCounter.UDP_INCREMENTAL_SEQUENCE);
        udpSnapshotPackets = optional(file, udp, StationCounter.UDP_SNAPSHOT_PACKETS);
        udpMessages = optional(file, udp, StationCounter.UDP_MESSAGES);
        udpBytes = optional(file, udp, StationCounter.UDP_BYTES);
        udpSnapshots = optional(file, udp, StationCounter.UDP_SNAPSHOTS);
        udpSendErrors = optional(file, udp, StationCounter.UDP_SEND_ERRORS);
        liveConnectionsOpen = optional(file, live, StationCounter.LIVE_CONNECTIONS_OPEN);
        liveReconnects = optional(file, live, StationCounter.LIVE_RECONNECTS);
        liveRollovers = optional(file, live, StationCounter.LIVE_ROLLOVERS);
        liveResyncs = optional(file, live, StationCounter.LIVE_RESYNCS);
        liveBooksLive = optional(file, live, StationCounter.LIVE_BOOKS_LIVE);
        liveSnapshotRequests = optional(file, live, StationCounter.LIVE_SNAPSHOT_REQUESTS);
        liveSnapshotErrors = optional(file, live, StationCounter.LIVE_SNAPSHOT_ERRORS);
        liveSnapshotsPending = optional(file, live, StationCounter.LIVE_SNAPSHOTS_PENDING);
        liveWeightPeak = new AtomicCounter[live ? venues.length : 0];
        for (int i = 0; i < liveWeightPeak.length; i++)
        {
            liveWeightPeak[i] = file.newCounter(StationCounter.LIVE_WEIGHT_PEAK, venues[i].id());
        }
    }

    private static AtomicCounter optional(final CountersFile file, final boolean wanted, final StationCounter type)
    {
        return wanted ? file.newCounter(type) : null;
    }

    /**
     * @param engine    the books (book thread).
     * @param registry  the instruments.
     * @param publisher the sink publisher (a book listener, book thread).
     * @param udp       the UDP publisher (a book thread duty, run first), or null.
     * @param live      the live session, or null.
     * @return the book thread's duty: runs the UDP publisher, then copies the counts.
     */
    Agent bookThreadDuty(
        final BookEngine engine, final InstrumentRegistry registry, final SinkPublisher publisher,
        final UdpPublisher udp, final LiveSession live)
    {
        return new Publisher(udp)
        {
            @Override
            void publish()
            {
                long appliedCount = 0;
                long resyncCount = 0;
                long liveBooks = 0;
                final int n = registry.size();
                for (int i = 0; i < n; i++)
                {
                    final InstrumentBook b = engine.book(i);
                    if (b != null)
                    {
                        appliedCount += b.appliedCount();
                        resyncCount += b.resyncCount();
                        liveBooks += b.state() == SyncState.LIVE ? 1 : 0;
                    }
                }
                events.setOrdered(engine.events());
                bookUpdates.setOrdered(appliedCount);
                instruments.setOrdered(n);
                ringDrops.setOrdered(publisher.droppedTob() + publisher.droppedTradeCount() + publisher.droppedBooks());
                if (udp != null)
                {
                    udpIncrementalPackets.setOrdered(udp.incremental().packets());
                    udpIncrementalSequence.setOrdered(udp.incremental().lastSequence());
                    udpSnapshotPackets.setOrdered(udp.snapshotSender().packets());
                    udpMessages.setOrdered(udp.incremental().messages());
                    udpBytes.setOrdered(udp.incremental().bytes() + udp.snapshotSender().bytes());
                    udpSnapshots.setOrdered(udp.snapshotCount());
                    udpSendErrors.setOrdered(udp.incremental().sendErrorCount() +
                        udp.snapshotSender().sendErrorCount());
                }
                if (live != null)
                {
                    liveResyncs.setOrdered(resyncCount);
                    liveBooksLive.setOrdered(liveBooks);
                    liveConnectionsOpen.setOrdered(live.feed().openConnections());
                    liveReconnects.setOrdered(live.feed().reconnectCount());
                    liveRollovers.setOrdered(live.feed().rolloverCount());
                    liveSnapshotRequests.setOrdered(live.fetcher().sent());
                    liveSnapshotErrors.setOrdered(live.fetcher().errors());
                    liveSnapshotsPending.setOrdered(live.fetcher().pending());
                    for (int i = 0; i < liveWeightPeak.length; i++)
                    {
                        liveWeightPeak[i].setOrdered(live.fetcher().budget(venues[i]).peakUsed());
                    }
                }
            }
        };
    }

    /**
     * @param sink the Redis sink.
     * @param ring the sink ring it drains.
     * @return the sink thread's agent: the sink, then the copy of its counts.
     */
    Agent sinkThreadDuty(final RedisSink sink, final RingBuffer ring)
    {
        return new Publisher(sink)
        {
            @Override
            void publish()
            {
                sinkWrites.setOrdered(sink.writeCount());
                sinkFlushes.setOrdered(sink.flushCount());
                sinkTrades.setOrdered(sink.writtenTradeCount());
                sinkTradeDrops.setOrdered(sink.droppedTradeCount());
                sinkErrors.setOrdered(sink.errors());
                sinkReconnects.setOrdered(sink.reconnectCount());
                sinkConnected.setOrdered(sink.connected() ? 1 : 0);
                sinkLagBytes.setOrdered(ring.producerPosition() - ring.consumerPosition());
            }
        };
    }

    /**
     * An agent that runs its delegate (if any), then at most every {@link #PUBLISH_INTERVAL_MS} ms
     * copies the counts it owns into counters, and once more after the delegate closed.
     */
    private abstract static class Publisher implements Agent
    {
        private static final long INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(PUBLISH_INTERVAL_MS);
        private final Agent delegate;
        private long lastNs = System.nanoTime() - INTERVAL_NS;

        Publisher(final Agent delegate)
        {
            this.delegate = delegate;
        }

        abstract void publish();

        @Override
        public void onStart()
        {
            if (delegate != null)
            {
                delegate.onStart();
            }
        }

        @Override
        public int doWork() throws Exception
        {
            final int work = delegate != null ? delegate.doWork() : 0;
            final long now = System.nanoTime();
            if (now - lastNs >= INTERVAL_NS)
            {
                lastNs = now;
                publish();
            }
            return work;
        }

        @Override
        public void onClose()
        {
            try
            {
                if (delegate != null)
                {
                    delegate.onClose();
                }
            }
            finally
            {
                publish();
            }
        }

        @Override
        public String roleName()
        {
            return delegate != null ? delegate.roleName() : "station-counters";
        }
    }
}
