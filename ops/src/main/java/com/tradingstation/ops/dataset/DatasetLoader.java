package com.tradingstation.ops.dataset;

import com.tradingstation.redis.RedisConnector;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisUnavailableException;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Loads a {@link DatasetSpec} into Redis: one {@code SET key value} per entry, in pipelined batches of
 * {@value #BATCH} on one connection. The next batch is written before the replies of the previous one
 * are read, so the server parses while the client generates; values are written from one reusable
 * buffer per size class. Existing keys of the same names are overwritten; nothing else is touched.
 *
 * <p>Stateless; one load per call, on the calling thread.
 */
public final class DatasetLoader
{
    /** Commands per pipelined batch. */
    static final int BATCH = 1000;

    private static final long PROGRESS_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(100);

    /** Told how far a load is. */
    @FunctionalInterface
    public interface Progress
    {
        /**
         * @param keysDone       keys the server has acknowledged.
         * @param keysTotal      keys of the spec.
         * @param valueBytesDone value bytes sent (a batch ahead of {@code keysDone}).
         */
        void update(long keysDone, long keysTotal, long valueBytesDone);
    }

    private DatasetLoader()
    {
    }

    /**
     * @param endpoint the Redis to write to.
     * @param spec     what to write.
     * @param progress told at most about 10 times a second and once at the end; may be null.
     * @return what was written.
     * @throws RedisUnavailableException when the server cannot be reached, refuses a SET (e.g. OOM) or
     *                                   fails mid-load.
     */
    public static LoadResult load(final RedisEndpoint endpoint, final DatasetSpec spec, final Progress progress)
        throws RedisUnavailableException
    {
        try (Jedis jedis = RedisConnector.connect(endpoint))
        {
            try
            {
                return write(jedis.getConnection(), spec, progress);
            }
            catch (final RuntimeException ex)
            {
                throw RedisConnector.classify(endpoint, ex);
            }
        }
        catch (final RuntimeException ex)
        {
            // close() of a connection that broke mid-load
            throw RedisConnector.classify(endpoint, ex);
        }
    }

    private static LoadResult write(final Connection connection, final DatasetSpec spec, final Progress progress)
    {
        final byte[][] buffers = buffers(spec);
        final long total = spec.keys();
        final long start = System.nanoTime();
        long lastProgress = start;
        long bytes = 0;
        int pending = 0;
        long i = 0;
        while (i < total)
        {
            final int batch = (int)Math.min(BATCH, total - i);
            for (int j = 0; j < batch; j++, i++)
            {
                final byte[] value = buffers[DatasetKeys.sizeClass(spec, i, 0)];
                DatasetKeys.fillValue(spec, i, 0, value, value.length);
                connection.sendCommand(Protocol.Command.SET, DatasetKeys.key(spec, i), value);
                bytes += value.length;
            }
            if (pending > 0)
            {
                // Flushes this batch, then reads the replies of the previous one.
                check(connection.getMany(pending));
            }
            pending = batch;
            final long now = System.nanoTime();
            if (progress != null && now - lastProgress >= PROGRESS_INTERVAL_NS)
            {
                lastProgress = now;
                progress.update(i - pending, total, bytes);
            }
        }
        if (pending > 0)
        {
            check(connection.getMany(pending));
        }
        final long nanos = System.nanoTime() - start;
        if (progress != null)
        {
            progress.update(total, total, bytes);
        }
        return new LoadResult(total, bytes, nanos);
    }

    /**
     * @param spec the dataset.
     * @return one value buffer per size class, of exactly that size (the client copies it out on send).
     */
    static byte[][] buffers(final DatasetSpec spec)
    {
        final byte[][] b = new byte[spec.sizeClasses()][];
        for (int c = 0; c < b.length; c++)
        {
            b[c] = new byte[spec.sizeOf(c)];
        }
        return b;
    }

    /**
     * @param replies replies of a pipelined batch.
     * @throws JedisDataException the first error reply (e.g. OOM), for classification.
     */
    static void check(final List<Object> replies)
    {
        for (final Object r : replies)
        {
            if (r instanceof JedisDataException e)
            {
                throw e;
            }
        }
    }
}
