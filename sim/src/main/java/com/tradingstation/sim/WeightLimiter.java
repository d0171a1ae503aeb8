package com.tradingstation.sim;

/**
 * One venue's REST request weight, budgeted per calendar minute as the venue does: over the
 * limit a request gets 429 with the seconds left in the window; requests that keep coming during
 * an active Retry-After period, beyond a small allowance, get 418 and a ban.
 * <p>
 * Threading: every method is synchronized (REST requests arrive on several event loops).
 */
final class WeightLimiter
{
    /** Outcome of {@link #admit}. */
    enum Verdict
    {
        /** Served. */
        OK,
        /** 429: slow down. */
        TOO_MANY,
        /** 418: banned. */
        BANNED
    }

    private final int limit;
    private final int allowance;
    private final int banSeconds;
    private long minute = Long.MIN_VALUE;
    private int used;
    private int peak;
    private long retryAfterUntilMs;
    private int requestsDuringRetryAfter;
    private long bannedUntilMs;
    private long lastRetryAfterSeconds;

    WeightLimiter(final int limit, final int allowance, final int banSeconds)
    {
        this.limit = limit;
        this.allowance = allowance;
        this.banSeconds = banSeconds;
    }

    /**
     * @param weight the request's weight.
     * @param nowMs  wall clock.
     * @return the verdict; {@link #retryAfterSeconds()} holds the header value for a rejection.
     */
    synchronized Verdict admit(final int weight, final long nowMs)
    {
        roll(nowMs);
        if (nowMs < bannedUntilMs)
        {
            lastRetryAfterSeconds = ceilSeconds(bannedUntilMs - nowMs);
            return Verdict.BANNED;
        }
        if (nowMs < retryAfterUntilMs)
        {
            if (++requestsDuringRetryAfter > allowance)
            {
                bannedUntilMs = nowMs + banSeconds * 1000L;
                lastRetryAfterSeconds = banSeconds;
                return Verdict.BANNED;
            }
            lastRetryAfterSeconds = ceilSeconds(retryAfterUntilMs - nowMs);
            return Verdict.TOO_MANY;
        }
        if (used + weight > limit)
        {
            final long windowEndMs = (minute + 1) * 60_000L;
            retryAfter(windowEndMs - nowMs, nowMs);
            return Verdict.TOO_MANY;
        }
        used += weight;
        peak = Math.max(peak, used);
        return Verdict.OK;
    }

    /**
     * Start a Retry-After period (the weight limit, or the every-Nth fault).
     *
     * @param ms    its length.
     * @param nowMs wall clock.
     */
    synchronized void retryAfter(final long ms, final long nowMs)
    {
        // The period lasts the whole seconds advertised, so a client honouring the header is never early.
        lastRetryAfterSeconds = ceilSeconds(ms);
        retryAfterUntilMs = Math.max(retryAfterUntilMs, nowMs + lastRetryAfterSeconds * 1000);
        requestsDuringRetryAfter = 0;
    }

    /** @return Retry-After of the last rejection, in whole seconds (at least 1). */
    synchronized long retryAfterSeconds()
    {
        return lastRetryAfterSeconds;
    }

    /**
     * @param nowMs wall clock.
     * @return weight used in the current minute.
     */
    synchronized int usedWeight(final long nowMs)
    {
        roll(nowMs);
        return used;
    }

    /** @return the highest weight used in any one minute. */
    synchronized int peakWeight()
    {
        return peak;
    }

    private void roll(final long nowMs)
    {
        final long m = nowMs / 60_000L;
        if (m != minute)
        {
            minute = m;
            used = 0;
        }
    }

    private static long ceilSeconds(final long ms)
    {
        return Math.max(1, (ms + 999) / 1000);
    }
}
