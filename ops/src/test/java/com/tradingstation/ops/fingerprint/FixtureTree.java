package com.tradingstation.ops.fingerprint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small /proc and /sys tree written into a test's directory: a two-CPU host with CPUs 2,3 isolated. */
final class FixtureTree
{
    private final Path root;

    private FixtureTree(final Path root)
    {
        this.root = root;
    }

    /** The files besides the per-CPU ones: a path, one space, its one line. */
    private static final String FILES = """
        proc/sys/kernel/osrelease 6.8.0-45-generic
        proc/cmdline BOOT_IMAGE=/vmlinuz ro quiet isolcpus=2,3 nohz_full=2,3 rcu_nocbs=2,3 \
        intel_idle.max_cstate=1 -- --init-arg isolcpus=9
        sys/devices/system/cpu/online 0-3
        sys/devices/system/cpu/isolated 2-3
        sys/devices/system/cpu/intel_pstate/no_turbo 1
        sys/devices/system/cpu/cpuidle/current_driver intel_idle
        sys/devices/system/cpu/cpuidle/current_governor_ro menu
        sys/module/intel_idle/parameters/max_cstate 1
        sys/kernel/mm/transparent_hugepage/enabled always [madvise] never
        sys/kernel/mm/transparent_hugepage/defrag always defer defer+madvise [madvise] never
        proc/sys/net/core/rmem_max 4194304
        proc/sys/net/core/wmem_max 4194304
        proc/sys/net/core/busy_poll 50
        proc/sys/vm/swappiness 1
        proc/sys/kernel/numa_balancing 0
        proc/sys/kernel/sched_rt_runtime_us -1
        proc/sys/kernel/sched_autogroup_enabled 0
        """;

    /**
     * @param root an empty directory.
     * @return the tree, written: four CPUs, isolcpus=2,3 nohz_full=2,3, performance governors, THP madvise,
     *         C6 disabled on CPUs 2 and 3.
     * @throws IOException when a file cannot be written.
     */
    public static FixtureTree write(final Path root) throws IOException
    {
        final FixtureTree t = new FixtureTree(root);
        for (final String line : FILES.strip().split("\n"))
        {
            final int space = line.indexOf(' ');
            t.file(line.substring(0, space), line.substring(space + 1) + "\n");
        }
        final StringBuilder cpuinfo = new StringBuilder();
        for (int cpu = 0; cpu < 4; cpu++)
        {
            cpuinfo.append("processor\t: ").append(cpu).append("\nmodel name\t: Intel(R) Xeon(R)  Gold 6354 CPU\n\n");
            t.governor(cpu, "performance");
            final String idle = "sys/devices/system/cpu/cpu" + cpu + "/cpuidle/state";
            t.file(idle + "0/name", "POLL\n").file(idle + "0/disable", "0\n");
            t.file(idle + "1/name", "C6\n").file(idle + "1/disable", cpu >= 2 ? "1\n" : "0\n");
        }
        t.file("proc/cpuinfo", cpuinfo.toString());
        Files.createDirectories(root.resolve("sys/devices/system/node/node0"));
        return t;
    }

    /**
     * @param cpu      a CPU number.
     * @param governor its scaling governor.
     * @return this.
     * @throws IOException when the file cannot be written.
     */
    public FixtureTree governor(final int cpu, final String governor) throws IOException
    {
        return file("sys/devices/system/cpu/cpu" + cpu + "/cpufreq/scaling_governor", governor + "\n");
    }

    /**
     * @param relative a path under the root.
     * @param text     its content.
     * @return this.
     * @throws IOException when it cannot be written.
     */
    public FixtureTree file(final String relative, final String text) throws IOException
    {
        final Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.US_ASCII);
        return this;
    }

    /** @return the root. */
    public Path root()
    {
        return root;
    }
}
