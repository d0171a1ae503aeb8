package com.tradingstation.feed.live;

import com.tradingstation.core.instrument.Instrument;
import com.tradingstation.core.instrument.InstrumentRegistry;
import com.tradingstation.core.instrument.Venue;
import com.tradingstation.core.thread.ThreadStart;
import com.tradingstation.feed.pipeline.OverlapFilter;
import com.tradingstation.feed.pipeline.PipelineResult;
import com.tradingstation.feed.pipeline.StationPipeline;
import com.tradingstation.feed.pipeline.SymbolReport;
import com.tradingstation.json.JsonWriter;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A live run's wiring: exchangeInfo of each venue (so every instrument gets its venue's scales),
 * the data path ({@link StationPipeline#live}), the REST snapshot fetcher and the WebSocket feed.
 * Run it with {@code pipeline().run(session)}; {@link #stop()} (any thread) ends it.
 */
public final class LiveSession implements StationPipeline.Source
{
    /** One epoch clock for every thread, so receive times compare across threads. */
    public static final EpochNanoClock CLOCK = new OffsetEpochNanoClock();

    private final long tickerLagNs;
    private final List<Instrument> instruments;
    private final StationPipeline pipeline;
    private final SnapshotFetcher fetcher;
    private final LiveFeed feed;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final long durationMs;
    private final long startMs = System.currentTimeMillis();
    private final Map<Venue, Integer> exchangeInfoWeight;

    private LiveSession(
        final LiveSettings settings, final List<Instrument> instruments, final StationPipeline pipeline,
        final SnapshotFetcher fetcher, final LiveFeed feed, final long durationMs,
        final Map<Venue, Integer> exchangeInfoWeight)
    {
        this.tickerLagNs = TimeUnit.MILLISECONDS.toNanos(settings.tickerLagMs());
        this.instruments = instruments;
        this.pipeline = pipeline;
        this.fetcher = fetcher;
        this.feed = feed;
        this.durationMs = durationMs;
        this.exchangeInfoWeight = Map.copyOf(exchangeInfoWeight);
    }

    /**
     * Look the symbols up on their venues and build the session (connects nothing yet but the
     * exchangeInfo requests).
     *
     * @param settings   endpoints and limits.
     * @param symbols    what to subscribe to.
     * @param maxDepth   0 keeps every level, otherwise the depth cap per side.
     * @param durationMs stop after this long, 0 for until {@link #stop()}.
     * @param tap        sees every frame and snapshot (the recorder), or null.
     * @return the session.
     * @throws IOException              when a venue's exchangeInfo cannot be had.
     * @throws IllegalArgumentException when a symbol is not listed by its venue.
     */
    public static LiveSession open(
        final LiveSettings settings, final List<SymbolRef> symbols, final int maxDepth, final long durationMs,
        final LiveFeed.Tap tap) throws IOException
    {
        final RestClient rest = new RestClient(settings);
        final InstrumentRegistry registry = new InstrumentRegistry(Math.max(InstrumentRegistry.DEFAULT_CAPACITY,
            Integer.highestOneBit(Math.max(1, symbols.size()) * 2)));
        final Map<Venue, List<String>> byVenue = new LinkedHashMap<>();
        for (final SymbolRef s : symbols)
        {
            byVenue.computeIfAbsent(s.venue(), v -> new ArrayList<>()).add(s.symbol());
        }
        final List<Instrument> instruments = new ArrayList<>();
        final Map<Venue, Integer> infoWeight = new EnumMap<>(Venue.class);
        for (final Map.Entry<Venue, List<String>> e : byVenue.entrySet())
        {
            final VenueSpec spec = VenueSpec.of(e.getKey());
            final ExchangeInfo info = rest.exchangeInfo(spec, e.getValue());
            infoWeight.put(e.getKey(), spec.exchangeInfoWeight());
            for (final String symbol : e.getValue())
            {
                final ExchangeInfo.SymbolInfo si = info.symbol(symbol);
                if (si == null)
                {
                    throw new IllegalArgumentException(e.getKey().id() + ":" + symbol + " is not listed by " +
                        settings.restBase(e.getKey()) + spec.restPrefix() + "/exchangeInfo");
                }
                instruments.add(registry.register(e.getKey(), symbol, si.priceScale(), si.qtyScale()));
            }
        }
        // Only the subscribed symbols are instruments: anything else a server sends is counted, not registered.
        registry.allowRegisteredOnly();
        final LiveFeed[] feedRef = new LiveFeed[1];
        final SnapshotFetcher fetcher = new SnapshotFetcher(registry, rest, settings,
            (id, body, ns) -> feedRef[0].deliverSnapshot(registry.get(id), body, ns), CLOCK);
        final StationPipeline pipeline = StationPipeline.live(registry, maxDepth, StationPipeline.DEFAULT_RING_BYTES,
            fetcher);
        final LiveFeed feed = new LiveFeed(settings, instruments, pipeline.decoder(), pipeline.overlapFilter(), CLOCK,
            tap);
        feedRef[0] = feed;
        return new LiveSession(settings, instruments, pipeline, fetcher, feed, durationMs, infoWeight);
    }

    @Override
    public org.agrona.concurrent.Agent bookThreadWatch(final com.tradingstation.core.sync.BookEngine engine)
    {
        return new org.agrona.concurrent.Agent()
        {
            private long nextCheckNs;

            @Override
            public int doWork()
            {
                final long now = CLOCK.nanoTime();
                if (now < nextCheckNs)
                {
                    return 0;
                }
                nextCheckNs = now + 100_000_000L;
                return engine.checkTickerLag(now, tickerLagNs);
            }

            @Override
            public String roleName()
            {
                return "station-ticker-lag";
            }
        };
    }

    /**
     * @param start called on the receive and REST threads as they start (pinning, per-thread costs);
     *              before {@link #start()}.
     */
    public void threadStart(final ThreadStart start)
    {
        feed.threadStart(start);
        fetcher.threadStart(start);
    }

    @Override
    public void start()
    {
        fetcher.start();
        feed.start();
    }

    @Override
    public void awaitEnd() throws InterruptedException
    {
        if (durationMs > 0)
        {
            stop.await(durationMs, TimeUnit.MILLISECONDS);
        }
        else
        {
            stop.await();
        }
    }

    @Override
    public void close()
    {
        feed.close();
        fetcher.close();
    }

    /** End the run (any thread: a signal handler, a test). */
    public void stop()
    {
        stop.countDown();
    }

    /** @return the data path. */
    public StationPipeline pipeline()
    {
        return pipeline;
    }

    /** @return the WebSocket feed. */
    public LiveFeed feed()
    {
        return feed;
    }

    /** @return the snapshot fetcher. */
    public SnapshotFetcher fetcher()
    {
        return fetcher;
    }

    /** @return the instruments subscribed to. */
    public List<Instrument> instruments()
    {
        return instruments;
    }

    /**
     * @param instrumentId an instrument.
     * @return unplanned reconnects of the connections that carry it.
     */
    public long reconnectCount(final int instrumentId)
    {
        long n = 0;
        for (final LiveFeed.SlotStatus s : feed.slots())
        {
            for (final int id : s.instruments())
            {
                if (id == instrumentId)
                {
                    n += s.reconnectCount();
                }
            }
        }
        return n;
    }

    /**
     * The report of a live run: the replay's fields per symbol plus state, reconnects and snapshot
     * requests, and per venue the REST weight, the feed latency and the connections.
     *
     * @param result the pipeline's end state.
     * @return one JSON object.
     */
    public String toJson(final PipelineResult result)
    {
        final JsonWriter w = new JsonWriter();
        w.beginObject().field("mode", "live").field("elapsedMs", System.currentTimeMillis() - startMs);
        w.name("symbols").beginArray();
        for (final SymbolReport s : result.symbols())
        {
            final int id = pipeline.registry().find(Venue.fromId(s.venue()), s.symbol());
            final com.tradingstation.core.sync.InstrumentBook book = pipeline.engine().book(id);
            s.writeJson(w,
                x -> x.field("reconnects", reconnectCount(id)).field("snapshotRequests", fetcher.requests(id))
                .field("tickerLagResyncs", book == null ? 0 : book.tickerLagResyncCount()));
        }
        w.endArray();
        writeVenues(w);
        writeConnections(w);
        final OverlapFilter f = pipeline.overlapFilter();
        w.name("overlap").beginObject().field("forwarded", f.forwarded()).field("duplicates", f.duplicateCount())
            .field("heldBack", f.heldBack()).endObject();
        w.field("messages", result.messages());
        w.name("malformed").beginObject();
        result.malformedByReason().forEach(w::field);
        w.endObject();
        w.field("unknownEvents", result.unknownEventCount());
        w.field("snapshotErrors", fetcher.errors()).field("lastSnapshotError", fetcher.lastError());
        w.field("unlisted", result.unlisted());
        w.field("clean", clean(result));
        w.name("problems").beginArray();
        problems(result).forEach(w::value);
        w.endArray();
        return w.endObject().toString();
    }

    /**
     * @param result the pipeline's end state.
     * @return true when the replay-level checks hold and every symbol ended LIVE.
     */
    public boolean clean(final PipelineResult result)
    {
        return problems(result).isEmpty();
    }

    /**
     * @param result the pipeline's end state.
     * @return why the session is not clean, one line each: the replay's problems, and every
     * subscribed symbol whose book never saw an event.
     */
    public List<String> problems(final PipelineResult result)
    {
        final List<String> out = new ArrayList<>(result.problems());
        for (final Instrument ins : instruments)
        {
            final boolean seen = result.symbols().stream()
                .anyMatch(s -> s.venue().equals(ins.venue().id()) && s.symbol().equals(ins.symbol()));
            if (!seen)
            {
                out.add(ins.venue().id() + ":" + ins.symbol() + " received nothing: its book was never built");
            }
        }
        return out;
    }

    /**
     * @param w writer inside an object: adds {@code "venues":{...}}.
     */
    public void writeVenues(final JsonWriter w)
    {
        w.name("venues").beginObject();
        final Map<Venue, int[]> counts = new EnumMap<>(Venue.class);
        for (final LiveFeed.SlotStatus s : feed.slots())
        {
            final int[] c = counts.computeIfAbsent(s.venue(), v -> new int[3]);
            c[0]++;
            c[1] += s.streams();
            c[2] = Math.max(c[2], s.streams());
        }
        for (final Map.Entry<Venue, int[]> e : counts.entrySet())
        {
            final Venue v = e.getKey();
            final WeightBudget.Usage b = fetcher.budget(v).usage();
            final Histogram h = pipeline.overlapFilter().latencyUs(v.ordinal());
            w.name(v.id()).beginObject()
                .field("connections", e.getValue()[0]).field("streams", e.getValue()[1])
                .field("maxStreamsPerConnection", e.getValue()[2])
                .field("weightBudget", b.budget()).field("peakWeight", b.peakUsed())
                .field("lastUsedWeight", b.lastServerUsed()).field("http429", b.throttled())
                .field("http418", b.banned())
                .field("exchangeInfoWeight", exchangeInfoWeight.getOrDefault(v, 0))
                .name("feedLatencyUs").beginObject().field("count", h.getTotalCount())
                .field("p50", h.getValueAtPercentile(50)).field("p99", h.getValueAtPercentile(99))
                .field("max", h.getMaxValue())
                .field("negative", pipeline.overlapFilter().negativeLatencies(v.ordinal()))
                .endObject()
                .endObject();
        }
        w.endObject();
    }

    /**
     * @param w writer inside an object: adds {@code "connections":[...]}.
     */
    public void writeConnections(final JsonWriter w)
    {
        w.name("connections").beginArray();
        for (final LiveFeed.SlotStatus s : feed.slots())
        {
            w.beginObject().field("slot", s.index()).field("venue", s.venue().id())
                .field("path", s.uri().getRawPath()).field("streams", s.streams()).field("state", s.state())
                .field("connectionId", s.connectionId()).field("messages", s.messages())
                .field("connections", s.connections()).field("reconnects", s.reconnectCount())
                .field("rollovers", s.rolloverCount()).field("forcedRollovers", s.forcedRollovers())
                .field("earlyHandovers", s.earlyHandovers()).field("failedRollovers", s.failedRollovers())
                .field("silenceTimeouts", s.silenceTimeouts()).field("handshakeTimeouts", s.handshakeTimeouts())
                .field("serverShutdowns", s.shutdownNotices()).field("overlapping", s.overlapping())
                .field("lastCloseReason", s.lastCloseReason()).endObject();
        }
        w.endArray();
    }
}
