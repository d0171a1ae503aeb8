package com.tradingstation.ops.fingerprint;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The JVM a fingerprint was taken in: version, vendor, VM, its input arguments (the flags) and
 * the collectors in use. The gate and {@code station fingerprint} run in the JVM the launcher
 * starts with the station's flags, so these are the flags {@code station run} gets too.
 *
 * @param version java.version.
 * @param vendor  java.vendor.
 * @param vm      java.vm.name and java.vm.version.
 * @param flags   the input arguments, in order.
 * @param gcs     the garbage collector beans' names, in order.
 */
public record JvmFacts(String version, String vendor, String vm, List<String> flags, List<String> gcs)
    implements FingerprintCollector
{
    /** @return this JVM's facts, read from the system properties and the management beans. */
    public static JvmFacts current()
    {
        return new JvmFacts(System.getProperty("java.version"), System.getProperty("java.vendor"),
            System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
            List.copyOf(ManagementFactory.getRuntimeMXBean().getInputArguments()),
            ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList());
    }

    @Override
    public void collect(final FingerprintItems out)
    {
        out.put("jvm.version", version).put("jvm.vendor", vendor).put("jvm.vm", vm)
            .put("jvm.flags", String.join(" ", flags)).put("jvm.gc", String.join(", ", gcs));
    }
}
