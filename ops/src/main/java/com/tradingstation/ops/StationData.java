package com.tradingstation.ops;

import com.tradingstation.redis.KeySchema;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.util.ArrayList;
import java.util.List;

/**
 * How much memory the station's own market data takes in a Redis: {@code MEMORY USAGE ... SAMPLES 0}
 * (exact, every element counted) of every key of {@link KeySchema} (the {@code md:*} top-of-book,
 * book and trade-stream keys, found with {@code SCAN MATCH md:*}) plus the heartbeat key. The
 * memory metric of the gate judges what is left of {@code used_memory} after it (see
 * {@link ServerStats#otherMemoryMb()}). Stateless.
 */
public final class StationData
{
    private static final int SCAN_COUNT = 1000;

    private StationData()
    {
    }

    /**
     * @param jedis a connection to the Redis.
     * @return bytes of the station's keys (0 when it has none), or -1 when the server refuses SCAN
     *         or MEMORY USAGE (renamed commands, ACL).
     */
    public static long bytes(final Jedis jedis)
    {
        try
        {
            final List<String> keys = new ArrayList<>();
            keys.add(KeySchema.HEARTBEAT);
            final ScanParams params = new ScanParams().match(KeySchema.PREFIX + "*").count(SCAN_COUNT);
            String cursor = ScanParams.SCAN_POINTER_START;
            do
            {
                final ScanResult<String> r = jedis.scan(cursor, params);
                keys.addAll(r.getResult());
                cursor = r.getCursor();
            }
            while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            final List<Response<Long>> sizes = new ArrayList<>(keys.size());
            try (Pipeline p = jedis.pipelined())
            {
                for (final String k : keys)
                {
                    sizes.add(p.memoryUsage(k, 0));
                }
                p.sync();
            }
            long total = 0;
            for (final Response<Long> s : sizes)
            {
                // A key that went away between SCAN and MEMORY USAGE answers nil.
                final Long v = s.get();
                total += v == null ? 0 : v;
            }
            return total;
        }
        catch (final JedisDataException ex)
        {
            return -1;
        }
    }
}
