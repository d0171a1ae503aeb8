package com.tradingstation.feed.live;

import com.tradingstation.core.instrument.Instrument;
import com.tradingstation.core.instrument.InstrumentRegistry;
import com.tradingstation.core.instrument.Venue;
import com.tradingstation.core.sync.SnapshotRequester;
import com.tradingstation.core.thread.ThreadRole;
import com.tradingstation.core.thread.ThreadStart;

import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Fetches REST depth snapshots for the books that ask for one, paced by each venue's weight
 * budget, and hands each answer to the receive thread, which decodes it into the same ring as
 * the diffs.
 * <p>
 * {@link #requestSnapshot(int)} runs on the book thread and only flips a flag and unparks the
 * fetcher thread: it never blocks and allocates nothing. Requests for an instrument that is
 * already being fetched are merged into the fetch in flight. A 429 or 418 pauses the venue for
 * its Retry-After and puts the instrument back in the queue; other failures retry that
 * instrument alone with a growing delay.
 * <p>
 * Threading: one fetcher thread ({@code station-live-rest}) owns the budgets and the queue scan;
 * HttpClient callbacks only post results.
 */
public final class SnapshotFetcher implements SnapshotRequester, AutoCloseable
{
    /** Where a fetched snapshot goes: the receive thread decodes it. */
    @FunctionalInterface
    public interface Delivery
    {
        /**
         * Called on an HttpClient thread; implementations hand the bytes to the receive thread.
         *
         * @param instrumentId  the instrument.
         * @param body          the JSON answer.
         * @param receiveTimeNs epoch ns when it arrived.
         */
        void deliver(int instrumentId, byte[] body, long receiveTimeNs);
    }

    private static final int IDLE = 0;
    private static final int WANTED = 1;
    private static final int IN_FLIGHT = 2;

    private final InstrumentRegistry registry;
    private final RestClient rest;
    private final LiveSettings settings;
    private final Delivery delivery;
    private final AtomicIntegerArray state;
    private final AtomicLongArray retryAtMs;
    private final int[] failures;
    private final AtomicLongArray requests;
    private final Map<Venue, WeightBudget> budgets = new EnumMap<>(Venue.class);
    private final int[] inFlight = new int[Venue.values().length];
    private final Object lock = new Object();
    private final Thread thread;
    // Answers are handled here, never on the common ForkJoinPool: on a small machine its one worker
    // may be busy elsewhere for minutes (JDK 21+ HttpClient completes dependents there).
    private final java.util.concurrent.ExecutorService answers =
        java.util.concurrent.Executors.newSingleThreadExecutor(r ->
        {
            final Thread t = new Thread(r, "station-live-rest-answers");
            t.setDaemon(true);
            return t;
        });
    private final org.agrona.concurrent.EpochNanoClock clock;
    private volatile boolean running = true;
    private volatile ThreadStart threadStart = ThreadStart.NONE;
    private volatile long sent;
    private volatile long errors;
    private volatile String lastError;

    /**
     * @param registry instruments (venue and symbol of each id).
     * @param rest     the REST client.
     * @param settings budgets, limit, concurrency.
     * @param delivery where answers go.
     * @param clock    epoch clock of receive times.
     */
    public SnapshotFetcher(
        final InstrumentRegistry registry, final RestClient rest, final LiveSettings settings, final Delivery delivery,
        final org.agrona.concurrent.EpochNanoClock clock)
    {
        this.registry = registry;
        this.rest = rest;
        this.settings = settings;
        this.delivery = delivery;
        this.clock = clock;
        final int n = registry.capacity();
        this.state = new AtomicIntegerArray(n);
        this.retryAtMs = new AtomicLongArray(n);
        this.failures = new int[n];
        this.requests = new AtomicLongArray(n);
        for (final Venue v : Venue.values())
        {
            budgets.put(v, new WeightBudget(settings.weightBudget(v)));
        }
        this.thread = new Thread(this::loop, "station-live-rest");
        this.thread.setDaemon(true);
    }

    /**
     * @param start called on the fetcher thread as it starts (pinning, per-thread costs); before {@link #start()}.
     */
    public void threadStart(final ThreadStart start)
    {
        this.threadStart = start;
    }

    /** Start the fetcher thread. */
    public void start()
    {
        thread.start();
    }

    @Override
    public void requestSnapshot(final int instrumentId)
    {
        if (instrumentId < 0 || instrumentId >= state.length())
        {
            return;
        }
        if (state.compareAndSet(instrumentId, IDLE, WANTED))
        {
            LockSupport.unpark(thread);
        }
    }

    private void loop()
    {
        threadStart.onStart(ThreadRole.REST.id());
        while (running)
        {
            final long nowMs = System.currentTimeMillis();
            final int size = registry.size();
            for (int id = 0; id < size; id++)
            {
                if (state.get(id) != WANTED || retryAtMs.get(id) > nowMs)
                {
                    continue;
                }
                final Instrument ins = registry.get(id);
                if (ins == null)
                {
                    state.set(id, IDLE);
                    continue;
                }
                final VenueSpec spec = VenueSpec.of(ins.venue());
                final int limit = spec.depthLimit(settings.snapshotLimit());
                final WeightBudget budget = budgets.get(ins.venue());
                synchronized (lock)
                {
                    if (inFlight[ins.venue().ordinal()] >= settings.snapshotsInFlight())
                    {
                        continue;
                    }
                    if (!budget.tryAcquire(spec.depthWeight(limit), nowMs))
                    {
                        continue;
                    }
                    inFlight[ins.venue().ordinal()]++;
                }
                state.set(id, IN_FLIGHT);
                requests.incrementAndGet(id);
                sent++;
                final int instrumentId = id;
                rest.depth(spec, ins.symbol(), limit).whenCompleteAsync((res, ex) ->
                {
                    try
                    {
                        onAnswer(instrumentId, ins, res, ex);
                    }
                    catch (final RuntimeException | Error bug)
                    {
                        // Never lose a failure inside a callback: count it, and ask again.
                        errors++;
                        lastError = ins.key() + ": " + bug;
                        state.set(instrumentId, WANTED);
                    }
                }, answers);
            }
            LockSupport.parkNanos(10_000_000L);
        }
    }

    private void onAnswer(final int id, final Instrument ins, final HttpResponse<byte[]> res, final Throwable ex)
    {
        final long nowMs = System.currentTimeMillis();
        final WeightBudget budget = budgets.get(ins.venue());
        synchronized (lock)
        {
            inFlight[ins.venue().ordinal()]--;
            if (res != null)
            {
                res.headers().firstValueAsLong("X-MBX-USED-WEIGHT-1M")
                    .ifPresent(used -> budget.onServerUsed(used, nowMs));
                if (res.statusCode() == 429 || res.statusCode() == 418)
                {
                    budget.pause(res.headers().firstValueAsLong("Retry-After").orElse(60), res.statusCode() == 418,
                        nowMs);
                }
            }
        }
        if (res != null && res.statusCode() == 200)
        {
            failures[id] = 0;
            state.set(id, IDLE); // before delivery: a book that is still stale after it asks again
            delivery.deliver(id, res.body(), clock.nanoTime());
        }
        else
        {
            if (res == null || (res.statusCode() != 429 && res.statusCode() != 418))
            {
                errors++;
                final int n = Math.min(6, ++failures[id]);
                retryAtMs.set(id, nowMs + (500L << n));
                lastError = ins.key() + ": " + (res == null ? WebSocketConnection.oneLine(ex) :
                    "HTTP " + res.statusCode() + " " + RestClient.snippet(res.body()));
            }
            state.set(id, WANTED);
        }
        LockSupport.unpark(thread);
    }

    /**
     * @param venue a venue.
     * @return its weight budget (read racily while live).
     */
    public WeightBudget budget(final Venue venue)
    {
        return budgets.get(venue);
    }

    /**
     * @param instrumentId an instrument.
     * @return snapshot requests sent for it.
     */
    public long requests(final int instrumentId)
    {
        return requests.get(instrumentId);
    }

    /** @return snapshot requests sent. */
    public long sent()
    {
        return sent;
    }

    /** @return failed requests (network or HTTP errors other than 429/418). */
    public long errors()
    {
        return errors;
    }

    /** @return the last failure, or null. */
    public String lastError()
    {
        return lastError;
    }

    /** @return instruments waiting for a snapshot request to be sent or answered. */
    public int pending()
    {
        int n = 0;
        for (int i = 0, size = registry.size(); i < size; i++)
        {
            if (state.get(i) != IDLE)
            {
                n++;
            }
        }
        return n;
    }

    @Override
    public void close()
    {
        running = false;
        answers.shutdownNow();
        LockSupport.unpark(thread);
        try
        {
            thread.join(2_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
