package com.tradingstation.ops.dataset;

import com.tradingstation.redis.RedisConnector;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisUnavailableException;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The churn phase over a loaded {@link DatasetSpec}, paced at {@link ChurnSpec#opsPerSecond()}:
 * {@value #SET_PERCENT}% {@code SET key value EX ttl} on a random entry with a new value (a new
 * version, whose size is drawn from the mix again, so freed and new allocations change size class),
 * and the rest {@code XADD stream MAXLEN ~ cap * v value} on one of {@link ChurnSpec#streams()} streams
 * ({@code prefix + "stream:" + n}, values from the same mix). With no streams every command is a SET;
 * with no keys every command is an XADD.
 *
 * <p>Pacing: every {@value #TICK_MS} ms the commands due by then (rate × elapsed) go out as one
 * pipelined batch and their replies are read, so the rate is even instead of one burst a second; a
 * client that falls behind catches up in batches of at most {@value #MAX_BATCH}. The order of
 * commands, indexes, streams and values is reproducible from the spec's seed.
 */
public final class Churn
{
    /** Share of SETs, in percent; the rest are XADDs. */
    static final int SET_PERCENT = 80;
    /** Interval between batches. */
    static final int TICK_MS = 5;
    /** Largest batch when catching up. */
    static final int MAX_BATCH = 1000;

    private static final long TICK_NS = TimeUnit.MILLISECONDS.toNanos(TICK_MS);
    private static final long CHURN_SALT = 0x4348524EL;
    private static final byte[] EX = bytes("EX");
    private static final byte[] MAXLEN = bytes("MAXLEN");
    private static final byte[] APPROX = bytes("~");
    private static final byte[] AUTO_ID = bytes("*");
    private static final byte[] FIELD = bytes("v");

    private Churn()
    {
    }

    /**
     * @param spec the dataset.
     * @param n    0 &lt;= n &lt; streams.
     * @return the key of stream {@code n}: {@code prefix + "stream:" + n}.
     */
    public static String streamKey(final DatasetSpec spec, final int n)
    {
        return spec.keyPrefix() + "stream:" + n;
    }

    /**
     * Runs the churn on the calling thread.
     *
     * @param endpoint the Redis.
     * @param spec     the loaded dataset.
     * @param churn    rate, duration, TTL and streams; a zero duration returns at once.
     * @param stop     asked once before every command; the churn ends when it answers true (may be null).
     * @return what was sent.
     * @throws RedisUnavailableException when the server cannot be reached, refuses a command or fails.
     */
    public static ChurnResult run(final RedisEndpoint endpoint, final DatasetSpec spec, final ChurnSpec churn,
        final BooleanSupplier stop) throws RedisUnavailableException
    {
        if (churn.duration().isZero() || (spec.keys() == 0 && churn.streams() == 0))
        {
            return new ChurnResult(0, 0, 0);
        }
        try (Jedis jedis = RedisConnector.connect(endpoint))
        {
            try
            {
                return churn(jedis.getConnection(), spec, churn, stop == null ? () -> false : stop);
            }
            catch (final RuntimeException ex)
            {
                throw RedisConnector.classify(endpoint, ex);
            }
        }
        catch (final RuntimeException ex)
        {
            throw RedisConnector.classify(endpoint, ex);
        }
    }

    private static ChurnResult churn(final Connection connection, final DatasetSpec spec, final ChurnSpec churn,
        final BooleanSupplier stop)
    {
        final SplittableRandom random = new SplittableRandom(DatasetKeys.mix(spec.seed() ^ CHURN_SALT));
        final byte[][] buffers = DatasetLoader.buffers(spec);
        final byte[] ttl = bytes(Integer.toString(churn.ttlSeconds()));
        final byte[] cap = bytes(Integer.toString(churn.streamMaxLen()));
        final byte[][] streams = new byte[churn.streams()][];
        for (int n = 0; n < streams.length; n++)
        {
            streams[n] = streamKey(spec, n).getBytes(StandardCharsets.UTF_8);
        }
        final int setPercent = streams.length == 0 ? 100 : spec.keys() == 0 ? 0 : SET_PERCENT;
        final long durationNs = saturatedNanos(churn);
        final double perNs = churn.opsPerSecond() / 1e9;
        final long start = System.nanoTime();
        long sets = 0;
        long xadds = 0;
        long version = 0;
        boolean stopped = false;
        long now = start;
        while (!stopped && now - start < durationNs)
        {
            final long planned = (long)((now - start) * perNs) + 1;
            final int batch = (int)Math.min(MAX_BATCH, planned - version);
            int sent = 0;
            while (sent < batch)
            {
                if (stop.getAsBoolean())
                {
                    stopped = true;
                    break;
                }
                version++;
                if (random.nextInt(100) < setPercent)
                {
                    final long index = random.nextLong(spec.keys());
                    final byte[] value = buffers[DatasetKeys.sizeClass(spec, index, version)];
                    DatasetKeys.fillValue(spec, index, version, value, value.length);
                    connection.sendCommand(Protocol.Command.SET, DatasetKeys.key(spec, index), value, EX, ttl);
                    sets++;
                }
                else
                {
                    final int n = random.nextInt(streams.length);
                    final byte[] value = buffers[DatasetKeys.draw(spec, random.nextLong())];
                    DatasetKeys.fillValue(spec, -1 - n, version, value, value.length);
                    connection.sendCommand(Protocol.Command.XADD, streams[n], MAXLEN, APPROX, cap, AUTO_ID, FIELD,
                        value);
                    xadds++;
                }
                sent++;
            }
            if (sent > 0)
            {
                DatasetLoader.check(connection.getMany(sent));
            }
            now = System.nanoTime();
            if (!stopped && version >= (long)((now - start) * perNs) + 1)
            {
                // Caught up: wait for the next tick (or the end), whichever comes first.
                LockSupport.parkNanos(Math.min(TICK_NS, durationNs - (now - start)));
                now = System.nanoTime();
            }
        }
        return new ChurnResult(sets, xadds, System.nanoTime() - start);
    }

    private static long saturatedNanos(final ChurnSpec churn)
    {
        try
        {
            return churn.duration().toNanos();
        }
        catch (final ArithmeticException ex)
        {
            return Long.MAX_VALUE;
        }
    }

    private static byte[] bytes(final String s)
    {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
