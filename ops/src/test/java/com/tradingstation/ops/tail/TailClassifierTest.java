package com.tradingstation.ops.tail;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The classifier's rules on recorded deltas, one at a time and together. */
class TailClassifierTest
{
    private static final long THRESHOLD = 20_000;
    private static final long WINDOW = 250_000_000;

    private static TailDeltas quiet()
    {
        return TailDeltas.quiet(900_000, THRESHOLD);
    }

    private static TailDeltas withLines(final TailDeltas.LineDelta... lines)
    {
        return quiet().withWindow(3, WINDOW, List.of(lines), TailDeltas.RedisDelta.NONE);
    }

    private static TailDeltas withRedis(final TailDeltas.RedisDelta redis)
    {
        return quiet().withWindow(3, WINDOW, List.of(), redis);
    }

    private static TailDeltas.RedisDelta redis(final List<TailDeltas.RedisLatency> events, final long forks,
        final long memory, final long evicted, final long others, final double usual)
    {
        return new TailDeltas.RedisDelta(events, forks, 1234, memory, evicted, others, usual);
    }

    private static List<String> texts(final TailClassifier.Classification c)
    {
        return c.evidence().stream().map(e -> e.cause() + ": " + e.text()).toList();
    }

    @Test
    void nothingMovedIsUnknownWithTheFiguresThatWereLookedAt()
    {
        final TailClassifier.Classification c = TailClassifier.classify(quiet().withSched(0, 3_000));
        assertThat(c.ordered()).containsExactly(TailClass.UNKNOWN);
        assertThat(texts(c)).singleElement().asString().startsWith("UNKNOWN: no counter moved")
            .contains("0 involuntary switches", "3.0 us run-queue wait");
    }

    @Test
    void anInvoluntarySwitchIsSched()
    {
        final TailClassifier.Classification c = TailClassifier.classify(quiet().withSched(2, 0));
        assertThat(c.ordered()).containsExactly(TailClass.SCHED);
        assertThat(texts(c)).containsExactly(
            "SCHED: descheduled across the sample: 2 involuntary context switches, 0.0 us waiting to run");
    }

    @Test
    void runQueueWaitIsSchedFromItsMinimumOnAndAWakeUpIsNot()
    {
        assertThat(TailClassifier.classify(quiet().withSched(0, TailClassifier.SCHED_MIN_RUN_DELAY_NS)).ordered())
            .containsExactly(TailClass.SCHED);
        assertThat(TailClassifier.classify(quiet().withSched(0, 3_120_000)).evidence().get(0).text())
            .contains("3120.0 us waiting to run");
        assertThat(TailClassifier.classify(quiet().withSched(0, TailClassifier.SCHED_MIN_RUN_DELAY_NS - 1)).ordered())
            .containsExactly(TailClass.UNKNOWN);
    }

    @Test
    void unknownSchedulerCountersAreNotEvidence()
    {
        final TailClassifier.Classification c = TailClassifier.classify(quiet().withSched(-1, -1));
        assertThat(c.ordered()).containsExactly(TailClass.UNKNOWN);
        assertThat(c.evidence().get(0).text()).contains("? involuntary switches", "unknown run-queue wait");
    }

    @Test
    void aDeviceInterruptBeyondItsRateIsIrqAndOneAtItsUsualRateIsNot()
    {
        final TailClassifier.Classification c = TailClassifier.classify(
            withLines(new TailDeltas.LineDelta("irq 42 virtio3-tx", true, 1, 0.02)));
        assertThat(c.ordered()).containsExactly(TailClass.IRQ);
        assertThat(texts(c)).containsExactly("IRQ: irq 42 virtio3-tx on CPU 3: 1 in 250 ms (usual 0.0)");
        assertThat(TailClassifier.classify(withLines(new TailDeltas.LineDelta("irq 42 virtio3-tx", true, 3, 2.0)))
            .ordered()).containsExactly(TailClass.UNKNOWN);
    }

    @Test
    void aSoftirqNeedsTwiceItsUsualCountAndThreeMore()
    {
        assertThat(TailClassifier.classify(withLines(new TailDeltas.LineDelta("softirq NET_RX", false, 10, 2.0)))
            .ordered()).containsExactly(TailClass.IRQ);
        assertThat(TailClassifier.classify(withLines(new TailDeltas.LineDelta("softirq NET_RX", false, 4, 1.0)))
            .ordered()).as("excess 3, twice the usual").containsExactly(TailClass.IRQ);
        assertThat(TailClassifier.classify(withLines(new TailDeltas.LineDelta("softirq NET_RX", false, 3, 1.0)))
            .ordered()).as("excess 2").containsExactly(TailClass.UNKNOWN);
        assertThat(TailClassifier.classify(withLines(new TailDeltas.LineDelta("softirq TIMER", false, 30, 20.0)))
            .ordered()).as("under twice the usual").containsExactly(TailClass.UNKNOWN);
    }

    @Test
    void linesThatFollowTheSchedulerAreNotIrq()
    {
        for (final String line : TailClassifier.SCHEDULER_LINES)
        {
            assertThat(TailClassifier.classify(withLines(new TailDeltas.LineDelta(line, false, 100, 1.0))).ordered())
                .as(line).containsExactly(TailClass.UNKNOWN);
        }
    }

    @Test
    void aJvmCollectionDuringTheSampleIsAlloc()
    {
        final TailClassifier.Classification c = TailClassifier.classify(quiet().withGc(1, 7, "G1 Young Generation"));
        assertThat(c.ordered()).containsExactly(TailClass.ALLOC);
        assertThat(texts(c)).containsExactly("ALLOC: JVM collection during the sample (G1 Young Generation): 1, 7 ms");
    }

    @Test
    void aRedisLatencyEventIsAllocNamedAsRedis()
    {
        final TailClassifier.Classification c = TailClassifier.classify(withRedis(
            redis(List.of(new TailDeltas.RedisLatency("command", 52)), 0, 0, 0, 0, 0)));
        assertThat(c.ordered()).containsExactly(TailClass.ALLOC);
        assertThat(texts(c)).containsExactly("ALLOC: redis latency event: command 52 ms");
    }

    @Test
    void aForkAnEvictionAndAMemoryStepAreAllocEach()
    {
        final TailClassifier.Classification c = TailClassifier.classify(withRedis(
            redis(List.of(), 1, TailClassifier.REDIS_MEMORY_STEP_BYTES, 12, 0, 0)));
        assertThat(c.ordered()).containsExactly(TailClass.ALLOC);
        assertThat(texts(c)).containsExactly(
            "ALLOC: redis fork: 1 in 250 ms, latest_fork_usec 1234",
            "ALLOC: redis evicted 12 keys in 250 ms",
            "ALLOC: redis used_memory +4.0 MB in 250 ms");
        assertThat(TailClassifier.classify(withRedis(
            redis(List.of(), 0, TailClassifier.REDIS_MEMORY_STEP_BYTES - 1, 0, 0, 0))).ordered())
            .as("a smaller step").containsExactly(TailClass.UNKNOWN);
        assertThat(TailClassifier.classify(withRedis(redis(List.of(), 0, -64L << 20, 0, 0, 0))).ordered())
            .as("memory freed").containsExactly(TailClass.UNKNOWN);
    }

    @Test
    void otherClientsBurstIsAllocOnlyBeyondItsMinimumAndTwiceTheUsual()
    {
        final TailClassifier.Classification c = TailClassifier.classify(withRedis(
            redis(List.of(), 0, 0, 0, 12_000, 300)));
        assertThat(texts(c)).containsExactly(
            "ALLOC: redis busy: 12000 commands from other clients in 250 ms (usual 300)");
        assertThat(TailClassifier.classify(withRedis(redis(List.of(), 0, 0, 0, 999, 0))).ordered())
            .containsExactly(TailClass.UNKNOWN);
        assertThat(TailClassifier.classify(withRedis(redis(List.of(), 0, 0, 0, 5000, 3000))).ordered())
            .containsExactly(TailClass.UNKNOWN);
    }

    @Test
    void severalCausesAreAllListedEachWithItsEvidence()
    {
        final TailDeltas d = quiet().withSched(1, 2_000_000).withGc(1, 3, "G1 Young Generation")
            .withWindow(0, WINDOW, List.of(new TailDeltas.LineDelta("irq 11 eth0", true, 5, 0.5),
                new TailDeltas.LineDelta("LOC", false, 250, 10)),
                redis(List.of(new TailDeltas.RedisLatency("fork", 12)), 1, 0, 0, 0, 0));
        final TailClassifier.Classification c = TailClassifier.classify(d);
        assertThat(c.ordered()).containsExactly(TailClass.SCHED, TailClass.IRQ, TailClass.ALLOC);
        assertThat(c.classes()).doesNotContain(TailClass.UNKNOWN);
        assertThat(texts(c)).containsExactly(
            "SCHED: descheduled across the sample: 1 involuntary context switches, 2000.0 us waiting to run",
            "IRQ: irq 11 eth0 on CPU 0: 5 in 250 ms (usual 0.5)",
            "ALLOC: JVM collection during the sample (G1 Young Generation): 1, 3 ms",
            "ALLOC: redis latency event: fork 12 ms",
            "ALLOC: redis fork: 1 in 250 ms, latest_fork_usec 1234");
    }
}
