package com.tradingstation.ops;

import com.tradingstation.redis.RedisConnector;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisUnavailableException;
import redis.clients.jedis.Jedis;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a measurement on a fresh thread of its own, pinned first when a CPU is requested (so a pin
 * never leaks to the caller's thread), with one connection to the Redis measured. Failures of the
 * connection are classified ({@link RedisConnector#classify}) and rethrown on the caller's thread.
 */
public final class MeasuringThread
{
    /**
     * The measurement, on the measuring thread.
     *
     * @param <T> what it returns.
     */
    @FunctionalInterface
    public interface Body<T>
    {
        /**
         * @param jedis the connection, closed afterwards.
         * @param pin   the outcome of the pin.
         * @return the result.
         */
        T measure(Jedis jedis, CpuPin pin);
    }

    private MeasuringThread()
    {
    }

    /**
     * @param name     the thread's name.
     * @param endpoint the Redis to connect to.
     * @param cpu      the CPU to pin the thread to, or -1.
     * @param body     the measurement.
     * @param pollMs   how often {@code onPoll} runs on the calling thread while waiting (0: never).
     * @param onPoll   runs on the calling thread every {@code pollMs} until the measurement ends (null when
     *                 {@code pollMs} is 0).
     * @param <T>      the result type.
     * @return what {@code body} returned.
     * @throws RedisUnavailableException when the server cannot be reached or fails mid-run.
     */
    public static <T> T run(final String name, final RedisEndpoint endpoint, final int cpu, final Body<T> body,
        final long pollMs, final Runnable onPoll) throws RedisUnavailableException
    {
        final FutureTask<Object> task = new FutureTask<>(() -> measure(endpoint, cpu, body));
        final Thread t = new Thread(task, name);
        t.start();
        final Object r;
        try
        {
            r = await(task, pollMs, onPoll);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            t.interrupt();
            throw new IllegalStateException("interrupted while measuring", ex);
        }
        catch (final ExecutionException ex)
        {
            // An Error (or anything measure did not turn into a result) on the measuring thread.
            throw new IllegalStateException("measuring thread failed: " + ex.getCause(), ex.getCause());
        }
        if (r instanceof RedisUnavailableException ex)
        {
            throw ex;
        }
        if (r instanceof RuntimeException ex)
        {
            throw ex;
        }
        @SuppressWarnings("unchecked")
        final T result = (T)r;
        return result;
    }

    private static Object await(final FutureTask<Object> task, final long pollMs, final Runnable onPoll)
        throws InterruptedException, ExecutionException
    {
        if (pollMs <= 0)
        {
            return task.get();
        }
        while (true)
        {
            try
            {
                return task.get(pollMs, TimeUnit.MILLISECONDS);
            }
            catch (final TimeoutException ex)
            {
                onPoll.run();
            }
        }
    }

    private static Object measure(final RedisEndpoint endpoint, final int cpu, final Body<?> body)
    {
        final CpuPin pin = cpu >= 0 ? ThreadProbe.pin(cpu) : CpuPin.none(ThreadProbe.cpusAllowed());
        try (Jedis jedis = RedisConnector.connect(endpoint))
        {
            try
            {
                return body.measure(jedis, pin);
            }
            catch (final RuntimeException ex)
            {
                return RedisConnector.classify(endpoint, ex);
            }
        }
        catch (final RedisUnavailableException ex)
        {
            return ex;
        }
        catch (final RuntimeException ex)
        {
            // close() of a connection that broke mid-run
            return RedisConnector.classify(endpoint, ex);
        }
    }
}
