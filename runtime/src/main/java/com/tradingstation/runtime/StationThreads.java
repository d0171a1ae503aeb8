package com.tradingstation.runtime;

import com.tradingstation.core.thread.ThreadRole;
import com.tradingstation.core.thread.ThreadStart;
import org.agrona.concurrent.IdleStrategy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Where each station thread runs and how it idles, and the register of the threads that started.
 * Built from two specs, e.g. {@code books=2,sink=3,rx=1} and {@code books=busy-spin,sink=backoff};
 * both are checked before anything starts, so a CPU the host does not have or does not allow is a
 * usage error. Each thread calls {@link #onStart} as it starts: it is pinned there, on itself, and
 * registered with its kernel thread id for the per-thread costs.
 */
public final class StationThreads implements ThreadStart
{
    // A comma followed by a role name starts the next entry; other commas belong to a CPU list (2,4-5).
    private static final Pattern ENTRY = Pattern.compile(",(?=\\s*[A-Za-z])");

    private final Map<ThreadRole, CpuSet> cpus;
    private final Map<ThreadRole, String> idle;
    private final List<Affinity.Placement> placements = new CopyOnWriteArrayList<>();
    private final Consumer<Affinity.Placement> onPlaced;

    private StationThreads(
        final Map<ThreadRole, CpuSet> cpus, final Map<ThreadRole, String> idle,
        final Consumer<Affinity.Placement> onPlaced)
    {
        this.cpus = cpus;
        this.idle = idle;
        this.onPlaced = onPlaced;
    }

    /** @return a plan that pins nothing and idles every agent with the default strategy. */
    public static StationThreads none()
    {
        return new StationThreads(new EnumMap<>(ThreadRole.class), new EnumMap<>(ThreadRole.class), p ->
        {
        });
    }

    /**
     * @param cpuSpec  {@code role=CPUS,...} (blank for none), CPUS in the kernel's list format.
     * @param idleSpec {@code role=STRATEGY,...} (blank for the defaults).
     * @param onPlaced told of each thread as it is placed (on that thread), e.g. to report a pin that failed.
     * @return the plan.
     * @throws IllegalArgumentException with one line when a role, CPU or strategy is unknown, or a CPU
     *                                  does not exist or is not allowed here.
     */
    public static StationThreads plan(
        final String cpuSpec, final String idleSpec, final Consumer<Affinity.Placement> onPlaced)
    {
        final Map<ThreadRole, CpuSet> cpus = new EnumMap<>(ThreadRole.class);
        final CpuSet allowed = Affinity.processAllowed();
        final CpuSet online = CpuSet.online();
        final CpuSet isolated = CpuSet.isolated();
        entries(cpuSpec, "--cpu").forEach((role, list) ->
        {
            final CpuSet set = CpuSet.parse(list);
            final String problem = Affinity.check(role.id(), set, allowed, online, isolated);
            if (problem != null)
            {
                throw new IllegalArgumentException(problem);
            }
            cpus.put(role, set);
        });
        final Map<ThreadRole, String> idle = new EnumMap<>(ThreadRole.class);
        entries(idleSpec, "--idle").forEach((role, name) ->
        {
            IdleStrategies.of(name);
            idle.put(role, name.trim());
        });
        return new StationThreads(cpus, idle, onPlaced);
    }

    /**
     * The CPUs a spec pins any thread to, read without checking them against this host (an audit of
     * another host's plan, or of CPUs offline now).
     *
     * @param cpuSpec {@code role=CPUS,...} (blank for none).
     * @return the union of every role's CPUs; empty when nothing is pinned.
     * @throws IllegalArgumentException with one line when a role or CPU list is malformed.
     */
    public static CpuSet pinnedCpus(final String cpuSpec)
    {
        CpuSet all = CpuSet.parse("");
        for (final String list : entries(cpuSpec, "station.cpu").values())
        {
            all = all.union(CpuSet.parse(list));
        }
        return all;
    }

    private static Map<ThreadRole, String> entries(final String spec, final String option)
    {
        final Map<ThreadRole, String> out = new EnumMap<>(ThreadRole.class);
        if (spec == null || spec.isBlank())
        {
            return out;
        }
        for (final String entry : ENTRY.split(spec.trim()))
        {
            final int eq = entry.indexOf('=');
            if (eq <= 0)
            {
                throw new IllegalArgumentException(option + " '" + spec + "': expected ROLE=VALUE entries, got '"
                    + entry.trim() + "' (roles: " + ThreadRole.names() + ")");
            }
            final ThreadRole role = ThreadRole.of(entry.substring(0, eq));
            if (out.put(role, entry.substring(eq + 1)) != null)
            {
                throw new IllegalArgumentException(option + " '" + spec + "': " + role.id() + " is given twice");
            }
        }
        return out;
    }

    @Override
    public void onStart(final String role)
    {
        final ThreadRole r = ThreadRole.of(role);
        final CpuSet set = cpus.get(r);
        final Affinity.Placement p = set != null ? Affinity.pinCurrentThread(r.id(), set) :
            Affinity.Placement.unpinned(r.id());
        placements.add(p);
        onPlaced.accept(p);
    }

    /**
     * @param role an agent's thread.
     * @return a new instance of its idle strategy.
     */
    public IdleStrategy idle(final ThreadRole role)
    {
        return IdleStrategies.of(idleName(role));
    }

    /**
     * @param role an agent's thread.
     * @return the name of its idle strategy.
     */
    public String idleName(final ThreadRole role)
    {
        return idle.getOrDefault(role, IdleStrategies.DEFAULT);
    }

    /**
     * @param role a thread.
     * @return its CPUs, or null when it is not pinned.
     */
    public CpuSet cpus(final ThreadRole role)
    {
        return cpus.get(role);
    }

    /** @return true when any thread is to be pinned. */
    public boolean pinsAny()
    {
        return !cpus.isEmpty();
    }

    /** @return the threads that started so far, in start order. */
    public List<Affinity.Placement> placements()
    {
        return new ArrayList<>(placements);
    }

    /** @return the spec of the CPU plan, {@code role=CPUS,...} (empty when nothing is pinned). */
    public String cpuSpec()
    {
        final StringBuilder sb = new StringBuilder();
        cpus.forEach((r, s) -> sb.append(sb.length() == 0 ? "" : ",").append(r.id()).append('=').append(s));
        return sb.toString();
    }

    /** @return the idle strategies in force, {@code role=NAME,...} for the agents (books, sink). */
    public String idleSpec()
    {
        return ThreadRole.BOOKS.id() + "=" + idleName(ThreadRole.BOOKS) + "," + ThreadRole.SINK.id() + "="
            + idleName(ThreadRole.SINK);
    }
}
