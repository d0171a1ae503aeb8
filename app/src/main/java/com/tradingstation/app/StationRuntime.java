package com.tradingstation.app;

import com.tradingstation.core.sync.CompositeBookListener;
import com.tradingstation.core.sync.InstrumentBook;
import com.tradingstation.json.JsonWriter;
import com.tradingstation.feed.live.LiveFeed;
import com.tradingstation.feed.live.LiveSession;
import com.tradingstation.feed.pipeline.StationPipeline;
import com.tradingstation.feed.pipeline.PipelineResult;
import com.tradingstation.redis.RedisConnector;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.sink.RedisSink;
import com.tradingstation.redis.RedisUnavailableException;
import com.tradingstation.sink.SinkPublisher;
import com.tradingstation.wire.UdpPublisher;
import com.tradingstation.wire.WireConfig;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The running station: replay pipeline (reader/decoder on the calling thread, books on their own
 * thread) feeding the Redis sink on a third thread. Shared by {@code station run} and
 * {@code station demo}.
 * <p>
 * The live counters read by {@link #statusJson()} and {@link #metrics()} are plain longs owned
 * by other threads, read racily: fine for monitoring, exact once {@link #run(List)} returned.
 */
final class StationRuntime
{
    private final StationPipeline pipeline;
    private final LiveSession live;
    private final RingBuffer sinkRing = new OneToOneRingBuffer(
        new UnsafeBuffer(ByteBuffer.allocateDirect((16 << 20) + RingBufferDescriptor.TRAILER_LENGTH)));
    private final SinkPublisher publisher;
    private final RedisSink sink;
    private final UdpPublisher udp;
    private final long startNs = System.nanoTime();
    // The Redis the sink writes to, password masked: `station monitor|gate|health` find it here.
    private final String redisUrl;
    private volatile boolean finished;

    /**
     * @param redis          where the sink writes.
     * @param bookLevels     levels per side of the book key.
     * @param bookIntervalMs least time between two book keys of one instrument.
     * @param tradesMaxLen   trade stream cap.
     * @param udpConfig      UDP channels to publish on, or null for none.
     * @param replayRate     capture lines per second, 0 for as fast as possible.
     * @throws IOException when the UDP sockets cannot be opened.
     */
    StationRuntime(
        final RedisEndpoint redis, final int bookLevels, final long bookIntervalMs, final long tradesMaxLen,
        final WireConfig udpConfig, final long replayRate) throws IOException
    {
        this(redis, bookLevels, bookIntervalMs, tradesMaxLen, udpConfig, replayRate, null);
    }

    /**
     * @param redis          where the sink writes.
     * @param bookLevels     levels per side of the book key.
     * @param bookIntervalMs least time between two book keys of one instrument.
     * @param tradesMaxLen   trade stream cap.
     * @param udpConfig      UDP channels to publish on, or null for none.
     * @param replayRate     capture lines per second, 0 for as fast as possible (files only).
     * @param live           a live session to run instead of files, or null.
     * @throws IOException when the UDP sockets cannot be opened.
     */
    StationRuntime(
        final RedisEndpoint redis, final int bookLevels, final long bookIntervalMs, final long tradesMaxLen,
        final WireConfig udpConfig, final long replayRate, final LiveSession live) throws IOException
    {
        this.live = live;
        this.pipeline = live != null ? live.pipeline() : new StationPipeline(null, 0, true);
        redisUrl = redis.toString();
        publisher = new SinkPublisher(sinkRing, pipeline.registry().capacity(), bookLevels,
            TimeUnit.MILLISECONDS.toNanos(bookIntervalMs));
        pipeline.pace(replayRate);
        if (udpConfig != null)
        {
            try
            {
                udp = UdpPublisher.open(udpConfig, pipeline.registry(), pipeline.engine());
            }
            catch (final IOException ex)
            {
                throw new IOException("udp " + udpConfig.incremental() + ": " + StationMain.oneLine(ex), ex);
            }
            pipeline.listener(new CompositeBookListener(publisher, udp));
            pipeline.bookThreadAgent(udp);
        }
        else
        {
            udp = null;
            pipeline.listener(publisher);
        }
        sink = new RedisSink(sinkRing, pipeline.registry(), () ->
        {
            try
            {
                return RedisConnector.connect(redis);
            }
            catch (final RedisUnavailableException ex)
            {
                throw new IllegalStateException(ex.getMessage(), ex);
            }
        }, tradesMaxLen, 1_000_000);
    }

    /**
     * Replay the sources, then drain the sink ring and flush (blocking).
     *
     * @param sources capture files.
     * @return the replay's end state.
     */
    PipelineResult run(final List<Path> sources)
    {
        final AtomicReference<Throwable> sinkError = new AtomicReference<>();
        final AgentRunner sinkRunner = new AgentRunner(
            new BackoffIdleStrategy(), e -> sinkError.compareAndSet(null, e), null, sink);
        AgentRunner.startOnThread(sinkRunner);
        try
        {
            final PipelineResult result = live != null ? pipeline.run(live) : pipeline.run(sources);
            final BackoffIdleStrategy idle = new BackoffIdleStrategy();
            while (sinkRing.consumerPosition() < sinkRing.producerPosition() && sinkError.get() == null)
            {
                idle.idle();
            }
            return result;
        }
        finally
        {
            sinkRunner.close(); // onClose drains and flushes
            finished = true;
        }
    }

    /**
     * Only this symbol (and others allowed the same way) becomes an instrument of a file replay.
     * Call before {@link #run(List)}.
     *
     * @param ref venue (null for every venue) and symbol.
     */
    void allow(final com.tradingstation.feed.live.SymbolRef ref)
    {
        pipeline.registry().allow(ref.venue(), ref.symbol());
    }

    /** Stop reading early (signal handler); what was read is still drained and flushed. */
    void stop()
    {
        if (live != null)
        {
            live.stop();
        }
        pipeline.stop();
    }

    /** @return the live session, or null when replaying files. */
    LiveSession live()
    {
        return live;
    }

    /** @return the UDP publisher, or null when UDP is off. */
    UdpPublisher udp()
    {
        return udp;
    }

    /** Close the UDP sockets (after {@link #run(List)}). */
    void closeUdp()
    {
        if (udp != null)
        {
            try
            {
                udp.close();
            }
            catch (final IOException ignored)
            {
                // closing a datagram socket: nothing to recover
            }
        }
    }

    RedisSink sink()
    {
        return sink;
    }

    SinkPublisher publisher()
    {
        return publisher;
    }

    long drops()
    {
        return publisher.droppedTob() + publisher.droppedTrades() + publisher.droppedBooks() + sink.droppedTrades();
    }

    /** @return one status line: the original "HFT OrderBook: X updates/sec" and the sink's side. */
    String statusLine(final long events, final long updates, final long writes, final double seconds)
    {
        return String.format(Locale.ROOT,
            "station: %,.0f events/s, HFT OrderBook: %,.0f updates/sec, sink %,.0f writes/s, drops %d, lag %d B%s",
            events / seconds, updates / seconds, writes / seconds, drops(),
            sinkRing.producerPosition() - sinkRing.consumerPosition(), sink.connected() || finished ? "" : ", redis DISCONNECTED") +
            (udp == null ? "" : String.format(Locale.ROOT, ", udp seq %d (%d snapshots)",
                udp.incremental().lastSequence(), udp.snapshots())) + liveStatus();
    }

    private String liveStatus()
    {
        if (live == null)
        {
            return "";
        }
        int open = 0;
        int slots = 0;
        long reconnects = 0;
        long rollovers = 0;
        for (final LiveFeed.SlotStatus s : live.feed().slots())
        {
            slots++;
            open += "open".equals(s.state()) ? 1 : 0;
            reconnects += s.reconnects();
            rollovers += s.rollovers();
        }
        long resyncs = 0;
        int liveBooks = 0;
        for (final InstrumentBook b : pipeline.engine().books())
        {
            resyncs += b.resyncs();
            liveBooks += b.state() == com.tradingstation.core.sync.SyncState.LIVE ? 1 : 0;
        }
        final StringBuilder weight = new StringBuilder();
        for (final com.tradingstation.core.instrument.Venue v : com.tradingstation.core.instrument.Venue.values())
        {
            final long peak = live.fetcher().budget(v).peakUsed();
            if (peak > 0)
            {
                weight.append(weight.length() == 0 ? "" : " ").append(v.id()).append('=').append(peak)
                    .append('/').append(live.fetcher().budget(v).budget());
            }
        }
        return String.format(Locale.ROOT, ", live %d/%d connections open, %d/%d books LIVE, reconnects %d, rollovers %d, " +
            "resyncs %d, snapshots %d%s", open, slots, liveBooks, live.instruments().size(), reconnects, rollovers,
            resyncs, live.fetcher().sent(), weight.length() == 0 ? "" : ", weight " + weight);
    }

    long events()
    {
        return pipeline.engine().events();
    }

    long updates()
    {
        long applied = 0;
        for (final InstrumentBook b : pipeline.engine().books())
        {
            applied += b.applied();
        }
        return applied;
    }

    /** @return the /status document. */
    String statusJson()
    {
        final JsonWriter w = new JsonWriter().beginObject()
            .field("state", finished ? "finished" : "running")
            .field("uptimeMs", (System.nanoTime() - startNs) / 1_000_000)
            .field("events", events()).field("bookUpdates", updates())
            .field("ringFullWaits", pipeline.ringFullWaits())
            .field("instruments", pipeline.registry().size())
            .name("redis").beginObject().field("url", redisUrl).endObject()
            .name("sink").beginObject().field("state", sink.state()).field("connected", sink.connected())
            .field("writes", sink.writes())
            .field("flushes", sink.flushes()).field("trades", sink.tradesWritten()).field("drops", drops())
            .field("errors", sink.errors()).field("lastError", sink.lastError())
            .field("recoveredError", sink.recoveredError())
            .field("lagBytes", sinkRing.producerPosition() - sinkRing.consumerPosition()).endObject();
        if (udp != null)
        {
            w.name("udp").beginObject()
                .field("incrementalPackets", udp.incremental().packets())
                .field("incrementalSequence", udp.incremental().lastSequence())
                .field("messages", udp.incremental().messages())
                .field("bytes", udp.incremental().bytes() + udp.snapshotSender().bytes())
                .field("snapshotPackets", udp.snapshotSender().packets())
                .field("snapshots", udp.snapshots())
                .field("sendErrors", udp.incremental().sendErrors() + udp.snapshotSender().sendErrors())
                .field("lastError", udp.incremental().lastError() != null ? udp.incremental().lastError() : udp.snapshotSender().lastError())
                .endObject();
        }
        if (live != null)
        {
            w.name("live").beginObject().field("snapshotRequests", live.fetcher().sent())
                .field("snapshotErrors", live.fetcher().errors()).field("snapshotsPending", live.fetcher().pending());
            live.writeVenues(w);
            live.writeConnections(w);
            w.endObject();
        }
        return w.endObject().toString();
    }

    /** @return the /metrics document (Prometheus text format 0.0.4). */
    String metrics()
    {
        final StringBuilder sb = new StringBuilder(1024);
        metric(sb, "station_events_total", "counter", "Events handled by the book thread.", events());
        metric(sb, "station_book_updates_total", "counter", "Depth diffs applied to books.", updates());
        metric(sb, "station_ring_full_waits_total", "counter",
            "Idle rounds the reader waited for ring space (backpressure from the book thread).", pipeline.ringFullWaits());
        metric(sb, "station_instruments", "gauge", "Instruments registered.", pipeline.registry().size());
        metric(sb, "station_sink_writes_total", "counter", "Redis commands written by the sink.", sink.writes());
        metric(sb, "station_sink_flushes_total", "counter", "Pipelines flushed to Redis.", sink.flushes());
        metric(sb, "station_sink_drops_total", "counter", "Sink events dropped (full ring or lost batch).", drops());
        metric(sb, "station_sink_errors_total", "counter", "Redis connection and write errors.", sink.errors());
        metric(sb, "station_sink_connected", "gauge", "1 while the sink holds a Redis connection.", sink.connected() ? 1 : 0);
        metric(sb, "station_sink_lag_bytes", "gauge", "Bytes waiting on the sink ring.",
            sinkRing.producerPosition() - sinkRing.consumerPosition());
        if (udp != null)
        {
            metric(sb, "station_udp_incremental_packets_total", "counter", "Incremental channel packets sent.", udp.incremental().packets());
            metric(sb, "station_udp_snapshot_packets_total", "counter", "Snapshot channel packets sent.", udp.snapshotSender().packets());
            metric(sb, "station_udp_messages_total", "counter", "Incremental messages sent.", udp.incremental().messages());
            metric(sb, "station_udp_bytes_total", "counter", "UDP payload bytes sent.",
                udp.incremental().bytes() + udp.snapshotSender().bytes());
            metric(sb, "station_udp_send_errors_total", "counter", "UDP sends that failed.",
                udp.incremental().sendErrors() + udp.snapshotSender().sendErrors());
        }
        if (live != null)
        {
            long reconnects = 0;
            long rollovers = 0;
            long open = 0;
            for (final LiveFeed.SlotStatus st : live.feed().slots())
            {
                reconnects += st.reconnects();
                rollovers += st.rollovers();
                open += "open".equals(st.state()) ? 1 : 0;
            }
            long resyncs = 0;
            for (final InstrumentBook b : pipeline.engine().books())
            {
                resyncs += b.resyncs();
            }
            metric(sb, "station_live_connections_open", "gauge", "Live WebSocket connections open.", open);
            metric(sb, "station_live_reconnects_total", "counter", "Unplanned reconnects.", reconnects);
            metric(sb, "station_live_rollovers_total", "counter", "Make-before-break connection replacements.", rollovers);
            metric(sb, "station_live_resyncs_total", "counter", "Books that went stale and resynced.", resyncs);
            metric(sb, "station_live_snapshot_requests_total", "counter", "REST depth snapshots requested.", live.fetcher().sent());
            for (final com.tradingstation.core.instrument.Venue v : com.tradingstation.core.instrument.Venue.values())
            {
                metric(sb, "station_live_weight_peak_" + v.id().replace('-', '_'), "gauge",
                    "Peak REST weight per minute used on " + v.id() + ".", live.fetcher().budget(v).peakUsed());
            }
        }
        return sb.toString();
    }

    private static void metric(final StringBuilder sb, final String name, final String type, final String help, final long v)
    {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
            .append("# TYPE ").append(name).append(' ').append(type).append('\n')
            .append(name).append(' ').append(v).append('\n');
    }

    static void ping(final RedisEndpoint endpoint) throws RedisUnavailableException
    {
        RedisConnector.connect(endpoint).close(); // connect already checked the PONG
    }
}
