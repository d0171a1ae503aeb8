package com.tradingstation.sim;

import com.tradingstation.core.instrument.Venue;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One accepted WebSocket connection: its streams, what it was sent and denied, its ping state and
 * its fate.
 * <p>
 * Threading: {@link #deliver} runs on the timeline thread only (it owns the drop RNG); ping, pong
 * and incoming-rate state belong to the channel's event loop; subscriptions are copy-on-write
 * under this object's monitor; counters are atomics any thread may read for {@link #snapshot()}.
 */
final class SimConnection
{
    private static final int MAX_OUTSTANDING_PINGS = 64;
    private static final long CLOSE_FRAME_GRACE_MS = 2_000;

    private record Ping(long seq, String payload)
    {
    }

    final long id;
    final Channel channel;
    final Route route;
    private final SimContext context;
    private volatile Venue venue;
    private volatile List<Subscription> subscriptions = List.of();

    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong framesDropped = new AtomicLong();
    private final AtomicLong framesStalled = new AtomicLong();
    private final AtomicLong framesBackpressure = new AtomicLong();
    private final Map<String, AtomicLong> droppedBySymbol = new ConcurrentHashMap<>();
    private final ArrayDeque<SimStats.DroppedDiff> dropped = new ArrayDeque<>();
    private final SplittableRandom dropRandom;
    private final AtomicReference<String> closeReason = new AtomicReference<>();
    private volatile boolean open = true;
    private volatile long stalledUntilNs;

    // Event-loop state.
    private final ArrayDeque<Ping> outstanding = new ArrayDeque<>();
    private long pingSeq;
    private long answeredSeq;
    private String lastPayload = "";
    private long windowStartNs;
    private int windowCount;

    SimConnection(final long id, final Channel channel, final Route route, final Venue venue, final SimContext context)
    {
        this.id = id;
        this.channel = channel;
        this.route = route;
        this.venue = venue;
        this.context = context;
        this.stalledUntilNs = System.nanoTime(); // compared by difference: "now" means not stalled
        // Each connection draws its own drops so that adding a connection never changes another's.
        this.dropRandom = new SplittableRandom(context.config.seed() * 1_000_003L + id);
    }

    /** @return the venue whose limits apply. */
    Venue venue()
    {
        return venue;
    }

    /** @return true until the channel closed. */
    boolean isOpen()
    {
        return open;
    }

    /** @return current streams (immutable). */
    List<Subscription> subscriptions()
    {
        return subscriptions;
    }

    /**
     * @param add streams to add (duplicates of current ones are ignored).
     * @throws IllegalArgumentException when the connection would exceed its stream limit.
     */
    synchronized void subscribe(final List<Subscription> add)
    {
        final Map<String, Subscription> next = new LinkedHashMap<>();
        for (final Subscription s : subscriptions)
        {
            next.put(s.name(), s);
        }
        for (final Subscription s : add)
        {
            next.putIfAbsent(s.name(), s);
        }
        if (next.size() > context.config.maxStreamsPerConnection())
        {
            throw new IllegalArgumentException(
                "too many streams: at most " + context.config.maxStreamsPerConnection() + " per connection");
        }
        if (subscriptions.isEmpty() && !add.isEmpty() && route.pinned() == null && route.group() == Route.Group.ROOT)
        {
            venue = add.get(0).symbol().venue;
        }
        subscriptions = List.copyOf(next.values());
    }

    /**
     * @param names stream names to remove.
     */
    synchronized void unsubscribe(final List<String> names)
    {
        final List<Subscription> next = new ArrayList<>();
        for (final Subscription s : subscriptions)
        {
            if (!names.contains(s.name()))
            {
                next.add(s);
            }
        }
        subscriptions = List.copyOf(next);
    }

    /**
     * Write one frame unless a fault or the socket's state says otherwise (timeline thread).
     *
     * @param frame         the shared frame bytes (not released here).
     * @param line          the line it carries.
     * @param waitWritable  wait for a full socket to drain (speed 0) instead of skipping the frame.
     */
    void deliver(final ByteBuf frame, final SimLine line, final boolean waitWritable)
    {
        if (!open)
        {
            return;
        }
        if (stalled())
        {
            framesStalled.incrementAndGet();
            return;
        }
        if (line.kind() == StreamKind.DEPTH && context.config.dropPct() > 0 &&
            dropRandom.nextDouble() * 100.0 < context.config.dropPct())
        {
            recordDrop(line);
            return;
        }
        if (!channel.isWritable())
        {
            if (!waitWritable)
            {
                framesBackpressure.incrementAndGet();
                return;
            }
            while (!channel.isWritable() && channel.isActive() && !stalled() && !context.stopping)
            {
                LockSupport.parkNanos(50_000);
            }
            if (!channel.isActive() || context.stopping)
            {
                return;
            }
            if (stalled())
            {
                framesStalled.incrementAndGet();
                return;
            }
        }
        channel.writeAndFlush(new TextWebSocketFrame(frame.retainedDuplicate()), channel.voidPromise());
        framesSent.incrementAndGet();
        line.symbol().framesSent.incrementAndGet();
    }

    private void recordDrop(final SimLine line)
    {
        framesDropped.incrementAndGet();
        line.symbol().diffsDropped.incrementAndGet();
        context.diffsDropped.incrementAndGet();
        droppedBySymbol.computeIfAbsent(line.symbol().symbol, s -> new AtomicLong()).incrementAndGet();
        synchronized (dropped)
        {
            if (context.config.maxDroppedIdsKept() > 0)
            {
                if (dropped.size() == context.config.maxDroppedIdsKept())
                {
                    dropped.removeFirst();
                }
                dropped.addLast(new SimStats.DroppedDiff(id, line.symbol().symbol, line.firstUpdateId(),
                    line.lastUpdateId()));
            }
        }
    }

    /**
     * Stop sending this connection anything (data and pings) for a while; the socket stays open.
     *
     * @param ms stall length.
     */
    void stall(final long ms)
    {
        stalledUntilNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
    }

    private boolean stalled()
    {
        return System.nanoTime() - stalledUntilNs < 0;
    }

    /**
     * Write a text frame outside the timeline (subscription answers, serverShutdown).
     *
     * @param text JSON text.
     */
    void sendText(final String text)
    {
        if (open)
        {
            channel.writeAndFlush(new TextWebSocketFrame(text));
        }
    }

    /** Send the next ping and arm its pong deadline (event loop). */
    void ping()
    {
        if (!open || stalled())
        {
            return;
        }
        String payload = Long.toString(System.currentTimeMillis());
        if (payload.equals(lastPayload))
        {
            payload = payload + "." + (pingSeq + 1);
        }
        lastPayload = payload;
        final long seq = ++pingSeq;
        if (outstanding.size() == MAX_OUTSTANDING_PINGS)
        {
            outstanding.removeFirst();
        }
        outstanding.addLast(new Ping(seq, payload));
        channel.writeAndFlush(new PingWebSocketFrame(Unpooled.copiedBuffer(payload, StandardCharsets.US_ASCII)));
        context.pingsSent.incrementAndGet();
        channel.eventLoop().schedule(() ->
        {
            if (open && answeredSeq < seq)
            {
                context.pongTimeouts.incrementAndGet();
                closeWithFrame("pong-timeout", 1008, "Pong timeout");
            }
        }, context.config.pongTimeoutMs(venue), TimeUnit.MILLISECONDS);
    }

    /**
     * A pong arrived (event loop): it answers the ping whose payload it echoes, and every older one.
     *
     * @param content the pong's payload.
     */
    void onPong(final ByteBuf content)
    {
        final String payload = content.toString(StandardCharsets.US_ASCII);
        for (final Ping p : outstanding)
        {
            if (p.payload.equals(payload))
            {
                answeredSeq = Math.max(answeredSeq, p.seq);
                while (!outstanding.isEmpty() && outstanding.peekFirst().seq <= p.seq)
                {
                    outstanding.removeFirst();
                }
                context.pongsReceived.incrementAndGet();
                return;
            }
        }
        context.pongMismatches.incrementAndGet();
    }

    /**
     * Count one incoming frame against the venue's per-second limit (event loop).
     *
     * @return false when the connection went over its limit and is being closed.
     */
    boolean countIncoming()
    {
        final long now = System.nanoTime();
        if (now - windowStartNs >= 1_000_000_000L)
        {
            windowStartNs = now;
            windowCount = 0;
        }
        if (++windowCount > context.config.maxIncomingPerSecond(venue))
        {
            closeWithFrame("limit", 1008, "Too many requests");
            return false;
        }
        return true;
    }

    /**
     * Close with a close frame (first reason wins).
     *
     * @param reason stats reason.
     * @param code   close code.
     * @param text   close reason text.
     */
    void closeWithFrame(final String reason, final int code, final String text)
    {
        if (closeReason.compareAndSet(null, reason) && channel.isActive())
        {
            channel.writeAndFlush(new CloseWebSocketFrame(code, text)).addListener(ChannelFutureListener.CLOSE);
            // A peer that reads nothing never lets the close frame out: end the connection anyway.
            channel.eventLoop().schedule(() -> channel.close(), CLOSE_FRAME_GRACE_MS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Close the TCP connection without a close frame (first reason wins).
     *
     * @param reason stats reason.
     */
    void closeAbrupt(final String reason)
    {
        if (closeReason.compareAndSet(null, reason))
        {
            channel.close();
        }
    }

    /**
     * Record why the peer went away if nothing else was recorded.
     *
     * @param reason stats reason.
     */
    void reason(final String reason)
    {
        closeReason.compareAndSet(null, reason);
    }

    /** @return the close reason once closed. Called by the close listener. */
    String closed()
    {
        open = false;
        closeReason.compareAndSet(null, "client");
        return closeReason.get();
    }

    /** @return this connection's stats. */
    SimStats.Connection snapshot()
    {
        final List<String> streams = new ArrayList<>();
        for (final Subscription s : subscriptions)
        {
            streams.add(s.name());
        }
        final Map<String, Long> bySymbol = new LinkedHashMap<>();
        droppedBySymbol.forEach((k, v) -> bySymbol.put(k, v.get()));
        final List<SimStats.DroppedDiff> ids;
        synchronized (dropped)
        {
            ids = List.copyOf(dropped);
        }
        return new SimStats.Connection(id, venue.id(), route.path(), List.copyOf(streams), open,
            open ? null : closeReason.get(), framesSent.get(), framesDropped.get(), framesStalled.get(),
            framesBackpressure.get(), Map.copyOf(bySymbol), ids);
    }
}
