package com.tradingstation.ops.alloc;

import java.util.List;
import java.util.Map;

/**
 * One run of one variant in one round: a fresh server, the dataset loaded, then the churn with the
 * latency probe and the timeline running alongside.
 *
 * @param variant      the variant's name.
 * @param round        round number, from 1.
 * @param position     position in the interleaved order of the whole lab, from 0.
 * @param latencyNs    per probe operation ({@code "set"}, {@code "ping"}, ...) its latencies in send order,
 *                     nanoseconds from the planned send time.
 * @param churnOps     commands the churn sent.
 * @param churnSeconds how long the churn and probe ran.
 * @param afterLoad    memory after the load, before the churn.
 * @param afterChurn   memory at the end of the churn.
 * @param processStart the server's counters when the churn started.
 * @param processEnd   the server's counters when the churn ended.
 * @param timeline     samples taken during the churn, about one a second.
 */
public record VariantRun(
    String variant, int round, int position, Map<String, long[]> latencyNs, long churnOps, double churnSeconds,
    MemorySnapshot afterLoad, MemorySnapshot afterChurn, ProcessCounters processStart, ProcessCounters processEnd,
    List<TimelinePoint> timeline)
{
}
