package com.tradingstation.sim;

import com.tradingstation.core.instrument.Venue;
import com.tradingstation.json.JsonWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The periodic connection faults: abrupt disconnects, stalls and spot's serverShutdown. Each picks
 * its victim among the open connections (in id order) with one RNG seeded by {@code --seed}, so
 * the same run with the same connections picks the same victims. Scheduled from the timeline's
 * start; runs on its own single thread ({@code sim-faults}).
 */
final class Faults implements AutoCloseable
{
    private final SimContext context;
    private final SplittableRandom random;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r ->
    {
        final Thread t = new Thread(r, "sim-faults");
        t.setDaemon(true);
        return t;
    });

    Faults(final SimContext context)
    {
        this.context = context;
        this.random = new SplittableRandom(context.config.seed());
    }

    /** Arm every configured fault (any thread; called once when the timeline starts). */
    void start()
    {
        final SimConfig c = context.config;
        if (c.disconnectEveryMs() > 0)
        {
            executor.scheduleAtFixedRate(this::disconnect, c.disconnectEveryMs(), c.disconnectEveryMs(),
                TimeUnit.MILLISECONDS);
        }
        if (c.stallMs() > 0)
        {
            executor.scheduleAtFixedRate(this::stall, c.stallEveryMs(), c.stallEveryMs(), TimeUnit.MILLISECONDS);
        }
        if (c.serverShutdownEveryMs() > 0)
        {
            executor.scheduleAtFixedRate(
                this::serverShutdown, c.serverShutdownEveryMs(), c.serverShutdownEveryMs(), TimeUnit.MILLISECONDS);
        }
    }

    private SimConnection pick()
    {
        final List<SimConnection> open = new ArrayList<>(context.openConnections.values());
        return open.isEmpty() ? null : open.get(random.nextInt(open.size()));
    }

    private void disconnect()
    {
        final SimConnection victim = pick();
        if (victim != null)
        {
            context.disconnects.incrementAndGet();
            victim.closeAbrupt("disconnect-fault");
        }
    }

    private void stall()
    {
        final SimConnection victim = pick();
        if (victim != null)
        {
            context.stalls.incrementAndGet();
            victim.stall(context.config.stallMs());
        }
    }

    private void serverShutdown()
    {
        final long ms = System.currentTimeMillis();
        final String raw = new JsonWriter().beginObject().field("e", "serverShutdown").field("E", ms).endObject()
            .toString();
        final String combined = new JsonWriter().beginObject().field("stream", "!serverShutdown").name("data")
            .rawValue(raw)
            .endObject().toString();
        for (final SimConnection c : context.openConnections.values())
        {
            if (c.venue() != Venue.BINANCE_SPOT)
            {
                continue;
            }
            context.serverShutdowns.incrementAndGet();
            c.sendText(c.route.combined() ? combined : raw);
            c.channel.eventLoop().schedule(
                () -> c.closeWithFrame("shutdown", 1001, "Server shutdown"), context.config.shutdownGraceMs(),
                TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close()
    {
        executor.shutdownNow();
    }
}
