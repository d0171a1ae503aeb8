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

import java.util.EnumSet;
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

    /** The UDP counters, allocated only when the station publishes UDP. */
    private static final EnumSet<StationCounter> UDP =
        EnumSet.range(StationCounter.UDP_INCREMENTAL_PACKETS, StationCounter.UDP_SEND_ERRORS);
    /** The live counters, allocated only for a live session. */
    private static final EnumSet<StationCounter> LIVE =
        EnumSet.range(StationCounter.LIVE_CONNECTIONS_OPEN, StationCounter.LIVE_WEIGHT_PEAK);

    /** The per-thread costs and the locked memory: {@link ThreadCostCounters} allocates and writes those. */
    private static final EnumSet<StationCounter> HOST =
        EnumSet.range(StationCounter.THREAD_CPU_NS, StationCounter.MEMORY_LOCKED_BYTES);

    final AtomicCounter ringFullWaits;
    /** One counter a definition, by {@link StationCounter#ordinal()}; null where not allocated or per venue. */
    private final AtomicCounter[] byType = new AtomicCounter[StationCounter.values().length];
    private final Venue[] venues = Venue.values();
    private final AtomicCounter[] liveWeightPeak;

    /**
     * Allocates the counters in definition order, so each keeps its id from run to run.
     *
     * @param file the counters file to allocate in.
     * @param udp  allocate the UDP counters.
     * @param live allocate the live counters.
     */
    RuntimeCounters(final CountersFile file, final boolean udp, final boolean live)
    {
        for (final StationCounter type : StationCounter.values())
        {
            final boolean wanted = UDP.contains(type) ? udp : !LIVE.contains(type) || live;
            if (wanted && !type.perVenue() && !HOST.contains(type))
            {
                byType[type.ordinal()] = file.newCounter(type);
            }
        }
        ringFullWaits = byType[StationCounter.RING_FULL_WAITS.ordinal()];
        liveWeightPeak = new AtomicCounter[live ? venues.length : 0];
        for (int i = 0; i < liveWeightPeak.length; i++)
        {
            liveWeightPeak[i] = file.newCounter(StationCounter.LIVE_WEIGHT_PEAK, venues[i].id());
        }
    }

    /** Ordered store into the counter of that definition (allocated: the caller checked UDP or live). */
    private void set(final StationCounter type, final long value)
    {
        byType[type.ordinal()].setOrdered(value);
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
                set(StationCounter.EVENTS, engine.events());
                set(StationCounter.BOOK_UPDATES, appliedCount);
                set(StationCounter.INSTRUMENTS, n);
                set(StationCounter.SINK_RING_DROPS,
                    publisher.droppedTob() + publisher.droppedTradeCount() + publisher.droppedBooks());
                if (udp != null)
                {
                    set(StationCounter.UDP_INCREMENTAL_PACKETS, udp.incremental().packets());
                    set(StationCounter.UDP_INCREMENTAL_SEQUENCE, udp.incremental().lastSequence());
                    set(StationCounter.UDP_SNAPSHOT_PACKETS, udp.snapshotSender().packets());
                    set(StationCounter.UDP_MESSAGES, udp.incremental().messages());
                    set(StationCounter.UDP_BYTES, udp.incremental().bytes() + udp.snapshotSender().bytes());
                    set(StationCounter.UDP_SNAPSHOTS, udp.snapshotCount());
                    set(StationCounter.UDP_SEND_ERRORS, udp.incremental().sendErrorCount() +
                        udp.snapshotSender().sendErrorCount());
                }
                if (live != null)
                {
                    set(StationCounter.LIVE_RESYNCS, resyncCount);
                    set(StationCounter.LIVE_BOOKS_LIVE, liveBooks);
                    set(StationCounter.LIVE_CONNECTIONS_OPEN, live.feed().openConnections());
                    set(StationCounter.LIVE_RECONNECTS, live.feed().reconnectCount());
                    set(StationCounter.LIVE_ROLLOVERS, live.feed().rolloverCount());
                    set(StationCounter.LIVE_SNAPSHOT_REQUESTS, live.fetcher().sent());
                    set(StationCounter.LIVE_SNAPSHOT_ERRORS, live.fetcher().errors());
                    set(StationCounter.LIVE_SNAPSHOTS_PENDING, live.fetcher().pending());
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
                set(StationCounter.SINK_WRITES, sink.writeCount());
                set(StationCounter.SINK_FLUSHES, sink.flushCount());
                set(StationCounter.SINK_TRADES, sink.writtenTradeCount());
                set(StationCounter.SINK_TRADE_DROPS, sink.droppedTradeCount());
                set(StationCounter.SINK_ERRORS, sink.errors());
                set(StationCounter.SINK_RECONNECTS, sink.reconnectCount());
                set(StationCounter.SINK_CONNECTED, sink.connected() ? 1 : 0);
                set(StationCounter.SINK_LAG_BYTES, ring.producerPosition() - ring.consumerPosition());
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
