package com.tradingstation.ops.tail;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Puts a tail event down to its causes from the counters recorded around it ({@link TailDeltas}):
 * a pure function, each rule independent, so an event may carry several classes, each with its
 * evidence.
 *
 * <ul>
 * <li><b>SCHED</b>: the thread was switched out involuntarily across the sample, or waited at least
 * {@value #SCHED_MIN_RUN_DELAY_NS} ns on a run queue (a wake-up from park on an idle CPU waits a few
 * microseconds, which is not a deschedule).</li>
 * <li><b>IRQ</b>: an interrupt or softirq line on the measuring CPU ran beyond its usual rate over the
 * window: at least twice the count the run's rate so far predicts, and beyond it (rounded down) by at
 * least one for a device (numbered) line, which is rare and each costly, or by {@value #IRQ_MIN_EXCESS} for the
 * other lines and the softirqs (timer, RCU, network), which tick all the time. The lines that follow
 * the scheduler ({@link #SCHEDULER_LINES}: the local timer ticks faster on a busy CPU, rescheduling and
 * call-function IPIs and the SCHED softirq come with wake-ups and load balancing) are left out: what
 * they cost shows as SCHED.</li>
 * <li><b>ALLOC</b>: a JVM collection ended across the sample; or on the Redis side over the window, a
 * latency-monitor event, a fork, eviction, used_memory grown by {@value #REDIS_MEMORY_STEP_BYTES} bytes or
 * more, or other clients' commands at least {@value #REDIS_BUSY_MIN_COMMANDS} and twice their usual
 * count. Redis-side evidence starts with {@code redis}.</li>
 * <li><b>UNKNOWN</b>: none of the above.</li>
 * </ul>
 */
public final class TailClassifier
{
    /** Run-queue wait that counts as descheduled without an involuntary switch. */
    public static final long SCHED_MIN_RUN_DELAY_NS = 10_000;
    /** Excess over the expected count a per-CPU (not device) line needs. */
    public static final int IRQ_MIN_EXCESS = 3;
    /** Interrupt lines that follow the scheduler, not interrupt work: no IRQ evidence. */
    public static final Set<String> SCHEDULER_LINES = Set.of("LOC", "RES", "CAL", "TLB", "softirq SCHED");
    /** used_memory growth over the window that counts as allocator activity. */
    public static final long REDIS_MEMORY_STEP_BYTES = 4L * 1024 * 1024;
    /** Other clients' commands over the window that count as a burst (when also twice the usual). */
    public static final long REDIS_BUSY_MIN_COMMANDS = 1000;

    private TailClassifier()
    {
    }

    /**
     * One piece of evidence.
     *
     * @param cause the class it supports.
     * @param text  one line for humans.
     */
    public record Evidence(TailClass cause, String text)
    {
    }

    /**
     * The verdict on one event.
     *
     * @param classes  its classes, in {@link TailClass} order; exactly {@code UNKNOWN} when nothing moved.
     * @param evidence what supports each class.
     */
    public record Classification(Set<TailClass> classes, List<Evidence> evidence)
    {
        /**
         * @param classes  the classes.
         * @param evidence the evidence.
         */
        public Classification
        {
            classes = Set.copyOf(classes.isEmpty() ? EnumSet.of(TailClass.UNKNOWN) : EnumSet.copyOf(classes));
            evidence = List.copyOf(evidence);
        }

        /** @return the classes in {@link TailClass} order. */
        public List<TailClass> ordered()
        {
            return EnumSet.copyOf(classes).stream().toList();
        }
    }

    /**
     * @param d the counters around the event.
     * @return its classes and evidence.
     */
    public static Classification classify(final TailDeltas d)
    {
        final List<Evidence> ev = new ArrayList<>();
        sched(d, ev);
        irq(d, ev);
        alloc(d, ev);
        final EnumSet<TailClass> classes = EnumSet.noneOf(TailClass.class);
        ev.forEach(e -> classes.add(e.cause()));
        if (classes.isEmpty())
        {
            ev.add(new Evidence(TailClass.UNKNOWN, String.format(Locale.ROOT,
                "no counter moved: %s involuntary switches, %s run-queue wait, no JVM collection, no interrupt "
                    + "beyond its usual rate%s, nothing on the Redis side",
                known(d.involuntarySwitches()), d.runDelayNs() < 0 ? "unknown" : us(d.runDelayNs()) + " us",
                d.windowNs() > 0 ? " on CPU " + d.cpu() : " (not read)")));
        }
        return new Classification(classes, ev);
    }

    private static void sched(final TailDeltas d, final List<Evidence> ev)
    {
        if (d.involuntarySwitches() > 0 || d.runDelayNs() >= SCHED_MIN_RUN_DELAY_NS)
        {
            ev.add(new Evidence(TailClass.SCHED, String.format(Locale.ROOT,
                "descheduled across the sample: %s involuntary context switches, %s us waiting to run",
                known(d.involuntarySwitches()), d.runDelayNs() < 0 ? "?" : us(d.runDelayNs()))));
        }
    }

    private static void irq(final TailDeltas d, final List<Evidence> ev)
    {
        for (final TailDeltas.LineDelta l : d.interrupts())
        {
            if (SCHEDULER_LINES.contains(l.line()))
            {
                continue;
            }
            final double excess = l.count() - (l.device() ? Math.floor(l.expected()) : l.expected());
            final double minExcess = l.device() ? 1 : IRQ_MIN_EXCESS;
            if (excess >= minExcess && l.count() >= 2 * l.expected())
            {
                ev.add(new Evidence(TailClass.IRQ, String.format(Locale.ROOT,
                    "%s on CPU %d: %d in %s ms (usual %.1f)", l.line(), d.cpu(), l.count(), ms(d.windowNs()),
                    l.expected())));
            }
        }
    }

    private static void alloc(final TailDeltas d, final List<Evidence> ev)
    {
        if (d.gcCollections() > 0)
        {
            ev.add(new Evidence(TailClass.ALLOC, String.format(Locale.ROOT,
                "JVM collection during the sample (%s): %d, %d ms", d.gcNames(), d.gcCollections(), d.gcTimeMs())));
        }
        final TailDeltas.RedisDelta r = d.redis();
        for (final TailDeltas.RedisLatency l : r.latencyEvents())
        {
            ev.add(new Evidence(TailClass.ALLOC, "redis latency event: " + l.event() + " " + l.latestMs() + " ms"));
        }
        if (r.forks() > 0)
        {
            ev.add(new Evidence(TailClass.ALLOC, String.format(Locale.ROOT,
                "redis fork: %d in %s ms, latest_fork_usec %d", r.forks(), ms(d.windowNs()), r.latestForkUsec())));
        }
        if (r.evictedKeys() > 0)
        {
            ev.add(new Evidence(TailClass.ALLOC, String.format(Locale.ROOT,
                "redis evicted %d keys in %s ms", r.evictedKeys(), ms(d.windowNs()))));
        }
        if (r.usedMemoryBytes() >= REDIS_MEMORY_STEP_BYTES)
        {
            ev.add(new Evidence(TailClass.ALLOC, String.format(Locale.ROOT,
                "redis used_memory +%.1f MB in %s ms", r.usedMemoryBytes() / (1024.0 * 1024.0), ms(d.windowNs()))));
        }
        if (r.otherCommands() >= REDIS_BUSY_MIN_COMMANDS && r.otherCommands() >= 2 * r.expectedOtherCommands())
        {
            ev.add(new Evidence(TailClass.ALLOC, String.format(Locale.ROOT,
                "redis busy: %d commands from other clients in %s ms (usual %.0f)", r.otherCommands(),
                ms(d.windowNs()), r.expectedOtherCommands())));
        }
    }

    private static String known(final long v)
    {
        return v < 0 ? "?" : Long.toString(v);
    }

    private static String us(final long ns)
    {
        return String.format(Locale.ROOT, "%.1f", ns / 1000.0);
    }

    private static String ms(final long ns)
    {
        return String.format(Locale.ROOT, "%.0f", ns / 1e6);
    }
}
