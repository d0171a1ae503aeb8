package com.tradingstation.ops;

import com.tradingstation.json.JsonWriter;
import com.tradingstation.redis.RedisConnector;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisUnavailableException;
import org.HdrHistogram.Histogram;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The trading-day KPI samples: every interval, on its own connection, a short paced PING burst
 * ({@link PacedSampler}, {@value #SAMPLES} samples {@value #INTERVAL_US} µs apart, the monitor's
 * loop) for the p99 RTT, and one {@code INFO memory} for {@code used_memory},
 * {@code used_memory_rss} and {@code mem_fragmentation_ratio}; one JSON line (schema
 * {@value #SCHEMA}, with the UTC instant) appended to {@code DAYS/<yyyy-MM-dd>.jsonl} of the sample's
 * UTC day, read back by {@link KpiReport}.
 *
 * <p>It runs on one daemon thread of its own (from the factory the caller gives), so it never
 * holds up the station's pipeline; the first sample is taken one interval after {@link #start}. A
 * Redis or file failure is counted and told once through the log; the next sample reconnects.
 * {@link #close} lets a sample in progress finish (a burst takes about
 * {@value #SAMPLES} ms), then stops.
 */
public final class KpiSampler implements AutoCloseable
{
    /** Schema name and version of a day-file line. */
    public static final String SCHEMA = "station.kpi/1";
    /** PINGs per burst. */
    public static final int SAMPLES = 200;
    /** Planned gap between two PINGs of a burst. */
    public static final long INTERVAL_US = 1000;
    /** Unrecorded PINGs before each burst. */
    public static final int WARMUP = 20;

    private final RedisEndpoint endpoint;
    private final Path days;
    private final Clock clock;
    private final Consumer<String> log;
    private final ScheduledExecutorService thread;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Histogram histogram = PacedSampler.newHistogram();
    private final long[] scratch = new long[SAMPLES];
    private Jedis jedis;
    private boolean told;

    private KpiSampler(final RedisEndpoint endpoint, final Path days, final Clock clock,
        final ThreadFactory threads, final Consumer<String> log)
    {
        this.endpoint = endpoint;
        this.days = days;
        this.clock = clock;
        this.log = log;
        this.thread = Executors.newSingleThreadScheduledExecutor(r ->
        {
            final Thread t = threads.newThread(r);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * @param endpoint the Redis to sample.
     * @param days     the directory of the day files (created when missing).
     * @param interval time between two samples.
     * @param clock    the time the samples are stamped with.
     * @param threads  makes the sampling thread (named and placed by the caller).
     * @param log      receives one line on the first failure.
     * @return the running sampler.
     */
    public static KpiSampler start(final RedisEndpoint endpoint, final Path days, final Duration interval,
        final Clock clock, final ThreadFactory threads, final Consumer<String> log)
    {
        if (interval.isNegative() || interval.isZero())
        {
            throw new IllegalArgumentException("the KPI interval must be positive, got " + interval);
        }
        final KpiSampler s = new KpiSampler(endpoint, days, clock, threads, log);
        final long ms = interval.toMillis();
        s.thread.scheduleAtFixedRate(s::sampleOnce, ms, ms, TimeUnit.MILLISECONDS);
        return s;
    }

    /**
     * @param days the directory of the day files.
     * @param day  a UTC day.
     * @return its file.
     */
    public static Path dayFile(final Path days, final LocalDate day)
    {
        return days.resolve(day + ".jsonl");
    }

    /** @return lines written so far. */
    public long written()
    {
        return written.get();
    }

    /** @return samples that failed so far (Redis or the file). */
    public long failures()
    {
        return failures.get();
    }

    private void sampleOnce()
    {
        final Instant time = clock.instant();
        try
        {
            if (jedis == null)
            {
                jedis = RedisConnector.connect(endpoint);
            }
            final Jedis j = jedis;
            final PacedSampler.TimedOp ping = () -> j.sendCommand(Protocol.Command.PING);
            histogram.reset();
            PacedSampler.run(ping, WARMUP, 0, histogram, scratch);
            histogram.reset();
            PacedSampler.run(ping, SAMPLES, TimeUnit.MICROSECONDS.toNanos(INTERVAL_US), histogram, scratch);
            final LatencyStats rtt = LatencyStats.of(histogram, scratch, SAMPLES);
            final RedisInfo info = RedisInfo.parse(j.info("memory"));
            final String line = new JsonWriter().beginObject().field("schema", SCHEMA).field("time", time.toString())
                .field("redis", endpoint.address()).field("samples", rtt.samples()).field("p50_us", rtt.p50Us())
                .field("p99_us", rtt.p99Us()).field("max_us", rtt.maxUs())
                .field("used_memory", info.number("used_memory")).field("used_memory_rss",
                    info.number("used_memory_rss"))
                .field("mem_fragmentation_ratio", info.ratio("mem_fragmentation_ratio")).endObject().toString();
            Files.createDirectories(days);
            // One writer per home (this thread); a short line appended in one write.
            Files.writeString(dayFile(days, LocalDate.ofInstant(time, ZoneOffset.UTC)), line + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            written.incrementAndGet();
        }
        catch (final RedisUnavailableException | IOException | RuntimeException ex)
        {
            failed(ex);
        }
    }

    private void failed(final Exception ex)
    {
        failures.incrementAndGet();
        if (jedis != null)
        {
            try
            {
                jedis.close();
            }
            catch (final RuntimeException ignored)
            {
                // a broken connection may fail to close; it is dropped either way
            }
            jedis = null;
        }
        if (!told)
        {
            told = true;
            final String m = ex instanceof RedisUnavailableException ? ex.getMessage()
                : RedisConnector.classify(endpoint, ex).getMessage();
            log.accept("KPI sample failed (counted, told once; sampling goes on): " +
                (ex instanceof IOException ? ex.toString() : m));
        }
    }

    /** Stops sampling after the sample in progress, if any (waits up to 5 s for it). */
    @Override
    public void close()
    {
        thread.shutdown();
        try
        {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS))
            {
                thread.shutdownNow();
            }
        }
        catch (final InterruptedException ex)
        {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (thread.isTerminated() && jedis != null)
        {
            jedis.close();
            jedis = null;
        }
    }
}
