package com.tradingstation.app;

import com.tradingstation.core.counters.CountersFile;
import com.tradingstation.core.counters.StationCounter;
import com.tradingstation.core.instrument.Venue;
import com.tradingstation.core.sync.BookListener;
import com.tradingstation.core.sync.CompositeBookListener;
import com.tradingstation.core.thread.ThreadRole;
import com.tradingstation.feed.live.LiveSession;
import com.tradingstation.feed.pipeline.PipelineResult;
import com.tradingstation.feed.pipeline.StationPipeline;
import com.tradingstation.json.JsonWriter;
import com.tradingstation.redis.RedisConnector;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisUnavailableException;
import com.tradingstation.runtime.StationThreads;
import com.tradingstation.sink.RedisSink;
import com.tradingstation.sink.SinkPublisher;
import com.tradingstation.wire.UdpPublisher;
import com.tradingstation.wire.WireConfig;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The running station: replay pipeline (reader/decoder on the calling thread, books on their own
 * thread) feeding the Redis sink on a third thread. Shared by {@code station run} and
 * {@code station demo}.
 * <p>
 * Its counts live in a {@link CountersFile} (see {@link RuntimeCounters}: each counter written by the
 * thread that owns the count, with ordered stores); {@link #statusJson()}, the Prometheus collector
 * and {@code station stat} read them through a {@link org.agrona.concurrent.status.CountersReader}.
 * They are exact once {@link #run(List)} returned.
 */
final class StationRuntime
{
    /** Period of the per-thread cost sampling (readers look once a second at most). */
    static final long COST_SAMPLE_MS = 1_000;

    private final StationPipeline pipeline;
    private final LiveSession live;
    private final RingBuffer sinkRing = new OneToOneRingBuffer(
        new UnsafeBuffer(ByteBuffer.allocateDirect((16 << 20) + RingBufferDescriptor.TRAILER_LENGTH)));
    private final SinkPublisher publisher;
    private final RedisSink sink;
    private final UdpPublisher udp;
    private final CountersFile counters;
    private final RuntimeCounters runtimeCounters;
    private final long startNs = System.nanoTime();
    private final StationThreads threads;
    private final ThreadCostCounters threadCosts;
    private final ScheduledExecutorService housekeeping;
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
        this(redis, bookLevels, bookIntervalMs, tradesMaxLen, udpConfig, replayRate, live, null);
    }

    /**
     * @param redis          where the sink writes.
     * @param bookLevels     levels per side of the book key.
     * @param bookIntervalMs least time between two book keys of one instrument.
     * @param tradesMaxLen   trade stream cap.
     * @param udpConfig      UDP channels to publish on, or null for none.
     * @param replayRate     capture lines per second, 0 for as fast as possible (files only).
     * @param live           a live session to run instead of files, or null.
     * @param countersFile   where to publish the counters for other processes, or null to keep them in memory.
     * @throws IOException when the UDP sockets or the counters file cannot be opened.
     */
    StationRuntime(
        final RedisEndpoint redis, final int bookLevels, final long bookIntervalMs, final long tradesMaxLen,
        final WireConfig udpConfig, final long replayRate, final LiveSession live, final Path countersFile)
        throws IOException
    {
        this(redis, bookLevels, bookIntervalMs, tradesMaxLen, udpConfig, replayRate, live, countersFile,
            StationThreads.none());
    }

    /**
     * @param redis          where the sink writes.
     * @param bookLevels     levels per side of the book key.
     * @param bookIntervalMs least time between two book keys of one instrument.
     * @param tradesMaxLen   trade stream cap.
     * @param udpConfig      UDP channels to publish on, or null for none.
     * @param replayRate     capture lines per second, 0 for as fast as possible (files only).
     * @param live           a live session to run instead of files, or null.
     * @param countersFile   where to publish the counters for other processes, or null to keep them in memory.
     * @param threads        where each thread runs and how the agents idle.
     * @throws IOException           when the UDP sockets or the counters file cannot be opened.
     * @throws IllegalStateException when another running station owns the counters file.
     */
    StationRuntime(
        final RedisEndpoint redis, final int bookLevels, final long bookIntervalMs, final long tradesMaxLen,
        final WireConfig udpConfig, final long replayRate, final LiveSession live, final Path countersFile,
        final StationThreads threads)
        throws IOException
    {
        this.live = live;
        this.threads = threads;
        this.pipeline = live != null ? live.pipeline() : new StationPipeline(null, 0, true);
        redisUrl = redis.toString();
        publisher = new SinkPublisher(sinkRing, pipeline.registry().capacity(), bookLevels,
            TimeUnit.MILLISECONDS.toNanos(bookIntervalMs));
        pipeline.pace(replayRate);
        counters = countersFile != null ?
            CountersFile.create(countersFile, CountersFile.DEFAULT_MAX_COUNTERS) :
            CountersFile.inMemory(CountersFile.DEFAULT_MAX_COUNTERS);
        runtimeCounters = new RuntimeCounters(counters, udpConfig != null, live != null);
        threadCosts = new ThreadCostCounters(counters, threads);
        housekeeping = Executors.newSingleThreadScheduledExecutor(
            threads.daemonThreads(ThreadRole.STATUS, "station-status"));
        if (live != null)
        {
            live.threadStart(threads);
        }
        pipeline.bookIdleStrategy(threads.idle(ThreadRole.BOOKS));
        pipeline.ringFullWaitsCounter(runtimeCounters.ringFullWaits);
        if (udpConfig != null)
        {
            try
            {
                udp = UdpPublisher.open(udpConfig, pipeline.registry(), pipeline.engine());
            }
            catch (final IOException ex)
            {
                counters.close();
                throw new IOException("udp " + udpConfig.incremental() + ": " + StationMain.oneLine(ex), ex);
            }
        }
        else
        {
            udp = null;
        }
        wireBookThread(null, null);
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
        return run(sources, null);
    }

    /**
     * Run a source of the caller's (a benchmark's paced lines), then drain the sink ring and flush (blocking).
     *
     * @param source produces on its own thread.
     * @return the end state.
     */
    PipelineResult run(final StationPipeline.Source source)
    {
        return run(List.of(), source);
    }

    /**
     * Put a probe on the book thread, after the publishers: a listener of every book event and an
     * agent run after each duty cycle (after the UDP flush). Call before a run.
     *
     * @param listener the probe's listener.
     * @param agent    the probe's duty.
     */
    void probe(final BookListener listener, final Agent agent)
    {
        wireBookThread(listener, agent);
    }

    // The book thread's listeners (sink publisher, UDP, a probe last) and its duty (counters, then the probe's).
    private void wireBookThread(final BookListener probeListener, final Agent probeAgent)
    {
        final List<BookListener> listeners = new java.util.ArrayList<>(List.of(publisher));
        if (udp != null)
        {
            listeners.add(udp);
        }
        if (probeListener != null)
        {
            listeners.add(probeListener);
        }
        pipeline.listener(listeners.size() == 1 ? publisher :
            new CompositeBookListener(listeners.toArray(new BookListener[0])));
        final Agent duty = runtimeCounters.bookThreadDuty(pipeline.engine(), pipeline.registry(), publisher, udp,
            live);
        pipeline.bookThreadAgent(new StartingAgent(probeAgent == null ? duty : new CompositeAgent(duty, probeAgent),
            threads, ThreadRole.BOOKS));
    }

    private PipelineResult run(final List<Path> sources, final StationPipeline.Source source)
    {
        final AtomicReference<Throwable> sinkError = new AtomicReference<>();
        final AgentRunner sinkRunner = new AgentRunner(
            threads.idle(ThreadRole.SINK), e -> sinkError.compareAndSet(null, e), null,
            new StartingAgent(runtimeCounters.sinkThreadDuty(sink, sinkRing), threads, ThreadRole.SINK));
        AgentRunner.startOnThread(sinkRunner);
        final ScheduledFuture<?> sampling = housekeeping.scheduleAtFixedRate(threadCosts::sample, 0,
            COST_SAMPLE_MS, TimeUnit.MILLISECONDS);
        if (live == null && source == null)
        {
            threads.onStart(ThreadRole.READER.id()); // file replay: this thread reads and decodes
        }
        try
        {
            final PipelineResult result = live != null ? pipeline.run(live) :
                source != null ? pipeline.run(source) : pipeline.run(sources);
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
            sampling.cancel(false);
            sampleNow();
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

    /** @return the data path (books, ring, decoder). */
    StationPipeline pipeline()
    {
        return pipeline;
    }

    /** @return the UDP publisher, or null when UDP is off. */
    UdpPublisher udp()
    {
        return udp;
    }

    /** Delete the counters file (after {@link #run(List)} and after the last read of the counters). */
    void closeCounters()
    {
        housekeeping.shutdownNow();
        counters.close();
    }

    // One last sample on the housekeeping thread (the only one that allocates per-thread counters).
    private void sampleNow()
    {
        try
        {
            housekeeping.submit(threadCosts::sample).get(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException |
            java.util.concurrent.RejectedExecutionException ex)
        {
            // the costs stay as last sampled
        }
    }

    /** @return the scheduler of the housekeeping thread (status line, per-thread costs). */
    ScheduledExecutorService housekeeping()
    {
        return housekeeping;
    }

    /** @return where the threads run and how the agents idle. */
    StationThreads threads()
    {
        return threads;
    }

    /** @return the per-thread costs as last sampled. */
    ThreadCostCounters threadCosts()
    {
        return threadCosts;
    }

    /** @return the counters (read them through its reader). */
    CountersFile counters()
    {
        return counters;
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
        return counters.sum(StationCounter.SINK_RING_DROPS) + counters.sum(StationCounter.SINK_TRADE_DROPS);
    }

    /** @return one status line: the original "HFT OrderBook: X updates/sec" and the sink's side. */
    String statusLine(final long events, final long updates, final long writeCount, final double seconds)
    {
        return String.format(Locale.ROOT,
            "station: %,.0f events/s, HFT OrderBook: %,.0f updates/sec, sink %,.0f writes/s, drops %d, lag %d B%s",
            events / seconds, updates / seconds, writeCount / seconds, drops(),
            counters.sum(StationCounter.SINK_LAG_BYTES), sink.connected() || finished ? "" : ", redis DISCONNECTED") +
            (udp == null ? "" : String.format(Locale.ROOT, ", udp seq %d (%d snapshots)",
                udp.incremental().lastSequence(), udp.snapshotCount())) + liveStatus();
    }

    private String liveStatus()
    {
        if (live == null)
        {
            return "";
        }
        final StringBuilder weight = new StringBuilder();
        for (final CountersFile.Counter c : counters.counters())
        {
            if (c.definition() == StationCounter.LIVE_WEIGHT_PEAK && c.value() > 0)
            {
                weight.append(weight.length() == 0 ? "" : " ").append(c.venue()).append('=').append(c.value())
                    .append('/').append(live.fetcher().budget(Venue.fromId(c.venue())).budget());
            }
        }
        return String.format(Locale.ROOT,
            ", live %d/%d connections open, %d/%d books LIVE, reconnects %d, rollovers %d, " +
            "resyncs %d, snapshots %d%s",
            counters.sum(StationCounter.LIVE_CONNECTIONS_OPEN), live.feed().slots().size(),
            counters.sum(StationCounter.LIVE_BOOKS_LIVE), live.instruments().size(),
            counters.sum(StationCounter.LIVE_RECONNECTS), counters.sum(StationCounter.LIVE_ROLLOVERS),
            counters.sum(StationCounter.LIVE_RESYNCS), counters.sum(StationCounter.LIVE_SNAPSHOT_REQUESTS),
            weight.length() == 0 ? "" : ", weight " + weight);
    }

    long events()
    {
        return counters.sum(StationCounter.EVENTS);
    }

    long updates()
    {
        return counters.sum(StationCounter.BOOK_UPDATES);
    }

    /**
     * @return the /status document: the counts from the counters, the sink's and UDP's state and
     * last errors (strings, volatile fields of their owners), and the live session's per-venue and
     * per-connection detail.
     */
    String statusJson()
    {
        final JsonWriter w = new JsonWriter().beginObject()
            .field("state", finished ? "finished" : "running")
            .field("uptimeMs", (System.nanoTime() - startNs) / 1_000_000)
            .field("countersFile", counters.file() != null ? counters.file().toString() : "")
            .field("events", counters.sum(StationCounter.EVENTS))
            .field("bookUpdates", counters.sum(StationCounter.BOOK_UPDATES))
            .field("ringFullWaits", counters.sum(StationCounter.RING_FULL_WAITS))
            .field("instruments", counters.sum(StationCounter.INSTRUMENTS))
            .name("redis").beginObject().field("url", redisUrl).endObject()
            .name("sink").beginObject().field("state", sink.state())
            .field("connected", counters.sum(StationCounter.SINK_CONNECTED) == 1)
            .field("writes", counters.sum(StationCounter.SINK_WRITES))
            .field("flushes", counters.sum(StationCounter.SINK_FLUSHES))
            .field("trades", counters.sum(StationCounter.SINK_TRADES)).field("drops", drops())
            .field("errors", counters.sum(StationCounter.SINK_ERRORS)).field("lastError", sink.lastError())
            .field("recoveredError", sink.recoveredError())
            .field("lagBytes", counters.sum(StationCounter.SINK_LAG_BYTES)).endObject();
        if (udp != null)
        {
            w.name("udp").beginObject()
                .field("incrementalPackets", counters.sum(StationCounter.UDP_INCREMENTAL_PACKETS))
                .field("incrementalSequence", counters.sum(StationCounter.UDP_INCREMENTAL_SEQUENCE))
                .field("messages", counters.sum(StationCounter.UDP_MESSAGES))
                .field("bytes", counters.sum(StationCounter.UDP_BYTES))
                .field("snapshotPackets", counters.sum(StationCounter.UDP_SNAPSHOT_PACKETS))
                .field("snapshots", counters.sum(StationCounter.UDP_SNAPSHOTS))
                .field("sendErrors", counters.sum(StationCounter.UDP_SEND_ERRORS))
                .field("lastError",
                    udp.incremental().lastError() != null ? udp.incremental().lastError()
                    : udp.snapshotSender().lastError())
                .endObject();
        }
        w.name("runtime").beginObject().field("cpu", threads.cpuSpec()).field("idle", threads.idleSpec())
            .field("memoryLockedBytes", counters.sum(StationCounter.MEMORY_LOCKED_BYTES)).name("threads");
        threadCosts.writeJson(w);
        w.endObject();
        if (live != null)
        {
            w.name("live").beginObject().field("snapshotRequests", counters.sum(StationCounter.LIVE_SNAPSHOT_REQUESTS))
                .field("snapshotErrors", counters.sum(StationCounter.LIVE_SNAPSHOT_ERRORS))
                .field("snapshotsPending", counters.sum(StationCounter.LIVE_SNAPSHOTS_PENDING));
            live.writeVenues(w);
            live.writeConnections(w);
            w.endObject();
        }
        return w.endObject().toString();
    }

    static void ping(final RedisEndpoint endpoint) throws RedisUnavailableException
    {
        RedisConnector.connect(endpoint).close(); // connect already checked the PONG
    }
}
