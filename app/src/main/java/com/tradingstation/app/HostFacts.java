package com.tradingstation.app;

import com.tradingstation.json.JsonWriter;
import com.tradingstation.runtime.CpuSet;
import com.tradingstation.runtime.ProcFiles;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/** The basics of the host and the JVM a measurement ran on, as a benchmark result records them. */
final class HostFacts
{
    private HostFacts()
    {
    }

    static String read(final String file)
    {
        return ProcFiles.read(Path.of(file)).trim();
    }

    /** @return the CPU model name from /proc/cpuinfo. */
    static String cpuModel()
    {
        for (final String line : read("/proc/cpuinfo").split("\n"))
        {
            if (line.startsWith("model name"))
            {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }

    /**
     * @return MemAvailable of /proc/meminfo in bytes, or -1 when it cannot be read.
     */
    static long memAvailableBytes()
    {
        for (final String line : read("/proc/meminfo").split("\n"))
        {
            if (line.startsWith("MemAvailable:"))
            {
                final String[] parts = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
                try
                {
                    return Long.parseLong(parts[0]) * 1024;
                }
                catch (final NumberFormatException ex)
                {
                    return -1;
                }
            }
        }
        return -1;
    }

    /**
     * Write the JVM and host facts as two objects, {@code jvm} and {@code host}.
     *
     * @param w a writer inside an object.
     */
    static void write(final JsonWriter w)
    {
        w.name("jvm").beginObject()
            .field("version", System.getProperty("java.version"))
            .field("vendor", System.getProperty("java.vendor"))
            .field("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"))
            .name("flags").beginArray();
        ManagementFactory.getRuntimeMXBean().getInputArguments().forEach(w::value);
        w.endArray().endObject();
        final String governor = read("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor");
        w.name("host").beginObject()
            .field("hostname", read("/proc/sys/kernel/hostname"))
            .field("kernel", read("/proc/sys/kernel/osrelease"))
            .field("cpuModel", cpuModel())
            .field("cpusOnline", CpuSet.online().toString())
            .field("cpusIsolated", CpuSet.isolated().toString())
            .field("governor", governor.isEmpty() ? "unknown (no cpufreq)" : governor)
            .field("thp", read("/sys/kernel/mm/transparent_hugepage/enabled"))
            .field("memlockLimit", com.tradingstation.runtime.MemoryLock.limit())
            .endObject();
    }
}
