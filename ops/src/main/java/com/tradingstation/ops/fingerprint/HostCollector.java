package com.tradingstation.ops.fingerprint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The host's latency-relevant settings, read from {@code /proc} and {@code /sys} under a root:
 * kernel release and boot command line (with isolcpus, nohz_full, rcu_nocbs and the C-state
 * limits parsed out), the CPU model, count and online list, frequency governors, turbo, cpuidle
 * driver and states, transparent huge pages, NUMA nodes and the network, VM and scheduler sysctls.
 * Nothing volatile (uptime, free memory, current frequencies) is read.
 */
public final class HostCollector implements FingerprintCollector
{
    /** Boot parameters given an item of their own (key {@code boot.<param>}). */
    static final List<String> BOOT_PARAMS = List.of("isolcpus", "nohz_full", "rcu_nocbs", "intel_idle.max_cstate",
        "processor.max_cstate", "idle", "intel_pstate", "transparent_hugepage", "mitigations");
    /** Sysctls recorded (key {@code sysctl.<name>}); {@code kernel.sched_*} are added as present. */
    static final List<String> SYSCTLS = List.of("net.core.rmem_max", "net.core.wmem_max", "net.core.rmem_default",
        "net.core.wmem_default", "net.core.busy_poll", "net.core.busy_read", "net.core.netdev_max_backlog",
        "vm.swappiness", "kernel.numa_balancing");
    /** The value of a boot parameter the command line does not give. */
    static final String NOT_SET = "not set";

    private static final String CPU = "sys/devices/system/cpu";

    private final SysTree tree;

    /**
     * @param root the directory holding {@code proc} and {@code sys}: {@code /} on a host.
     */
    public HostCollector(final Path root)
    {
        this.tree = new SysTree(root);
    }

    @Override
    public void collect(final FingerprintItems out)
    {
        out.put("kernel.release", tree.value("proc/sys/kernel/osrelease"));
        bootCommandLine(out);
        cpus(out);
        cpuidle(out);
        out.put("mm.thp.enabled", selected(tree.value("sys/kernel/mm/transparent_hugepage/enabled")));
        out.put("mm.thp.defrag", selected(tree.value("sys/kernel/mm/transparent_hugepage/defrag")));
        final String nodes = "sys/devices/system/node";
        final List<String> nodeDirs = tree.list(nodes, "node[0-9]*");
        out.put("numa.nodes", nodeDirs.isEmpty() ? tree.status(nodes) : Integer.toString(nodeDirs.size()));
        for (final String name : SYSCTLS)
        {
            sysctl(out, name);
        }
        for (final String file : tree.list("proc/sys/kernel", "sched_*"))
        {
            sysctl(out, "kernel." + file);
        }
    }

    private void sysctl(final FingerprintItems out, final String name)
    {
        out.put("sysctl." + name, tree.value("proc/sys/" + name.replace('.', '/')));
    }

    private void bootCommandLine(final FingerprintItems out)
    {
        final String cmdline = tree.value("proc/cmdline");
        out.put("boot.cmdline", cmdline);
        final boolean readable = tree.raw("proc/cmdline") != null;
        final Map<String, String> params = readable ? kernelParams(cmdline) : Map.of();
        for (final String p : BOOT_PARAMS)
        {
            out.put("boot." + p, readable ? params.getOrDefault(p, NOT_SET) : cmdline);
        }
    }

    /**
     * @param cmdline the boot command line.
     * @return the kernel's parameters (those before a {@code --}, which go to init), the last of a repeated
     *         one winning as in the kernel; a flag without {@code =} maps to the empty string.
     */
    static Map<String, String> kernelParams(final String cmdline)
    {
        final Map<String, String> out = new TreeMap<>();
        for (final String token : cmdline.strip().split("\\s+"))
        {
            if (token.equals("--"))
            {
                break;
            }
            final int eq = token.indexOf('=');
            if (!token.isEmpty())
            {
                out.put(eq < 0 ? token : token.substring(0, eq), eq < 0 ? "" : token.substring(eq + 1));
            }
        }
        return out;
    }

    private void cpus(final FingerprintItems out)
    {
        final String cpuinfo = tree.raw("proc/cpuinfo");
        if (cpuinfo == null)
        {
            out.put("cpu.model", tree.status("proc/cpuinfo")).put("cpu.count", tree.status("proc/cpuinfo"));
        }
        else
        {
            String model = FingerprintItems.ABSENT;
            int count = 0;
            for (final String line : cpuinfo.split("\n"))
            {
                final String key = line.contains(":") ? line.substring(0, line.indexOf(':')).strip() : "";
                if (key.equals("processor"))
                {
                    count++;
                }
                else if (key.equals("model name") && count <= 1)
                {
                    model = line.substring(line.indexOf(':') + 1).strip().replaceAll("\\s+", " ");
                }
            }
            out.put("cpu.model", model).put("cpu.count", Integer.toString(count));
        }
        out.put("cpu.online", tree.value(CPU + "/online"));
        final String isolated = tree.value(CPU + "/isolated");
        out.put("cpu.isolated", isolated.isEmpty() ? "none" : isolated);
        final Map<Integer, String> governors = new TreeMap<>();
        for (final int cpu : cpuNumbers())
        {
            governors.put(cpu, tree.value(CPU + "/cpu" + cpu + "/cpufreq/scaling_governor"));
        }
        out.put("cpu.governor", byCpu(governors));
        out.put("cpu.turbo", turbo());
    }

    private String turbo()
    {
        final String noTurbo = CPU + "/intel_pstate/no_turbo";
        final String boost = CPU + "/cpufreq/boost";
        if (!tree.status(noTurbo).equals(FingerprintItems.ABSENT))
        {
            final String v = tree.value(noTurbo);
            return "intel_pstate " + (v.equals("1") ? "off" : v.equals("0") ? "on" : v) + " (no_turbo=" + v + ")";
        }
        if (!tree.status(boost).equals(FingerprintItems.ABSENT))
        {
            final String v = tree.value(boost);
            return "cpufreq " + (v.equals("1") ? "on" : v.equals("0") ? "off" : v) + " (boost=" + v + ")";
        }
        return FingerprintItems.ABSENT;
    }

    private void cpuidle(final FingerprintItems out)
    {
        out.put("cpu.idle.driver", tree.value(CPU + "/cpuidle/current_driver"));
        final String governor = tree.value(CPU + "/cpuidle/current_governor");
        out.put("cpu.idle.governor", governor.equals(FingerprintItems.ABSENT)
            ? tree.value(CPU + "/cpuidle/current_governor_ro") : governor);
        final Map<Integer, String> states = new TreeMap<>();
        for (final int cpu : cpuNumbers())
        {
            final String dir = CPU + "/cpu" + cpu + "/cpuidle";
            final List<String> names = new ArrayList<>();
            for (final String state : tree.list(dir, "state[0-9]*"))
            {
                final String disable = tree.value(dir + "/" + state + "/disable");
                names.add(tree.value(dir + "/" + state + "/name") + (disable.equals("0") ? ""
                    : disable.equals("1") ? "(disabled)" : "(disable=" + disable + ")"));
            }
            states.put(cpu, names.isEmpty() ? FingerprintItems.ABSENT : String.join(",", names));
        }
        out.put("cpu.idle.states", byCpu(states));
        out.put("module.intel_idle.max_cstate", tree.value("sys/module/intel_idle/parameters/max_cstate"));
        out.put("module.processor.max_cstate", tree.value("sys/module/processor/parameters/max_cstate"));
    }

    private List<Integer> cpuNumbers()
    {
        final List<Integer> out = new ArrayList<>();
        for (final String name : tree.list(CPU, "cpu[0-9]*"))
        {
            if (name.substring(3).chars().allMatch(Character::isDigit))
            {
                out.add(Integer.parseInt(name.substring(3)));
            }
        }
        return out;
    }

    /**
     * @param text a sysfs choice file such as {@code always [madvise] never}.
     * @return the bracketed choice, or the text itself when there is none.
     */
    static String selected(final String text)
    {
        final int open = text.indexOf('[');
        final int close = text.indexOf(']', open + 1);
        return open >= 0 && close > open ? text.substring(open + 1, close) : text;
    }

    /**
     * @param perCpu one value per CPU number.
     * @return the value when every CPU has the same one (or {@value FingerprintItems#ABSENT} for no CPU), else
     *         each distinct value with its CPU list, e.g. {@code powersave:0-1 performance:2-3}, in CPU order.
     */
    static String byCpu(final Map<Integer, String> perCpu)
    {
        final Map<String, List<Integer>> groups = new LinkedHashMap<>();
        new TreeMap<>(perCpu).forEach((cpu, v) -> groups.computeIfAbsent(v, k -> new ArrayList<>()).add(cpu));
        if (groups.size() <= 1)
        {
            return groups.isEmpty() ? FingerprintItems.ABSENT : groups.keySet().iterator().next();
        }
        final List<String> parts = new ArrayList<>();
        groups.forEach((v, cpus) -> parts.add(v + ":" + ranges(cpus)));
        return String.join(" ", parts);
    }

    /**
     * @param sorted ascending CPU numbers.
     * @return the kernel's list form, e.g. {@code 0-2,5}.
     */
    static String ranges(final List<Integer> sorted)
    {
        final StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < sorted.size())
        {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1)
            {
                j++;
            }
            sb.append(sb.length() == 0 ? "" : ",").append(sorted.get(i));
            if (j > i)
            {
                sb.append('-').append(sorted.get(j));
            }
            i = j + 1;
        }
        return sb.toString();
    }
}
