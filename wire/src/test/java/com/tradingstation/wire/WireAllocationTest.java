package com.tradingstation.wire;

import com.tradingstation.feed.testing.Captures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing (encode, batch, send) and subscribing (receive, decode, apply) allocate nothing in
 * steady state: the station and the subscriber run on this one thread over real loopback sockets,
 * and the thread's allocated-bytes counter is read around whole passes of a session.
 */
class WireAllocationTest
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @TempDir
    Path dir;

    @Test
    void publishAndSubscribeAllocateNothingAfterWarmUp() throws Exception
    {
        final List<Captures.Line> lines = Captures.load(List.of(LoopbackRig.synthetic(dir, 8, 100, 30)));
        assertThat(lines.size()).isGreaterThan(20_000);
        try (LoopbackRig rig = new LoopbackRig(LoopbackRig.unicast().withTimings(20, 200, 200)))
        {
            final long min = fewestBytesAllocatedInAPass(rig, lines);
            // Each pass resets the station's books, so it carries snapshots, statuses and recoveries too.
            assertThat(rig.subscriber.packets(WireProtocol.CHANNEL_INCREMENTAL)).isGreaterThan(10_000);
            assertThat(rig.subscriber.recoveryCount()).isPositive();
            assertThat(min).as("bytes allocated in the best of three passes of %d messages", lines.size()).isZero();
        }
    }

    @Test
    void subscribingUnderLossAllocatesNothingAfterWarmUp() throws Exception
    {
        final List<Captures.Line> lines = Captures.load(List.of(LoopbackRig.synthetic(dir, 8, 100, 30)));
        try (LoopbackRig rig = new LoopbackRig(LoopbackRig.unicast().withTimings(20, 200, 200)))
        {
            // 1% of incremental datagrams dropped on receipt: per-instrument holes, stale books, recoveries.
            rig.udp.receiveLoss(ReceiveLoss.incremental(1, 5));
            final long min = fewestBytesAllocatedInAPass(rig, lines);
            assertThat(rig.udp.dropped(WireProtocol.CHANNEL_INCREMENTAL)).isGreaterThan(100);
            assertThat(rig.subscriber.instrumentGaps()).isPositive();
            assertThat(rig.subscriber.recoveryCount()).isGreaterThan(rig.subscriber.instrumentGaps() / 2);
            assertThat(min).as("bytes allocated in the best of three passes of %d messages under loss", lines.size())
                .isZero();
        }
    }

    /**
     * Three passes to warm up, then the fewest bytes this thread allocated in any of three more.
     */
    private static long fewestBytesAllocatedInAPass(final LoopbackRig rig, final List<Captures.Line> lines)
    {
        for (int pass = 0; pass < 3; pass++)
        {
            feed(rig, lines);
        }
        final long threadId = Thread.currentThread().getId();
        long min = Long.MAX_VALUE;
        for (int pass = 0; pass < 3; pass++)
        {
            final long before = THREADS.getThreadAllocatedBytes(threadId);
            feed(rig, lines);
            min = Math.min(min, THREADS.getThreadAllocatedBytes(threadId) - before);
        }
        return min;
    }

    private static void feed(final LoopbackRig rig, final List<Captures.Line> lines)
    {
        rig.pipeline.reset();
        for (int i = 0, n = lines.size(); i < n; i++)
        {
            final Captures.Line line = lines.get(i);
            rig.pipeline.onMessage(line.json(), 0, line.json().length, line.receiveTimeNs());
        }
    }
}
