package com.tradingstation.feed.live;

import java.util.ArrayDeque;

/**
 * One venue's REST request-weight budget: what the station spent in the last minute (sliding
 * window of its own requests), what the venue says was used in the current minute
 * ({@code X-MBX-USED-WEIGHT-1M}, which also counts other processes behind the same IP), and a
 * pause after 429 / 418 until {@code Retry-After} has passed. A request is sent only when both
 * views leave room for its weight, so no minute window of the venue's can exceed the budget.
 * <p>
 * Threading: the REST scheduler thread only; {@link #peakUsed()} and {@link #usage()} may be read racily.
 */
public final class WeightBudget
{
    private static final long WINDOW_MS = 60_000;

    private final int budget;
    private final ArrayDeque<long[]> spent = new ArrayDeque<>();
    private long spentInWindow;
    private long serverUsed;
    private long serverUsedMinute = -1;
    private long pausedUntilMs;
    private volatile long peakUsed;
    private volatile long lastServerUsed;
    private volatile long throttled;
    private volatile long banned;

    /**
     * @param budget weight per minute the station may use.
     */
    public WeightBudget(final int budget)
    {
        this.budget = budget;
    }

    /**
     * Take room for a request if there is any.
     *
     * @param weight the request's weight.
     * @param nowMs  wall clock.
     * @return true when it may be sent now (the weight is then counted).
     */
    public boolean tryAcquire(final int weight, final long nowMs)
    {
        if (nowMs < pausedUntilMs)
        {
            return false;
        }
        final long used = used(nowMs);
        if (used + weight > budget && used > 0)
        {
            return false;
        }
        spent.addLast(new long[] {nowMs, weight});
        spentInWindow += weight;
        if (serverUsedMinute == nowMs / WINDOW_MS)
        {
            serverUsed += weight; // until the venue's answer says better
        }
        peakUsed = Math.max(peakUsed, used(nowMs));
        return true;
    }

    /**
     * @param nowMs wall clock.
     * @return weight used as far as both views tell.
     */
    public long used(final long nowMs)
    {
        while (!spent.isEmpty() && spent.peekFirst()[0] <= nowMs - WINDOW_MS)
        {
            spentInWindow -= spent.pollFirst()[1];
        }
        final long server = serverUsedMinute == nowMs / WINDOW_MS ? serverUsed : 0;
        return Math.max(spentInWindow, server);
    }

    /**
     * @param used  the venue's {@code X-MBX-USED-WEIGHT-1M}.
     * @param nowMs wall clock when it arrived.
     */
    public void onServerUsed(final long used, final long nowMs)
    {
        serverUsed = used;
        serverUsedMinute = nowMs / WINDOW_MS;
        lastServerUsed = used;
        peakUsed = Math.max(peakUsed, used);
    }

    /**
     * The venue answered 429 (or 418 when banned): send nothing before its Retry-After.
     *
     * @param retryAfterSeconds the header's value (a missing header counts as 60 s).
     * @param ban               true for 418.
     * @param nowMs             wall clock.
     */
    public void pause(final long retryAfterSeconds, final boolean ban, final long nowMs)
    {
        pausedUntilMs = Math.max(pausedUntilMs, nowMs + Math.max(1, retryAfterSeconds) * 1000);
        if (ban)
        {
            banned++;
        }
        else
        {
            throttled++;
        }
    }

    /** @return weight budget per minute. */
    public int budget()
    {
        return budget;
    }

    /** @return the most weight used in any minute, as far as the station knows. */
    public long peakUsed()
    {
        return peakUsed;
    }

    /**
     * The counters a report shows together, read racily.
     *
     * @return budget, peak, the venue's last word and the 429 / 418 answers.
     */
    public Usage usage()
    {
        return new Usage(budget, peakUsed, lastServerUsed, throttled, banned);
    }

    /**
     * What a venue's weight budget went through.
     *
     * @param budget         weight budget per minute.
     * @param peakUsed       the most weight used in any minute, as far as the station knows.
     * @param lastServerUsed the last {@code X-MBX-USED-WEIGHT-1M} seen.
     * @param throttled      429 answers.
     * @param banned         418 answers.
     */
    public record Usage(int budget, long peakUsed, long lastServerUsed, long throttled, long banned)
    {
    }
}
