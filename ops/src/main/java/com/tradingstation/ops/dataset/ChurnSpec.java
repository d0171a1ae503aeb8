package com.tradingstation.ops.dataset;

import java.time.Duration;
import java.util.Objects;

/**
 * The churn phase after a load: a paced mix of SET with EXPIRE over the dataset's keys (values of a
 * new size from the mix, so freed and new allocations change size class) and XADD with MAXLEN trimming
 * on a few streams, at a set rate for a set time.
 *
 * @param opsPerSecond planned rate (commands per second, all kinds together); &gt; 0.
 * @param duration     how long; zero means no churn.
 * @param ttlSeconds   EXPIRE of the keys the churn rewrites (&gt; 0), so memory is freed during the run.
 * @param streams      how many streams XADD writes to (&gt;= 0; 0 = no XADD).
 * @param streamMaxLen MAXLEN ~ of each stream.
 */
public record ChurnSpec(int opsPerSecond, Duration duration, int ttlSeconds, int streams, int streamMaxLen)
{
    /** The original's churn rate. */
    public static final int DEFAULT_RATE = 1000;
    /** The original's churn time. */
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(300);
    /** Default EXPIRE of rewritten keys. */
    public static final int DEFAULT_TTL_SECONDS = 5;
    /** Default stream count. */
    public static final int DEFAULT_STREAMS = 4;
    /** Default stream cap. */
    public static final int DEFAULT_STREAM_MAXLEN = 10_000;

    /** Validates. */
    public ChurnSpec
    {
        Objects.requireNonNull(duration, "duration");
        if (opsPerSecond < 1 || ttlSeconds < 1 || streams < 0 || streamMaxLen < 1 || duration.isNegative())
        {
            throw new IllegalArgumentException("churn needs a rate >= 1/s, a TTL >= 1 s, streams >= 0, a stream"
                + " cap >= 1 and a duration >= 0; got " + opsPerSecond + "/s, ttl " + ttlSeconds + " s, "
                + streams + " streams, cap " + streamMaxLen + ", " + duration);
        }
    }

    /** @return the original's churn: 1000/s for 300 s. */
    public static ChurnSpec defaults()
    {
        return new ChurnSpec(DEFAULT_RATE, DEFAULT_DURATION, DEFAULT_TTL_SECONDS, DEFAULT_STREAMS,
            DEFAULT_STREAM_MAXLEN);
    }

    /**
     * @param rate commands per second.
     * @param time how long.
     * @return this spec with that rate and duration.
     */
    public ChurnSpec with(final int rate, final Duration time)
    {
        return new ChurnSpec(rate, time, ttlSeconds, streams, streamMaxLen);
    }
}
