package com.tradingstation.ops.irq;

import java.util.List;

/**
 * One numbered interrupt: its row of {@code /proc/interrupts} and its {@code /proc/irq/N/} affinity.
 *
 * @param number       the IRQ number.
 * @param counts       interrupts handled per CPU column of {@code /proc/interrupts} (see {@link IrqTable#cpus()}).
 * @param chip         the interrupt controller ({@code IO-APIC}, {@code PCI-MSIX-0000:00:04.0}), or empty.
 * @param hwirq        the controller's line and trigger ({@code 4-edge}), or empty.
 * @param devices      the device names sharing the IRQ ({@code virtio3-rx}), possibly none.
 * @param affinityMask {@code smp_affinity} as the kernel wrote it ({@code 3}), or null when unreadable.
 * @param affinity     the CPUs it may be delivered to ({@code smp_affinity_list}, else the mask), or null.
 * @param effective    the CPUs the controller actually targets ({@code effective_affinity_list}), or null
 *                     where the kernel does not report it.
 */
public record Irq(int number, long[] counts, String chip, String hwirq, List<String> devices, String affinityMask,
    CpuMask affinity, CpuMask effective)
{
    /** @return interrupts handled on every CPU. */
    public long total()
    {
        return IrqTable.sum(counts);
    }

    /** @return the devices joined by {@code ", "}, as {@code /proc/interrupts} shows them. */
    public String name()
    {
        return String.join(", ", devices);
    }

    /**
     * @return the CPUs the kernel may deliver this IRQ to now or after a rebalance: the effective CPUs
     * and the configured ones together (either may be missing).
     */
    public CpuMask deliverable()
    {
        final CpuMask none = CpuMask.none();
        return (affinity == null ? none : affinity).or(effective == null ? none : effective);
    }
}
