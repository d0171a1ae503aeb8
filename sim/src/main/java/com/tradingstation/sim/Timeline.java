package com.tradingstation.sim;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One timeline across every session, ordered by capture receive time (a merge that keeps each
 * session's own order, so a session's diffs are never reordered). It starts when the first
 * WebSocket client subscribes, then paces lines at {@code speed} times the recorded rate (0: as
 * fast as the sockets take them) and fans each frame out: the same bytes to every connection on
 * the same stream name, so parallel connections see identical update ids.
 * <p>
 * Threading: its own thread ({@code sim-timeline}) runs {@link #run()}; {@link #start()},
 * {@link #stop()} and the getters are for any thread.
 */
final class Timeline implements Runnable
{
    private static final byte[] COMBINED_HEAD = "{\"stream\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COMBINED_MID = "\",\"data\":".getBytes(StandardCharsets.US_ASCII);

    private final SimContext context;
    private final List<SimLine> lines;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicLong linesSent = new AtomicLong();
    private final List<Runnable> onStart = new ArrayList<>();
    private volatile boolean running = true;
    private volatile boolean isStarted;
    private volatile boolean isFinished;

    Timeline(final SimContext context, final List<SessionLoader.Session> sessions)
    {
        this.context = context;
        this.lines = merge(sessions);
    }

    private static List<SimLine> merge(final List<SessionLoader.Session> sessions)
    {
        int total = 0;
        for (final SessionLoader.Session s : sessions)
        {
            total += s.lines().size();
        }
        final List<SimLine> out = new ArrayList<>(total);
        final int[] next = new int[sessions.size()];
        while (out.size() < total)
        {
            int best = -1;
            long bestNs = Long.MAX_VALUE;
            for (int i = 0; i < sessions.size(); i++)
            {
                final List<SimLine> l = sessions.get(i).lines();
                if (next[i] < l.size() && l.get(next[i]).receiveNs() < bestNs)
                {
                    best = i;
                    bestNs = l.get(next[i]).receiveNs();
                }
            }
            if (best < 0)
            {
                // Every remaining head has receive time Long.MAX_VALUE: take them in session order.
                for (int i = 0; i < sessions.size(); i++)
                {
                    if (next[i] < sessions.get(i).lines().size())
                    {
                        best = i;
                        break;
                    }
                }
            }
            out.add(sessions.get(best).lines().get(next[best]++));
        }
        return out;
    }

    /**
     * @param action run on the timeline thread when the timeline starts (fault schedules).
     */
    void onStart(final Runnable action)
    {
        onStart.add(action);
    }

    /** Start the timeline (the first subscription; idempotent, any thread). */
    void start()
    {
        started.countDown();
    }

    /** Stop the thread at its next line (any thread). */
    void stop()
    {
        running = false;
        started.countDown();
    }

    /** @return true once the last line was sent. */
    boolean finished()
    {
        return isFinished;
    }

    /**
     * @param speed the configured speed (reported beside the progress).
     * @return whether it started and finished, and the lines sent of all (read racily).
     */
    SimStats.Timeline stats(final double speed)
    {
        return new SimStats.Timeline(isStarted, isFinished, linesSent.get(), lines.size(), speed);
    }

    /**
     * @param timeoutNs how long to wait.
     * @return true when finished in time.
     * @throws InterruptedException when interrupted.
     */
    boolean awaitFinished(final long timeoutNs) throws InterruptedException
    {
        return finished.await(timeoutNs, TimeUnit.NANOSECONDS);
    }

    @Override
    public void run()
    {
        try
        {
            started.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return;
        }
        if (!running)
        {
            return;
        }
        isStarted = true;
        onStart.forEach(Runnable::run);
        final double speed = context.config.speed();
        final long startWallNs = System.nanoTime();
        final long firstNs = lines.isEmpty() ? 0 : lines.get(0).receiveNs();
        for (final SimLine line : lines)
        {
            if (!running)
            {
                return;
            }
            if (speed > 0)
            {
                final long targetNs = startWallNs + (long)((line.receiveNs() - firstNs) / speed);
                long waitNs;
                while (running && (waitNs = targetNs - System.nanoTime()) > 0)
                {
                    LockSupport.parkNanos(Math.min(waitNs, 50_000_000L));
                }
            }
            switch (line.kind())
            {
                case SNAPSHOT ->
                {
                    if (line.data() != line.symbol().firstSnapshot)
                    {
                        context.books.apply(line);
                    }
                }
                case DEPTH ->
                {
                    context.books.apply(line);
                    line.symbol().diffsSent.incrementAndGet();
                    line.symbol().lastSentUpdateId = line.lastUpdateId();
                    send(line, speed == 0);
                }
                default -> send(line, speed == 0);
            }
            linesSent.incrementAndGet();
        }
        isFinished = true;
        finished.countDown();
    }

    private void send(final SimLine line, final boolean waitWritable)
    {
        byte[] data = line.data();
        if (context.config.rewriteEventTime() && line.eventTimeOffset() >= 0)
        {
            // Same digit count, so the rewrite is in place; done once so every connection gets the same bytes.
            data = Arrays.copyOf(data, data.length);
            long ms = System.currentTimeMillis();
            for (int i = line.eventTimeOffset() + 12; i >= line.eventTimeOffset(); i--)
            {
                data[i] = (byte)('0' + (ms % 10));
                ms /= 10;
            }
        }
        ByteBuf raw = null;
        List<String> names = null;
        List<ByteBuf> combined = null;
        for (final SimConnection c : context.openConnections.values())
        {
            for (final Subscription s : c.subscriptions())
            {
                if (s.symbol() != line.symbol() || s.kind() != line.kind())
                {
                    continue;
                }
                final ByteBuf frame;
                if (c.route.combined())
                {
                    if (names == null)
                    {
                        names = new ArrayList<>(2);
                        combined = new ArrayList<>(2);
                    }
                    int index = names.indexOf(s.name());
                    if (index < 0)
                    {
                        names.add(s.name());
                        combined.add(combinedFrame(s.name(), data));
                        index = names.size() - 1;
                    }
                    frame = combined.get(index);
                }
                else
                {
                    if (raw == null)
                    {
                        raw = Unpooled.wrappedBuffer(data);
                    }
                    frame = raw;
                }
                c.deliver(frame, line, waitWritable);
            }
        }
        if (raw != null)
        {
            raw.release();
        }
        if (combined != null)
        {
            combined.forEach(ByteBuf::release);
        }
    }

    private static ByteBuf combinedFrame(final String name, final byte[] data)
    {
        final byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        final ByteBuf b = Unpooled.buffer(COMBINED_HEAD.length + n.length + COMBINED_MID.length + data.length + 1);
        return b.writeBytes(COMBINED_HEAD).writeBytes(n).writeBytes(COMBINED_MID).writeBytes(data).writeByte('}');
    }
}
