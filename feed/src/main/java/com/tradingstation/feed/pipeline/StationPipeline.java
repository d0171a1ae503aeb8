package com.tradingstation.feed.pipeline;

import com.tradingstation.core.event.RingEventSink;
import com.tradingstation.core.instrument.InstrumentRegistry;
import com.tradingstation.core.instrument.Venue;
import com.tradingstation.core.sync.BookEngine;
import com.tradingstation.core.sync.BookListener;
import com.tradingstation.core.sync.InstrumentBook;
import com.tradingstation.core.sync.SnapshotRequester;
import com.tradingstation.feed.binance.BinanceDecoder;
import com.tradingstation.feed.binance.MalformedReason;
import com.tradingstation.feed.capture.CaptureLineHandler;
import com.tradingstation.feed.capture.CaptureReader;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The station's data path: decoder → one-to-one ring → book thread, the same for every source.
 * A live session ({@code feed.live.LiveSession}) hands it WebSocket frames and REST snapshots as
 * they arrive; {@code station replay} and {@code station run} over files hand it capture lines
 * (files given together form one session, read in order). Book listeners (the UDP publisher,
 * the Redis sink's publisher) run on the book thread as duties of its {@link BookAgent}.
 * <p>
 * Threaded mode runs the reader and decoder on the calling thread and the books on their own
 * agent thread, as the live station does. Inline mode drains the ring on the calling thread after
 * every message: the same classes, one thread, for allocation tests and benchmarks.
 */
public final class StationPipeline
{
    /** Default ring capacity: 8 MiB holds a burst of thousands of diffs and any snapshot. */
    public static final int DEFAULT_RING_BYTES = 8 * 1024 * 1024;

    private final InstrumentRegistry registry;
    private final BookEngine engine;
    private final RingBuffer ring;
    private final RingEventSink sink;
    private final BinanceDecoder decoder;
    private final OverlapFilter overlapFilter;
    private final CaptureReader reader = new CaptureReader();
    private final java.util.function.BooleanSupplier readerStopped = reader::stopped;
    private final boolean threaded;
    private final LineHandler lineHandler = new LineHandler();
    private final List<String> readErrors = new ArrayList<>();
    private Agent bookThreadAgent;
    private IdleStrategy bookIdle;
    private long paceIntervalNs;
    private long paceStartNs;
    private long pacedMessages;

    /**
     * @param venueOverride venue of every message, or null to infer per message.
     * @param maxDepth      0 keeps every level, otherwise the depth cap per side.
     * @param threaded      books on their own thread (true) or inline on the caller's.
     */
    public StationPipeline(final Venue venueOverride, final int maxDepth, final boolean threaded)
    {
        this(new InstrumentRegistry(), venueOverride, maxDepth, threaded, DEFAULT_RING_BYTES);
    }

    /**
     * @param registry      instruments.
     * @param venueOverride venue of every message, or null to infer per message.
     * @param maxDepth      0 keeps every level, otherwise the depth cap per side.
     * @param threaded      books on their own thread (true) or inline on the caller's.
     * @param ringBytes     ring capacity, a power of two.
     */
    public StationPipeline(
        final InstrumentRegistry registry, final Venue venueOverride, final int maxDepth, final boolean threaded,
        final int ringBytes)
    {
        this(registry, venueOverride, maxDepth, threaded, ringBytes, SnapshotRequester.NONE, false);
    }

    private StationPipeline(
        final InstrumentRegistry registry, final Venue venueOverride, final int maxDepth, final boolean threaded,
        final int ringBytes, final SnapshotRequester snapshotRequester, final boolean live)
    {
        this.registry = registry;
        this.engine = new BookEngine(registry, com.tradingstation.core.book.L2Book.DEFAULT_CAPACITY, maxDepth,
            snapshotRequester);
        this.ring = new OneToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect(ringBytes + RingBufferDescriptor.TRAILER_LENGTH)));
        final IdleStrategy producerIdle = threaded ? new BackoffIdleStrategy() : new DrainIdle();
        this.sink = new RingEventSink(ring, producerIdle);
        this.overlapFilter = live ? new OverlapFilter(sink, registry) : null;
        this.decoder = new BinanceDecoder(registry, live ? overlapFilter : sink, venueOverride,
            BinanceDecoder.DEFAULT_MAX_LEVELS);
        this.threaded = threaded;
    }

    /**
     * The same data path fed by a live source instead of files: the source's receive thread calls
     * the {@link #decoder()} (through the {@link #overlapFilter()}), books run on their own thread,
     * and books that go stale ask the requester for a REST snapshot.
     *
     * @param registry          instruments (registered with their venue scales).
     * @param maxDepth          0 keeps every level, otherwise the depth cap per side.
     * @param ringBytes         ring capacity, a power of two.
     * @param snapshotRequester fetches snapshots for stale books.
     * @return the pipeline.
     */
    public static StationPipeline live(
        final InstrumentRegistry registry, final int maxDepth, final int ringBytes,
        final SnapshotRequester snapshotRequester)
    {
        return new StationPipeline(registry, null, maxDepth, true, ringBytes, snapshotRequester, true);
    }

    /**
     * A source that produces on its own threads (a live feed): started, awaited, then closed.
     */
    public interface Source
    {
        /** Start producing (returns at once). */
        void start();

        /**
         * Block until the run should end (duration, signal).
         *
         * @throws InterruptedException when interrupted.
         */
        void awaitEnd() throws InterruptedException;

        /** Stop producing; when it returns nothing calls the decoder any more. */
        void close();

        /**
         * @param engine the books.
         * @return periodic checks the book thread runs beside draining the ring, or null.
         */
        default Agent bookThreadWatch(final BookEngine engine)
        {
            return null;
        }
    }

    /**
     * Run the books on their own thread while a live source feeds the decoder, until the source
     * ends; then drain the ring and report.
     *
     * @param source the live source.
     * @return the end state.
     */
    public PipelineResult run(final Source source)
    {
        final long start = System.nanoTime();
        withBookThread(source.bookThreadWatch(engine), () ->
        {
            source.start();
            try
            {
                source.awaitEnd();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            finally
            {
                source.close();
            }
        });
        return result(System.nanoTime() - start);
    }

    /**
     * Run the books on their own agent thread while the producer runs on the caller's, then wait
     * until the book thread has drained everything the producer put on the ring.
     */
    private void withBookThread(final Agent watch, final Runnable producer)
    {
        final AtomicReference<Throwable> bookError = new AtomicReference<>();
        final AgentRunner runner = new AgentRunner(
            bookIdle != null ? bookIdle : new BackoffIdleStrategy(), ex -> bookError.compareAndSet(null, ex), null,
            new BookAgent(ring, engine, 256, watch, bookThreadAgent));
        AgentRunner.startOnThread(runner);
        try
        {
            producer.run();
            final IdleStrategy idle = new BackoffIdleStrategy();
            while (ring.consumerPosition() < ring.producerPosition() && bookError.get() == null)
            {
                idle.idle();
            }
        }
        finally
        {
            runner.close();
        }
        if (bookError.get() != null)
        {
            readErrors.add("book thread failed: " + bookError.get());
        }
    }

    /** @return the decoder (call it on the producing thread only). */
    public BinanceDecoder decoder()
    {
        return decoder;
    }

    /** @return the live overlap filter between decoder and ring, or null for file replay. */
    public OverlapFilter overlapFilter()
    {
        return overlapFilter;
    }

    /**
     * @param listener receives book updates and trades on the book thread.
     */
    public void listener(final BookListener listener)
    {
        engine.listener(listener);
    }

    /**
     * The book thread's idle strategy (threaded runs; default: Agrona's backoff). Call before a run.
     *
     * @param idle a strategy for this pipeline's book thread only.
     */
    public void bookIdleStrategy(final IdleStrategy idle)
    {
        this.bookIdle = idle;
    }

    /**
     * Work the book thread also does after each batch of events: output stages that must run on
     * the book thread (the UDP publisher's flush, heartbeats and snapshots). Inline mode calls it
     * after every message. Set before {@link #run(List)}.
     *
     * @param agent the extra duty, or null for none.
     */
    public void bookThreadAgent(final Agent agent)
    {
        this.bookThreadAgent = agent;
    }

    /**
     * Replay at a fixed rate instead of as fast as the books take it (to watch a session live).
     * Set before {@link #run(List)}.
     *
     * @param messagesPerSecond capture lines per second, 0 for no pacing.
     */
    public void pace(final long messagesPerSecond)
    {
        this.paceIntervalNs = messagesPerSecond <= 0 ? 0 : Math.max(1, 1_000_000_000L / messagesPerSecond);
    }

    /**
     * Replay files in order as one session and report.
     *
     * @param files capture files.
     * @return the per-symbol end state and totals.
     */
    public PipelineResult run(final List<Path> files)
    {
        final long start = System.nanoTime();
        if (threaded)
        {
            withBookThread(null, () -> readAll(files));
        }
        else
        {
            readAll(files);
            drain();
        }
        return result(System.nanoTime() - start);
    }

    /**
     * Decode one message and, in inline mode, apply it (for tests and benchmarks that feed lines
     * they loaded themselves).
     *
     * @param buffer        bytes.
     * @param offset        JSON start.
     * @param length        JSON length.
     * @param receiveTimeNs receive time or 0.
     */
    public void onMessage(final byte[] buffer, final int offset, final int length, final long receiveTimeNs)
    {
        decoder.onMessage(buffer, offset, length, receiveTimeNs);
        if (!threaded)
        {
            drain();
        }
    }

    /**
     * Forget every book, counter and deferred snapshot without allocating; instruments stay.
     * Inline mode only.
     */
    public void reset()
    {
        engine.reset();
        decoder.reset();
        readErrors.clear();
    }

    /**
     * @param elapsedNanos wall time to report.
     * @return the current end state (inline mode, or after {@link #run(List)}).
     */
    public PipelineResult result(final long elapsedNanos)
    {
        final List<SymbolReport> symbols = new ArrayList<>();
        for (final InstrumentBook book : engine.books())
        {
            symbols.add(SymbolReport.of(book, decoder.malformedFor(book.instrument().id())));
        }
        final Map<String, Long> malformed = new LinkedHashMap<>();
        for (final MalformedReason r : MalformedReason.values())
        {
            if (decoder.malformed(r) > 0)
            {
                malformed.put(r.label(), decoder.malformed(r));
            }
        }
        if (sink.rejected() > 0)
        {
            // An event larger than the ring's largest message: never applied, so it must not pass as clean.
            malformed.put("too-large-for-ring", sink.rejected());
        }
        final Map<String, Long> numbers = new LinkedHashMap<>();
        for (final com.tradingstation.core.fixedpoint.ParseError e
            : com.tradingstation.core.fixedpoint.ParseError.values())
        {
            final long n = decoder.numberParser().rejectCount(e);
            if (n > 0)
            {
                numbers.put(e.label(), n);
            }
        }
        return new PipelineResult(symbols, decoder.messages(), reader.bytes(), elapsedNanos, malformed,
            decoder.unknownEventCount(), decoder.unknownFieldCount(), List.copyOf(readErrors), numbers,
            decoder.unlisted());
    }

    /** @return the book engine (read it on the book thread or after the run). */
    public BookEngine engine()
    {
        return engine;
    }

    /** @return idle rounds the reader spent waiting for ring space (backpressure from the book thread). */
    public long ringFullWaits()
    {
        return sink.fullWaitCount();
    }

    /**
     * Publish the ring-full waits in a counter as well; the producing thread writes it. Set before a run.
     *
     * @param counter the counter, or null for none.
     */
    public void ringFullWaitsCounter(final org.agrona.concurrent.status.AtomicCounter counter)
    {
        sink.fullWaitsCounter(counter);
    }

    /** @return the instruments. */
    public InstrumentRegistry registry()
    {
        return registry;
    }

    /**
     * Stop a running {@link #run(List)} early (any thread, e.g. a signal handler): reading stops
     * after the current chunk, and what was read is still drained through the books.
     */
    public void stop()
    {
        reader.stop();
    }

    private void readAll(final List<Path> files)
    {
        for (final Path file : files)
        {
            if (reader.stopped())
            {
                break;
            }
            try
            {
                reader.read(file, lineHandler);
            }
            catch (final IOException ex)
            {
                // A truncated gzip or unreadable file: keep what was read, report it.
                readErrors.add(file + ": " +
                    (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
            }
        }
    }

    private void drain()
    {
        while (ring.read(engine) > 0)
        {
            // keep draining
        }
        if (bookThreadAgent != null)
        {
            try
            {
                bookThreadAgent.doWork();
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException("book thread agent failed: " + ex.getMessage(), ex);
            }
        }
    }

    private void awaitPlannedTime()
    {
        if (pacedMessages == 0)
        {
            paceStartNs = System.nanoTime();
        }
        Pacer.awaitPlanned(paceStartNs + pacedMessages++ * paceIntervalNs, readerStopped);
    }

    /**
     * Inline mode: a full ring is emptied by the calling thread itself.
     */
    private final class DrainIdle implements IdleStrategy
    {
        @Override
        public void idle(final int workCount)
        {
            drain();
        }

        @Override
        public void idle()
        {
            drain();
        }

        @Override
        public void reset()
        {
        }
    }

    private final class LineHandler implements CaptureLineHandler
    {
        @Override
        public void onLine(final byte[] buffer, final int offset, final int length, final long receiveTimeNs)
        {
            if (paceIntervalNs > 0)
            {
                awaitPlannedTime();
            }
            StationPipeline.this.onMessage(buffer, offset, length, receiveTimeNs);
        }

        @Override
        public void onBadLine(final boolean tooLong)
        {
            decoder.onSkipped(tooLong ? MalformedReason.LINE_TOO_LONG : MalformedReason.SYNTAX);
        }
    }
}
