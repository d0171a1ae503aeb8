package com.tradingstation.ops.fingerprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How much a drifted fingerprint item matters to latency, and why: the ranking of
 * {@code station fingerprint --diff}. The first rule whose key prefix matches an item decides.
 *
 * <p>The ranking, argued:
 * <ul>
 * <li><b>high</b>: what puts work, or a wake-up delay, on the hot path's own CPU on every message or every
 *     idle spell. isolcpus, nohz_full and rcu_nocbs keep the scheduler, its tick and RCU callbacks off the
 *     station's CPUs (without them a tick or a callback preempts the book thread: tens of microseconds
 *     against a 12 us p99 budget); the IRQ affinity of those CPUs does the same for interrupts; the
 *     frequency governor and turbo set the clock every instruction runs at, and a ramping governor adds its
 *     own tail; deep C-states cost tens to hundreds of microseconds to leave, paid by the first message after
 *     an idle spell; THP in {@code always} compacts memory in the page-fault path (millisecond stalls); the
 *     online CPUs decide whether the station's pinned CPUs still exist; a different CPU model is a different
 *     machine. On the Redis side, hz, active defrag and persistence (save, appendonly) are work on its one
 *     main thread between commands, and the allocator and its options decide when that thread frees and
 *     purges pages.</li>
 * <li><b>medium</b>: what moves latency under load or at the edges. JVM flags and the collector change pauses
 *     and warm-up, but the book thread allocates nothing in steady state; socket buffers, busy polling and
 *     the backlog matter in bursts; swappiness, scheduler and NUMA-balancing tunables act on a host that is
 *     already under pressure; the rest of the boot command line (mitigations, the pstate driver) costs a
 *     few percent on system calls; Redis memory caps and keepalive change behaviour near limits.</li>
 * <li><b>low</b>: versions. A kernel, JVM or Redis release rarely moves latency by itself, and when it does
 *     the settings it changed drift in their own items, which rank above it.</li>
 * </ul>
 */
public enum DriftWeight
{
    /** Work or wake-up delays on the hot path's CPU. */
    HIGH,
    /** Latency under load or near limits. */
    MEDIUM,
    /** Versions: their effects show in other items. */
    LOW;

    /**
     * One rule: items whose key starts with the prefix weigh this much, for this reason.
     *
     * @param prefix a key or key prefix.
     * @param weight its weight.
     * @param why    one line on what the item does to latency.
     */
    public record Rule(String prefix, DriftWeight weight, String why)
    {
    }

    /**
     * The ranking as a table, one line per reason, most important first: weight, the key prefixes it covers,
     * and what those items do to latency. Within one weight, drifts are listed in this order.
     */
    private static final String TABLE = """
        high   | boot.isolcpus boot.nohz_full boot.rcu_nocbs cpu.isolated \
               | keeps the scheduler, its tick and RCU callbacks off the station's CPUs
        high   | irq. | an interrupt on a station CPU preempts the hot path
        high   | cpu.governor cpu.turbo | sets the clock the hot path runs at; a ramping governor adds its own tail
        high   | cpu.idle. boot.intel_idle.max_cstate boot.processor.max_cstate boot.idle module. \
               | deep C-states take tens to hundreds of us to leave, paid after each idle spell
        high   | mm.thp. boot.transparent_hugepage | THP always compacts memory in the page-fault path (ms stalls)
        high   | cpu.online cpu.count | decides whether the station's pinned CPUs still exist
        high   | cpu.model | a different CPU is a different machine: every baseline is void
        high   | redis.config.hz redis.config.activedefrag | work on Redis's one main thread between commands
        high   | redis.config.save redis.config.appendonly | snapshots fork and AOF fsyncs stall the main thread
        high   | redis.config.jemalloc-bg-thread redis.mem_allocator redis.malloc. \
               | decides when Redis's main thread frees and purges pages
        medium | jvm.flags jvm.gc | GC, heap and pretouch flags change pauses and warm-up
        medium | sysctl.net. | socket buffers, busy polling and the backlog matter in bursts
        medium | sysctl. | acts on a host already under memory or scheduling pressure
        medium | numa. | memory may now be remote to the station's CPUs
        medium | boot. | mitigations and drivers cost a few percent on system calls
        medium | redis.config. | changes Redis's behaviour near its limits
        low    | kernel.release jvm. redis.version | a release's effects show in the settings it changed
        """;

    /** The rules, most specific first; an item matching none weighs {@link #MEDIUM}. */
    static final List<Rule> RULES = parse(TABLE);

    private static List<Rule> parse(final String table)
    {
        final List<Rule> out = new ArrayList<>();
        for (final String line : table.strip().split("\n"))
        {
            final String[] cols = line.split("\\|");
            final DriftWeight weight = valueOf(cols[0].strip().toUpperCase(Locale.ROOT));
            for (final String prefix : cols[1].strip().split("\\s+"))
            {
                out.add(new Rule(prefix, weight, cols[2].strip()));
            }
        }
        return List.copyOf(out);
    }

    /**
     * @param key a fingerprint item's key.
     * @return the first rule matching it, or a {@link #MEDIUM} rule of its own.
     */
    public static Rule of(final String key)
    {
        for (final Rule r : RULES)
        {
            if (key.startsWith(r.prefix()))
            {
                return r;
            }
        }
        return new Rule(key, MEDIUM, "not ranked: judge by its name");
    }

    /** @return the lower-case label, e.g. {@code high}. */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
