package com.tradingstation.app;

import com.tradingstation.core.counters.CountersFile;
import com.tradingstation.core.counters.StationCounter;
import com.tradingstation.json.JsonWriter;
import com.tradingstation.runtime.Affinity;
import com.tradingstation.runtime.MemoryLock;
import com.tradingstation.runtime.StationThreads;
import com.tradingstation.runtime.ThreadCosts;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-thread costs of a station's threads in its counters, so {@code station stat}, /status and
 * /metrics show them: CPU time, run-queue delay, context switches, page faults, migrations and the
 * last CPU of every thread that registered, plus the process's locked memory. {@link #sample()} runs
 * on the housekeeping thread only, once a second: reading /proc allocates, and never happens on the
 * threads being measured. Counters of a thread are allocated the first time it is seen (this thread is
 * then the only one allocating in the counters file).
 */
final class ThreadCostCounters
{
    private final CountersFile counters;
    private final StationThreads threads;
    private final List<PerThread> known = new ArrayList<>();
    private final AtomicCounter locked;
    private volatile List<Row> last = List.of();

    ThreadCostCounters(final CountersFile counters, final StationThreads threads)
    {
        this.counters = counters;
        this.threads = threads;
        this.locked = counters.newCounter(StationCounter.MEMORY_LOCKED_BYTES);
    }

    /** Read every registered thread's costs into its counters. */
    void sample()
    {
        final List<Affinity.Placement> placements = threads.placements();
        for (int i = known.size(); i < placements.size(); i++)
        {
            known.add(new PerThread(placements.get(i), key(placements, i)));
        }
        final List<Row> rows = new ArrayList<>(known.size());
        for (final PerThread t : known)
        {
            final ThreadCosts c = ThreadCosts.read(t.placement.tid());
            if (c != null)
            {
                t.write(c);
                t.last = c;
            }
            if (t.last != null)
            {
                rows.add(new Row(t.key, t.placement, t.last, c == null)); // an ended thread keeps its last costs
            }
        }
        locked.setOrdered(Math.max(0, MemoryLock.lockedBytes()));
        last = rows;
    }

    // The role, with -2, -3 ... when several threads share it.
    private static String key(final List<Affinity.Placement> placements, final int index)
    {
        int same = 0;
        for (int i = 0; i < index; i++)
        {
            same += placements.get(i).role().equals(placements.get(index).role()) ? 1 : 0;
        }
        return same == 0 ? placements.get(index).role() : placements.get(index).role() + "-" + (same + 1);
    }

    /**
     * The threads and their costs as last sampled, as the {@code threads} array of /status.
     *
     * @param w a writer positioned where a value may go.
     */
    void writeJson(final JsonWriter w)
    {
        w.beginArray();
        for (final Row r : last)
        {
            w.beginObject().field("role", r.key).field("tid", r.placement.tid()).field("name", r.placement.name())
                .field("cpusRequested", r.placement.requested().toString())
                .field("cpusAllowed", r.placement.proc().toString())
                .field("pinned", r.placement.pinned() && r.placement.ok())
                .field("pinProblem", r.placement.problem())
                .field("lastCpu", r.costs.lastCpu())
                .field("cpuMs", r.costs.cpuNs() / 1_000_000)
                .field("runDelayMs", r.costs.runDelayNs() / 1_000_000)
                .field("voluntarySwitches", r.costs.voluntarySwitches())
                .field("involuntarySwitches", r.costs.involuntarySwitches())
                .field("minorFaults", r.costs.minorFaults())
                .field("majorFaults", r.costs.majorFaults())
                .field("migrations", r.costs.migrations())
                .field("ended", r.ended)
                .endObject();
        }
        w.endArray();
    }

    /** @return one status-line fragment per thread: role, CPU, switches and faults since start. */
    String statusFragment()
    {
        final StringBuilder sb = new StringBuilder();
        for (final Row r : last)
        {
            sb.append(String.format(Locale.ROOT, " | %s cpu%d %s cs %d/%d flt %d/%d", r.key, r.costs.lastCpu(),
                r.placement.pinned() ? "pinned" : "free", r.costs.voluntarySwitches(), r.costs.involuntarySwitches(),
                r.costs.minorFaults(), r.costs.majorFaults()));
        }
        return sb.toString();
    }

    private record Row(String key, Affinity.Placement placement, ThreadCosts costs, boolean ended)
    {
    }

    private final class PerThread
    {
        private final Affinity.Placement placement;
        private final String key;
        private final AtomicCounter cpuNs;
        private final AtomicCounter runDelayNs;
        private final AtomicCounter voluntary;
        private final AtomicCounter involuntary;
        private final AtomicCounter minor;
        private final AtomicCounter major;
        private final AtomicCounter migrations;
        private final AtomicCounter lastCpu;
        private ThreadCosts last;

        PerThread(final Affinity.Placement placement, final String key)
        {
            this.placement = placement;
            this.key = key;
            cpuNs = counters.newCounter(StationCounter.THREAD_CPU_NS, key);
            runDelayNs = counters.newCounter(StationCounter.THREAD_RUN_DELAY_NS, key);
            voluntary = counters.newCounter(StationCounter.THREAD_VOLUNTARY_SWITCHES, key);
            involuntary = counters.newCounter(StationCounter.THREAD_INVOLUNTARY_SWITCHES, key);
            minor = counters.newCounter(StationCounter.THREAD_MINOR_FAULTS, key);
            major = counters.newCounter(StationCounter.THREAD_MAJOR_FAULTS, key);
            migrations = counters.newCounter(StationCounter.THREAD_MIGRATIONS, key);
            lastCpu = counters.newCounter(StationCounter.THREAD_LAST_CPU, key);
            counters.newCounter(StationCounter.THREAD_PINNED, key).setOrdered(placement.ok() ? 1 : 0);
        }

        void write(final ThreadCosts c)
        {
            cpuNs.setOrdered(c.cpuNs());
            runDelayNs.setOrdered(c.runDelayNs());
            voluntary.setOrdered(c.voluntarySwitches());
            involuntary.setOrdered(c.involuntarySwitches());
            minor.setOrdered(c.minorFaults());
            major.setOrdered(c.majorFaults());
            migrations.setOrdered(c.migrations());
            lastCpu.setOrdered(c.lastCpu());
        }
    }
}
