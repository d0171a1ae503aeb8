package com.tradingstation.ops.fingerprint;

import com.tradingstation.ops.irq.CpuMask;
import com.tradingstation.ops.irq.Irq;
import com.tradingstation.ops.irq.IrqTable;
import com.tradingstation.ops.irq.IsolatedCpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The IRQ affinity of the station's CPUs: which CPUs are protected (the CPUs {@code station.cpu}
 * pins threads to, else {@code isolcpus=}) and which device IRQs may still be delivered to them, as
 * {@code station irq audit} judges it. Counts are not recorded (they move every second); the device
 * list and the default affinity are, so moving an IRQ onto a pinned CPU changes the hash.
 */
final class IrqCollector implements FingerprintCollector
{
    private final Path proc;
    private final CpuMask stationCpus;

    /**
     * @param root        the directory holding {@code proc}: {@code /} on a host.
     * @param stationCpus the CPUs the station pins threads to, or null when it pins none.
     */
    IrqCollector(final Path root, final CpuMask stationCpus)
    {
        this.proc = root.resolve("proc");
        this.stationCpus = stationCpus;
    }

    @Override
    public void collect(final FingerprintItems out)
    {
        final CpuMask cpus;
        try
        {
            cpus = stationCpus != null && !stationCpus.isEmpty() ? stationCpus : IsolatedCpus.read(proc);
        }
        catch (final IllegalArgumentException ex)
        {
            out.put("irq.protected_cpus", FingerprintItems.UNREADABLE).note("isolcpus: " + ex.getMessage());
            return;
        }
        out.put("irq.protected_cpus", cpus == null ? "none" : cpus.toList());
        final IrqTable table;
        try
        {
            table = IrqTable.read(proc);
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            out.put("irq.default_affinity", FingerprintItems.UNREADABLE);
            out.put("irq.devices_on_protected", FingerprintItems.UNREADABLE).note("interrupts: " + ex.getMessage());
            return;
        }
        out.put("irq.default_affinity", table.defaultAffinity() == null ? FingerprintItems.ABSENT
            : table.defaultAffinity());
        if (cpus == null)
        {
            out.put("irq.devices_on_protected", "none (no protected CPUs)");
            return;
        }
        final List<String> devices = new ArrayList<>();
        for (final Irq irq : table.deliverableTo(cpus))
        {
            devices.add(irq.number() + ":" + irq.name());
        }
        out.put("irq.devices_on_protected", devices.isEmpty() ? "none" : String.join(" ", devices));
    }
}
