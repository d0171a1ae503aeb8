package com.tradingstation.runtime;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadCostsTest
{
    @Test
    void countersOfAThreadMoveWithWhatItDoes() throws InterruptedException
    {
        final AtomicInteger tid = new AtomicInteger();
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch measured = new CountDownLatch(1);
        final CountDownLatch worked = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);
        final Thread t = new Thread(() ->
        {
            tid.set(Affinity.currentTid());
            started.countDown();
            await(measured);
            for (int i = 0; i < 50; i++)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // a voluntary switch each
            }
            final ByteBuffer touched = ByteBuffer.allocateDirect(32 << 20); // zeroed here: faults every page
            touched.put(0, (byte)1);
            worked.countDown();
            await(done);
        }, "costs-test");
        t.start();
        started.await();
        final ThreadCosts before = ThreadCosts.read(tid.get());
        measured.countDown();
        worked.await();
        final ThreadCosts after = ThreadCosts.read(tid.get());
        done.countDown();
        t.join();

        assertThat(after.tid()).isEqualTo(tid.get());
        assertThat(after.cpuNs()).isGreaterThan(before.cpuNs());
        assertThat(after.voluntarySwitches() - before.voluntarySwitches()).isGreaterThanOrEqualTo(25);
        assertThat(after.minorFaults() - before.minorFaults()).isGreaterThanOrEqualTo(1_000);
        assertThat(after.majorFaults()).isGreaterThanOrEqualTo(0);
        assertThat(after.involuntarySwitches()).isGreaterThanOrEqualTo(0);
        assertThat(after.lastCpu()).isBetween(0, CpuSet.MAX_CPUS - 1);
        assertThat(after.runDelayNs()).isGreaterThanOrEqualTo(before.runDelayNs());
        assertThat(ThreadCosts.read(tid.get())).as("an ended thread has no costs to read").isNull();
    }

    private static void await(final CountDownLatch latch)
    {
        try
        {
            latch.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
