package com.tradingstation.ops.tail;

import com.tradingstation.ops.RedisInfo;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.util.SafeEncoder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Redis side at one moment: INFO counters (commands, used_memory, forks, evictions) and the
 * latency monitor's {@code LATENCY LATEST}. Two INFO-and-LATENCY round trips: taken only at a tail
 * event or a periodic refresh, on the probe's own connection.
 *
 * @param commands       total_commands_processed.
 * @param usedMemory     used_memory.
 * @param forks          total_forks.
 * @param latestForkUsec latest_fork_usec.
 * @param evicted        evicted_keys.
 * @param latency        event name to {timestamp (s), latest (ms)}.
 */
record RedisSnapshot(long commands, long usedMemory, long forks, long latestForkUsec, long evicted,
    Map<String, long[]> latency)
{
    /** Commands a snapshot itself sends (INFO, LATENCY LATEST), counted by the next one. */
    static final int OWN_COMMANDS = 2;

    /**
     * @param jedis the connection.
     * @return the snapshot now.
     */
    static RedisSnapshot take(final Jedis jedis)
    {
        final RedisInfo info = RedisInfo.parse(jedis.info());
        final Map<String, long[]> latency = new LinkedHashMap<>();
        final Object reply = jedis.sendCommand(Protocol.Command.LATENCY, "LATEST");
        if (reply instanceof List<?> events)
        {
            for (final Object e : events)
            {
                if (e instanceof List<?> f && f.size() >= 3 && f.get(0) instanceof byte[] name
                    && f.get(1) instanceof Long ts && f.get(2) instanceof Long latest)
                {
                    latency.put(SafeEncoder.encode(name), new long[] {ts, latest});
                }
            }
        }
        return new RedisSnapshot(info.number("total_commands_processed"), info.number("used_memory"),
            info.number("total_forks"), info.number("latest_fork_usec"), info.number("evicted_keys"), latency);
    }

    /**
     * @param earlier       the previous snapshot.
     * @param ownCommands   commands the probe sent in between (samples and the earlier snapshot's own).
     * @param expectedOther other clients' commands the run's rate predicts for the window.
     * @return what changed.
     */
    TailDeltas.RedisDelta since(final RedisSnapshot earlier, final long ownCommands, final double expectedOther)
    {
        final List<TailDeltas.RedisLatency> fresh = new ArrayList<>();
        latency.forEach((name, now) ->
        {
            final long[] before = earlier.latency.get(name);
            // LATENCY LATEST keeps a second-resolution time: a second event of the same second is new
            // only when its latency differs.
            if (before == null || now[0] > before[0] || now[0] == before[0] && now[1] != before[1])
            {
                fresh.add(new TailDeltas.RedisLatency(name, now[1]));
            }
        });
        return new TailDeltas.RedisDelta(fresh, Math.max(0, forks - earlier.forks), latestForkUsec,
            usedMemory - earlier.usedMemory, Math.max(0, evicted - earlier.evicted),
            otherCommands(earlier, ownCommands), expectedOther);
    }

    /**
     * @param earlier     the previous snapshot.
     * @param ownCommands commands the probe sent in between.
     * @return commands from other clients in between, at least 0.
     */
    long otherCommands(final RedisSnapshot earlier, final long ownCommands)
    {
        return Math.max(0, commands - earlier.commands - ownCommands);
    }
}
