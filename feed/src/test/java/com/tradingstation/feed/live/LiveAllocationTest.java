package com.tradingstation.feed.live;

import com.tradingstation.core.sync.BookListener;
import com.tradingstation.core.sync.InstrumentBook;
import com.tradingstation.core.sync.SyncState;
import com.tradingstation.feed.pipeline.OverlapFilter;
import com.tradingstation.feed.pipeline.PipelineResult;
import com.tradingstation.feed.pipeline.SymbolReport;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live receive path allocates nothing per message in steady state: WebSocket bytes read by
 * Netty on {@code station-live-rx}, parsed by the connection's own frame reader, decoded by
 * {@code BinanceDecoder} through the overlap filter into the ring, and applied by the book thread
 * {@code station-books}. A real {@link LiveSession} runs against {@link FrameBlaster} on loopback
 * (REST exchangeInfo and snapshot included); after warm-up, each measured window of 100,000
 * frames reads both threads' allocated-bytes counters from this thread before and after.
 * <p>
 * Plain {@code ws://}: over {@code wss://} the JDK's {@code SSLEngine} allocates per TLS record,
 * which is outside the station's code and not what this test is about.
 */
class LiveAllocationTest
{
    /** Each run on a thread of its own: the common pool has one worker on a 2-core machine. */
    private static final java.util.concurrent.Executor OWN_THREAD = r ->
    {
        final Thread t = new Thread(r, "test-live-run");
        t.setDaemon(true);
        t.start();
    };

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private static final int WARM_UP_FRAMES = 300_000;
    private static final int WINDOW_FRAMES = 100_000;
    private static final int WINDOWS = 3;
    private static final long TIMEOUT_MS = 120_000;

    @Test
    void bookThreadAllocatesNothingPerMessage() throws Exception
    {
        final long[][] bytes = measure();
        // A JIT recompilation in one window can still cost a one-off few hundred bytes; a
        // per-message allocation would cost at least 100,000 x 16 B in every window.
        assertThat(min(bytes[1])).as("station-books bytes over %d frames, best window", WINDOW_FRAMES).isZero();
        assertThat(max(bytes[1])).as("station-books bytes, worst window").isLessThan(WINDOW_FRAMES);
    }

    /**
     * The receive thread: Netty's own allocators would cost a new NIO view of the read buffer per
     * socket read ({@code DirectByteBuffer.slice}); each connection reads into one reused direct
     * buffer instead ({@code ReusableReadAllocator}), and housekeeping iterates by index.
     */
    @Test
    void receiveThreadAllocatesNothingPerMessage() throws Exception
    {
        final long[][] bytes = measure();
        // JDK 17 measures 0 in every window; JDK 25 about 1 KiB per window whatever its frame count,
        // so not from messages (its source is not pinned down): a per-message allocation would cost at
        // least 16 B x 100,000 = 1.6 MB per window.
        assertThat(min(bytes[0])).as("station-live-rx bytes over %d frames, best window", WINDOW_FRAMES)
            .isLessThanOrEqualTo(4096);
        assertThat(max(bytes[0])).as("station-live-rx bytes, worst window").isLessThan(WINDOW_FRAMES);
    }

    /**
     * @return {receive thread bytes per window, book thread bytes per window}, after checking
     * that every frame was applied to a LIVE book without gaps.
     */
    private static long[][] measure() throws Exception
    {
        try (FrameBlaster blaster = new FrameBlaster("BTCUSDT"))
        {
            final LiveSession session = blaster.openSession();
            final AppliedCounter appliedCount = new AppliedCounter();
            session.pipeline().listener(appliedCount);
            final CompletableFuture<PipelineResult> run =
                CompletableFuture.supplyAsync(() -> session.pipeline().run(session), OWN_THREAD);
            try
            {
                final FrameBlaster.Client client = blaster.awaitClient(30, TimeUnit.SECONDS);
                assertThat(client.requestTarget())
                    .isEqualTo("/stream?streams=btcusdt@depth@100ms/btcusdt@bookTicker/btcusdt@trade");

                // The first diffs create the book, which asks the fetcher for its REST snapshot; the
                // test also hands one over through the feed's own delivery path, so the measured
                // path does not wait on REST timing (the fetcher is tested against the simulator);
                // whichever comes second is no newer and is ignored.
                long sent = 0;
                client.blast(1_000);
                sent += 1_000;
                session.feed().deliverSnapshot(session.instruments().get(0),
                    blaster.snapshotJson().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    LiveSession.CLOCK.nanoTime());
                await(() -> appliedCount.snapshotCount > 0, "a snapshot applied");
                // Warm-up: JIT and every buffer at working size, the book LIVE.
                long warmLast = 0;
                for (int k = 0; k < WARM_UP_FRAMES / 10_000; k++)
                {
                    warmLast = client.blast(10_000);
                    sent += 10_000;
                }
                final long warmed = warmLast;
                await(() -> appliedCount.lastUpdateId >= warmed, "warm-up frames applied");
                assertThat(appliedCount.live).as("book LIVE after warm-up").isTrue();

                final long rx = threadId("station-live-rx");
                final long books = threadId("station-books");
                final long[] rxBytes = new long[WINDOWS];
                final long[] bookBytes = new long[WINDOWS];
                for (int w = 0; w < WINDOWS; w++)
                {
                    final long appliedBefore = appliedCount.count;
                    final long rxBefore = THREADS.getThreadAllocatedBytes(rx);
                    final long booksBefore = THREADS.getThreadAllocatedBytes(books);
                    final long last = client.blast(WINDOW_FRAMES);
                    sent += WINDOW_FRAMES;
                    await(() -> appliedCount.lastUpdateId >= last, "measured frames applied");
                    rxBytes[w] = THREADS.getThreadAllocatedBytes(rx) - rxBefore;
                    bookBytes[w] = THREADS.getThreadAllocatedBytes(books) - booksBefore;
                    // Every frame of the window applied: none dropped, none lost to a gap.
                    assertThat(appliedCount.count - appliedBefore).isEqualTo(WINDOW_FRAMES);
                    assertThat(appliedCount.live).isTrue();
                }
                System.out.printf("live receive path, %d frames per window: station-live-rx %s B, station-books %s B%n",
                    WINDOW_FRAMES, java.util.Arrays.toString(rxBytes), java.util.Arrays.toString(bookBytes));

                session.stop();
                final PipelineResult result = run.get(30, TimeUnit.SECONDS);
                final SymbolReport s = result.symbols().get(0);
                assertThat(s.state()).isEqualTo("LIVE");
                assertThat(s.gapCount()).isZero();
                assertThat(s.resyncCount()).isZero();
                assertThat(s.crossedCount()).isZero();
                assertThat(s.snapshotCount()).isPositive();
                final OverlapFilter f = session.pipeline().overlapFilter();
                assertThat(s.appliedCount() + s.dropped()).as("every frame applied or inside the snapshot " +
                    "(buffered %d, snapshots %d, overlap forwarded %d duplicates %d held back %d, messages %d, slots " +
                    "%s)",
                    s.bufferedCount(), s.snapshotCount(), f.forwarded(), f.duplicateCount(), f.heldBack(),
                    result.messages(), session.feed().slots()).isEqualTo(sent);
                assertThat(result.messages()).isGreaterThanOrEqualTo(sent + 1); // + the snapshot(s)
                assertThat(result.malformedByReason()).isEmpty();

                return new long[][] {rxBytes, bookBytes};
            }
            catch (final java.io.IOException ex)
            {
                // The station hung up on the blaster: say why it closed the connection.
                final StringBuilder why = new StringBuilder();
                session.feed().slots().forEach(st -> why.append(st.closeReasons()).append(' '));
                throw new AssertionError("the station closed the connection: " + why + "(" + ex + ")", ex);
            }
            finally
            {
                session.stop();
                run.get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static long min(final long[] values)
    {
        long m = Long.MAX_VALUE;
        for (final long v : values)
        {
            m = Math.min(m, v);
        }
        return m;
    }

    private static long max(final long[] values)
    {
        long m = Long.MIN_VALUE;
        for (final long v : values)
        {
            m = Math.max(m, v);
        }
        return m;
    }

    static long threadId(final String name)
    {
        for (final Thread t : Thread.getAllStackTraces().keySet())
        {
            if (name.equals(t.getName()))
            {
                return t.getId();
            }
        }
        throw new IllegalStateException("no thread named " + name);
    }

    static void await(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out after " + TIMEOUT_MS + " ms waiting for: " + what);
            }
            Thread.sleep(1); // polling interval only: the condition, not the sleep, synchronizes
        }
    }

    /** Counts applied diffs on the book thread; the test thread reads the volatile fields. */
    static final class AppliedCounter implements BookListener
    {
        volatile long count;
        volatile long lastUpdateId;
        volatile boolean live;
        volatile long snapshotCount;

        @Override
        public void onBookUpdated(final InstrumentBook book)
        {
            count++; // single writer: the book thread
            lastUpdateId = book.book().lastUpdateId();
        }

        @Override
        public void onStateChanged(final InstrumentBook book, final SyncState newState)
        {
            live = newState == SyncState.LIVE;
            if (newState == SyncState.SYNCING)
            {
                snapshotCount++; // a snapshot was loaded
            }
        }
    }
}
