package com.tradingstation.ops;

import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisUnavailableException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The live dashboard: every period, a short monitor run and one {@link Dashboard} frame. On a
 * terminal each frame starts with cursor-home + clear-screen (so a resize redraws cleanly) and the
 * width is re-read; elsewhere frames are plain text separated by a blank line and end with
 * {@code frame i of N}. {@code q} on the terminal quits (read without blocking); off a terminal
 * nothing can, so the loop needs a frame count there. If Redis goes away mid-run the frame says so
 * and the loop keeps trying. Runs on the calling thread.
 */
public final class DashboardLoop
{
    private static final String HOME_CLEAR = "\u001b[H\u001b[2J";
    private static final int HISTORY = 60;

    private final RedisEndpoint endpoint;
    private final Thresholds thresholds;
    private final MonitorSettings settings;
    private final PrintWriter out;
    private final InputStream in;
    private final boolean terminal;
    private final boolean color;

    /**
     * @param endpoint   the Redis to watch.
     * @param thresholds the bands.
     * @param settings   the per-frame monitor run (a few hundred samples).
     * @param out        where frames go.
     * @param in         where {@code q} comes from (null: no keys, e.g. when not on a terminal).
     * @param terminal   whether {@code out} is a terminal (clear screen, width from stty).
     * @param color      whether to color bands.
     */
    public DashboardLoop(final RedisEndpoint endpoint, final Thresholds thresholds, final MonitorSettings settings,
        final PrintWriter out, final InputStream in, final boolean terminal, final boolean color)
    {
        this.endpoint = endpoint;
        this.thresholds = thresholds;
        this.settings = settings;
        this.out = out;
        this.in = in;
        this.terminal = terminal;
        this.color = color;
    }

    /**
     * @param periodMs  time between frame starts.
     * @param maxFrames stop after this many frames (0 = until {@code q}, on a terminal only).
     * @return frames drawn.
     * @throws IllegalArgumentException for 0 frames off a terminal, which nothing could stop.
     */
    public int run(final long periodMs, final int maxFrames)
    {
        if (!terminal && maxFrames == 0)
        {
            throw new IllegalArgumentException("off a terminal nothing can quit the dashboard: give a frame count");
        }
        final Deque<Double> history = new ArrayDeque<>();
        final long periodNs = TimeUnit.MILLISECONDS.toNanos(periodMs);
        long next = System.nanoTime();
        int frames = 0;
        while (maxFrames == 0 || frames < maxFrames)
        {
            final int width = terminal ? Terminal.columns(100) : 100;
            String frame;
            try
            {
                final MonitorReport r = Monitor.run(endpoint, settings);
                frame = Dashboard.render(new DashboardSnapshot(r, new ArrayList<>(history)), thresholds, width, color,
                    footer(frames + 1, maxFrames));
                history.addLast(r.rtt().p99Us());
                if (history.size() > HISTORY)
                {
                    history.removeFirst();
                }
            }
            catch (final RedisUnavailableException ex)
            {
                frame = "Trading Station  Redis " + endpoint.address() + ": UNREACHABLE: " + ex.getMessage()
                    + "\n(retrying every " + periodMs + " ms; " + footer(frames + 1, maxFrames) + ")\n";
            }
            out.print(terminal ? HOME_CLEAR + frame : frame + "\n");
            out.flush();
            frames++;
            next += periodNs;
            while (System.nanoTime() < next)
            {
                if (quitPressed())
                {
                    return frames;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            if (quitPressed())
            {
                return frames;
            }
        }
        return frames;
    }

    private String footer(final int frame, final int maxFrames)
    {
        if (terminal)
        {
            return maxFrames == 0 ? "q quits" : "frame " + frame + " of " + maxFrames + "; q quits";
        }
        return "frame " + frame + " of " + maxFrames;
    }

    private boolean quitPressed()
    {
        if (in == null)
        {
            return false;
        }
        try
        {
            while (in.available() > 0)
            {
                final int c = in.read();
                if (c == 'q' || c == 'Q')
                {
                    return true;
                }
                if (c < 0)
                {
                    return false;
                }
            }
        }
        catch (final IOException ex)
        {
            return false;
        }
        return false;
    }
}
