package com.tradingstation.ops.tail;

import java.time.Instant;
import java.util.List;

/**
 * One tail event as reported: a sample above the threshold, with the samples queued behind it (sent
 * late because it had not answered yet, above the threshold too and charged to the same cause).
 *
 * @param time      when its reply came.
 * @param latencyNs the worst latency from the planned send among it and the samples queued behind it.
 * @param classes   its classes.
 * @param evidence  what supports each.
 * @param samples   tail samples it stands for: itself and those queued behind it.
 * @param cpu       the measuring CPU at the time, or -1.
 */
public record TailEvent(Instant time, long latencyNs, List<TailClass> classes, List<TailClassifier.Evidence> evidence,
    long samples, int cpu)
{
}
