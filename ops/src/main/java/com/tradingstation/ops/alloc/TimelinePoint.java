package com.tradingstation.ops.alloc;

/**
 * One sample of a variant run's timeline, taken about once a second from another connection while
 * the churn and the latency probe run.
 *
 * @param seconds since the start of the churn phase.
 * @param memory  Redis's memory then.
 * @param process the redis-server process's cumulative counters then.
 */
public record TimelinePoint(double seconds, MemorySnapshot memory, ProcessCounters process)
{
}
