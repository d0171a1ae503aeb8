package com.tradingstation.ops.tail;

import java.util.List;

/**
 * The counters recorded around one tail event, as differences: what {@link TailClassifier} judges.
 * The thread's and the JVM's figures span the sample itself (from the last moment the thread was
 * parked before the send to the reply); the CPU's interrupts and the Redis figures span the window
 * since the previous expensive snapshot, which the sampler keeps short.
 *
 * @param latencyNs           the sample's latency from its planned send.
 * @param thresholdNs         the tail threshold.
 * @param involuntarySwitches nonvoluntary_ctxt_switches grown across the sample, or -1 when unknown.
 * @param runDelayNs          run-queue wait (schedstat, second field) grown across the sample, or -1.
 * @param gcCollections       JVM collections that ended across the sample.
 * @param gcTimeMs            their accumulated time in milliseconds.
 * @param gcNames             the collectors that ran, or empty.
 * @param cpu                 the CPU the thread ran on, or -1 when unknown.
 * @param windowNs            the span of {@code interrupts} and {@code redis}, or 0 when none was taken.
 * @param interrupts          interrupt and softirq counts on {@code cpu} over the window.
 * @param redis               the Redis side over the window.
 */
public record TailDeltas(
    long latencyNs, long thresholdNs, long involuntarySwitches, long runDelayNs, long gcCollections, long gcTimeMs,
    String gcNames, int cpu, long windowNs, List<LineDelta> interrupts, RedisDelta redis)
{
    /**
     * @param latencyNs   the sample's latency.
     * @param thresholdNs the threshold.
     * @return deltas with every counter still (for tests and as a start).
     */
    public static TailDeltas quiet(final long latencyNs, final long thresholdNs)
    {
        return new TailDeltas(latencyNs, thresholdNs, 0, 0, 0, 0, "", -1, 0, List.of(), RedisDelta.NONE);
    }

    /**
     * @param involuntary the thread's involuntary switches.
     * @param runDelay    its run-queue wait.
     * @return a copy with those.
     */
    public TailDeltas withSched(final long involuntary, final long runDelay)
    {
        return new TailDeltas(latencyNs, thresholdNs, involuntary, runDelay, gcCollections, gcTimeMs, gcNames, cpu,
            windowNs, interrupts, redis);
    }

    /**
     * @param collections JVM collections.
     * @param timeMs      their time.
     * @param names       the collectors.
     * @return a copy with those.
     */
    public TailDeltas withGc(final long collections, final long timeMs, final String names)
    {
        return new TailDeltas(latencyNs, thresholdNs, involuntarySwitches, runDelayNs, collections, timeMs, names, cpu,
            windowNs, interrupts, redis);
    }

    /**
     * @param onCpu  the measuring CPU.
     * @param window the window's span.
     * @param lines  interrupt and softirq counts.
     * @param server the Redis side.
     * @return a copy with the window's figures.
     */
    public TailDeltas withWindow(final int onCpu, final long window, final List<LineDelta> lines,
        final RedisDelta server)
    {
        return new TailDeltas(latencyNs, thresholdNs, involuntarySwitches, runDelayNs, gcCollections, gcTimeMs,
            gcNames, onCpu, window, List.copyOf(lines), server);
    }

    /**
     * One line of /proc/interrupts or /proc/softirqs on the measuring CPU over the window.
     *
     * @param line     e.g. {@code "irq 11 virtio0"}, {@code "LOC"} or {@code "softirq NET_RX"}.
     * @param device   a numbered (device) interrupt line.
     * @param count    how many in the window.
     * @param expected how many its rate over the run so far predicts for the window.
     */
    public record LineDelta(String line, boolean device, long count, double expected)
    {
    }

    /**
     * One Redis latency-monitor event newer than the previous check.
     *
     * @param event     the event name ({@code command}, {@code fast-command}, {@code fork}, ...).
     * @param latestMs  its latest latency in milliseconds.
     */
    public record RedisLatency(String event, long latestMs)
    {
    }

    /**
     * The Redis side over the window.
     *
     * @param latencyEvents         latency-monitor events newer than the previous check.
     * @param forks                 total_forks grown.
     * @param latestForkUsec        latest_fork_usec now.
     * @param usedMemoryBytes       used_memory grown (negative when it shrank).
     * @param evictedKeys           evicted_keys grown.
     * @param otherCommands         commands processed besides the probe's own.
     * @param expectedOtherCommands how many of those the run's rate so far predicts for the window.
     */
    public record RedisDelta(List<RedisLatency> latencyEvents, long forks, long latestForkUsec, long usedMemoryBytes,
        long evictedKeys, long otherCommands, double expectedOtherCommands)
    {
        /** Nothing moved (or nothing was read). */
        public static final RedisDelta NONE = new RedisDelta(List.of(), 0, 0, 0, 0, 0, 0);
    }
}
