package com.tradingstation.app;

import com.tradingstation.runtime.Affinity;
import com.tradingstation.runtime.CpuSet;
import com.tradingstation.runtime.IdleStrategies;
import com.tradingstation.runtime.MemoryLock;
import com.tradingstation.runtime.StationThreads;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The host-side options of a running station: where its threads run ({@code --cpu}), how its agents
 * idle ({@code --idle}), whether its memory is locked ({@code --mlock}), and whether the status line
 * shows the per-thread costs. Each takes its default from the config key it names.
 */
final class RuntimeOptions
{
    @Option(names = "--cpu", paramLabel = "ROLE=CPUS,...", descriptionKey = "station.cpu",
        description = {"Pin threads to CPUs, e.g. books=1,sink=0,rx=1 (station.cpu; roles: reader, rx, rest, books,",
            "sink, http, status; CPUS in list form 2,4-5). A CPU this host lacks or does not allow: exit 2."})
    private String cpu = "";

    @Option(names = "--idle", paramLabel = "ROLE=STRATEGY,...", descriptionKey = "station.idle",
        description = "Idle strategy of the books and sink agents (station.idle; " + IdleStrategies.NAMES +
            "; default " + IdleStrategies.DEFAULT + ").")
    private String idle = "";

    @Option(names = "--mlock", paramLabel = "MODE", descriptionKey = "station.mlock", defaultValue = "off",
        description = "mlockall(MCL_CURRENT|MCL_FUTURE): off, try (say why it failed and go on) or require " +
            "(exit 2 when it fails) (station.mlock, default ${DEFAULT-VALUE}).")
    private String mlock;

    @Option(names = "--status-threads", paramLabel = "BOOL", descriptionKey = "station.status.threads",
        defaultValue = "false", arity = "1",
        description = "Add each thread's CPU, context switches and faults to the status line " +
            "(station.status.threads, default ${DEFAULT-VALUE}).")
    private boolean statusThreads;

    /**
     * Check the plan (before anything starts) and lock memory when asked.
     *
     * @param err where the outcome is said, one line each.
     * @return the plan of the station's threads.
     * @throws IllegalArgumentException (exit 2) on a bad spec, a refused CPU, or a required lock that failed.
     */
    StationThreads apply(final PrintWriter err)
    {
        final StationThreads threads = StationThreads.plan(cpu, idle, p -> placed(err, p));
        final String mode = mlockMode();
        if (!mode.equals("off") && !mode.equals("try") && !mode.equals("require"))
        {
            throw new IllegalArgumentException("--mlock must be off, try or require, not '" + mlock + "'");
        }
        if (!mode.equals("off"))
        {
            final MemoryLock.Result r = MemoryLock.lockAll();
            if (r.locked())
            {
                err.println("station: memory locked (mlockall), VmLck " + (r.lockedBytes() >> 20) + " MiB");
            }
            else if (mode.equals("require"))
            {
                throw new IllegalArgumentException(r.message());
            }
            else
            {
                err.println("station: warning: " + r.message() + "; going on unlocked (--mlock try)");
            }
            err.flush();
        }
        final String isolated = CpuSet.isolated().toString();
        if (threads.pinsAny() && !isolated.isEmpty())
        {
            err.println("station: isolated CPUs " + isolated + " (only threads pinned there run there)");
        }
        return threads;
    }

    /** @return the memory lock mode asked for: off, try or require. */
    String mlockMode()
    {
        return mlock.trim().toLowerCase(Locale.ROOT);
    }

    /** @return true when the status line shows the per-thread costs. */
    boolean statusThreads()
    {
        return statusThreads;
    }

    private static void placed(final PrintWriter err, final Affinity.Placement p)
    {
        if (!p.pinned())
        {
            return;
        }
        synchronized (err)
        {
            if (p.ok())
            {
                err.println("station: thread " + p.role() + " (tid " + p.tid() + ") pinned to CPU " + p.requested() +
                    ", read back " + p.effective() + " (sched_getaffinity) and " + p.proc() + " (/proc)");
            }
            else
            {
                err.println("station: warning: thread " + p.role() + " (tid " + p.tid() + ") not pinned as asked: " +
                    p.problem());
            }
            err.flush();
        }
    }
}
