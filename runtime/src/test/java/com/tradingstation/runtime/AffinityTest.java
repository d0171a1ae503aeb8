package com.tradingstation.runtime;

import com.tradingstation.core.thread.ThreadRole;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AffinityTest
{
    private static Affinity.Placement onNewThread(final StationThreads threads, final ThreadRole role)
        throws InterruptedException
    {
        final AtomicReference<Affinity.Placement> placed = new AtomicReference<>();
        final Thread t = new Thread(() ->
        {
            threads.onStart(role.id());
            placed.set(threads.placements().get(threads.placements().size() - 1));
        }, "affinity-test");
        t.start();
        t.join();
        return placed.get();
    }

    @Test
    void pinsTheThreadItselfAndReadsItBackBothWays() throws InterruptedException
    {
        final CpuSet allowed = Affinity.processAllowed();
        final int last = allowed.toString().contains("-") || allowed.toString().contains(",") ?
            Integer.parseInt(allowed.toString().replaceAll(".*[-,]", "")) : allowed.first();
        final StationThreads threads = StationThreads.plan("books=" + last, "", p ->
        {
        });
        final Affinity.Placement p = onNewThread(threads, ThreadRole.BOOKS);

        assertThat(p.problem()).isEmpty();
        assertThat(p.ok()).isTrue();
        assertThat(p.pinned()).isTrue();
        assertThat(p.effective()).isEqualTo(CpuSet.parse("" + last));
        assertThat(p.proc()).isEqualTo(CpuSet.parse("" + last));
        assertThat(p.tid()).isPositive().isNotEqualTo(Affinity.currentTid());
        // the pin is the thread's own: the process (and this thread) keep their affinity
        assertThat(Affinity.procAllowed(Affinity.currentTid())).isEqualTo(allowed);
    }

    @Test
    void aThreadWithoutACpuKeepsWhatItInherited() throws InterruptedException
    {
        final StationThreads threads = StationThreads.plan("books=0", "", p ->
        {
        });
        final Affinity.Placement p = onNewThread(threads, ThreadRole.SINK);
        assertThat(p.pinned()).isFalse();
        assertThat(p.proc()).isEqualTo(Affinity.processAllowed());
    }

    @Test
    void refusesACpuTheHostDoesNotHaveBeforeAnythingStarts()
    {
        assertThatThrownBy(() -> StationThreads.plan("books=1000", "", p ->
        {
        }))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("--cpu books=1000: CPU 1000 does not exist on this host (online: ")
            .hasMessageNotContaining("\n");
    }

    @Test
    void refusesACpuOutsideTheProcessesCpusetUnlessItIsIsolated()
    {
        final CpuSet online = CpuSet.parse("0-3");
        assertThat(Affinity.check("sink", CpuSet.parse("3"), CpuSet.parse("0-1"), online, CpuSet.parse("")))
            .isEqualTo("--cpu sink=3: CPU 3 is not allowed for this process (allowed: 0-1; a cgroup cpuset or "
                + "taskset limits it)");
        assertThat(Affinity.check("sink", CpuSet.parse("3"), CpuSet.parse("0-1"), online, CpuSet.parse("2-3")))
            .isNull();
        assertThat(Affinity.check("sink", CpuSet.parse("0-1"), CpuSet.parse("0-1"), online, CpuSet.parse("")))
            .isNull();
    }

    @Test
    void aMaskTheKernelRefusesIsReportedNotThrown() throws InterruptedException
    {
        final AtomicReference<Affinity.Placement> placed = new AtomicReference<>();
        final Thread t = new Thread(() -> placed.set(Affinity.pinCurrentThread("books", CpuSet.parse("1000"))));
        t.start();
        t.join();
        assertThat(placed.get().ok()).isFalse();
        assertThat(placed.get().problem()).isEqualTo(
            "sched_setaffinity 1000: EINVAL (none of those CPUs is usable by this thread)");
    }

    @Test
    void specsNameRolesAndKeepCpuListsWhole()
    {
        final StationThreads threads = StationThreads.plan("books=0, sink=0,0", "books=busy-spin,sink=sleeping:50", p ->
        {
        });
        assertThat(threads.cpuSpec()).isEqualTo("books=0,sink=0");
        assertThat(threads.idleSpec()).isEqualTo("books=busy-spin,sink=sleeping:50");
        assertThat(threads.cpus(ThreadRole.RX)).isNull();
        assertThatThrownBy(() -> StationThreads.plan("bookz=0", "", p ->
        {
        })).hasMessageStartingWith("unknown thread 'bookz' (threads: reader, rx, rest, books, sink, http, status)");
        assertThatThrownBy(() -> StationThreads.plan("books=0,books=0", "", p ->
        {
        })).hasMessageContaining("books is given twice");
        assertThatThrownBy(() -> StationThreads.plan("0", "", p ->
        {
        })).hasMessageContaining("expected ROLE=VALUE");
    }
}
