package com.tradingstation.feed.live;

import com.tradingstation.core.instrument.Instrument;
import com.tradingstation.core.instrument.Venue;
import com.tradingstation.core.thread.ThreadRole;
import com.tradingstation.core.thread.ThreadStart;
import com.tradingstation.feed.binance.BinanceDecoder;
import com.tradingstation.feed.pipeline.OverlapFilter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.agrona.concurrent.EpochNanoClock;

import javax.net.ssl.SSLException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The station's live source: WebSocket connections to the venues, on one receive thread that
 * decodes every frame into the ring the book thread reads, exactly like a capture file's lines.
 * <p>
 * Streams are planned per venue and per routed path (USD-M depth and bookTicker under
 * {@code /public}, aggTrade under {@code /market}), split into connections of at most
 * {@link LiveSettings#streamsPerConnection()} streams, a symbol's streams kept together. Each
 * such group (a slot) keeps one connection open:
 * <ul>
 * <li>an unplanned close (peer, silence, protocol error) reconnects with jittered exponential
 * backoff, under the connection-attempt limit; only instruments whose chains broke resync;</li>
 * <li>before a connection reaches its maximum age, or when spot announces {@code serverShutdown},
 * a replacement is opened beside it (make-before-break); once the replacement has delivered, for
 * every instrument, an update id the old one already applied, the old one is closed. The
 * {@link OverlapFilter} deduplicates what both delivered.</li>
 * </ul>
 * <p>
 * Threading: everything but {@link #start()}, {@link #close()}, {@link #deliverSnapshot} and the
 * status accessors runs on the single event loop thread {@code station-live-rx}. Allocation on
 * the receive path: none (see {@link WebSocketConnection}).
 */
public final class LiveFeed implements AutoCloseable, WebSocketConnection.Listener
{
    /** Sees every frame and snapshot as received (the recorder). */
    public interface Tap
    {
        /**
         * @param venue         venue.
         * @param buffer        bytes (valid during the call).
         * @param offset        start.
         * @param length        length.
         * @param receiveTimeNs epoch ns.
         */
        void onFrame(Venue venue, byte[] buffer, int offset, int length, long receiveTimeNs);

        /**
         * @param instrument    the instrument it was fetched for.
         * @param body          the REST answer.
         * @param receiveTimeNs epoch ns.
         */
        void onSnapshot(Instrument instrument, byte[] body, long receiveTimeNs);
    }

    private static final long HOUSEKEEPING_MS = 50;
    private static final long STABLE_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long FIVE_MINUTES_NS = TimeUnit.MINUTES.toNanos(5);

    private final LiveSettings settings;
    private final BinanceDecoder decoder;
    private final OverlapFilter filter;
    private final EpochNanoClock clock;
    private final Tap tap;
    private final List<Slot> slots = new ArrayList<>();
    private final ArrayDeque<Long> attempts = new ArrayDeque<>();
    private final SplittableRandom random;
    private EventLoopGroup group;
    private EventLoop loop;
    private SslContext sslContext;
    private ScheduledFuture<?> housekeeping;
    private int nextConnectionId;
    private int overlapsActive;
    private volatile boolean closing;
    private ThreadStart threadStart = ThreadStart.NONE;

    /**
     * @param settings    endpoints, limits and timings.
     * @param instruments the instruments to subscribe to (registered with their scales).
     * @param decoder     the pipeline's decoder (called on the receive thread only).
     * @param filter      the pipeline's overlap filter (between decoder and ring).
     * @param clock       epoch clock of receive times.
     * @param tap         sees every frame and snapshot, or null.
     */
    public LiveFeed(
        final LiveSettings settings, final List<Instrument> instruments, final BinanceDecoder decoder,
        final OverlapFilter filter, final EpochNanoClock clock, final Tap tap)
    {
        this.settings = settings;
        this.decoder = decoder;
        this.filter = filter;
        this.clock = clock;
        this.tap = tap;
        this.random = new SplittableRandom(settings.seed());
        plan(instruments);
    }

    private void plan(final List<Instrument> instruments)
    {
        // venue -> path -> instruments on that path, in the order given
        final Map<Venue, Map<String, List<Instrument>>> byPath = new LinkedHashMap<>();
        for (final Instrument ins : instruments)
        {
            final VenueSpec spec = VenueSpec.of(ins.venue());
            for (final StreamKind kind : StreamKind.values())
            {
                final List<Instrument> list = byPath.computeIfAbsent(ins.venue(), v -> new LinkedHashMap<>())
                    .computeIfAbsent(spec.wsPath(kind), p -> new ArrayList<>());
                if (!list.contains(ins))
                {
                    list.add(ins);
                }
            }
        }
        for (final Map.Entry<Venue, Map<String, List<Instrument>>> v : byPath.entrySet())
        {
            final VenueSpec spec = VenueSpec.of(v.getKey());
            for (final Map.Entry<String, List<Instrument>> p : v.getValue().entrySet())
            {
                final List<StreamKind> kinds = new ArrayList<>();
                for (final StreamKind kind : StreamKind.values())
                {
                    if (spec.wsPath(kind).equals(p.getKey()))
                    {
                        kinds.add(kind);
                    }
                }
                final int perSymbol = kinds.size();
                final int symbolsPerConnection = Math.max(1, settings.streamsPerConnection() / perSymbol);
                final List<Instrument> all = p.getValue();
                for (int from = 0; from < all.size(); from += symbolsPerConnection)
                {
                    final List<Instrument> chunk = all.subList(from, Math.min(all.size(), from + symbolsPerConnection));
                    final List<String> streams = new ArrayList<>();
                    final int[] ids = new int[chunk.size()];
                    for (int i = 0; i < chunk.size(); i++)
                    {
                        ids[i] = chunk.get(i).id();
                        for (final StreamKind kind : kinds)
                        {
                            streams.add(spec.streamName(chunk.get(i).symbol(), kind,
                                settings.depthInterval(v.getKey())));
                        }
                    }
                    final URI uri = URI.create(settings.wsBase(v.getKey()) + p.getKey() + "/stream?streams=" +
                        String.join("/", streams));
                    slots.add(new Slot(slots.size(), spec, uri, streams, ids, kinds.contains(StreamKind.DEPTH)));
                }
            }
        }
    }

    /**
     * @param start called on the receive thread as it starts (pinning, per-thread costs); before {@link #start()}.
     */
    public void threadStart(final ThreadStart start)
    {
        this.threadStart = start;
    }

    /**
     * Open every connection and start the receive thread.
     *
     * @throws IllegalArgumentException when the TLS settings cannot be used.
     */
    public void start()
    {
        sslContext = sslContext();
        group = new MultiThreadIoEventLoopGroup(1, threadStart.daemonThreads(ThreadRole.RX, "station-live-rx"),
            NioIoHandler.newFactory());
        loop = group.next();
        loop.execute(() ->
        {
            final long now = System.nanoTime();
            for (final Slot s : slots)
            {
                s.nextAttemptNs = now;
            }
            housekeep();
        });
        housekeeping = loop.scheduleAtFixedRate(this::housekeep, HOUSEKEEPING_MS, HOUSEKEEPING_MS,
            TimeUnit.MILLISECONDS);
    }

    private SslContext sslContext()
    {
        boolean tls = false;
        for (final Slot s : slots)
        {
            tls |= "wss".equalsIgnoreCase(s.uri.getScheme());
        }
        if (!tls)
        {
            return null;
        }
        try
        {
            final SslContextBuilder b = SslContextBuilder.forClient();
            if (settings.trustStore() != null)
            {
                b.trustManager(RestClient.trustManagers(settings.trustStore(), settings.trustStorePassword()));
            }
            return b.build();
        }
        catch (final SSLException ex)
        {
            throw new IllegalArgumentException("TLS: " + WebSocketConnection.oneLine(ex), ex);
        }
    }

    /**
     * Hand a REST snapshot to the receive thread, which decodes it into the ring (any thread).
     *
     * @param instrument    the instrument it was fetched for.
     * @param body          the answer.
     * @param receiveTimeNs epoch ns when it arrived.
     */
    public void deliverSnapshot(final Instrument instrument, final byte[] body, final long receiveTimeNs)
    {
        final EventLoop l = loop;
        if (l == null || closing)
        {
            return;
        }
        l.execute(() ->
        {
            if (tap != null)
            {
                tap.onSnapshot(instrument, body, receiveTimeNs);
            }
            filter.source(-1, false, true);
            decoder.onSnapshot(instrument.id(), body, 0, body.length, receiveTimeNs);
        });
    }

    @Override
    public void onOpen(final WebSocketConnection c)
    {
        final Slot s = slots.get(c.slot());
        if (c == s.primary)
        {
            if (s.everOpened)
            {
                filter.forget(s.instruments); // a fresh chain after an unplanned disconnect
            }
            s.everOpened = true;
        }
    }

    @Override
    public void onMessage(
        final WebSocketConnection c, final byte[] buffer, final int offset, final int length, final long receiveTimeNs)
    {
        final Slot s = slots.get(c.slot());
        filter.source(c.id(), c == s.replacement, s.carriesDepth);
        final long shutdowns = decoder.serverShutdowns();
        decoder.onMessage(s.spec.venue(), buffer, offset, length, receiveTimeNs);
        if (tap != null)
        {
            tap.onFrame(s.spec.venue(), buffer, offset, length, receiveTimeNs);
        }
        if (decoder.serverShutdowns() != shutdowns && c == s.primary)
        {
            s.shutdownNotices++;
            beginRollover(s, System.nanoTime()); // the server goes away soon: replace it before it does
        }
    }

    @Override
    public void onClosed(final WebSocketConnection c, final String reason)
    {
        final Slot s = slots.get(c.slot());
        s.lastCloseReason = reason;
        s.closeReasons.addLast("connection " + c.id() + ": " + reason);
        if (s.closeReasons.size() > 8)
        {
            s.closeReasons.pollFirst();
        }
        if (closing)
        {
            return;
        }
        final long now = System.nanoTime();
        if (c == s.primary)
        {
            if (s.replacement != null)
            {
                // The old connection went first: the replacement takes over now.
                final boolean open = s.replacement.isOpen();
                s.primary = s.replacement;
                s.replacement = null;
                overlaps(-1);
                if (open)
                {
                    s.rolloverCount++;
                    s.earlyHandovers++;
                }
                else
                {
                    s.reconnectCount++;
                    s.everOpened = true; // its open will be treated as a fresh chain
                }
            }
            else
            {
                s.primary = null;
                s.reconnectCount++;
                s.nextAttemptNs = now + backoffNs(s.attempt++);
            }
        }
        else if (c == s.replacement)
        {
            s.replacement = null;
            overlaps(-1);
            s.failedRollovers++;
            s.nextRolloverNs = now + backoffNs(s.attempt++);
        }
    }

    private void housekeep()
    {
        if (closing)
        {
            return;
        }
        final long now = System.nanoTime();
        for (int i = 0, n = slots.size(); i < n; i++) // indexed: no iterator per tick
        {
            final Slot s = slots.get(i);
            final WebSocketConnection p = s.primary;
            final long silenceNs = TimeUnit.MILLISECONDS.toNanos(settings.silenceMs(s.spec.venue()));
            final long connectNs = TimeUnit.MILLISECONDS.toNanos(settings.connectTimeoutMs());
            if (p == null)
            {
                if (now >= s.nextAttemptNs && mayConnect(now))
                {
                    s.primary = connect(s, now);
                }
                continue;
            }
            watch(s, p, now, silenceNs, connectNs);
            if (p.openForNs(now) >= STABLE_NS)
            {
                s.attempt = 0;
            }
            if (s.replacement == null && now >= s.nextRolloverNs &&
                p.openForNs(now) >= TimeUnit.MILLISECONDS.toNanos(settings.rolloverAfterMs()))
            {
                beginRollover(s, now);
            }
            final WebSocketConnection r = s.replacement;
            if (r != null)
            {
                watch(s, r, now, silenceNs, connectNs);
                if (r.isOpen() && s.replacement == r)
                {
                    if (caughtUp(s, r))
                    {
                        handover(s, false);
                    }
                    else if (now - s.replacementStartNs >= TimeUnit.MILLISECONDS.toNanos(settings.overlapTimeoutMs()))
                    {
                        handover(s, true);
                    }
                }
            }
        }
    }

    private void watch(final Slot s, final WebSocketConnection c, final long now, final long silenceNs,
        final long connectNs)
    {
        if (c.handshakeLate(now, connectNs))
        {
            s.handshakeTimeouts++;
            c.abort("no WebSocket handshake within " + settings.connectTimeoutMs() + " ms");
        }
        else if (c.silentForNs(now) > silenceNs)
        {
            s.silenceTimeouts++;
            c.abort("silent for " + TimeUnit.NANOSECONDS.toMillis(c.silentForNs(now)) + " ms (limit " +
                TimeUnit.NANOSECONDS.toMillis(silenceNs) + " ms)");
        }
    }

    private void beginRollover(final Slot s, final long now)
    {
        if (s.replacement != null || s.primary == null || !mayConnect(now))
        {
            return;
        }
        s.replacement = connect(s, now);
        s.replacementStartNs = now;
        overlaps(+1);
    }

    private boolean caughtUp(final Slot s, final WebSocketConnection r)
    {
        for (final int id : s.instruments)
        {
            if (!filter.caughtUp(id, r.id()))
            {
                return false;
            }
        }
        return true;
    }

    private void handover(final Slot s, final boolean forced)
    {
        final WebSocketConnection old = s.primary;
        s.primary = s.replacement;
        s.replacement = null;
        overlaps(-1);
        s.rolloverCount++;
        if (forced)
        {
            s.forcedRollovers++;
        }
        if (old != null)
        {
            old.close("replaced by connection " + s.primary.id() + (forced ? " (overlap timeout)" : ""));
        }
    }

    private void overlaps(final int delta)
    {
        overlapsActive += delta;
        filter.overlaps(overlapsActive);
    }

    private WebSocketConnection connect(final Slot s, final long now)
    {
        attempts.addLast(now);
        s.connections++;
        final WebSocketConnection c = new WebSocketConnection(
            nextConnectionId++, s.index, s.uri, this, clock, now);
        c.connect(group, sslContext, settings.receiveBufferBytes(), (int)settings.connectTimeoutMs());
        return c;
    }

    private boolean mayConnect(final long now)
    {
        while (!attempts.isEmpty() && attempts.peekFirst() <= now - FIVE_MINUTES_NS)
        {
            attempts.pollFirst();
        }
        return attempts.size() < settings.connectAttemptsPer5Min();
    }

    private long backoffNs(final int attempt)
    {
        final long capMs = Math.min(settings.reconnectMaxMs(), settings.reconnectBaseMs() << Math.min(attempt, 20));
        final long ms = capMs / 2 + random.nextLong(capMs / 2 + 1); // equal jitter: never 0, never in lockstep
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }

    /** Close every connection (normal closure) and stop the receive thread; waits up to 5 s. */
    @Override
    public void close()
    {
        closing = true;
        final EventLoopGroup g = group;
        if (g == null)
        {
            return;
        }
        try
        {
            loop.submit(() ->
            {
                if (housekeeping != null)
                {
                    housekeeping.cancel(false);
                }
                for (final Slot s : slots)
                {
                    if (s.replacement != null)
                    {
                        s.replacement.close("station stopping");
                    }
                    if (s.primary != null)
                    {
                        s.primary.close("station stopping");
                    }
                }
            }).await(2, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        g.shutdownGracefully(100, 2_000, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** @return the overlap filter. */
    public OverlapFilter filter()
    {
        return filter;
    }

    /** @return connections open now over every stream group (no allocation; read racily, as {@link #slots()}). */
    public int openConnections()
    {
        int open = 0;
        for (int i = 0, n = slots.size(); i < n; i++)
        {
            final WebSocketConnection p = slots.get(i).primary;
            open += p != null && p.isOpen() ? 1 : 0;
        }
        return open;
    }

    /** @return unplanned reconnects over every stream group (no allocation). */
    public long reconnectCount()
    {
        long n = 0;
        for (int i = 0, size = slots.size(); i < size; i++)
        {
            n += slots.get(i).reconnectCount;
        }
        return n;
    }

    /** @return planned replacements completed over every stream group (no allocation). */
    public long rolloverCount()
    {
        long n = 0;
        for (int i = 0, size = slots.size(); i < size; i++)
        {
            n += slots.get(i).rolloverCount;
        }
        return n;
    }

    /** @return the planned stream groups and their state (read racily). */
    public List<SlotStatus> slots()
    {
        final List<SlotStatus> out = new ArrayList<>();
        for (final Slot s : slots)
        {
            final WebSocketConnection p = s.primary;
            out.add(new SlotStatus(s.index, s.spec.venue(), s.uri, s.streams.size(), s.instruments.clone(),
                p == null ? "down" : p.state(), p == null ? -1 : p.id(), p == null ? 0 : p.messages(),
                s.connections, s.reconnectCount, s.rolloverCount, s.forcedRollovers, s.earlyHandovers,
                s.failedRollovers,
                s.silenceTimeouts, s.handshakeTimeouts, s.shutdownNotices, s.replacement != null, s.lastCloseReason,
                List.copyOf(s.closeReasons)));
        }
        return out;
    }

    /**
     * One stream group's state.
     *
     * @param index             slot number.
     * @param venue             venue.
     * @param uri               URL.
     * @param streams           streams it carries.
     * @param instruments       instrument ids it carries.
     * @param state             "connecting", "open", "closed" or "down" (waiting to reconnect).
     * @param connectionId      current connection, -1 when down.
     * @param messages          messages on the current connection.
     * @param connections       connections opened for it (first, reconnects and replacements).
     * @param reconnects        unplanned reconnects.
     * @param rollovers         planned replacements completed.
     * @param forcedRollovers   of those, ended by the overlap timeout rather than by catching up.
     * @param earlyHandovers    of those, the old connection closed before the new one caught up.
     * @param failedRollovers   replacements that failed before taking over.
     * @param silenceTimeouts   connections dropped for silence.
     * @param handshakeTimeouts connections that never completed the handshake.
     * @param shutdownNotices   serverShutdown events received.
     * @param overlapping       a replacement is running beside the connection now.
     * @param lastCloseReason   why the last connection closed, or null.
     * @param closeReasons      why the last (up to 8) connections closed, oldest first.
     */
    public record SlotStatus(
        int index, Venue venue, URI uri, int streams, int[] instruments, String state, int connectionId, long messages,
        long connections, long reconnectCount, long rolloverCount, long forcedRollovers, long earlyHandovers,
        long failedRollovers, long silenceTimeouts, long handshakeTimeouts, long shutdownNotices, boolean overlapping,
        String lastCloseReason, List<String> closeReasons)
    {
    }

    private static final class Slot
    {
        final int index;
        final VenueSpec spec;
        final URI uri;
        final List<String> streams;
        final int[] instruments;
        final boolean carriesDepth;
        WebSocketConnection primary;
        WebSocketConnection replacement;
        long replacementStartNs;
        long nextAttemptNs;
        long nextRolloverNs;
        int attempt;
        boolean everOpened;
        volatile long connections;
        volatile long reconnectCount;
        volatile long rolloverCount;
        volatile long forcedRollovers;
        volatile long earlyHandovers;
        volatile long failedRollovers;
        volatile long silenceTimeouts;
        volatile long handshakeTimeouts;
        volatile long shutdownNotices;
        volatile String lastCloseReason;
        final java.util.concurrent.ConcurrentLinkedDeque<String> closeReasons =
            new java.util.concurrent.ConcurrentLinkedDeque<>();

        Slot(final int index, final VenueSpec spec, final URI uri, final List<String> streams, final int[] instruments,
            final boolean carriesDepth)
        {
            this.index = index;
            this.spec = spec;
            this.uri = uri;
            this.streams = List.copyOf(streams);
            this.instruments = instruments;
            this.carriesDepth = carriesDepth;
        }
    }
}
